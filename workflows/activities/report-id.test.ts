/**
 * Report ids are not derivable from request ids: anyone holding a report id
 * reads the report, and request ids travel in workflow ids, emails and staff
 * screens. One report per request still holds under retries and races.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDsrServices, type DsrServices } from '../../core/dsr-services.js';
import { newRequestId, type RequestDoc } from '../../core/storage/requests.js';
import type { Storage } from '../../core/storage/mongo.js';
import { openTestStorage } from '../../test/support/workflows/harness.js';
import type { ActivityDeps } from './index.js';
import { reportActivities } from './report.activities.js';

const secretKeys = [{ kid: 'test', key: randomBytes(32) }];
let storage: Storage & { drop(): Promise<void> };
let dsr: DsrServices;
let seal: ReturnType<typeof reportActivities>['sealReport'];

beforeAll(async () => {
  storage = await openTestStorage();
  const config = { secretKeys, verification: { ttlMs: 60_000, maxAttempts: 5 }, mail: { smtpUrl: 'smtp://127.0.0.1:9', from: 'dpo@gardien.test', defaultLanguage: 'en' as const }, publicUrl: 'http://gardien.test' };
  dsr = createDsrServices(config, storage);
  await dsr.ensureIndexes();
  const deps: ActivityDeps = {
    config: { ...config, exportLinkTtlMs: 60_000, tokenSecret: 'x'.repeat(32), deadlines: { dpoEmail: 'dpo@gardien.test', reminderLeadsMs: [], manualTaskReminderMs: 60_000 }, defaultCountry: 'FR' },
    storage: dsr,
    verification: dsr.verification,
    catalog: { list: async () => [], get: async () => null, open: async () => { throw new Error('no connectors here'); } } as never,
    mailer: dsr.mailer,
    signer: dsr.signer,
  };
  seal = reportActivities(deps).sealReport;
});
afterAll(async () => {
  dsr?.close();
  await storage?.drop();
});

async function fileRequest(): Promise<string> {
  const now = new Date();
  const id = newRequestId();
  const doc: RequestDoc = {
    _id: id, type: 'ERASURE', status: 'IN_PROGRESS', statusReason: null, identity: { email: 'yves.morel@example.fr' }, language: 'fr', details: null,
    accessTokenHash: 'x', workflowId: `dsr-${id}`, receivedAt: now, dueAt: now,
    verifiedAt: now, verificationMethod: 'email_code', completedAt: null, updatedAt: now, reportId: null, exportId: null,
  };
  await dsr.requests.insert(doc);
  return id;
}

describe('report ids', () => {
  it('are random: nothing of the request id is in them, and two requests never share a pattern', async () => {
    const [a, b] = [await fileRequest(), await fileRequest()];
    const [ra, rb] = [(await seal({ requestId: a, summaries: [], status: 'COMPLETED' })).reportId, (await seal({ requestId: b, summaries: [], status: 'COMPLETED' })).reportId];
    for (const [requestId, reportId] of [[a, ra], [b, rb]] as const) {
      expect(reportId).toMatch(/^rep_[A-Za-z0-9_-]{22}$/);
      expect(reportId).not.toContain(requestId.replace(/^req_/, ''));
      expect((await dsr.requests.get(requestId)).reportId).toBe(reportId);
    }
    expect(ra).not.toBe(rb);
  });

  it('stay the same when the seal is retried or raced: one report per request', async () => {
    const id = await fileRequest();
    const raced = await Promise.all(Array.from({ length: 5 }, () => seal({ requestId: id, summaries: [], status: 'COMPLETED' })));
    const again = await seal({ requestId: id, summaries: [], status: 'COMPLETED' });
    const ids = new Set([...raced, again].map((r) => r.reportId));
    expect(ids.size).toBe(1);
    expect(await storage.collection('reports').countDocuments({ requestId: id })).toBe(1);
    expect((await dsr.requests.get(id)).reportId).toBe(again.reportId);
  });

  it('keep a report made before under its old derived id: readable, and a retry returns it', async () => {
    const id = await fileRequest();
    const first = await seal({ requestId: id, summaries: [], status: 'COMPLETED' });
    const stored = (await dsr.reports.find(first.reportId))!;
    const oldId = `rep_${id.replace(/^req_/, '')}`;
    await storage.collection('reports').deleteOne({ _id: first.reportId as never });
    await dsr.reports.saveOnce({ ...stored, _id: oldId });
    expect((await dsr.reports.file(oldId)).reportId).toBe(oldId);
    expect((await seal({ requestId: id, summaries: [], status: 'COMPLETED' })).reportId).toBe(oldId);
  });
});
