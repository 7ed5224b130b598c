/** The file-share connector opened as the catalog would open it, on a fresh database and folder of the test stack. */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../../../core/logger.js';
import { Storage } from '../../../core/storage/mongo.js';
import type { ConnectorContext } from '../../../connectors/sdk/contract.js';
import type { AtomicHooks } from '../../../connectors/fileshare/atomic.js';
import { fileshareConfigSchema } from '../../../connectors/fileshare/config.js';
import type { FileshareConnector } from '../../../connectors/fileshare/connector.js';
import { createFileshareConnector } from '../../../connectors/fileshare/plugin.js';
import { mongoTestDb } from '../stack/db.js';

export function testContext(storage: Storage, overrides: Partial<ConnectorContext> = {}): ConnectorContext {
  return { connectorId: 'conn_fileshare_test', name: 'shared-drive', logger: createLogger('connector:shared-drive'), timeoutMs: 10_000, defaultCountry: 'FR', storage, ...overrides };
}

export function openShare(storage: Storage, config: Record<string, unknown>, options: { context?: Partial<ConnectorContext>; hooks?: AtomicHooks } = {}): Promise<FileshareConnector> {
  return createFileshareConnector(fileshareConfigSchema.parse(config), {}, testContext(storage, options.context), options.hooks);
}

/** A fresh database on the test stack's MongoDB-protocol server, as Gardien's Storage, and a temporary folder. */
export async function openTestShare(prefix: string): Promise<{ storage: Storage; dir: string; close(): Promise<void> }> {
  const db = await mongoTestDb(prefix);
  const storage = await Storage.open(db.uri, db.name);
  const dir = await fs.mkdtemp(path.join(tmpdir(), `gardien-${prefix}-`));
  return {
    storage,
    dir,
    async close() {
      await storage.close();
      await db.drop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
