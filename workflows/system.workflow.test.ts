import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SystemProgress } from '../core/requests.js';
import { codeFrom, mailAbout, startHarness, type Harness } from '../test/support/workflows/harness.js';
import { personalDataIn } from '../test/support/workflows/history.js';
import { locateCalls } from '../test/support/connectors/fixture-plugin.js';
import { AesGcmPayloadCodec } from './runtime/codec.js';

/** Submits an access request for `email` and enters the emailed code. */
async function submitVerified(h: Harness, email: string): Promise<string> {
  const { request } = await h.requests.submit({ type: 'ACCESS', identity: { email } });
  const mail = await mailAbout(request._id, email, 'Your verification code');
  await h.requests.verify(request._id, codeFrom(mail.text));
  return request._id;
}

/** The request's systems once `ready` holds (polling the read model, as the DPO's screen would). */
async function systemsWhen(h: Harness, id: string, ready: (systems: SystemProgress[]) => boolean): Promise<SystemProgress[]> {
  for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    const systems = await h.services.requests.systems(id);
    if (ready(systems)) return systems;
  }
  throw new Error(`request ${id}: the systems never got there: ${JSON.stringify(await h.services.requests.systems(id))}`);
}

describe('a system that fails or slows down (real Temporal)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 120_000);
  afterAll(async () => h?.close());

  it('shows a system that cannot get better as FAILED with its reason, and waits for the DPO to retry it or settle it by hand', async () => {
    const broken = await h.catalog.register({ kind: 'fixture', name: 'legacy-crm', config: { system: 'salesforce', fail: { kind: 'authentication' } } });
    const healthy = await h.catalog.register({ kind: 'fixture', name: 'billing', config: { system: 'sql' } });
    try {
      const id = await submitVerified(h, 'james.whitfield@example.co.uk');
      const failedOnce = await systemsWhen(h, id, (s) => s.find((x) => x.name === 'legacy-crm')?.status === 'FAILED' && s.find((x) => x.name === 'billing')?.status === 'DONE');
      expect(failedOnce.map((s) => [s.name, s.status, s.error])).toEqual([
        ['billing', 'DONE', null],
        ['legacy-crm', 'FAILED', 'legacy-crm says: authentication'],
      ]);
      expect((await h.requests.get(id)).status).toBe('IN_PROGRESS'); // not stuck silently, not failed: waiting for the DPO
      expect(locateCalls.get(broken._id)).toHaveLength(1); // not retried by Temporal: a wrong password stays wrong
      const alert = await mailAbout(id, h.config.deadlines.dpoEmail, 'legacy-crm');
      expect(alert.text).toContain('legacy-crm says: authentication');

      // Only a failed system can be retried; the DPO's retry runs it again (and it fails again).
      await expect(h.actions.retrySystem(id, healthy._id)).rejects.toThrow('billing is done: only a failed system can be retried or resolved');
      await h.actions.retrySystem(id, broken._id);
      await systemsWhen(h, id, () => (locateCalls.get(broken._id)?.length ?? 0) === 2);
      await systemsWhen(h, id, (s) => s.find((x) => x.name === 'legacy-crm')?.status === 'FAILED');

      // Settled by hand: empty evidence is refused and changes nothing; real evidence completes the request.
      await expect(h.actions.resolveSystem(id, broken._id, 'dpo@corp.example', '   ', null)).rejects.toThrow('Say what was done or found');
      const evidence = 'Legacy CRM exported by hand from its admin console: 1 contact, sent to the DPO by post';
      await h.actions.resolveSystem(id, broken._id, 'dpo@corp.example', evidence, 1);
      const outcome = await h.temporal.result(id);
      expect(outcome.status).toBe('COMPLETED');
      const report = (await h.services.reports.find(outcome.reportId!))!.report;
      const system = report.systems.find((s) => s.name === 'legacy-crm')!;
      expect(system).toMatchObject({ status: 'DONE', attempts: 2, error: 'legacy-crm says: authentication' });
      expect(system.manual).toMatchObject({ reason: 'resolution', completedBy: 'dpo@corp.example', records: 1, evidenceSha256: createHash('sha256').update(evidence).digest('hex') });
      expect((await h.services.requests.systems(id)).map((s) => [s.name, s.status])).toEqual([['billing', 'DONE'], ['legacy-crm', 'DONE']]);

      // The failure message is in the history only encrypted (encodeCommonAttributes + the AES-GCM codec).
      const child = h.temporal.client.workflow.getHandle(`dsr-${id}-${broken._id}`);
      const found = await personalDataIn([child], ['legacy-crm says'], new AesGcmPayloadCodec(h.config.secretKeys));
      expect(found.filter((f) => f.includes('raw'))).toEqual([]);
      expect(found.filter((f) => f.includes('decoded payload'))).not.toEqual([]);
      expect((await h.services.outbox.forRequest(id)).map((m) => m.template)).toEqual(['received', 'verification_code', 'in_progress', 'system_failed', 'system_failed', 'completed']);
    } finally {
      await h.catalog.remove(broken._id);
      await h.catalog.remove(healthy._id);
    }
  }, 120_000);

  it('waits as long as a rate-limited vendor asks, then completes', async () => {
    const slow = await h.catalog.register({ kind: 'fixture', name: 'hubspot', config: { system: 'hubspot', fail: { kind: 'rate_limited', times: 1, retryAfterMs: 3000 } } });
    try {
      const id = await submitVerified(h, 'sofia.ricci@example.it');
      expect((await h.temporal.result(id)).status).toBe('COMPLETED');
      const calls = locateCalls.get(slow._id)!;
      expect(calls).toHaveLength(2);
      expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(2900); // the retry honoured Retry-After, not the 2 s default
      expect((await h.services.requests.systems(id)).map((s) => [s.status, s.counts])).toEqual([['DONE', { located: 2, exported: 2 }]]);
    } finally {
      await h.catalog.remove(slow._id);
    }
  }, 120_000);
});

describe('verification that never comes (real Temporal)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ VERIFICATION_CODE_TTL_MINUTES: '0.04' }); // 2.4 s
  }, 120_000);
  afterAll(async () => h?.close());

  it('rejects the request when the code is not entered in time, and the late code is refused', async () => {
    const { request } = await h.requests.submit({ type: 'ACCESS', identity: { email: 'noah.schmidt@example.de' } });
    const mail = await mailAbout(request._id, 'noah.schmidt@example.de', 'Your verification code');
    expect(await h.temporal.result(request._id)).toEqual({ status: 'REJECTED', reportId: null });
    const doc = await h.requests.get(request._id);
    expect([doc.status, doc.statusReason]).toEqual(['REJECTED', 'The identity was not verified in time']);
    await expect(h.requests.verify(request._id, codeFrom(mail.text))).rejects.toThrow('This request is rejected and can no longer be verified');
  }, 60_000);
});
