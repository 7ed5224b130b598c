import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors.js';
import { verifyReport } from '../core/report/verify.js';
import { codeFrom, mailAbout, startHarness, type Harness } from '../test/support/workflows/harness.js';
import { personalDataIn } from '../test/support/workflows/history.js';
import { AesGcmPayloadCodec } from './runtime/codec.js';

const CAMILLE = 'camille.durand@example.fr'; // in every demo system
const PETER = 'peter.novak@example.com'; // only in the sql demo system

describe('access request workflow (real Temporal, FerretDB, SMTP)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.catalog.register({ kind: 'fixture', name: 'crm', config: { system: 'salesforce' } });
    await h.catalog.register({ kind: 'fixture', name: 'shop', config: { system: 'sql' } });
    await h.catalog.register({ kind: 'fixture', name: 'archive', config: { system: 'fileshare' }, enabled: false });
  }, 120_000);
  afterAll(async () => h?.close());

  it('emails a code, refuses a wrong one, then collects every enabled system and signs the report', async () => {
    const { request } = await h.requests.submit({
      type: 'ACCESS',
      identity: { email: ' Camille.Durand@Example.fr ', name: 'Camille Durand', phone: '06 12 34 56 78' },
      language: 'fr',
    });
    expect(request.status).toBe('RECEIVED');
    expect((await mailAbout(request._id, CAMILLE, 'Nous avons reçu')).subject).toBe(`Nous avons reçu votre demande ${request._id}`);
    const codeMail = await mailAbout(request._id, CAMILLE, 'Votre code');
    const code = codeFrom(codeMail.text);

    const wrong = code === '000000' ? '000001' : '000000';
    const refused = h.requests.verify(request._id, wrong);
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toThrow('Wrong code; 4 attempts left');
    expect((await h.requests.get(request._id)).status).toBe('AWAITING_VERIFICATION');

    const verified = await h.requests.verify(request._id, code);
    expect(verified.status).toBe('IN_PROGRESS');
    const outcome = await h.temporal.result(request._id);
    expect(outcome).toEqual({ status: 'COMPLETED', reportId: expect.stringMatching(/^rep_/) });

    const done = await h.requests.get(request._id);
    expect(done.status).toBe('COMPLETED');
    expect((await h.services.requests.systems(done._id)).map((s) => [s.name, s.status, s.counts])).toEqual([
      ['crm', 'DONE', { located: 3, exported: 3 }],
      ['shop', 'DONE', { located: 3, exported: 3 }],
    ]);

    const pkg = JSON.parse(await h.services.exports.readText(done.exportId!)) as { systems: { connector: { name: string }; records: { fields: Record<string, unknown> }[] }[] };
    expect(pkg.systems.map((s) => s.connector.name)).toEqual(['crm', 'shop']);
    expect(pkg.systems[0]!.records[0]!.fields).toMatchObject({ email: CAMILLE, last_name: 'Durand' });

    const file = await h.services.reports.file(done.reportId!);
    const verifiedReport = await verifyReport(file.jws, await h.services.signingKeys.jwks());
    expect(verifiedReport.report.export).toEqual({ id: done.exportId, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: expect.any(Number) });
    expect(verifiedReport.report.systems.map((s) => [s.name, s.action, s.counts.exported])).toEqual([['crm', 'export', 3], ['shop', 'export', 3]]);

    const completed = await mailAbout(request._id, CAMILLE, 'est traitée');
    expect(completed.text).toContain(`http://gardien.test/exports/${done.exportId}?token=`);
    expect(completed.text).toContain(`http://gardien.test/reports/${done.reportId}`);
    expect((await h.services.outbox.forRequest(request._id)).map((m) => [m.template, m.status])).toEqual([
      ['received', 'sent'],
      ['verification_code', 'sent'],
      ['in_progress', 'sent'],
      ['completed', 'sent'],
    ]);

    // No personal data in Temporal history: neither in the raw bytes nor in the payloads once decrypted.
    const handles = [h.temporal.handle(request._id), ...(await h.services.requests.systems(done._id)).map((s) => h.temporal.client.workflow.getHandle(`dsr-${request._id}-${s.connectorId}`))];
    const needles = [CAMILLE, 'Camille', 'Durand', '+33612345678', '0612345678', '06 12 34 56 78', 'Lyon', 'abonnement'];
    expect(await personalDataIn(handles, needles, new AesGcmPayloadCodec(h.config.secretKeys))).toEqual([]);
    // …and the check would see it if it were there: the request id is in the decoded payloads.
    expect((await personalDataIn(handles.slice(0, 1), [request._id], new AesGcmPayloadCodec(h.config.secretKeys))).some((f) => f.includes('decoded payload'))).toBe(true);
  }, 120_000);

  it('answers with an empty export for someone a system does not know', async () => {
    const { request } = await h.requests.submit({ type: 'ACCESS', identity: { email: PETER } });
    const code = codeFrom((await mailAbout(request._id, PETER, 'Your verification code')).text);
    await h.requests.verify(request._id, code);
    expect((await h.temporal.result(request._id)).status).toBe('COMPLETED');
    const done = await h.requests.get(request._id);
    expect((await h.services.requests.systems(done._id)).map((s) => [s.name, s.counts.exported])).toEqual([['crm', 0], ['shop', 2]]);
    const progress = await h.temporal.progress(request._id);
    expect(progress.phase).toBe('completed');
    expect(Object.values(progress.systems).map((s) => s.status)).toEqual(['DONE', 'DONE']);
  }, 120_000);
});
