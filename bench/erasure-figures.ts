/** The erasure benchmark's printout: the settings and the machine, the rates and latencies, memory, CPU. */
import os from 'node:os';
import v8 from 'node:v8';
import type { Db } from 'mongodb';
import type { CaughtMail } from '../devstack/mailcatcher.js';
import type { ErasurePerson } from './erasure-people.js';
import { mb, ms, printTable, spread } from './stats.js';

export interface BenchSettings {
  requests: number;
  inFlight: number;
  hubspotLimits: boolean;
  temporalOnFile: boolean;
}

/** One request as the bench follows it; times in epoch milliseconds. */
export interface Filed {
  person: ErasurePerson;
  id: string;
  code: string;
  verifyStart: number;
  verified: number;
  /** When Temporal closed its workflow. */
  completed: number;
  /** When the bench's wait for the workflow's result came back. */
  noticed: number;
}

const seconds = (msValue: number) => `${(msValue / 1000).toFixed(1)} s`;

export function printFigures(filed: readonly Filed[], submitted: { start: number; end: number }, worker: { idle: number; peak: number; hwm: number; end: number; pid: number }, busy: { submit: number; verify: number }): void {
  const firstVerify = Math.min(...filed.map((r) => r.verifyStart));
  const lastVerified = Math.max(...filed.map((r) => r.verified));
  const lastCompleted = Math.max(...filed.map((r) => r.completed));
  const processing = lastCompleted - firstVerify;
  const wall = lastCompleted - submitted.start;
  const latency = spread(filed.map((r) => r.completed - r.verified));
  // The last completion is one request's luck (a retried step waits out its backoff); 95% of them says more about the rate.
  const most = Math.ceil(filed.length * 0.95);
  const mostDone = [...filed].map((r) => r.completed).sort((a, b) => a - b)[most - 1]! - firstVerify;
  const slowest = Math.max(...filed.map((r) => r.completed - r.verified));
  const noticeLag = spread(filed.map((r) => r.noticed - r.completed));
  const verify = spread(filed.map((r) => r.verified - r.verifyStart));
  printTable(`Erasure requests across SQL, Salesforce and HubSpot (${filed.length} requests, all completed)`, [
    ['measure', 'value', 'median', 'p99'],
    ['submitted, verification codes emailed', seconds(submitted.end - submitted.start), '', ''],
    ['verified (the verify call, workflow recorded it)', seconds(lastVerified - firstVerify), ms(verify.median), ms(verify.p99)],
    ['first verification → last completion', seconds(processing), '', ''],
    ['requests completed per minute¹', (filed.length / (processing / 60_000)).toFixed(1), '', ''],
    [`first verification → ${most} completed (95%)`, seconds(mostDone), '', ''],
    ['requests completed per minute until then¹', (most / (mostDone / 60_000)).toFixed(1), '', ''],
    ['latency, verified → completed', '', ms(latency.median), ms(latency.p99)],
    ['slowest request, verified → completed', seconds(slowest), '', ''],
    ['completion noticed by the bench after Temporal closed the workflow', '', ms(noticeLag.median), ms(noticeLag.p99)],
    ['wall time, first submit → last completion²', seconds(wall), '', ''],
    ['requests per minute over the wall time²', (filed.length / (wall / 60_000)).toFixed(1), '', ''],
    ['calls FerretDB refused (SQLITE_BUSY), made again 1 s later', `${busy.submit} submits, ${busy.verify} verifies`, '', ''],
  ]);
  process.stdout.write(
    '  ¹ from the first verification sent to the last request completed: the subjects’ verifications are in it (the worker records each), submission and code emails are not\n' +
      '  ² everything: submission, the verification code emailed and caught, verification, the erasure in three systems, the signed report and the closing email\n',
  );
  printTable(`Worker memory (gardien worker, pid ${worker.pid}, resident set)`, [
    ['measure', 'value'],
    ['idle, polling, before the first request', mb(worker.idle)],
    ['peak during the run (sampled every 250 ms)', mb(worker.peak)],
    ['peak over the whole process life (VmHWM, includes bundling the workflow code at start)', mb(worker.hwm)],
    ['after the last request', mb(worker.end)],
  ]);
}

export function processLabel(pid: number, comm: string, workerPid: number): string {
  if (pid === process.pid) return 'bench process: submits, verifies, follows; the CRM emulators; the mail catcher';
  if (pid === workerPid) return 'gardien worker';
  if (comm.startsWith('gardien-ferret')) return 'FerretDB';
  if (comm === 'temporal') return 'Temporal dev server';
  return 'the rest (tsx’s esbuild, watchdog shells)';
}

export function printCpu(spent: ReadonlyMap<string, number>, filed: readonly Filed[]): void {
  const elapsed = (Math.max(...filed.map((r) => r.completed)) - Math.min(...filed.map((r) => r.verifyStart))) / 1000;
  const available = elapsed * os.cpus().length;
  printTable(`CPU time, first verification → last completion (${elapsed.toFixed(0)} s × ${os.cpus().length} cores = ${available.toFixed(0)} core-seconds)`, [
    ['process', 'CPU seconds', 'share of the cores', 'per request'],
    ...[...spent].sort((a, b) => b[1] - a[1]).map(([name, s]) => [name, s.toFixed(1), `${((100 * s) / available).toFixed(0)}%`, `${((1000 * s) / filed.length).toFixed(0)} ms`]),
  ]);
}

export function printContext(settings: BenchSettings, mongoKind: string, load: { start: number; end: number }): void {
  const heapMiB = v8.getHeapStatistics().heap_size_limit / 1024 / 1024;
  // Temporal SDK 1.13's default sticky cache for reuseV8Context, from the heap limit (the worker runs on the same Node and flags).
  const cache = Math.max(Math.floor((Math.max(heapMiB - 200, 0) * 600) / 1024), 10);
  const cpus = os.cpus();
  printTable('Machine and settings', [
    ['machine', `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ${mb(os.totalmem())} memory, Node ${process.version}`],
    ['load', `1-minute load average ${load.start.toFixed(1)} at the start, ${load.end.toFixed(1)} at the end (everything else running here shares the cores)`],
    ['Temporal', `dev server (temporal server start-dev), SQLite ${settings.temporalOnFile ? 'file, as npm start runs it' : 'in memory, as the tests run it (BENCH_TEMPORAL_FILE=on: a file, as npm start)'}`],
    ['MongoDB', mongoKind === 'ferretdb' ? 'FerretDB 1.24 on SQLite (embedded launcher)' : mongoKind],
    ['systems', 'billing-db (SQLite file, demo schema), crm-salesforce and crm-hubspot (emulators, in the bench process)'],
    ['HubSpot rate limits', settings.hubspotLimits ? 'HubSpot’s (190 per 10 s, 5 searches per s)' : 'off (BENCH_HUBSPOT_LIMITS=on applies HubSpot’s)'],
    ['requests', `${settings.requests} erasure requests (BENCH_ERASURES), one per person, ${settings.inFlight} submissions/verifications in flight`],
    ['worker', `gardien worker, own process; createWorker sets no concurrency, so Temporal's defaults: 40 workflow tasks, 100 activities, 10+10 pollers, cache of ${cache} workflows (heap limit ${heapMiB.toFixed(0)} MiB)`],
  ]);
}

export type CommandCounts = Record<string, { total: number; failed: number }>;

/** The server's count of each command so far (FerretDB and mongod both report `metrics.commands` in serverStatus). */
export async function commandCounts(db: Db): Promise<CommandCounts> {
  const status = (await db.admin().command({ serverStatus: 1 })) as { metrics?: { commands?: CommandCounts } };
  return status.metrics?.commands ?? {};
}

export function printCommands(before: CommandCounts, after: CommandCounts, requests: number): void {
  const rows = Object.entries(after)
    .map(([name, c]) => [name, c.total - (before[name]?.total ?? 0), c.failed - (before[name]?.failed ?? 0)] as const)
    .filter(([, total]) => total > 0)
    .sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  printTable("MongoDB commands, first submit → last completion (all clients: the worker, the request service's submits and verifies)", [
    ['command', 'total', 'per request', 'failed'],
    ...rows.map(([name, n, failed]) => [name, String(n), (n / requests).toFixed(1), String(failed)]),
    ['all', String(total), (total / requests).toFixed(1), String(rows.reduce((sum, [, , f]) => sum + f, 0))],
  ]);
}

/** The emails caught, per request, and those that reached the same person twice with the same subject. */
export function printMails(mails: readonly CaughtMail[], requests: number): void {
  const seen = new Map<string, number>();
  for (const m of mails) {
    const requestId = /\breq_[0-9a-f]+/.exec(m.text)?.[0] ?? '?';
    const key = `${m.to.join(',')}\n${requestId}\n${m.subject.replace(/\d{6}/, '').replace(/\breq_[0-9a-f]+/, 'req_…')}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const twice = [...seen].filter(([, n]) => n > 1);
  const kinds = new Map<string, number>();
  for (const [key] of twice) kinds.set(key.split('\n')[2]!, (kinds.get(key.split('\n')[2]!) ?? 0) + 1);
  printTable('Emails caught', [
    ['emails', 'per request', 'sent more than once (same person, request and subject)'],
    [String(mails.length), (mails.length / requests).toFixed(1), twice.length === 0 ? 'none' : [...kinds].map(([subject, n]) => `${n} × "${subject.trim()}"`).join('; ')],
  ]);
}
