/**
 * The crawl: walks every root in a fixed order, reads only the files whose
 * size or modification time changed, records why any file was skipped, drops
 * files that disappeared, and checkpoints after each batch so a crawl cut off
 * (a worker restart) resumes where it stopped. Each batch writes its files'
 * locations at once; their new postings wait to be written together.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { type FileshareConfig, formatOf } from './config.js';
import { UnreadableDocument } from './documents/fragment.js';
import { PendingPostings } from './postings.js';
import { indexEntries, scanDocument } from './scan.js';
import { type ShareRoots, type Walked, type WalkedFile, comparePaths } from './roots.js';
import type { CrawlCounts, FileIndexStore, FileState, IndexEntry } from './store.js';

export interface CrawlProgress extends CrawlCounts {
  crawlId: string;
  /** Files handled so far in walk order: the position a resumed crawl starts after. */
  position: number;
  resumed: boolean;
  done: boolean;
}

export interface CrawlOptions {
  onProgress?(progress: CrawlProgress): void | Promise<void>;
  signal?: AbortSignal;
  /** Files per checkpoint. */
  batchSize?: number;
  /** Start over instead of resuming an unfinished crawl. */
  restart?: boolean;
}

const zero = (): CrawlCounts => ({ filesSeen: 0, filesRead: 0, filesUnchanged: 0, filesSkipped: 0, filesRemoved: 0, bytesRead: 0, locations: 0 });
// Parsing is CPU-bound; a little concurrency overlaps reads with parsing without starving other work.
const CONCURRENCY = 4;
// New postings are written at the end, or before once this many identifiers (or pairs of identifier and location) wait: locate sees a crawl's new locations then.
const POSTINGS_HELD = { hashes: 100_000, pairs: 1_000_000 };

export async function crawlShare(
  share: { roots: ShareRoots; store: FileIndexStore; config: FileshareConfig; defaultCountry: string },
  options: CrawlOptions = {},
): Promise<CrawlProgress> {
  const { roots, store } = share;
  const previous = await store.run();
  const resumed = !options.restart && previous !== null && previous.finishedAt === null;
  const crawlId = resumed ? previous.crawlId : randomUUID();
  const counts = resumed ? { ...zero(), ...previous.counts } : zero();
  let cursor = resumed ? previous.cursor : null;
  const startedAt = resumed ? previous.startedAt : new Date();
  const lastCompletedAt = previous?.lastCompletedAt ?? null;
  // A crawl cut off mid-batch may have left entries of files it had not yet recorded; until one finishes, every file read has its old entries cleared first.
  const strayEntries = previous !== null && previous.finishedAt === null;
  const progress = (done: boolean): CrawlProgress => ({ ...counts, crawlId, position: counts.filesSeen, resumed, done });
  let postedUntil = startedAt;
  if (strayEntries) {
    postedUntil = new Date();
    await store.repostCrawl(previous); // the postings it held back died with it
  }
  await store.saveRun({ crawlId, cursor, counts, startedAt, finishedAt: null, lastCompletedAt, postedUntil });

  const pending = new PendingPostings();
  // Every file walked, to find at the end those gone from the share; a resumed crawl walks again, reading nothing, what it had done.
  const seen = new Set<string>();
  if (cursor) {
    for (let root = 0; root <= cursor.root; root++) {
      for await (const item of roots.walk(root)) {
        if (root === cursor.root && comparePaths(item.rel, cursor.rel) > 0) break;
        seen.add(item.file);
      }
    }
  }
  let batch: Walked[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await indexBatch({ ...share, pending }, batch, crawlId, counts, strayEntries);
    if (pending.added.size >= POSTINGS_HELD.hashes || pending.pairs >= POSTINGS_HELD.pairs) {
      const now = new Date();
      await store.post(pending);
      postedUntil = now;
    }
    const last = batch[batch.length - 1]!;
    cursor = { root: last.root, rel: last.rel };
    batch = [];
    await store.saveRun({ crawlId, cursor, counts, startedAt, finishedAt: null, lastCompletedAt, postedUntil });
    await options.onProgress?.(progress(false));
    options.signal?.throwIfAborted();
  };

  for (let root = cursor?.root ?? 0; root < roots.roots.length; root++) {
    for await (const item of roots.walk(root, cursor?.root === root ? cursor.rel : undefined)) {
      options.signal?.throwIfAborted();
      seen.add(item.file);
      batch.push(item);
      if (batch.length >= (options.batchSize ?? 200)) await flush();
    }
  }
  await flush();
  await store.post(pending);
  const gone = await store.unseenFiles(seen);
  await store.dropFiles(gone);
  counts.filesRemoved += gone.length;
  const finishedAt = new Date();
  await store.saveRun({ crawlId, cursor: null, counts, startedAt, finishedAt, lastCompletedAt: finishedAt, postedUntil: finishedAt });
  const final = progress(true);
  await options.onProgress?.(final);
  return final;
}

async function indexBatch(
  share: { store: FileIndexStore; config: FileshareConfig; defaultCountry: string; pending: PendingPostings },
  batch: Walked[],
  crawlId: string,
  counts: CrawlCounts,
  strayEntries: boolean,
): Promise<void> {
  const { store, config } = share;
  const known = await store.fileStates(batch.map((item) => item.file));
  const states: FileState[] = [];
  const reindexed: string[] = [];
  const entries: IndexEntry[] = [];
  const state = (item: Walked, fields: Pick<FileState, 'status'> & Partial<FileState>): FileState => ({
    _id: store.stateId(item.file),
    connector: store.connector,
    type: 'file',
    file: item.file,
    size: item.type === 'file' ? item.size : 0,
    mtimeMs: item.type === 'file' ? item.mtimeMs : 0,
    seenIn: crawlId,
    checkedAt: new Date(),
    ...fields,
  });
  const skip = (item: Walked, reason: FileState['reason'], detail: string) => {
    counts.filesSkipped++;
    if (strayEntries || known.get(item.file)?.status === 'indexed') reindexed.push(item.file); // its old entries go
    states.push(state(item, { status: 'skipped', reason, detail }));
  };

  const readOne = async (item: WalkedFile) => {
    const format = formatOf(item.file);
    if (!format) return skip(item, 'unsupported', 'not a format the connector reads');
    if (item.size > config.maxFileBytes) return skip(item, 'too_large', `${item.size} bytes, over the ${config.maxFileBytes}-byte limit`);
    try {
      const bytes = await fs.readFile(item.file);
      const fragments = await scanDocument(item.file, format, bytes, { maxFileBytes: config.maxFileBytes, defaultCountry: share.defaultCountry });
      counts.filesRead++;
      counts.bytesRead += bytes.length;
      counts.locations += fragments.length;
      // Only a file indexed before has entries to clear: skipping the others spares a lookup per new file.
      if (strayEntries || known.get(item.file)?.status === 'indexed') reindexed.push(item.file);
      entries.push(...indexEntries(store.connector, item.file, format, fragments));
      states.push(state(item, { status: 'indexed', locations: fragments.length }));
    } catch (error) {
      if (error instanceof UnreadableDocument) return skip(item, error.reason, error.message);
      const code = (error as NodeJS.ErrnoException).code;
      if (code) return skip(item, 'unreadable', `cannot be read (${code})`);
      // A parser choking on a broken file must not stop the crawl.
      return skip(item, 'malformed', `could not be parsed: ${(error as Error).message}`.slice(0, 300));
    }
  };

  const toRead: WalkedFile[] = [];
  for (const item of batch) {
    counts.filesSeen++;
    if (item.type === 'skip') {
      skip(item, item.reason, item.detail);
      continue;
    }
    const before = known.get(item.file);
    const same = before && before.size === item.size && before.mtimeMs === item.mtimeMs;
    if (same && before.status === 'indexed') counts.filesUnchanged++;
    else if (same && !(before.reason === 'too_large' && item.size <= config.maxFileBytes)) counts.filesSkipped++; // still the same broken or oversized file: its reason stands
    else toRead.push(item);
  }
  for (let i = 0; i < toRead.length; i += CONCURRENCY) await Promise.all(toRead.slice(i, i + CONCURRENCY).map(readOne));
  // The crawl state says which records of the index were all written; the others are written again (see FileIndex.replace).
  const recorded = new Map(reindexed.flatMap((file) => (known.get(file)?.indexStamp ? [[file, known.get(file)!.indexStamp!]] : [])));
  const stamps = await store.replaceFiles(reindexed, entries, { recorded, pending: share.pending });
  for (const s of states) if (stamps.has(s.file)) s.indexStamp = stamps.get(s.file);
  await store.saveFileStates(states);
}
