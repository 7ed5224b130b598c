/**
 * `gardien worker` in a process of its own, so its memory is its own: its
 * resident set sampled every few hundred milliseconds, its high-water mark read
 * from /proc before it is stopped. Output goes to a log file, shown on failure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';

const GARDIEN = fileURLToPath(new URL('../bin/gardien.mjs', import.meta.url));
const SAMPLE_EVERY_MS = 250;

export interface WorkerProcess {
  pid: number;
  /** Resident set now, in bytes. */
  rss(): number;
  /** Highest resident set sampled since `resetPeak()` (or the start), in bytes. */
  sampledPeak(): number;
  resetPeak(): void;
  /** The kernel's high-water mark of the resident set over the whole life of the process (VmHWM), in bytes. */
  highWaterMark(): number;
  logFile: string;
  /** The exit code or signal, once it has exited. */
  exited: Promise<number | string>;
  stop(): Promise<void>;
}

/** Bytes of a `Vm…: 1234 kB` line of /proc/<pid>/status. */
function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!line) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(line[1]) * 1024;
}

export async function startWorkerProcess(env: NodeJS.ProcessEnv, logDir: string): Promise<WorkerProcess> {
  const logFile = path.join(logDir, 'worker.log');
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(process.execPath, [GARDIEN, 'worker'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  const pid = child.pid!;
  let peak = 0;
  const sample = () => {
    try {
      peak = Math.max(peak, statusBytes(pid, 'VmRSS'));
    } catch {
      // Gone: exited is about to say why.
    }
  };
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);
  sampler.unref();
  return {
    pid,
    rss: () => statusBytes(pid, 'VmRSS'),
    sampledPeak: () => (sample(), peak),
    resetPeak: () => void (peak = 0),
    highWaterMark: () => statusBytes(pid, 'VmHWM'),
    logFile,
    exited,
    async stop() {
      clearInterval(sampler);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM'); // the Temporal runtime drains the worker on SIGTERM
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}

/** Resolves once the worker polls the task queue for both workflow and activity tasks. */
export async function waitForPollers(client: Client, taskQueue: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    // 1: workflow tasks, 2: activity tasks (temporal.api.enums.v1.TaskQueueType).
    const answers = await Promise.all(
      [1, 2].map((taskQueueType) => client.workflowService.describeTaskQueue({ namespace: client.options.namespace, taskQueue: { name: taskQueue }, taskQueueType })),
    );
    if (answers.every((a) => (a.pollers?.length ?? 0) > 0)) return;
    if (Date.now() > until) throw new Error(`no worker polled task queue ${taskQueue} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
