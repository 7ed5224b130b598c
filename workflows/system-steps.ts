/**
 * A system's steps for each request type, run by the system workflow:
 * locate, then act — or a manual task where the system has no API or its
 * connector cannot do what the request asks. Workflow code.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { ManualTaskReason } from '../core/storage/manual-tasks.js';
import type { DsrActivities } from './activities/index.js';
import { erasedCount } from './erased-count.js';
import { waitForManualTask, type ManualWait } from './manual-task.js';
import type { SystemInput, SystemSummary } from './types.js';

export type StepState = ManualWait;

const retry = { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 10 } as const;

const { planSystem } = proxyActivities<DsrActivities>({ startToCloseTimeout: '5 minutes', retry });
// Connector work heartbeats every 10 s: a dead worker's attempt is retried within a minute, a live one is never doubled.
const { locateSubject } = proxyActivities<DsrActivities>({ startToCloseTimeout: '30 minutes', heartbeatTimeout: '1 minute', retry });
const { collectExport } = proxyActivities<DsrActivities>({ startToCloseTimeout: '2 hours', heartbeatTimeout: '1 minute', retry });
// Changes to the system: each activity is idempotent, so a retry after a crash does not act twice.
const { eraseSubject, verifyErasure, amendSubject } = proxyActivities<DsrActivities>({ startToCloseTimeout: '2 hours', heartbeatTimeout: '1 minute', retry });

/** 'stopped' when the request was cancelled before the system's part was done. */
export async function carryOut(input: SystemInput, state: StepState, summary: SystemSummary): Promise<'done' | 'stopped'> {
  const counts = state.view.counts;
  const plan = await planSystem(input);
  if (state.stopped) return 'stopped';
  if (!plan.locate) return byHand(input, state, summary, 'manual_system');
  counts.located = (await locateSubject(input)).located;
  if (state.stopped) return 'stopped';
  if (!plan.act) return counts.located === 0 ? 'done' : byHand(input, state, summary, 'not_supported');
  switch (input.type) {
    case 'ACCESS':
    case 'PORTABILITY': {
      const collected = await collectExport(input);
      counts.exported = collected.records;
      summary.exports = [collected.file];
      break;
    }
    case 'ERASURE': {
      const erased = await eraseSubject(input);
      counts.erased = erasedCount(erased);
      counts.retained = erased.actions.retained ?? 0;
      // Records the connector could not erase safely (a scanned PDF) go to a person before the verification pass.
      const handedOver = (erased.actions.manual ?? 0) > 0 ? await byHand(input, state, summary, 'manual_erasure') : 'done';
      // What was erased is erased: the verification pass runs even if the request was cancelled meanwhile.
      const verification = await verifyErasure(input);
      counts.remaining = verification.remaining;
      summary.erasure = { ...erased, verification };
      if (handedOver === 'stopped') return 'stopped';
      break;
    }
    default: {
      const amendment = await amendSubject(input);
      counts.changed = amendment.changed;
      counts.verified = amendment.verified;
      summary.amendment = amendment;
    }
  }
  return 'done';
}

async function byHand(input: SystemInput, state: StepState, summary: SystemSummary, reason: ManualTaskReason): Promise<'done' | 'stopped'> {
  const resolution = await waitForManualTask(input, state, reason, summary.attempts - 1);
  if (!resolution) return 'stopped';
  summary.manual = resolution;
  if (resolution.records !== null && reason !== 'manual_erasure') state.view.counts.located = resolution.records;
  return 'done';
}
