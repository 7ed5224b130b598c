/**
 * The legal deadline on the real stack without waiting a month: requests are
 * filed "a month ago, minus a few seconds" (the request desk's clock), so the
 * workflow's durable timers — derived from the due date and the configured
 * reminder leads — fire within seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueDate } from '../core/requests.js';
import { caughtMails } from '../test/support/stack/mail.js';
import { until } from '../test/support/stack/poll.js';
import { codeFrom, mailAbout, startHarness, type Harness } from '../test/support/workflows/harness.js';

const DPO = 'dpo@gardien.test';
const ARCHIVIST = 'archives@gardien.test';

/** How far back to date a request so that it is due `inMs` from now. */
function shiftFor(inMs: number): number {
  const target = Date.now() + inMs;
  for (const days of [31, 30, 29, 28]) {
    const received = target - days * 86_400_000;
    if (dueDate(new Date(received)).getTime() === target) return Date.now() - received;
  }
  throw new Error('no month length fits');
}

describe('deadlines: reminders, overdue, extensions (real Temporal)', () => {
  let h: Harness;
  let shiftMs = 0;
  beforeAll(async () => {
    h = await startHarness({ DEADLINE_REMINDERS: '5s,3s', DPO_EMAIL: DPO }, { receivedClock: () => new Date(Date.now() - shiftMs) });
    // A paper archive keeps each request open (it waits for the archivist), so the deadline can pass.
    await h.catalog.register({ kind: 'manual', name: 'paper-archive', config: { assignee: ARCHIVIST } });
  }, 120_000);
  afterAll(async () => h?.close());

  async function fileVerified(email: string, dueInMs: number): Promise<string> {
    shiftMs = shiftFor(dueInMs);
    const { request } = await h.requests.submit({ type: 'ACCESS', identity: { email } });
    shiftMs = 0;
    await h.requests.verify(request._id, codeFrom((await mailAbout(request._id, email, 'Your verification code')).text));
    return request._id;
  }

  async function finish(id: string): Promise<void> {
    const task = (await h.actions.listManualTasks({ requestId: id, status: 'OPEN', first: 5 })).items[0]!;
    await h.actions.completeManualTask(task._id, ARCHIVIST, 'Searched the 2019-2025 boxes: nothing about this person', 0);
    expect((await h.temporal.result(id)).status).toBe('COMPLETED');
  }

  it('reminds the DPO before the due date, then flags the request overdue and refuses a late extension', async () => {
    const id = await fileVerified('lea.rousseau@example.fr', 8_000);
    const reminders = await until('two reminders', async () => {
      const mails = (await caughtMails({ to: DPO, textIncludes: id })).filter((m) => m.subject.startsWith(`Request ${id} is due`));
      return mails.length >= 2 ? mails : null;
    });
    expect(reminders.map((m) => m.subject).sort()).toEqual([`Request ${id} is due in 1 day`, `Request ${id} is due in 1 day`]);
    const overdue = await mailAbout(id, DPO, 'overdue');
    expect(overdue.text).toContain(id);
    const doc = await until('the overdue flag', async () => ((await h.requests.get(id)).overdueSince ? h.requests.get(id) : null));
    expect(doc.overdueSince!.getTime()).toBeGreaterThanOrEqual(doc.dueAt.getTime());
    expect((await h.requests.list({ overdue: true, first: 10 })).items.map((r) => r._id)).toContain(id);

    await expect(h.actions.extendDeadline(id, 1, 'Archives are closed for the summer', 'dpo@corp.example')).rejects.toThrow('The due date has passed');
    expect((await h.requests.get(id)).extensions ?? []).toEqual([]);

    await finish(id);
    // One reminder per lead, one overdue notice: durable timers fire once, replays send nothing again.
    expect((await h.services.outbox.forRequest(id)).filter((m) => m.to === DPO).map((m) => m.template).sort()).toEqual(['deadline_reminder', 'deadline_reminder', 'overdue']);
  }, 90_000);

  it('extends by up to two months before the due date, tells the subject why, and moves the timers with it', async () => {
    const email = 'hugo.lefebvre@example.fr';
    const id = await fileVerified(email, 12_000);
    const before = await h.requests.get(id);

    await expect(h.actions.extendDeadline(id, 3, 'Too much', 'dpo@corp.example')).rejects.toThrow('An extension is 1 or 2 months');
    await expect(h.actions.extendDeadline(id, 1, '  ', 'dpo@corp.example')).rejects.toThrow('The reason, sent to the subject, is needed');
    const extended = await h.actions.extendDeadline(id, 1, 'We must search a paper archive in another city', 'dpo@corp.example');
    expect(extended.dueAt).toEqual(dueDate(before.receivedAt, 2));
    const told = await mailAbout(id, email, 'More time needed');
    expect(told.text).toContain('We must search a paper archive in another city');

    await expect(h.actions.extendDeadline(id, 2, 'More', 'dpo@corp.example')).rejects.toThrow('2 months in all; 1 already used');
    const again = await h.actions.extendDeadline(id, 1, 'The archive found more boxes', 'dpo@corp.example');
    expect(again.dueAt).toEqual(dueDate(before.receivedAt, 3));
    await expect(h.actions.extendDeadline(id, 1, 'Once more', 'dpo@corp.example')).rejects.toThrow('2 months in all; 2 already used');

    // The old due date passes without a reminder or an overdue flag: the timers follow the new date.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, before.dueAt.getTime() + 1_500 - Date.now())));
    const doc = await h.requests.get(id);
    expect(doc.overdueSince ?? null).toBeNull();
    expect((await h.services.outbox.forRequest(id)).map((m) => m.template).sort()).toEqual(['deadline_extended', 'deadline_extended', 'in_progress', 'manual_task', 'received', 'verification_code']);

    await finish(id);
    const report = (await h.services.reports.find((await h.requests.get(id)).reportId!))!.report;
    expect(report.request.extensions?.map((e) => [e.months, e.dueAt])).toEqual([
      [1, dueDate(before.receivedAt, 2).toISOString()],
      [1, dueDate(before.receivedAt, 3).toISOString()],
    ]);
    expect(report.request.dueAt).toBe(dueDate(before.receivedAt, 3).toISOString());
  }, 90_000);
});
