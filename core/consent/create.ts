/** The ledger built from the configuration, as the gateway (and later the worker) uses it. */
import type { AuditTrail } from '../audit.js';
import type { GardienConfig } from '../config.js';
import type { Storage } from '../storage/mongo.js';
import type { RestrictionMarks } from '../storage/restrictions.js';
import { ConsentLedger } from './ledger.js';
import { PersonDirectory } from './people.js';
import { PurposeCatalog } from './purposes.js';
import { StoredObjectionRequests } from './request-objections.js';
import { ConsentStore } from './store.js';
import { UnsubscribeLinks } from './unsubscribe.js';

export async function createConsentLedger(
  config: Pick<GardienConfig, 'secretKeys' | 'consent' | 'defaultCountry' | 'publicUrl'>,
  storage: Storage,
  deps: { audit: Pick<AuditTrail, 'record'>; restrictions: Pick<RestrictionMarks, 'find'> },
): Promise<ConsentLedger> {
  const store = new ConsentStore(storage);
  await store.ensureIndexes();
  return new ConsentLedger({
    store,
    people: new PersonDirectory(store, config.secretKeys),
    purposes: new PurposeCatalog(storage),
    audit: deps.audit,
    restrictions: deps.restrictions,
    objectionRequests: new StoredObjectionRequests(storage),
    links: new UnsubscribeLinks(config.secretKeys, config.publicUrl),
    settings: config.consent,
    defaultCountry: config.defaultCountry,
  });
}
