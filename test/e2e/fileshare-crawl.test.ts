/**
 * File share crawls as IT runs them, through GraphQL over HTTP, the CLI, real
 * Temporal (a schedule per share, the production worker) and FerretDB: a share
 * registered is crawled at once and on a schedule, IT follows the progress,
 * a second crawl reads only what changed, and the DPO finds people in it.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ScheduleNotFoundError, type ScheduleDescription } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import type { CrawlProgress } from '../../connectors/fileshare/crawl.js';
import { writeFiles } from '../../devstack/demo/documents.js';
import { legacySqlite, type LegacySqlite } from '../support/sql/sqlite.js';
import { demoShareFiles } from '../../devstack/demo/fileshare.js';
import { freePort } from '../../devstack/ports.js';
import { startGateway, type RunningGateway } from '../../gateway/server.js';
import { graphql, startTestServices, type AnswerData, type TestServices } from '../support/gateway/services.js';
import { fileshareCrawlScheduleId, fileshareCrawlWorkflowId } from '../../workflows/crawl-names.js';
import { createWorker } from '../../workflows/runtime/worker.js';
import { legacyConnectorConfig } from '../fixtures/legacy-schema.js';
import { uniqueName } from '../support/stack/db.js';
import { until } from '../support/stack/poll.js';
import { quietTemporal, stackEnv } from '../support/workflows/harness.js';

const CRAWL = /* GraphQL */ `
  query ($id: ID!) {
    connector(id: $id) {
      __typename
      ... on Connector {
        crawl { status filesSeen filesRead filesUnchanged filesSkipped filesRemoved bytesRead locations startedAt finishedAt lastCompletedAt error attempt schedule { every paused nextRunAt } }
      }
    }
  }
`;
const CRAWL_NOW = /* GraphQL */ `
  mutation ($id: ID!, $restart: Boolean) {
    crawlConnector(id: $id, restart: $restart) {
      __typename
      ... on Connector { name crawl { status } }
      ... on Error { message }
      ... on ValidationError { problems { path message } }
    }
  }
`;
const LOOKUP = /* GraphQL */ `
  query ($email: String!) {
    subject(identity: { email: $email }) { systems { name status error records { object fields { name value } } } }
  }
`;

let services: TestServices;
let gateway: RunningGateway;
let connection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let billing: LegacySqlite;
let home: string;
let share: string;
let env: NodeJS.ProcessEnv;
let shareId: string;
/** Runs after each checkpoint of a crawl on the worker: a test holds a crawl there to watch it mid-way. */
let atCheckpoint: ((progress: CrawlProgress) => Promise<void>) | null = null;

const ask = (query: string, variables: Record<string, unknown> = {}, token = services.tokens.it) => graphql<AnswerData>(fetch, token, query, variables, gateway.graphqlUrl);
const crawlOf = async (id = shareId) => (await ask(CRAWL, { id })).data!.connector.crawl;
const describeSchedule = (id = shareId): Promise<ScheduleDescription> => services.crawls.client.schedule.getHandle(fileshareCrawlScheduleId(id)).describe();
const systemIn = async (email: string, name = 'team-drive') =>
  ((await ask(LOOKUP, { email }, services.tokens.dpo)).data!.subject.systems as AnswerData[]).find((s) => s.name === name)!;
/** The formats of the documents a person was found in. */
const formatsOf = async (email: string, name?: string) => [...new Set(((await systemIn(email, name)).records as { object: string }[]).map((r) => r.object))].sort();

/** Holds the next crawl after its first checkpoint until `release()` (or `orUntil` resolves); `at` resolves with the progress there. */
function holdNextCrawl(orUntil: (progress: CrawlProgress) => Promise<unknown> = () => new Promise(() => undefined)) {
  let reached!: (progress: CrawlProgress) => void;
  const at = new Promise<CrawlProgress>((resolve) => (reached = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  atCheckpoint = async (progress) => {
    atCheckpoint = null;
    reached(progress);
    await Promise.race([released, orUntil(progress)]);
  };
  return { at, release };
}

/** Until the share's crawl has ended after `since`. */
const completedAfter = (since: Date, id = shareId) =>
  until('the crawl to complete', async () => {
    const crawl = await crawlOf(id);
    return crawl.status === 'COMPLETED' && new Date(crawl.startedAt) >= since && crawl;
  });

beforeAll(async () => {
  quietTemporal();
  const stack = stackEnv();
  const port = await freePort();
  home = mkdtempSync(path.join(tmpdir(), 'gardien-crawl-'));
  share = path.join(home, 'team-drive');
  // The CLI runs in this process against the same database, Temporal task queue and keys as the gateway.
  env = {
    GARDIEN_HOME: home,
    NODE_ENV: 'test',
    MONGODB_URI: stack.mongo,
    MONGODB_DB: uniqueName('crawl'),
    TEMPORAL_ADDRESS: stack.temporal,
    TEMPORAL_TASK_QUEUE: uniqueName('crawl'),
    GARDIEN_SECRET_KEY: `test:${randomBytes(32).toString('base64')}`,
    GARDIEN_TOKEN_SECRET: randomBytes(32).toString('hex'),
    SMTP_URL: stack.smtp,
  };
  services = await startTestServices({ ...(env as Record<string, string>), PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
  gateway = await startGateway(services, { port, host: '127.0.0.1' });
  connection = await NativeConnection.connect({ address: stack.temporal });
  worker = await createWorker({
    config: services.config,
    services: services.dsr,
    catalog: services.catalog,
    connection,
    // The demo share's 7 files in checkpoints of 3: a crawl has two checkpoints before its end.
    fileshare: { batchSize: 3, afterCheckpoint: (progress) => atCheckpoint?.(progress) ?? Promise.resolve() },
  });
  running = worker.run();
  await writeFiles(share, await demoShareFiles());
  billing = await legacySqlite();
}, 120_000);

afterAll(async () => {
  // Schedules live in Temporal, beyond this test's database: none is left behind.
  for (const doc of (await services?.catalog.list()) ?? []) if (doc.kind === 'fileshare') await services.catalog.remove(doc._id).catch(() => undefined);
  worker?.shutdown();
  await running;
  await connection?.close();
  await gateway?.close();
  await services?.dispose();
  billing?.remove();
  rmSync(home, { recursive: true, force: true });
});

describe('a file share registered through GraphQL', () => {
  it('gets a schedule and a first crawl at once; IT watches it run, then the DPO finds people in the share', async () => {
    const held = holdNextCrawl();
    const registered = await ask(
      'mutation ($input: RegisterConnectorInput!) { registerConnector(input: $input) { __typename ... on Connector { id } ... on Error { message } } }',
      { input: { kind: 'fileshare', name: 'team-drive', config: { roots: [share], crawlEvery: '2h' } } },
    );
    expect(registered.data!.registerConnector).toMatchObject({ __typename: 'Connector' });
    shareId = registered.data!.registerConnector.id;

    const schedule = await describeSchedule();
    expect(schedule.spec.intervals).toMatchObject([{ every: 2 * 3600_000 }]);
    expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'scheduledFileshareCrawlWorkflow', taskQueue: env.TEMPORAL_TASK_QUEUE, args: [{ connectorId: shareId }] });
    expect(schedule.policies.overlap).toBe('SKIP');
    expect(schedule.state.paused).toBe(false);
    const nextRun = schedule.info.nextActionTimes[0]!.getTime();
    expect(nextRun - Date.now()).toBeGreaterThan(0);
    expect(nextRun - Date.now()).toBeLessThanOrEqual(2 * 3600_000);

    // Mid-crawl: progress shows, and lookups say the share is not indexed yet.
    expect(await held.at).toMatchObject({ filesSeen: 3, done: false });
    const midway = await crawlOf();
    expect(midway).toMatchObject({ status: 'RUNNING', filesSeen: 3, filesRead: 3, filesUnchanged: 0, finishedAt: null, lastCompletedAt: null, error: null, attempt: 1 });
    expect(midway.bytesRead).toBeGreaterThan(0);
    expect(midway.schedule).toEqual({ every: '2h', paused: false, nextRunAt: new Date(nextRun).toISOString() });
    expect(await systemIn('camille.durand@example.fr')).toMatchObject({ status: 'ERROR', error: expect.stringContaining('has not been indexed yet') });

    // Asking again while it runs joins the same crawl: the workflow id is the lock.
    const handle = services.crawls.client.workflow.getHandle(fileshareCrawlWorkflowId(shareId));
    const runBefore = (await handle.describe()).runId;
    expect((await ask(CRAWL_NOW, { id: 'team-drive' })).data!.crawlConnector).toEqual({ __typename: 'Connector', name: 'team-drive', crawl: { status: 'RUNNING' } });
    expect((await handle.describe()).runId).toBe(runBefore);

    held.release();
    const done = await completedAfter(new Date(midway.startedAt));
    expect(done).toMatchObject({ filesSeen: 7, filesRead: 7, filesUnchanged: 0, filesSkipped: 0, filesRemoved: 0, error: null, attempt: null });
    expect(done.lastCompletedAt).toBe(done.finishedAt);
    expect(done.locations).toBeGreaterThan(7);

    expect(await systemIn('camille.durand@example.fr')).toMatchObject({ status: 'OK', error: null });
    expect(await formatsOf('camille.durand@example.fr')).toEqual(['csv', 'eml', 'json', 'md', 'xlsx']);
  }, 60_000);

  it('crawls again on demand reading only the files that changed, appeared or went', async () => {
    const before = await crawlOf();
    expect(await formatsOf('elise.fontaine@example.fr')).toContain('docx');
    await fs.appendFile(path.join(share, 'reunions/2024-03-12-point-commercial.md'), '- Hugo Lefèvre <hugo.lefevre@example.fr> : rappeler en mai\n');
    await writeFiles(share, { 'ventes/prospects-2025.csv': 'Nom;E-mail\nMarchetti;giulia.marchetti@example.it\n' });
    await fs.rm(path.join(share, 'courrier/devis-formation-dpo.docx'));

    expect((await ask(CRAWL_NOW, { id: shareId })).data!.crawlConnector).toMatchObject({ __typename: 'Connector' });
    const again = await completedAfter(new Date(before.finishedAt));
    expect(again).toMatchObject({ filesSeen: 7, filesRead: 2, filesUnchanged: 5, filesSkipped: 0, filesRemoved: 1 });

    expect(await formatsOf('hugo.lefevre@example.fr')).toEqual(['md']);
    expect(await formatsOf('giulia.marchetti@example.it')).toEqual(['csv']);
    expect(await formatsOf('elise.fontaine@example.fr')).toEqual(['csv', 'json', 'xlsx']);
  }, 60_000);

  it("runs the schedule's crawl under the share's one id, and skips it while another crawl runs", async () => {
    const schedule = services.crawls.client.schedule.getHandle(fileshareCrawlScheduleId(shareId));
    const scheduledRun = async (count: number) => {
      const actions = await until('the scheduled run', async () => {
        const recent = (await schedule.describe()).info.recentActions;
        return recent.length >= count && recent;
      });
      return services.crawls.client.workflow.getHandle(actions[count - 1]!.action.workflow.workflowId).result();
    };

    const held = holdNextCrawl();
    await ask(CRAWL_NOW, { id: shareId });
    await held.at;
    await schedule.trigger();
    expect(await scheduledRun(1)).toEqual({ alreadyRunning: true });
    held.release();
    await services.crawls.finished(await services.catalog.get(shareId));

    await schedule.trigger();
    expect(await scheduledRun(2)).toEqual({ crawled: expect.objectContaining({ filesSeen: 7, filesRead: 0, filesUnchanged: 7 }) });
    expect(await crawlOf()).toMatchObject({ status: 'COMPLETED', filesRead: 0, filesUnchanged: 7 });
  }, 60_000);

  it('`gardien connectors crawl --wait` prints the progress until the crawl is done', async () => {
    await fs.appendFile(path.join(share, 'ventes/prospects-2025.csv'), 'Okafor;chidi.okafor@example.ng\n');
    const out: string[] = [];
    const err: string[] = [];
    // The crawl waits at its first checkpoint until the command has shown it.
    holdNextCrawl(() => until('a progress line', async () => out.some((line) => line.startsWith('crawling team-drive: 3 files seen'))));
    const code = await main(['connectors', 'crawl', 'team-drive', '--wait'], { stdout: (line) => out.push(line), stderr: (line) => err.push(line) }, env);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out.filter((line) => line.startsWith('crawling '))).toContainEqual(expect.stringMatching(/^crawling team-drive: 3 files seen, [01] read \(\d+ B\), [23] unchanged, 0 skipped$/));
    expect(out.at(-1)).toMatch(
      /^crawled team-drive: 7 files seen, 1 read \(\d+ B\), 6 unchanged, 0 skipped, 0 removed; \d+ locations found in the files read in \d+\.\d s; next crawl at \d{4}-\d\d-\d\dT/,
    );
    expect(await formatsOf('chidi.okafor@example.ng')).toEqual(['csv']);

    const usage = await main(['connectors', 'crawl'], { stdout: () => undefined, stderr: (line) => err.push(line) }, env);
    expect(usage).toBe(2);
    expect(err.join('\n')).toContain('usage: gardien connectors add');
  }, 60_000);
});

describe('a share registered disabled, then unmounted', () => {
  it('is not crawled while disabled; a crawl of an unmounted share retries and says why, then completes once it is back; removal cancels a crawl', async () => {
    const archive = path.join(home, 'archive');
    await writeFiles(archive, { '2019/clients.csv': 'Nom;E-mail\nRoux;marc.roux@example.fr\n', '2019/notes.txt': 'Appeler Marc Roux au 06 11 22 33 44\n' });
    const registered = await ask('mutation ($input: RegisterConnectorInput!) { registerConnector(input: $input) { ... on Connector { id } } }', {
      input: { kind: 'fileshare', name: 'archive', config: { roots: [archive] }, enabled: false },
    });
    const id: string = registered.data!.registerConnector.id;
    expect(await crawlOf(id)).toMatchObject({ status: 'NEVER', filesSeen: 0, startedAt: null, lastCompletedAt: null, schedule: { every: '1h', paused: true, nextRunAt: null } });
    await ask('mutation ($id: ID!) { setConnectorEnabled(id: $id, enabled: true) { __typename } }', { id });
    expect(await crawlOf(id)).toMatchObject({ status: 'NEVER', schedule: { paused: false } });

    // Unmounted between two crawls: the crawl retries (the worker keeps trying for hours) and IT reads why.
    await fs.rename(archive, `${archive}.offline`);
    const asked = new Date();
    await ask(CRAWL_NOW, { id });
    const retrying = await until('a retry', async () => {
      const crawl = await crawlOf(id);
      return crawl.attempt >= 2 && crawl;
    });
    expect(retrying).toMatchObject({ status: 'RUNNING', error: `The share root ${archive} cannot be opened (ENOENT): is it mounted?` });
    await fs.rename(`${archive}.offline`, archive);
    expect(await completedAfter(asked, id)).toMatchObject({ filesSeen: 2, filesRead: 2, error: null, attempt: null });
    expect(await formatsOf('marc.roux@example.fr', 'archive')).toEqual(['csv']);

    await fs.rename(archive, `${archive}.offline`);
    await ask(CRAWL_NOW, { id });
    await until('a retry', async () => (await crawlOf(id)).attempt >= 2);
    const crawl = services.crawls.client.workflow.getHandle(fileshareCrawlWorkflowId(id));
    await ask('mutation ($id: ID!) { removeConnector(id: $id) { __typename } }', { id });
    await until('the crawl to stop', async () => (await crawl.describe()).status.name === 'CANCELLED');
    await expect(describeSchedule(id)).rejects.toBeInstanceOf(ScheduleNotFoundError);
  }, 60_000);
});

describe('crawls and other connectors', () => {
  it('refuses to crawl a SQL database or an unknown connector, and shows no crawl for them', async () => {
    const sql = await ask('mutation ($input: RegisterConnectorInput!) { registerConnector(input: $input) { ... on Connector { id } } }', {
      input: { kind: 'sql', name: 'billing', config: legacyConnectorConfig(billing.url) },
    });
    const sqlId = sql.data!.registerConnector.id;
    expect((await ask(CRAWL_NOW, { id: 'billing' })).data!.crawlConnector).toEqual({
      __typename: 'ValidationError',
      message: 'billing is a sql connector: it answers lookups live, only file shares are crawled',
      problems: [{ path: 'id', message: 'not a file share' }],
    });
    expect(await crawlOf(sqlId)).toBeNull();
    await expect(describeSchedule(sqlId)).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect((await ask(CRAWL_NOW, { id: 'nowhere' })).data!.crawlConnector).toEqual({ __typename: 'NotFound', message: 'Connector nowhere does not exist' });
    // Lookups are the DPO's, crawls are IT's too; an agent does neither.
    expect((await ask(CRAWL_NOW, { id: shareId }, services.tokens.agent)).errors?.[0]?.message).toBe('The agent role may not read Mutation.crawlConnector');
  });

  it('pauses the schedule while the share is disabled, and deletes it with the share', async () => {
    const setEnabled = (enabled: boolean) =>
      ask('mutation ($id: ID!, $enabled: Boolean!) { setConnectorEnabled(id: $id, enabled: $enabled) { __typename } }', { id: shareId, enabled });
    await setEnabled(false);
    expect((await describeSchedule()).state).toMatchObject({ paused: true });
    expect((await crawlOf()).schedule).toEqual({ every: '2h', paused: true, nextRunAt: null });
    expect((await ask(CRAWL_NOW, { id: shareId })).data!.crawlConnector).toMatchObject({ __typename: 'ValidationError', message: 'team-drive is disabled: enable it to crawl it' });

    await setEnabled(true);
    expect((await describeSchedule()).state).toMatchObject({ paused: false });
    expect((await crawlOf()).schedule).toMatchObject({ paused: false, nextRunAt: expect.any(String) });

    const indexed = () => Promise.all(['file_index', 'file_crawl_state'].map((c) => services.storage.db.collection(c).countDocuments({ connector: shareId })));
    expect((await indexed()).every((n) => n > 0)).toBe(true);
    expect((await ask('mutation ($id: ID!) { removeConnector(id: $id) { __typename } }', { id: shareId })).data!.removeConnector).toEqual({ __typename: 'Connector' });
    await expect(describeSchedule()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect(await indexed()).toEqual([0, 0]); // where people appear in the share is not kept once the share is gone
  });
});
