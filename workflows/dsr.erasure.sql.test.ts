import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyPostgres } from '../test/support/sql/servers.js';
import { legacySqlite, type LegacySqlite } from '../test/support/sql/sqlite.js';
import type { TemporaryDatabase } from '../test/support/sql/temporary-database.js';
import { INVOICE_LEGAL_HOLD, legacyConnectorConfig } from '../test/fixtures/legacy-schema.js';
import { verifyReport } from '../core/report/verify.js';
import { codeFrom, mailAbout, startHarness, type Harness } from '../test/support/workflows/harness.js';
import { personalDataIn } from '../test/support/workflows/history.js';
import { AesGcmPayloadCodec } from './runtime/codec.js';

describe('erasure request against the SQL connector on SQLite and PostgreSQL (real Temporal)', () => {
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

  it('erases the subject in both databases, keeps the invoice under its legal hold and says so in the signed report', async () => {
    const email = 'aurelie.marchand@example.fr';
    const { request } = await h.requests.submit({ type: 'ERASURE', identity: { email } });
    await h.requests.verify(request._id, codeFrom((await mailAbout(request._id, email, 'verification code')).text));
    expect((await h.temporal.result(request._id)).status).toBe('COMPLETED');

    const systems = await h.services.requests.systems(request._id);
    expect(systems.map((s) => [s.name, s.status, s.error])).toEqual([['billing-postgres', 'DONE', null], ['billing-sqlite', 'DONE', null]]);
    for (const system of systems) {
      expect(system.counts.located).toBeGreaterThan(1);
      expect(system.counts.retained).toBe(1);
      expect(system.counts.erased).toBe(system.counts.located - 1);
      // the invoice, still billed to her, kept by law, and anonymised rows it refers to
      expect(system.counts.remaining).toBeGreaterThan(1);
    }

    const doc = await h.requests.get(request._id);
    const { report } = await verifyReport((await h.services.reports.file(doc.reportId!)).jws, await h.services.signingKeys.jwks());
    expect(report.request.type).toBe('ERASURE');
    for (const system of report.systems) {
      expect(system.action).toBe('erase');
      expect(system.erasure?.retained).toEqual([
        { object: 'invoices', records: 1, basis: INVOICE_LEGAL_HOLD.basis, retainUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      ]);
      const verification = system.erasure!.verification;
      expect(verification).toMatchObject({ retained: 1, unexpected: [] });
      expect(verification.anonymised).toBeGreaterThan(0);
      expect(verification.remaining).toBe(verification.retained + verification.anonymised);
      expect(verification.remaining).toBe(systems.find((s) => s.connectorId === system.connectorId)!.counts.remaining);
      expect(system.erasure?.actions.retained).toBe(1);
    }

    // A new request for the same person finds only the kept invoice and the anonymised order it refers to.
    const again = await h.requests.submit({ type: 'ACCESS', identity: { email } });
    await h.requests.verify(again.request._id, codeFrom((await mailAbout(again.request._id, email, 'verification code')).text));
    expect((await h.temporal.result(again.request._id)).status).toBe('COMPLETED');
    const later = await h.services.requests.systems(again.request._id);
    expect(later.map((s) => s.counts.located)).toEqual(systems.map((s) => s.counts.remaining));
    expect((await mailAbout(request._id, email, 'is complete')).text).toContain('/reports/');

    // No personal data in the erasure's Temporal histories (raw, or decrypted).
    const handles = [h.temporal.handle(request._id), ...systems.map((s) => h.temporal.client.workflow.getHandle(`dsr-${request._id}-${s.connectorId}`))];
    const needles = [email, 'Aurelie', 'Marchand', 'C-1001', 'F2023-0412'];
    expect(await personalDataIn(handles, needles, new AesGcmPayloadCodec(h.config.secretKeys))).toEqual([]);
  }, 180_000);
});
