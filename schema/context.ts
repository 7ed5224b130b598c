import type { ConnectorCatalog } from '../connectors/sdk/catalog.js';
import type { PluginRegistry } from '../connectors/sdk/registry.js';
import type { Actor } from '../core/actor.js';
import type { AuditTrail } from '../core/audit.js';
import type { ConsentLedger } from '../core/consent/ledger.js';
import type { ConnectorCrawls } from '../core/crawls.js';
import type { ProcessingRegister } from '../core/register/service.js';
import type { RequestActions } from '../core/request-actions.js';
import type { RequestService } from '../core/request-service.js';
import type { SubjectLookup } from '../core/subject-view.js';

/** What resolvers may use. The gateway's services object satisfies it (schema/ does not import gateway/). */
export interface SchemaServices {
  catalog: ConnectorCatalog;
  registry: PluginRegistry;
  federation: SubjectLookup;
  audit: AuditTrail;
  requests: RequestService;
  requestActions: RequestActions;
  /** File share crawls: on demand, scheduled, and their progress. */
  crawls: ConnectorCrawls;
  /** The consent ledger: recording, state, history, `canContact`, unsubscribe links. */
  consents: ConsentLedger;
  /** The processing register (Art. 30): processings, mappings, gaps. */
  register: ProcessingRegister;
}

/** The caller's open `requestUpdated` streams: `open` throws past the gateway's cap; call the release it returns when the stream ends. */
export interface RequestStreams {
  open(requestId: string): () => void;
}

export interface GardienContext {
  /** Null only where the gateway lets a request in without a token. */
  actor: Actor | null;
  services: SchemaServices;
  /** Absent where no gateway counts streams (unit tests of resolvers). */
  streams?: RequestStreams;
}
