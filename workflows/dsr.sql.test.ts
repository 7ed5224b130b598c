import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyPostgres } from '../test/support/sql/servers.js';
import { legacySqlite, type LegacySqlite } from '../test/support/sql/sqlite.js';
import type { TemporaryDatabase } from '../test/support/sql/temporary-database.js';
import { legacyConnectorConfig } from '../test/fixtures/legacy-schema.js';
import { verifyReport } from '../core/report/verify.js';
import { codeFrom, mailAbout, startHarness, type Harness } from '../test/support/workflows/harness.js';

interface ExportedRecord {
  object: string;
  id: string;
  fields: Record<string, unknown>;
}

describe('access request against the SQL connector on SQLite and PostgreSQL (real Temporal)', () => {
  let h: Harness;
  let sqlite: LegacySqlite;
  let postgres: TemporaryDatabase;
  beforeAll(async () => {
    h = await startHarness();
    sqlite = await legacySqlite();
    postgres = await legacyPostgres();
    await h.catalog.register({ kind: 'sql', name: 'billing-sqlite', config: legacyConnectorConfig(sqlite.url) });
    await h.catalog.register({ kind: 'sql', name: 'billing-postgres', config: legacyConnectorConfig(postgres.url) });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    sqlite?.remove();
    await postgres?.drop();
  });

  it("exports the subject's rows and related rows from both databases, and nobody else's", async () => {
    const email = 'aurelie.marchand@example.fr'; // stored as Aurelie.Marchand@Example.FR
    const { request } = await h.requests.submit({ type: 'ACCESS', identity: { email } });
    await h.requests.verify(request._id, codeFrom((await mailAbout(request._id, email, 'verification code')).text));
    expect((await h.temporal.result(request._id)).status).toBe('COMPLETED');

    const doc = await h.requests.get(request._id);
    const systems = await h.services.requests.systems(request._id);
    expect(systems.map((s) => [s.name, s.status])).toEqual([['billing-postgres', 'DONE'], ['billing-sqlite', 'DONE']]);
    expect(systems[0]!.counts).toEqual(systems[1]!.counts);
    expect(systems[0]!.counts.exported).toBe(systems[0]!.counts.located);

    const pkg = JSON.parse(await h.services.exports.readText(doc.exportId!)) as { systems: { connector: { name: string }; records: ExportedRecord[] }[] };
    for (const system of pkg.systems) {
      const byObject = (object: string) => system.records.filter((r) => r.object === object);
      expect(byObject('people').map((r) => r.fields.customer_number)).toEqual(['C-1001']);
      expect(byObject('invoices').map((r) => r.fields.number)).toEqual(['F2023-0412']);
      expect(byObject('orders').map((r) => Number(r.fields.id)).sort()).toEqual([10, 11]);
      expect(JSON.stringify(system.records)).not.toContain('Ferreira');
    }

    const file = await h.services.reports.file(doc.reportId!);
    const { report } = await verifyReport(file.jws, await h.services.signingKeys.jwks());
    expect(report.systems.map((s) => [s.name, s.kind, s.status])).toEqual([['billing-postgres', 'sql', 'DONE'], ['billing-sqlite', 'sql', 'DONE']]);
  }, 120_000);
});
