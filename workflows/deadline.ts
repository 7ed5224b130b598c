/**
 * The legal deadline as durable timers, beside the request: reminders to the
 * DPO before the due date, then the overdue flag. An extension moves the due
 * date and the timers with it. Workflow code: deterministic, no I/O.
 */
import { condition, proxyActivities } from '@temporalio/workflow';
import type { DsrActivities } from './activities/index.js';
import { workflowNow } from './clock.js';

export interface DeadlineState {
  /** ISO 8601. */
  dueAt: string;
  /** Set once the request has ended: the watch stops. */
  finished: boolean;
}

const { remindDeadline, markOverdue } = proxyActivities<DsrActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

interface DeadlineEvent {
  at: number;
  /** How long before the due date; 0 for the due date itself. */
  leadMs: number;
}

/** The events still ahead for a due date: reminders not already past, then the due date. */
function eventsFor(dueAt: string, leadsMs: readonly number[], now: number): DeadlineEvent[] {
  const due = Date.parse(dueAt);
  const reminders = leadsMs.filter((lead) => lead > 0 && due - lead > now).map((leadMs) => ({ at: due - leadMs, leadMs }));
  return [...reminders, { at: due, leadMs: 0 }].sort((a, b) => a.at - b.at);
}

export async function watchDeadline(requestId: string, state: DeadlineState, leadsMs: readonly number[]): Promise<void> {
  let watched = '';
  let events: DeadlineEvent[] = [];
  while (!state.finished) {
    if (watched !== state.dueAt) {
      watched = state.dueAt;
      events = eventsFor(watched, leadsMs, workflowNow().getTime());
    }
    const moved = () => state.finished || state.dueAt !== watched;
    const next = events.shift();
    if (!next) {
      await condition(moved);
      continue;
    }
    const waitMs = next.at - workflowNow().getTime();
    if (waitMs > 0 && (await condition(moved, waitMs))) {
      events.unshift(next);
      continue;
    }
    if (state.finished) break;
    if (next.leadMs > 0) await remindDeadline({ requestId, dueAt: watched, leadMs: next.leadMs });
    else await markOverdue({ requestId, dueAt: watched });
  }
}
