/** Test-only: a fresh SQLite file holding the legacy fixture schema. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, type Client, type InValue } from '@libsql/client';
import { createLegacySchema } from '../../fixtures/legacy-schema.js';

export interface LegacySqlite {
  file: string;
  url: string;
  /** A direct client, to check what the connector did. */
  client: Client;
  remove(): void;
}

export async function legacySqlite(): Promise<LegacySqlite> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gardien-sql-'));
  const file = path.join(dir, 'legacy.db');
  const client = createClient({ url: `file:${file}` });
  await createLegacySchema((sql, params) => client.execute({ sql, args: (params ?? []) as InValue[] }), 'sqlite');
  return {
    file,
    url: `file:${file}`,
    client,
    remove: () => {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
