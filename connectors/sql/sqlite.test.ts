import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, type InValue } from '@libsql/client';
import { runConformanceSuite } from '../sdk/testkit/conformance.js';
import { LEGACY_BYSTANDER, LEGACY_SUBJECT, createLegacySchema, legacyConnectorConfig } from '../../test/fixtures/legacy-schema.js';
import { openSqlConnector } from './test-helpers.js';

/** A fresh SQLite file holding the legacy fixture schema. */
export async function legacySqliteFile(): Promise<{ file: string; remove(): void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gardien-sql-'));
  const file = path.join(dir, 'legacy.db');
  const client = createClient({ url: `file:${file}` });
  await createLegacySchema((sql, params) => client.execute({ sql, args: (params ?? []) as InValue[] }), 'sqlite');
  client.close();
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

runConformanceSuite({
  name: 'sql on SQLite (legacy fixture)',
  async setup() {
    const db = await legacySqliteFile();
    return {
      connector: await openSqlConnector(legacyConnectorConfig(`file:${db.file}`)),
      identity: LEGACY_SUBJECT,
      bystander: LEGACY_BYSTANDER,
      expectedObjects: ['people', 'addresses', 'orders', 'order_lines', 'invoices'],
      cleanup: async () => db.remove(),
    };
  },
});
