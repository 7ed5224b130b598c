import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFrom, mailAbout, startHarness, type Harness } from '../test/e2e/harness.js';
import { personalDataIn } from '../test/e2e/history.js';
import { locateCalls } from '../test/e2e/memory-plugin.js';
import { AesGcmPayloadCodec } from './codec.js';

/** Submits an access request for `email` and enters the emailed code. */
async function submitVerified(h: Harness, email: string): Promise<string> {
  const { request } = await h.requests.submit({ type: 'ACCESS', identity: { email } });
  const mail = await mailAbout(request._id, email, 'Your verification code');
  await h.requests.verify(request._id, codeFrom(mail.text));
  return request._id;
}

describe('a system that fails or slows down (real Temporal)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 120_000);
  afterAll(async () => h?.close());

  it('marks the request FAILED naming the system and why, when its error cannot get better', async () => {
    const broken = await h.catalog.register({ kind: 'memory', name: 'legacy-crm', config: { system: 'salesforce', fail: { kind: 'authentication' } } });
    const healthy = await h.catalog.register({ kind: 'memory', name: 'billing', config: { system: 'sql' } });
    try {
      const id = await submitVerified(h, 'james.whitfield@example.co.uk');
      expect(await h.temporal.result(id)).toEqual({ status: 'FAILED', reportId: null });
      const doc = await h.requests.get(id);
      expect(doc.status).toBe('FAILED');
      expect(doc.statusReason).toBe('legacy-crm: legacy-crm says: authentication');
      expect((await h.services.requests.systems(id)).map((s) => [s.name, s.status, s.error])).toEqual([
        ['billing', 'DONE', null],
        ['legacy-crm', 'FAILED', 'legacy-crm says: authentication'],
      ]);
      expect(locateCalls.get(broken._id)).toHaveLength(1); // not retried: a wrong password stays wrong
      // The failure message is in the history only encrypted (encodeCommonAttributes + the AES-GCM codec).
      const child = h.temporal.client.workflow.getHandle(`dsr-${id}-${broken._id}`);
      const found = await personalDataIn([child], ['legacy-crm says'], new AesGcmPayloadCodec(h.config.secretKeys));
      expect(found.filter((f) => f.includes('raw'))).toEqual([]);
      expect(found.filter((f) => f.includes('decoded payload'))).not.toEqual([]);
      expect((await h.services.outbox.forRequest(id)).map((m) => m.template)).toEqual(['received', 'verification_code']);
    } finally {
      await h.catalog.remove(broken._id);
      await h.catalog.remove(healthy._id);
    }
  }, 120_000);

  it('waits as long as a rate-limited vendor asks, then completes', async () => {
    const slow = await h.catalog.register({ kind: 'memory', name: 'hubspot', config: { system: 'hubspot', fail: { kind: 'rate_limited', times: 1, retryAfterMs: 3000 } } });
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
