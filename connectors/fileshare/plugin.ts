import { ConnectorError } from '../../core/errors.js';
import type { Storage } from '../../core/storage/mongo.js';
import type { ConnectorContext, ConnectorPlugin } from '../sdk/contract.js';
import type { AtomicHooks } from './atomic.js';
import { type FileshareConfig, type FileshareSecrets, fileshareConfigSchema, fileshareSecretsSchema } from './config.js';
import { FileshareConnector } from './connector.js';
import { FileIndexStore } from './store.js';

const indexesReady = new WeakMap<Storage, Promise<void>>();

/** Builds the connector without touching the share; `check()` does. The index lives in Gardien's storage. */
export async function createFileshareConnector(config: FileshareConfig, _secrets: FileshareSecrets, context: ConnectorContext, hooks?: AtomicHooks): Promise<FileshareConnector> {
  const storage = context.storage;
  if (!storage) {
    throw new ConnectorError('configuration', 'The file share connector keeps its index in Gardien\'s storage, which was not given to it (ConnectorCatalog options.storage)');
  }
  const store = new FileIndexStore(storage, context.connectorId);
  if (!indexesReady.has(storage)) indexesReady.set(storage, store.ensureIndexes().catch((error: unknown) => {
    indexesReady.delete(storage);
    throw error;
  }));
  await indexesReady.get(storage);
  return new FileshareConnector(config, context, store, hooks);
}

export const filesharePlugin: ConnectorPlugin<FileshareConfig, FileshareSecrets> = {
  kind: 'fileshare',
  displayName: 'File share (CSV, Excel, Word, PDF, text, JSON, email files)',
  configSchema: fileshareConfigSchema,
  secretsSchema: fileshareSecretsSchema,
  create: (config, secrets, context) => createFileshareConnector(config, secrets, context),
};
