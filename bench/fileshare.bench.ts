/**
 * The file share connector on a generated share of BENCH_FILES documents
 * (10,000 by default): a first crawl, a second with nothing changed, a third
 * after 1% of the files changed, each in a process of its own for its peak
 * memory; then locate by email and by phone against that index, and read of
 * what was located. The crawl is the connector's own, as the Temporal activity
 * runs it, without Temporal around it.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileshareConnector } from '../connectors/fileshare/connector.js';
import { openShare } from '../test/support/fileshare/share.js';
import { normaliseIdentity, type IdentityInput } from '../core/identity.js';
import { Storage } from '../core/storage/mongo.js';
import { startMongo } from '../devstack/mongo.js';
import type { CrawlJob, CrawlMeasure } from './fileshare-crawl.js';
import { type BenchPerson, benchPeople, pick, seededRandom } from './fileshare-people.js';
import { type GeneratedShare, generateShare } from './fileshare-share.js';
import { mb, ms, printTable, spread } from './stats.js';

const FILES = Number(process.env.BENCH_FILES ?? 10_000);
const LOCATES = Number(process.env.BENCH_LOCATES ?? 1_000);
const READS = Number(process.env.BENCH_READS ?? 100);
// Each kind of lookup stops at its count or after this long, whichever comes first; the table says how many ran.
const BUDGET_MS = Number(process.env.BENCH_LOOKUP_SECONDS ?? 120) * 1000;
const WARMUP = 20;

const say = (line: string) => process.stderr.write(`  … ${line}\n`);

function crawlInChild(job: CrawlJob): Promise<CrawlMeasure> {
  const child = fork(fileURLToPath(new URL('./fileshare-crawl.ts', import.meta.url)), [JSON.stringify(job)], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    let measure: CrawlMeasure | undefined;
    child.on('message', (message) => void (measure = message as CrawlMeasure));
    child.on('error', reject);
    child.on('exit', (code) => (measure ? resolve(measure) : reject(new Error(`the crawl process exited with code ${code}`))));
  });
}

function shareRows(share: GeneratedShare, generationMs: number): string[][] {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const rows = [['format', 'files', 'size', 'mean', 'largest']];
  for (const [format, f] of [...share.formats].sort((a, b) => b[1].files - a[1].files)) rows.push([format, String(f.files), mb(f.bytes), kb(f.bytes / f.files), kb(f.largest)]);
  rows.push(['all', String(share.files), mb(share.bytes), kb(share.bytes / share.files), `generated in ${(generationMs / 1000).toFixed(0)} s`]);
  return rows;
}

function crawlRow(title: string, m: CrawlMeasure): string[] {
  const s = m.wallMs / 1000;
  const p = m.progress;
  return [title, String(p.filesSeen), String(p.filesRead), mb(p.bytesRead), `${s.toFixed(1)} s`, (p.filesRead / s).toFixed(1), (p.bytesRead / 1024 / 1024 / s).toFixed(2), (p.filesSeen / s).toFixed(0), mb(m.peakRssBytes), mb(m.rssBeforeBytes), mb(m.peakHeapBytes)];
}

/** Runs `once` up to `count` times after a warm-up (a tenth of the count, at most WARMUP, shorter when calls are slow), within BUDGET_MS; its timings and what it found. */
async function sample(count: number, once: () => Promise<{ elapsed: number; found: number }>) {
  const elapsed: number[] = [];
  const found: number[] = [];
  const warming = performance.now();
  for (let i = 0; i < Math.min(WARMUP, Math.ceil(count / 10)) && (i === 0 || performance.now() - warming < BUDGET_MS / 4); i++) await once();
  const until = performance.now() + BUDGET_MS;
  while (elapsed.length < count && (elapsed.length < 3 || performance.now() < until)) {
    const r = await once();
    elapsed.push(r.elapsed);
    found.push(r.found);
  }
  return { time: spread(elapsed), found: spread(found), max: Math.max(...found), misses: found.filter((n) => n === 0).length, n: elapsed.length };
}

function timeLocates(connector: FileshareConnector, identities: () => IdentityInput, count: number) {
  return sample(count, async () => {
    const identity = normaliseIdentity(identities());
    const started = performance.now();
    const refs = await connector.locate(identity);
    return { elapsed: performance.now() - started, found: refs.length };
  });
}

function timeReads(connector: FileshareConnector, identities: () => IdentityInput, count: number) {
  return sample(count, async () => {
    const refs = await connector.locate(normaliseIdentity(identities()));
    const started = performance.now();
    let found = 0;
    for await (const record of connector.read(refs)) found += record.ref ? 1 : 0;
    return { elapsed: performance.now() - started, found };
  });
}

async function lookupRows(connector: FileshareConnector, share: GeneratedShare, people: readonly BenchPerson[]): Promise<string[][]> {
  const random = seededRandom(99);
  const byEmail = [...share.filesByEmail.keys()].map((i) => people[i]!);
  const byPhone = [...share.filesByPhone.keys()].map((i) => people[i]!);
  const regulars = [...share.filesByEmail].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([i]) => people[i]!);
  const email = (from: readonly BenchPerson[]) => () => ({ email: pick(random, from).email });
  const phone = () => ({ phone: pick(random, byPhone).phone });
  const rows = [['operation', 'median', 'p99', 'records found (median / p99 / max)', 'timed']];
  const row = async (title: string, measured: () => ReturnType<typeof sample>) => {
    say(title);
    const r = await measured();
    rows.push([title, ms(r.time.median), ms(r.time.p99), `${r.found.median} / ${r.found.p99} / ${r.max}${r.misses ? ` (${r.misses} found nothing)` : ''}`, String(r.n)]);
  };
  await row('locate by email', () => timeLocates(connector, email(byEmail), LOCATES));
  await row('locate by phone', () => timeLocates(connector, phone, LOCATES));
  await row('locate by email + phone', () => timeLocates(connector, () => ({ ...email(byEmail)(), ...phone() }), LOCATES));
  await row('locate, the 5 most present people', () => timeLocates(connector, email(regulars), Math.min(LOCATES, 200)));
  await row('locate, nobody (unknown email)', () => timeLocates(connector, () => ({ email: `nobody.${Math.floor(random() * 1e9)}@example.org` }), LOCATES));
  await row('read what locate found, by email', () => timeReads(connector, email(byEmail), READS));
  await row('read, the most present person', () => timeReads(connector, email(regulars.slice(0, 1)), 3));
  return rows;
}

export async function run(): Promise<void> {
  const home = mkdtempSync(path.join(tmpdir(), 'gardien-bench-fileshare-'));
  const mongo = await startMongo({ dataDir: path.join(home, 'mongo') });
  let storage: Storage | undefined;
  try {
    const people = benchPeople(Math.max(500, FILES * 2), seededRandom(7));
    const root = path.join(home, 'share');
    say(`generating ${FILES} files`);
    const generating = performance.now();
    const share = await generateShare(root, FILES, people);
    printTable(`Generated share (${mongo.kind} for the index)`, shareRows(share, performance.now() - generating));

    const job: CrawlJob = { uri: mongo.uri, db: 'bench_fileshare', root, connectorId: 'conn_bench_fileshare' };
    say('first crawl');
    const first = await crawlInChild(job);
    say('second crawl, nothing changed');
    const second = await crawlInChild(job);
    const changed = await share.change(0.01);
    say(`third crawl, ${changed} files changed`);
    const third = await crawlInChild(job);
    storage = await Storage.open(mongo.uri, job.db);
    const connector = await openShare(storage, { roots: [root] }, { context: { connectorId: job.connectorId, name: 'bench-share' } });
    const index = await connector.store.size();
    printTable(`Crawl (the connector's crawl in a process of its own, batches of 100; index: ${index.entries} entries for ${index.files} files)`, [
      ['crawl', 'seen', 'read', 'read MB', 'wall', 'files/s', 'MB/s', 'seen/s', 'peak RSS', 'RSS before', 'peak heap'],
      crawlRow('first, full', first),
      crawlRow('again, nothing changed', second),
      crawlRow(`after ${changed} files changed`, third),
    ]);
    printTable('Locate and read against that index (the connector called in-process)', await lookupRows(connector, share, people));
  } finally {
    await storage?.close();
    await mongo.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
