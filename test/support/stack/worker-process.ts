/**
 * `gardien worker` as an operator runs it, in a process of its own, so a test
 * can SIGKILL it in the middle of a request and start another one.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';

const GARDIEN = fileURLToPath(new URL('../../../bin/gardien.mjs', import.meta.url));
/** What `runWorker` logs once the workflow bundle is built and it is about to poll. */
const READY = /"msg":"worker started"/;

export interface WorkerProcess {
  pid: number;
  /** Everything it wrote so far (JSON log lines), for a failing test's message. */
  output(): string;
  /** SIGKILL: no shutdown, nothing flushed, no goodbye to Temporal; resolves once the process is gone, with how it ended. */
  kill(): Promise<string>;
}

/** Starts the worker with exactly `env` (plus PATH and HOME) and resolves once it is about to poll its task queue. */
export async function startWorkerProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [GARDIEN, 'worker'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit code ${code}`)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gardien worker did not start within ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (READY.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('error', reject);
    void exited.then((how) => reject(new Error(`gardien worker ended (${how}) before it started:\n${output}`)));
  });
  const killNow = () => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  // A test run that ends abruptly (Ctrl-C, a crash) leaves no worker behind.
  process.once('exit', killNow);
  const kill = async () => {
    killNow();
    const how = await exited;
    process.off('exit', killNow);
    return how;
  };
  try {
    await ready;
  } catch (error) {
    await kill();
    throw error;
  }
  return { pid: child.pid!, output: () => output, kill };
}

export interface CutAttempt {
  workflowId: string;
  activity: string;
  attempt: number;
}

const STARTED = 2; // temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
const NOT_FOUND = 5; // gRPC status: the workflow has not been started

/**
 * Temporal learns that a worker died only when the attempts it was running
 * time out: an erasure after its 5-minute heartbeat timeout
 * (workflows/system-steps.ts). A test does not wait that long: once the
 * worker is dead, it times those attempts out now, as an operator would with
 * `temporal activity update-options --heartbeat-timeout 1s`, then restores
 * their options, so the next attempts run as the workflow asked. Call it with
 * no worker polling. Returns the attempts it cut.
 */
export async function timeOutAttemptsOfDeadWorker(client: Client, workflowIds: readonly string[]): Promise<CutAttempt[]> {
  const { namespace } = client.options;
  const identity = 'crash-safety test';
  const pending = async (workflowId: string) => {
    try {
      return (await client.workflowService.describeWorkflowExecution({ namespace, execution: { workflowId } })).pendingActivities ?? [];
    } catch (error) {
      if ((error as { code?: number }).code === NOT_FOUND) return [];
      throw error;
    }
  };
  const cut: (CutAttempt & { id: string })[] = [];
  for (const workflowId of workflowIds) {
    for (const activity of await pending(workflowId)) {
      if (activity.state !== STARTED) continue;
      const id = activity.activityId!;
      await client.workflowService.updateActivityOptions({
        namespace, execution: { workflowId }, id, identity, activityOptions: { heartbeatTimeout: msToTs('1s') }, updateMask: { paths: ['heartbeat_timeout'] },
      });
      cut.push({ workflowId, id, activity: activity.activityType?.name ?? '?', attempt: activity.attempt ?? 0 });
    }
  }
  for (const attempt of cut) {
    for (const until = Date.now() + 30_000; ; await new Promise((resolve) => setTimeout(resolve, 200))) {
      const now = (await pending(attempt.workflowId)).find((a) => a.activityId === attempt.id);
      if (!now) throw new Error(`${attempt.activity} of ${attempt.workflowId} is no longer pending after its attempt was timed out`);
      if (now.state !== STARTED) break;
      if (Date.now() > until) throw new Error(`${attempt.activity} of ${attempt.workflowId} did not time out`);
    }
    await client.workflowService.updateActivityOptions({ namespace, execution: { workflowId: attempt.workflowId }, id: attempt.id, identity, restoreOriginal: true });
  }
  return cut.map(({ workflowId, activity, attempt }) => ({ workflowId, activity, attempt }));
}
