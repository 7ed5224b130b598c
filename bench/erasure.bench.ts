/**
 * Erasure requests across SQL, Salesforce and HubSpot on this machine: how
 * many complete per minute, how long each takes once verified, the worker's
 * peak memory, and how long their Temporal histories grow. BENCH_ERASURES
 * people (200 by default) are generated and seeded into the demo billing
 * database and both CRM emulators; each files an erasure request through the
 * request service and verifies it with the code from the caught mail. The
 * worker is `gardien worker` in a process of its own, on Temporal's dev server
 * and FerretDB, with createWorker's settings (Temporal's defaults).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../core/config.js';
import { setLogLevel } from '../core/logger.js';
import type { SystemProgress } from '../core/requests.js';
import { demoHubspotConnectorInput } from '../devstack/demo/hubspot.js';
import { demoSalesforceConnectorInput } from '../devstack/demo/salesforce.js';
import { demoSqlConnectorInput, seedDemoSqlite } from '../devstack/demo/sql.js';
import { startHubspotEmulator } from '../devstack/emulators/hubspot/server.js';
import { startSalesforceEmulator } from '../devstack/emulators/salesforce/server.js';
import { startMailCatcher, type MailCatcher } from '../devstack/mailcatcher.js';
import { startMongo } from '../devstack/mongo.js';
import { startTemporal } from '../devstack/temporal.js';
import { createServices, type Services } from '../gateway/services.js';
import { codeFrom } from '../test/support/workflows/harness.js';
import { AesGcmPayloadCodec } from '../workflows/runtime/codec.js';
import { cpuOfTree, cpuSpent } from './cpu.js';
import { commandCounts, printCommands, printContext, printCpu, printFigures, printMails, processLabel, type Filed } from './erasure-figures.js';
import { printHistories, printTaskTimes, requestHistories, type RequestHistories } from './erasure-histories.js';
import { erasurePeople, seedBillingDatabase, seedHubspotPortal, seedSalesforceOrg, type ErasurePerson } from './erasure-people.js';
import { printTable } from './stats.js';
import { startWorkerProcess, waitForPollers, type WorkerProcess } from './worker-process.js';

const REQUESTS = Number(process.env.BENCH_ERASURES ?? 200);
const HUBSPOT_LIMITS = process.env.BENCH_HUBSPOT_LIMITS === 'on';
const TEMPORAL_ON_FILE = process.env.BENCH_TEMPORAL_FILE === 'on';
const TIMEOUT_MS = Number(process.env.BENCH_ERASURE_MINUTES ?? 20) * 60_000;
/** Submissions, code look-ups and verifications under way at once, as from many browsers. */
const IN_FLIGHT = 25;
const TASK_QUEUE = 'bench-erasure';

const say = (line: string) => process.stderr.write(`  … ${line}\n`);

async function atMost<T, R>(limit: number, items: readonly T[], each: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await each(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** FerretDB on SQLite answers a write that waited too long for the database lock with SQLITE_BUSY; a subject would click again. */
const refusedBusy = { submit: 0, verify: 0 };

async function whenNotBusy<T>(what: keyof typeof refusedBusy, call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= 5 || !/SQLITE_BUSY/.test(String((error as Error).message))) throw error;
      refusedBusy[what]++;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

async function fileAll(services: Services, mail: MailCatcher, people: readonly ErasurePerson[]): Promise<Filed[]> {
  const submitted = await atMost(IN_FLIGHT, people, async (person) => ({ person, id: (await whenNotBusy('submit', () => services.requests.submit({ type: 'ERASURE', identity: { email: person.email }, language: 'en' }))).request._id }));
  const filed: Filed[] = [];
  // One at a time: most codes are in by now, and the catcher's waiters are event listeners.
  for (const { person, id } of submitted) {
    const sent = await mail.waitFor((m) => m.to.includes(person.email) && m.subject.startsWith('Your verification code') && m.text.includes(id), 300_000);
    filed.push({ person, id, code: codeFrom(sent.text), verifyStart: 0, verified: 0, completed: 0, noticed: 0 });
  }
  return filed;
}

/** Verifies every request and waits for all to complete; stops at the first failed system or after TIMEOUT_MS. */
async function processAll(services: Services, filed: Filed[]): Promise<void> {
  let completed = 0;
  const completions = Promise.all(
    filed.map(async (r) => {
      const outcome = await services.temporal.result(r.id);
      r.noticed = Date.now();
      completed++;
      if (outcome.status !== 'COMPLETED') throw new Error(`request ${r.id} ended ${outcome.status}`);
    }),
  );
  const verifications = atMost(IN_FLIGHT, filed, async (r) => {
    r.verifyStart = Date.now();
    await whenNotBusy('verify', () => services.requests.verify(r.id, r.code));
    r.verified = Date.now();
  });
  let finished = false;
  const watch = async () => {
    const started = performance.now();
    while (!finished) {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      if (finished) return;
      const failed = await services.storage.collection<SystemProgress>('request_systems').findOne({ status: { $in: ['FAILED', 'WAITING_MANUAL'] } });
      if (failed) throw new Error(`system ${failed.name} is ${failed.status}: ${failed.error}`);
      if (performance.now() - started > TIMEOUT_MS) throw new Error(`only ${completed} of ${filed.length} requests completed within ${TIMEOUT_MS / 60_000} minutes`);
      say(`${filed.filter((r) => r.verified).length} verified, ${completed} completed`);
    }
  };
  try {
    await Promise.race([Promise.all([verifications, completions]), watch()]);
  } finally {
    finished = true;
  }
}

/** Every request COMPLETED with each system DONE, having found and erased something; the totals per system. */
async function whatWasDone(services: Services, filed: readonly Filed[]): Promise<string[][]> {
  const totals = new Map<string, { located: number; erased: number; retained: number; remaining: number }>();
  for (const r of filed) {
    const doc = await services.requests.get(r.id);
    const systems = await services.requests.systems(r.id);
    if (doc.status !== 'COMPLETED' || systems.length !== 3) throw new Error(`request ${r.id} is ${doc.status} with ${systems.length} systems`);
    for (const s of systems) {
      if (s.status !== 'DONE' || !s.counts.located || !s.counts.erased) throw new Error(`request ${r.id}: ${s.name} is ${s.status}, located ${s.counts.located}, erased ${s.counts.erased}`);
      const t = totals.get(s.name) ?? { located: 0, erased: 0, retained: 0, remaining: 0 };
      t.located += s.counts.located;
      t.erased += s.counts.erased;
      t.retained += s.counts.retained ?? 0;
      t.remaining += s.counts.remaining ?? 0;
      totals.set(s.name, t);
    }
  }
  return [
    ['system', 'located', 'erased', 'kept by law', 'found again by the verification pass'],
    ...[...totals].map(([name, t]) => [name, String(t.located), String(t.erased), String(t.retained), String(t.remaining)]),
  ];
}

export async function run(): Promise<void> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'gardien-bench-erasure-'));
  if (!process.env.LOG_LEVEL) setLogLevel('warn'); // a line per request submitted would bury the figures
  const loadAtStart = os.loadavg()[0]!;
  const cleanups: (() => Promise<unknown>)[] = [];
  let worker: WorkerProcess | undefined;
  try {
    say('starting Temporal, FerretDB, the mail catcher and the emulators…');
    const [temporal, mongo, mail, salesforce, hubspot] = await Promise.all([
      startTemporal({ ui: false, dbFile: TEMPORAL_ON_FILE ? path.join(home, 'temporal.db') : undefined, logFile: path.join(home, 'temporal.log') }),
      startMongo({ dataDir: path.join(home, 'mongo'), logFile: path.join(home, 'mongo.log') }),
      startMailCatcher(),
      startSalesforceEmulator({ port: 0, host: '127.0.0.1', seed: false }),
      startHubspotEmulator({ port: 0, host: '127.0.0.1', seed: false, rateLimits: HUBSPOT_LIMITS ? {} : false }),
    ]);
    cleanups.push(() => temporal.stop(), () => mongo.stop(), () => mail.stop(), () => salesforce.stop(), () => hubspot.stop());

    const people = erasurePeople(REQUESTS);
    const sqlite = path.join(home, 'billing.sqlite');
    await seedDemoSqlite(sqlite);
    await seedBillingDatabase(sqlite, people);
    seedSalesforceOrg(salesforce.state, people);
    seedHubspotPortal(hubspot.state, people);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      GARDIEN_HOME: home,
      GARDIEN_SECRET_KEY: `bench:${randomBytes(32).toString('base64')}`,
      GARDIEN_TOKEN_SECRET: randomBytes(32).toString('hex'),
      GARDIEN_PLUGINS: '',
      MONGODB_URI: mongo.uri,
      MONGODB_DB: 'bench',
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      SMTP_URL: mail.smtpUrl,
      PUBLIC_URL: 'http://127.0.0.1:4000',
      LOG_LEVEL: 'warn',
    };
    const services = await createServices(loadConfig(env));
    cleanups.unshift(() => services.close());
    const inputs = [demoSqlConnectorInput(sqlite), demoSalesforceConnectorInput(salesforce.url), demoHubspotConnectorInput(hubspot.url, hubspot.token)];
    const systems = [];
    for (const input of inputs) systems.push(await services.catalog.register(input));

    say('starting gardien worker…');
    const started = await startWorkerProcess(env, home);
    worker = started;
    await Promise.race([
      waitForPollers(services.temporal.client, TASK_QUEUE),
      started.exited.then((code) => Promise.reject(new Error(`gardien worker exited (${code}) before polling`))),
    ]);
    const idle = started.rss();
    started.resetPeak();

    say(`filing ${REQUESTS} erasure requests…`);
    const commandsBefore = await commandCounts(services.storage.db);
    const submitStart = Date.now();
    const filed = await fileAll(services, mail, people);
    const submitted = { start: submitStart, end: Date.now() };
    say('verifying them and waiting for every erasure to complete…');
    const cpuBefore = cpuOfTree(process.pid);
    await processAll(services, filed);
    const cpu = cpuSpent(cpuBefore, cpuOfTree(process.pid), (pid, comm) => processLabel(pid, comm, started.pid));
    const load = { start: loadAtStart, end: os.loadavg()[0]! };
    const commandsAfter = await commandCounts(services.storage.db);
    const memory = { idle, peak: started.sampledPeak(), hwm: started.highWaterMark(), end: started.rss(), pid: started.pid };
    const done = await whatWasDone(services, filed);

    say('reading the histories…');
    const codec = new AesGcmPayloadCodec(services.config.secretKeys);
    const named = systems.map((s) => ({ id: s._id, name: s.name }));
    const histories: RequestHistories[] = await atMost(10, filed, (r) => requestHistories(services.temporal.client, codec, r.id, named));
    // Temporal's close time, not when the client's long poll came back with it (same clock: the server runs here).
    filed.forEach((r, i) => (r.completed = histories[i]!.request!.closedAt ?? r.noticed));

    printContext({ requests: REQUESTS, inFlight: IN_FLIGHT, hubspotLimits: HUBSPOT_LIMITS, temporalOnFile: TEMPORAL_ON_FILE }, mongo.kind, load);
    printFigures(filed, submitted, memory, refusedBusy);
    printCpu(cpu, filed);
    printCommands(commandsBefore, commandsAfter, filed.length);
    printHistories(histories);
    printTaskTimes(histories);
    printTable(`What the systems did (totals over ${filed.length} requests)`, done);
    printMails(mail.messages(), filed.length);
  } catch (error) {
    if (worker) process.stderr.write(`\ngardien worker's last output (${worker.logFile}):\n${readFileSync(worker.logFile, 'utf8').split('\n').slice(-30).join('\n')}\n`);
    throw error;
  } finally {
    await worker?.stop();
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    rmSync(home, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
