/**
 * People in the loop, on the real stack: a system with no API waits for its
 * manual task (reminded while open), a connector without the capability hands
 * its part to a person, and a cancelled request stops each system and says
 * what was done.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FileshareConnector } from '../connectors/fileshare/connector.js';
import { pdfBytes, writeFiles } from '../devstack/demo/documents.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../test/support/stack/poll.js';
import { caughtMails } from '../test/support/stack/mail.js';
import { codeFrom, mailAbout, startHarness, type Harness } from '../test/support/workflows/harness.js';

const ARCHIVIST = 'archives@gardien.test';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('manual tasks and cancellation (real Temporal)', () => {
  let h: Harness;
  let archiveId: string;
  beforeAll(async () => {
    h = await startHarness({ MANUAL_TASK_REMINDER_EVERY: '2s', DPO_EMAIL: 'dpo@gardien.test' });
    archiveId = (await h.catalog.register({ kind: 'manual', name: 'paper-archive', config: { assignee: ARCHIVIST, instructions: 'Boxes by year in room B12.' } }))._id;
    await h.catalog.register({ kind: 'fixture', name: 'shop', config: { system: 'sql' } });
  }, 120_000);
  afterAll(async () => h?.close());

  async function fileVerified(type: 'ACCESS' | 'ERASURE', email: string): Promise<{ id: string; accessToken: string }> {
    const { request, accessToken } = await h.requests.submit({ type, identity: { email } });
    await h.requests.verify(request._id, codeFrom((await mailAbout(request._id, email, 'Your verification code')).text));
    return { id: request._id, accessToken };
  }

  const openTask = (id: string) => until(`a manual task on ${id}`, async () => (await h.actions.listManualTasks({ requestId: id, status: 'OPEN', first: 5 })).items[0]);

  it('waits for the paper archive’s task, reminds its assignee, and puts the evidence’s fingerprint in the report', async () => {
    const email = 'camille.durand@example.fr';
    const { id } = await fileVerified('ACCESS', email);
    const task = await openTask(id);
    expect(task).toMatchObject({ system: 'paper-archive', reason: 'manual_system', assignee: ARCHIVIST, type: 'ACCESS' });
    expect(task.instructions).toContain(email);
    expect(task.instructions).toContain('Boxes by year in room B12.');
    const waiting = await until('the archive waiting', async () => (await h.services.requests.systems(id)).find((s) => s.name === 'paper-archive' && s.status === 'WAITING_MANUAL'));
    expect(waiting.manualTaskId).toBe(task._id);

    const assigned = await mailAbout(id, ARCHIVIST, 'paper-archive');
    expect(assigned.text).toContain(task._id);
    await until('a reminder', async () => (await h.actions.getManualTask(task._id)).reminders >= 1);
    expect((await caughtMails({ to: ARCHIVIST, textIncludes: task._id })).length).toBeGreaterThanOrEqual(2);

    await expect(h.actions.completeManualTask(task._id, ARCHIVIST, '', null)).rejects.toThrow('Say what was done or found');
    const evidence = 'Two letters from 2021 found in box 2021-03, scanned and sent to the DPO';
    await h.actions.completeManualTask(task._id, ARCHIVIST, evidence, 2);
    await h.actions.completeManualTask(task._id, ARCHIVIST, evidence, 2); // a double click changes nothing
    await expect(h.actions.completeManualTask(task._id, ARCHIVIST, 'Something else', 1)).rejects.toThrow('This task is done already');

    const outcome = await h.temporal.result(id);
    expect(outcome.status).toBe('COMPLETED');
    const system = (await h.services.reports.find(outcome.reportId!))!.report.systems.find((s) => s.name === 'paper-archive')!;
    expect(system).toMatchObject({ status: 'DONE', action: 'export', counts: { located: 2 } });
    expect(system.manual).toMatchObject({ taskId: task._id, reason: 'manual_system', completedBy: ARCHIVIST, records: 2, evidenceSha256: sha256(evidence) });
    expect(JSON.stringify((await h.services.reports.find(outcome.reportId!))!.report)).not.toContain('box 2021-03'); // the words stay in MongoDB
  }, 90_000);

  it('hands an erasure to a person where the connector found the subject but cannot erase', async () => {
    await h.catalog.setEnabled(archiveId, false);
    try {
      const { id } = await fileVerified('ERASURE', 'peter.novak@example.com');
      const task = await openTask(id);
      expect(task).toMatchObject({ system: 'shop', reason: 'not_supported', assignee: 'dpo@gardien.test', type: 'ERASURE' });
      await h.actions.completeManualTask(task._id, 'dpo@corp.example', 'Deleted in the shop back office by hand', 3);
      const report = (await h.services.reports.find((await h.temporal.result(id)).reportId!))!.report;
      expect(report.systems.map((s) => [s.name, s.status, s.manual?.reason])).toEqual([['shop', 'DONE', 'not_supported']]);
    } finally {
      await h.catalog.setEnabled(archiveId, true);
    }
  }, 90_000);

  it('erases what a file share can rewrite and hands a PDF to a person, before the verification pass', async () => {
    const dir = await fs.mkdtemp(path.join(tmpdir(), 'gardien-share-'));
    const email = 'amina.benali@example.fr';
    await writeFiles(dir, {
      'salon/visitors.csv': `name,email,city\nAmina Benali,${email},Paris\nPaul Martin,paul.martin@example.fr,Lille\n`,
      'factures/2024-118.pdf': await pdfBytes([['Facture 2024-118', `Client : Amina Benali <${email}>`]]),
    });
    const share = await h.catalog.register({ kind: 'fileshare', name: 'shared-drive', config: { roots: [dir] } });
    const others = (await h.catalog.list({ enabled: true })).filter((c) => c._id !== share._id);
    for (const c of others) await h.catalog.setEnabled(c._id, false);
    try {
      await ((await h.catalog.open(share._id)) as FileshareConnector).crawl();
      const { id } = await fileVerified('ERASURE', email);
      const task = await openTask(id);
      expect(task).toMatchObject({ system: 'shared-drive', reason: 'manual_erasure', type: 'ERASURE' });
      expect(task.instructions).toContain('2024-118.pdf');
      expect(await fs.readFile(path.join(dir, 'salon/visitors.csv'), 'utf8')).not.toContain(email); // rewritten already
      // The person deletes the letter, the index learns it, then they say so.
      await fs.rm(path.join(dir, 'factures/2024-118.pdf'));
      await ((await h.catalog.open(share._id)) as FileshareConnector).crawl();
      await h.actions.completeManualTask(task._id, 'dpo@corp.example', 'Deleted factures/2024-118.pdf (a copy is in the accounting system)', 1);
      const report = (await h.services.reports.find((await h.temporal.result(id)).reportId!))!.report;
      const system = report.systems[0]!;
      expect(system.manual).toMatchObject({ reason: 'manual_erasure', records: 1 });
      expect(system.erasure?.actions.manual).toBe(1);
      expect(system.erasure?.verification).toMatchObject({ remaining: 0, unexpected: [] });
    } finally {
      for (const c of others) await h.catalog.setEnabled(c._id, true);
      await h.catalog.remove(share._id);
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('stops when the subject withdraws, and reports what each system had done', async () => {
    const email = 'james.whitfield@example.co.uk';
    const { id } = await fileVerified('ACCESS', email);
    const task = await openTask(id);
    await until('the shop done', async () => (await h.services.requests.systems(id)).find((s) => s.name === 'shop')?.status === 'DONE');

    const cancelled = await h.actions.cancel(id, 'subject', null, 'I found what I needed');
    expect(cancelled.cancellation).toMatchObject({ by: 'subject', reason: 'I found what I needed' });
    const outcome = await h.temporal.result(id);
    expect(outcome.status).toBe('CANCELLED');
    const doc = await h.requests.get(id);
    expect([doc.status, doc.statusReason]).toEqual(['CANCELLED', 'Withdrawn by the subject']);
    expect((await h.actions.getManualTask(task._id)).status).toBe('CANCELLED');

    const report = (await h.services.reports.find(outcome.reportId!))!.report;
    expect(report.request).toMatchObject({ status: 'CANCELLED', cancellation: { by: 'subject' } });
    expect(report.systems.map((s) => [s.name, s.status])).toEqual([['paper-archive', 'CANCELLED'], ['shop', 'DONE']]);
    expect(report.export).toBeNull(); // nothing is handed out for a withdrawn request
    const mail = await mailAbout(id, email, 'was cancelled');
    expect(mail.text).toContain(`/reports/${outcome.reportId}`);
    expect((await h.services.outbox.forRequest(id)).map((m) => m.template)).not.toContain('completed');

    await expect(h.actions.cancel(id, 'subject', null, null)).rejects.toThrow('This request is cancelled');
  }, 90_000);

  it('cancels before verification: nothing reaches any system', async () => {
    const { request } = await h.requests.submit({ type: 'ERASURE', identity: { email: 'noah.schmidt@example.de' } });
    await mailAbout(request._id, 'noah.schmidt@example.de', 'Your verification code');
    await h.actions.cancel(request._id, 'dpo', 'dpo@corp.example', 'Filed twice');
    const outcome = await h.temporal.result(request._id);
    expect(outcome.status).toBe('CANCELLED');
    expect(await h.services.requests.systems(request._id)).toEqual([]);
    const report = (await h.services.reports.find(outcome.reportId!))!.report;
    expect(report.systems).toEqual([]);
    expect(report.request).toMatchObject({ verifiedAt: null, verification: 'none', cancellation: { by: 'dpo' } });
  }, 60_000);
});

describe('verifying by other means, refusing (real Temporal)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ VERIFICATION_MAX_ATTEMPTS: '2' });
    await h.catalog.register({ kind: 'fixture', name: 'shop', config: { system: 'sql' } });
  }, 120_000);
  afterAll(async () => h?.close());

  it('lets the DPO attest the identity with a justification; the report says how it was verified', async () => {
    const { request } = await h.requests.submit({ type: 'ACCESS', identity: { email: 'lea.rousseau@example.fr' } });
    await expect(h.actions.verifyByAttestation(request._id, 'dpo@corp.example', ' ')).rejects.toThrow('A justification');
    await h.actions.verifyByAttestation(request._id, 'dpo@corp.example', 'Came to the front desk with her identity card');
    const outcome = await h.temporal.result(request._id);
    expect(outcome.status).toBe('COMPLETED');
    const doc = await h.requests.get(request._id);
    expect(doc).toMatchObject({ verificationMethod: 'dpo_attestation', attestation: { by: 'dpo@corp.example', justification: 'Came to the front desk with her identity card' } });
    expect((await h.services.reports.find(outcome.reportId!))!.report.request.verification).toBe('dpo_attestation');
  }, 60_000);

  it('rejects after the last wrong code and tells the subject why; the right code comes too late', async () => {
    const email = 'hugo.lefebvre@example.fr';
    const { request } = await h.requests.submit({ type: 'ERASURE', identity: { email } });
    const code = codeFrom((await mailAbout(request._id, email, 'Your verification code')).text);
    const wrong = code === '000000' ? '111111' : '000000';
    await expect(h.requests.verify(request._id, wrong)).rejects.toThrow('Wrong code; 1 attempt left');
    await expect(h.requests.verify(request._id, wrong)).rejects.toThrow('Wrong code; no attempts left');
    expect(await h.temporal.result(request._id)).toEqual({ status: 'REJECTED', reportId: null });
    expect((await h.requests.get(request._id)).statusReason).toBe('Too many wrong verification codes');
    await mailAbout(request._id, email, 'We could not confirm your request');
    await expect(h.requests.verify(request._id, code)).rejects.toThrow('This request is rejected');
    expect(await h.services.requests.systems(request._id)).toEqual([]);
  }, 60_000);

  it('lets the DPO refuse a request before it runs, with the reason emailed', async () => {
    const email = 'sofia.ricci@example.it';
    const { request } = await h.requests.submit({ type: 'ACCESS', identity: { email } });
    await mailAbout(request._id, email, 'Your verification code');
    await h.actions.reject(request._id, 'The same request was answered last week');
    expect((await h.temporal.result(request._id)).status).toBe('REJECTED');
    const mail = await mailAbout(request._id, email, 'was declined');
    expect(mail.text).toContain('The same request was answered last week');
    await expect(h.actions.reject(request._id, 'again')).rejects.toThrow('This request is rejected');
  }, 60_000);
});
