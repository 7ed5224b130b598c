/**
 * Crash safety (issue 4): eight customers file erasure requests at once; they
 * live in a shop's PostgreSQL database, in Salesforce and in HubSpot. The
 * worker — `gardien worker` in a process of its own — is SIGKILLed while the
 * erasures are under way: vendors answer deletes slowly, and three customers'
 * rows are locked, so their SQL transactions are caught open. A new worker
 * finishes the batch (Temporal would retry the dead worker's attempts once
 * their 5-minute heartbeat timeout lapsed; the test times them out at once,
 * see `timeOutAttemptsOfDeadWorker`). Every request completes with a signed
 * report; every record was deleted exactly once (a trigger's log in
 * PostgreSQL, the emulators' call logs); each customer got one completion email.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReportFile } from '../../core/report/verify.js';
import type { OutboxDoc } from '../../core/mail/outbox.js';
import type { Jwks } from '../../core/report/keys.js';
import { uniqueName } from '../support/stack/db.js';
import { caughtMails } from '../support/stack/mail.js';
import { startRequestStack, type RequestStack } from '../support/stack/request-stack.js';
import { startWorkerProcess, timeOutAttemptsOfDeadWorker, type WorkerProcess } from '../support/stack/worker-process.js';
import { BATCH_PEOPLE, seedHubspotPerson, seedSalesforcePerson, type BatchPerson } from './crash-people.js';
import { hubspotDeletes, salesforceDeletes } from './crm-calls.js';
import { codeFrom, mailAbout, stackEnv } from '../support/workflows/harness.js';
import { shopPostgres, type ShopDatabase } from './shop-postgres.js';

/** How long the vendors take to answer each delete while the first worker runs. */
const SLOW_DELETE_MS = 2000;
/**
 * These customers' rows are locked: their SQL erasure is waiting inside its transaction when the worker dies.
 * Three, so the connector keeps one of its four connections for the others.
 */
const LOCKED = BATCH_PEOPLE.slice(0, 3);
const SYSTEMS = ['shop-postgres', 'crm-salesforce', 'crm-hubspot'] as const;
type SystemName = (typeof SYSTEMS)[number];

interface SystemAnswer { name: string; status: string; located: number; erased: number | null; retained: number | null; remaining: number | null; error: string | null }
interface RequestAnswer { id: string; status: string; statusReason: string | null; reportUrl: string | null; systems: SystemAnswer[] }
interface LookupAnswer { systems: { name: string; status: string; records: { object: string; id: string }[] }[] }
interface Filed { person: BatchPerson; id: string; accessToken: string }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const once = (keys: Iterable<string>) => Object.fromEntries([...keys].map((k) => [k, 1]));
const byName = <T extends { name: string }>(items: T[]) => Object.fromEntries(items.map((item) => [item.name, item]));

async function until<T>(what: string, check: () => Promise<T | false>, timeoutMs = 60_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; await sleep(50)) {
    const value = await check();
    if (value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

describe('a worker killed in the middle of a batch of erasures', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'gardien-crash-'));
  // The gateway in this process and the worker processes share the database, the task queue, the keys and the home.
  const shared = {
    MONGODB_DB: uniqueName('crash'),
    TEMPORAL_TASK_QUEUE: uniqueName('crash'),
    GARDIEN_SECRET_KEY: `test:${randomBytes(32).toString('base64')}`,
    GARDIEN_TOKEN_SECRET: randomBytes(32).toString('hex'),
    GARDIEN_HOME: home,
  };
  let stack: RequestStack;
  let shop: ShopDatabase;
  const workers: WorkerProcess[] = [];
  const seeded: Record<SystemName, Map<number, string[]>> = { 'shop-postgres': new Map(), 'crm-salesforce': new Map(), 'crm-hubspot': new Map() };

  beforeAll(async () => {
    shop = await shopPostgres();
    // The company deletes in Salesforce rather than anonymise; HubSpot uses its GDPR delete.
    // The DPO's lookups get the production default time per system: eight people's, on a busy machine.
    stack = await startRequestStack([], { ...shared, CONNECTOR_TIMEOUT_MS: '10000' }, { demo: { salesforce: { erasure: { strategy: 'delete' } } }, worker: false });
    const registered = await stack.ask<{ registerConnector: { __typename: string } }>(
      stack.services.tokens.it,
      'mutation ($input: RegisterConnectorInput!) { registerConnector(input: $input) { __typename ... on Error { message } } }',
      { input: { kind: 'sql', name: 'shop-postgres', config: shop.connectorConfig } },
    );
    expect(registered.data?.registerConnector).toEqual({ __typename: 'Connector' });
    const { salesforce, hubspot } = stack.demo!;
    seeded['shop-postgres'] = await shop.seed(BATCH_PEOPLE);
    for (const p of BATCH_PEOPLE) {
      seeded['crm-salesforce'].set(p.id, seedSalesforcePerson(salesforce, p));
      seeded['crm-hubspot'].set(p.id, seedHubspotPerson(hubspot, p));
    }
  }, 180_000);

  afterAll(async () => {
    for (const worker of workers) await worker.kill();
    await stack?.close();
    await shop?.drop();
    rmSync(home, { recursive: true, force: true });
  }, 60_000);

  const startWorker = async () => {
    const { temporal, mongo, smtp } = stackEnv();
    const { config } = stack.services;
    const worker = await startWorkerProcess({
      ...shared,
      TEMPORAL_ADDRESS: temporal,
      TEMPORAL_NAMESPACE: config.temporal.namespace,
      MONGODB_URI: mongo,
      SMTP_URL: smtp,
      PUBLIC_URL: config.publicUrl,
      NODE_ENV: 'test',
      // Rows stay locked for seconds: the default 10 s read timeout must not be what ends the SQL statement.
      CONNECTOR_TIMEOUT_MS: '30000',
    });
    workers.push(worker);
    return worker;
  };

  const all = (system: SystemName) => [...seeded[system].values()].flat();
  const sqlDeletes = async () => shop.deletions();
  const sfDeletes = () => salesforceDeletes(stack.demo!.salesforce.calls);
  const hsDeletes = () => hubspotDeletes(stack.demo!.hubspot.calls);
  const lookup = async (email: string) =>
    byName((await stack.ask<{ subject: LookupAnswer }>(stack.services.tokens.dpo, 'query ($identity: IdentityInput!) { subject(identity: $identity) { systems { name status records { object id } } } }', { identity: { email } })).data!.subject.systems);
  const recordKeys = (system: SystemName, records: { object: string; id: string }[]) => records.map((r) => (system === 'shop-postgres' ? `${r.object}/${r.id}` : r.id)).sort();

  async function file(person: BatchPerson): Promise<Filed> {
    const answer = await stack.ask<{ submitRequest: { __typename: string; id: string; accessToken: string } }>(
      null,
      'mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { __typename ... on Request { id accessToken } ... on ValidationError { message } } }',
      { input: { type: 'ERASURE', identity: { email: person.email, name: `${person.firstName} ${person.lastName}` }, language: 'EN' } },
    );
    expect(answer.data!.submitRequest.__typename).toBe('Request');
    return { person, ...answer.data!.submitRequest };
  }

  async function verify({ person, id }: Filed): Promise<void> {
    const code = codeFrom((await mailAbout(id, person.email, 'Your verification code')).text);
    const answer = await stack.ask<{ verifyRequest: unknown }>(
      null,
      'mutation ($id: ID!, $code: String!) { verifyRequest(id: $id, code: $code) { __typename ... on Request { status } ... on Error { message } } }',
      { id, code },
    );
    expect(answer.data!.verifyRequest).toEqual({ __typename: 'Request', status: 'IN_PROGRESS' });
  }

  async function followToTheEnd({ id, accessToken }: Filed): Promise<RequestAnswer> {
    const fields = 'id status statusReason reportUrl systems { name status located erased retained remaining error }';
    const follow = async () => (await stack.ask<{ request: RequestAnswer }>(null, `query ($id: ID!, $t: String) { request(id: $id, accessToken: $t) { ... on Request { ${fields} } } }`, { id, t: accessToken })).data!.request;
    let current = await follow();
    for (const deadline = Date.now() + 90_000; ['RECEIVED', 'AWAITING_VERIFICATION', 'IN_PROGRESS'].includes(current.status) && Date.now() < deadline; current = await follow()) await sleep(250);
    return current;
  }

  /** The request's workflow and its children, one per registered system. */
  async function workflowIdsOf(id: string): Promise<string[]> {
    return [`dsr-${id}`, ...(await stack.services.catalog.list()).map((c) => `dsr-${id}-${c._id}`)];
  }

  /** The last attempt number of each run of `activity` in a workflow's history. */
  async function attempts(workflowId: string, activity: string): Promise<number[]> {
    const events = (await stack.services.temporal.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
    const scheduled = new Set(events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activity).map((e) => String(e.eventId)));
    return events.filter((e) => scheduled.has(String(e.activityTaskStartedEventAttributes?.scheduledEventId))).map((e) => e.activityTaskStartedEventAttributes!.attempt ?? 0);
  }

  it('completes every request, deletes each record once and sends each customer one completion email', async () => {
    const { salesforce, hubspot } = stack.demo!;
    // The DPO finds each of them in all three systems, record for record as seeded.
    for (const p of BATCH_PEOPLE) {
      const seen = await lookup(p.email);
      for (const system of SYSTEMS) expect(recordKeys(system, seen[system]!.records), `${system}: ${p.firstName}`).toEqual([...seeded[system].get(p.id)!].sort());
    }

    const first = await startWorker();
    salesforce.faults.add({ method: 'DELETE', path: /^\/services\/data\/v\d+\.\d\/(composite\/)?sobjects/, delayMs: SLOW_DELETE_MS, times: 1000 });
    hubspot.faults.add({ method: 'POST', path: /^\/crm\/v3\/objects\/\w+\/(batch\/archive|gdpr-delete)/, delayMs: SLOW_DELETE_MS, times: 1000 });
    const unlock = await shop.lock(LOCKED.map((p) => p.id));
    const filed = await Promise.all(BATCH_PEOPLE.map(file));
    await Promise.all(filed.map(verify));

    // Under way: every locked customer's SQL erasure waits on its lock, the others' are committed, and both CRMs have deleted something.
    const unlocked = BATCH_PEOPLE.filter((p) => !LOCKED.includes(p)).flatMap((p) => seeded['shop-postgres'].get(p.id)!);
    await until('the erasures to be under way', async () => {
      const committed = await sqlDeletes();
      return (await shop.waitingForLocks()) === LOCKED.length && unlocked.every((row) => committed.has(row)) && sfDeletes().size > 0 && hsDeletes().size > 0;
    }).catch((error: Error) => Promise.reject(new Error(`${error.message}\n${first.output()}`)));
    expect(await first.kill()).toBe('SIGKILL');

    // What the dead worker set going ends now: the vendors carry out the deletes it had sent (as a vendor does when the caller
    // hangs up), within their delay; its SQL transactions, waiting on the locks, roll back once the locks free.
    await sleep(SLOW_DELETE_MS + 500);
    salesforce.faults.clear();
    hubspot.faults.clear();
    await unlock();
    await until('the dead worker’s transactions to end', async () => (await shop.openTransactions()) === 0, 30_000);
    const before = { sql: await sqlDeletes(), sf: sfDeletes(), hs: hsDeletes() };
    expect(Object.keys(Object.fromEntries(before.sql)).sort()).toEqual([...unlocked].sort()); // the cut transactions deleted nothing
    expect(before.sf.size).toBeGreaterThan(0);
    expect(before.sf.size).toBeLessThan(all('crm-salesforce').length);
    expect(before.hs.size).toBeGreaterThan(0);
    expect(before.hs.size).toBeLessThan(all('crm-hubspot').length);

    const cut = await timeOutAttemptsOfDeadWorker(stack.services.temporal.client, (await Promise.all(filed.map((f) => workflowIdsOf(f.id)))).flat());
    await startWorker();
    const done = await Promise.all(filed.map(followToTheEnd));

    // Every request completed, every system erased all it located.
    const connectors = new Map((await stack.services.catalog.list()).map((c) => [c.name, c._id]));
    for (const [i, request] of done.entries()) {
      const { person } = filed[i]!;
      expect(request, `${person.firstName}: ${JSON.stringify(request.systems)}`).toMatchObject({ status: 'COMPLETED', statusReason: null });
      const systems = byName(request.systems);
      for (const system of SYSTEMS) {
        const n = seeded[system].get(person.id)!.length;
        expect(systems[system], `${system}: ${person.firstName}`).toMatchObject({ status: 'DONE', error: null, located: n, erased: n, retained: 0, remaining: 0 });
      }
    }
    // Each record deleted exactly once: the retries found what the dead worker had deleted gone, and deleted the rest.
    expect(Object.fromEntries(await sqlDeletes())).toEqual(once(all('shop-postgres')));
    expect(Object.fromEntries(sfDeletes())).toEqual(once(all('crm-salesforce')));
    expect(Object.fromEntries(hsDeletes())).toEqual(once(all('crm-hubspot')));
    // The erasures the crash cut (the locked customers' SQL ones among them) each ran once more, and only once.
    const cutErasures = cut.filter((a) => a.activity === 'eraseSubject').map((a) => a.workflowId);
    expect(cutErasures).toEqual(expect.arrayContaining(filed.filter((f) => LOCKED.includes(f.person)).map((f) => `dsr-${f.id}-${connectors.get('shop-postgres')}`)));
    expect(cutErasures.length).toBeGreaterThan(LOCKED.length);
    for (const workflowId of cutErasures) expect(await attempts(workflowId, 'eraseSubject'), workflowId).toEqual([2]);

    // Each signed report verifies against the published keys and says what was erased.
    const jwks = (await (await fetch(`${stack.gateway.url}/.well-known/jwks.json`)).json()) as Jwks;
    for (const [i, request] of done.entries()) {
      const { report } = await verifyReportFile(await (await fetch(request.reportUrl!)).text(), jwks);
      expect(report.request).toMatchObject({ id: filed[i]!.id, type: 'ERASURE', status: 'COMPLETED' });
      for (const system of report.systems.filter((s) => (SYSTEMS as readonly string[]).includes(s.name))) {
        expect(system.erasure!.verification, system.name).toMatchObject({ remaining: 0, unexpected: [] });
      }
    }

    // One completion email per customer, none of their emails twice; one `completed` outbox entry per request (counted once every workflow has ended).
    await Promise.all(filed.map((f) => stack.services.temporal.client.workflow.getHandle(`dsr-${f.id}`).result()));
    const outbox = stack.services.storage.collection<OutboxDoc>('outbox');
    for (const { person, id } of filed) {
      const subjects = (await caughtMails({ to: person.email })).map((m) => m.subject);
      expect(subjects.filter((s) => s.includes('is complete')), person.firstName).toHaveLength(1);
      expect(new Set(subjects).size, subjects.join(' | ')).toBe(subjects.length);
      expect(await outbox.countDocuments({ requestId: id, template: 'completed' })).toBe(1);
      expect(await outbox.findOne({ _id: `completed:${id}` })).toMatchObject({ status: 'sent', attempts: 1 });
    }

    // The DPO finds nothing of them any more.
    for (const p of BATCH_PEOPLE) {
      const after = await lookup(p.email);
      for (const system of SYSTEMS) expect(after[system], `${system}: ${p.firstName}`).toMatchObject({ status: 'OK', records: [] });
    }

    // Deletes on both sides of the crash, in every system.
    const after = { sql: (await sqlDeletes()).size - before.sql.size, sf: sfDeletes().size - before.sf.size, hs: hsDeletes().size - before.hs.size };
    expect(after).toEqual({ sql: LOCKED.length * 4, sf: expect.any(Number), hs: expect.any(Number) });
    expect(Math.min(after.sf, after.hs)).toBeGreaterThan(0);
  }, 170_000);
});
