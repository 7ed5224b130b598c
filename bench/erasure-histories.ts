/**
 * What the Temporal histories of finished requests say: how long they are (the
 * request's workflow and each system's child, in events and activities), and
 * where the time went (each task's wait for a worker slot and its run).
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time.js';
import type { AesGcmPayloadCodec } from '../workflows/runtime/codec.js';
import { dsrWorkflowId, systemWorkflowId } from '../workflows/messages.js';
import { ms, printTable, spread } from './stats.js';

/** A workflow task or an activity: from scheduled to started (waiting), from started to completed (running). */
interface TaskTiming {
  type: string;
  waitMs: number;
  runMs: number;
  /** 1 unless Temporal ran it again (the wait then includes the failed attempts and the backoff). */
  attempt: number;
  /** Why the attempt before the last one failed, when there was one. */
  retryCause?: string;
}

interface Length {
  events: number;
  activities: number;
  tasks: TaskTiming[];
  /** When the workflow completed (epoch ms), if it did. */
  closedAt?: number;
}

/** One request's histories: `request` for the parent, then one entry per system name. */
export type RequestHistories = Record<string, Length>;

type HistoryEvent = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>[number];
type Failure = NonNullable<NonNullable<HistoryEvent['activityTaskStartedEventAttributes']>['lastFailure']>;

/** A failure's words: ours are sealed by the payload codec (its encoded attributes), Temporal's own (timeouts) are in clear. */
async function failureWords(failure: Failure, codec: AesGcmPayloadCodec): Promise<string> {
  let message = failure.message ?? 'unknown';
  if (failure.encodedAttributes) {
    const [decoded] = await codec.decode([failure.encodedAttributes]);
    message = (JSON.parse(Buffer.from(decoded?.data ?? new Uint8Array()).toString('utf8')) as { message?: string }).message ?? message;
  }
  // FerretDB prefixes its source locations; ids would make each cause its own.
  return message.replace(/\[[^\]]*\]\s*/g, '').replace(/\breq_[0-9a-f]+/g, 'req_…').slice(0, 120);
}

async function lengthOf(client: Client, workflowId: string, codec: AesGcmPayloadCodec): Promise<Length> {
  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const scheduled = new Map<string, { type: string; at: number; startedAt?: number; attempt?: number; retryCause?: string }>();
  const tasks: TaskTiming[] = [];
  for (const e of events) {
    const id = String(e.eventId);
    const at = tsToMs(e.eventTime);
    const activity = e.activityTaskScheduledEventAttributes;
    if (activity) scheduled.set(id, { type: activity.activityType?.name ?? '?', at });
    if (e.workflowTaskScheduledEventAttributes) scheduled.set(id, { type: 'workflow task', at });
    const started = e.activityTaskStartedEventAttributes ?? e.workflowTaskStartedEventAttributes;
    const begun = started && scheduled.get(String(started.scheduledEventId));
    const lastFailure = e.activityTaskStartedEventAttributes?.lastFailure;
    if (begun) Object.assign(begun, { startedAt: at, attempt: e.activityTaskStartedEventAttributes?.attempt ?? 1, retryCause: lastFailure ? await failureWords(lastFailure, codec) : undefined });
    const completed = e.activityTaskCompletedEventAttributes ?? e.workflowTaskCompletedEventAttributes;
    const done = completed && scheduled.get(String(completed.scheduledEventId));
    if (done?.startedAt !== undefined) tasks.push({ type: done.type, waitMs: done.startedAt - done.at, runMs: at - done.startedAt, attempt: done.attempt ?? 1, retryCause: done.retryCause });
  }
  const last = events.at(-1);
  const closedAt = last?.workflowExecutionCompletedEventAttributes ? tsToMs(last.eventTime) : undefined;
  return { events: events.length, activities: events.filter((e) => e.activityTaskScheduledEventAttributes).length, tasks, closedAt };
}

export async function requestHistories(client: Client, codec: AesGcmPayloadCodec, requestId: string, systems: readonly { id: string; name: string }[]): Promise<RequestHistories> {
  const [parent, ...children] = await Promise.all([
    lengthOf(client, dsrWorkflowId(requestId), codec),
    ...systems.map((s) => lengthOf(client, systemWorkflowId(requestId, s.id), codec)),
  ]);
  return { request: parent!, ...Object.fromEntries(systems.map((s, i) => [s.name, children[i]!])) };
}

export function printHistories(histories: readonly RequestHistories[]): void {
  const names = Object.keys(histories[0]!);
  const row = (title: string, lengths: Pick<Length, 'events' | 'activities'>[]) => {
    const events = spread(lengths.map((l) => l.events));
    const activities = spread(lengths.map((l) => l.activities));
    return [title, String(events.median), String(events.p99), String(activities.median), String(activities.p99)];
  };
  const total = (h: RequestHistories) => ({
    events: Object.values(h).reduce((sum, l) => sum + l.events, 0),
    activities: Object.values(h).reduce((sum, l) => sum + l.activities, 0),
  });
  printTable(`History length per request (${histories.length} requests)`, [
    ['workflow', 'events median', 'p99', 'activities median', 'p99'],
    ...names.map((name) => row(name === 'request' ? 'request (dsr-<id>)' : `system ${name} (dsr-<id>-<connector>)`, histories.map((h) => h[name]!))),
    row(`all ${names.length} workflows of a request`, histories.map(total)),
  ]);
}

/** Per kind of task (system activities by system): how long it waited for the worker and how long it ran. */
export function printTaskTimes(histories: readonly RequestHistories[]): void {
  const byType = new Map<string, TaskTiming[]>();
  for (const h of histories) {
    for (const [name, length] of Object.entries(h)) {
      for (const task of length.tasks) {
        const key = task.type === 'workflow task' ? `workflow task (${name === 'request' ? 'request' : 'systems'})` : name === 'request' ? task.type : `${task.type} (${name})`;
        const same = byType.get(key) ?? [];
        same.push(task);
        byType.set(key, same);
      }
    }
  }
  const rows = [...byType].map(([type, tasks]) => {
    const wait = spread(tasks.map((t) => t.waitMs));
    const run = spread(tasks.map((t) => t.runMs));
    return [type, String(tasks.length), String(tasks.filter((t) => t.attempt > 1).length), ms(wait.median), ms(wait.p99), ms(run.median), ms(run.p99)];
  });
  printTable('Where the time went: each task’s wait for a worker slot (scheduled → started) and its run (started → completed)', [
    ['task', 'count', 'retried', 'wait median', 'p99', 'run median', 'p99'],
    ...rows,
  ]);
  const causes = new Map<string, number>();
  for (const task of [...byType.values()].flat()) if (task.attempt > 1) causes.set(task.retryCause ?? 'unknown', (causes.get(task.retryCause ?? 'unknown') ?? 0) + 1);
  // Failures our code raises are encrypted by the payload codec; timeouts come from Temporal in clear.
  if (causes.size > 0) process.stdout.write(`  retried because the attempt before failed: ${[...causes].map(([cause, n]) => `${n} × ${cause}`).join('; ')}\n`);
}
