/**
 * The connectors as the processing register sees them: their objects and
 * fields, read live from each system (describe), or — when a system is
 * disabled, unreachable or slow — as stored at registration, saying why.
 */
import type { ConnectorCatalog } from '../connectors/sdk/catalog.js';
import type { ConnectorDescription } from '../connectors/sdk/contract.js';
import { errorMessage, NotFoundError } from '../core/errors.js';
import type { RegisterSystems, SystemSnapshot } from '../core/register/systems.js';
import type { ConnectorDoc } from '../core/storage/connectors.js';

function holdings(description: unknown): SystemSnapshot['objects'] {
  const objects = (description as ConnectorDescription | null)?.objects;
  return objects ? objects.map((o) => ({ name: o.name, fields: o.fields.map((f) => ({ name: f.name, category: f.category })) })) : null;
}

function stored(doc: ConnectorDoc, problem?: string): SystemSnapshot {
  const objects = holdings(doc.description);
  return { connectorId: doc._id, name: doc.name, kind: doc.kind, enabled: doc.enabled, objects, source: objects ? 'stored' : 'none', ...(problem ? { problem } : {}) };
}

export class CatalogRegisterSystems implements RegisterSystems {
  constructor(
    private readonly catalog: Pick<ConnectorCatalog, 'list' | 'get' | 'open'>,
    private readonly timeoutMs: number,
  ) {}

  async find(idOrName: string): Promise<SystemSnapshot | null> {
    try {
      return stored(await this.catalog.get(idOrName));
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  describeAll(): Promise<SystemSnapshot[]> {
    return this.catalog.list().then((docs) => Promise.all(docs.map((doc) => this.#describe(doc))));
  }

  async #describe(doc: ConnectorDoc): Promise<SystemSnapshot> {
    if (!doc.enabled) return stored(doc, 'disabled');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      const description = await Promise.race([this.catalog.open(doc).then((c) => c.describe()), deadline]);
      return { ...stored(doc), objects: holdings(description), source: 'live' };
    } catch (error) {
      return stored(doc, `unreachable: ${errorMessage(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
