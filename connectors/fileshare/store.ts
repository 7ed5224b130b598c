/**
 * Where the share's index and crawl state live in MongoDB. `file_index` holds the index (see
 * file-index.ts: postings, locations and tombstones keyed by hashes and ids, no address, number or
 * name in clear); `file_crawl_state` holds each file's size and mtime (what makes a crawl
 * incremental) and the crawl's checkpoint (what makes it resumable). Every hot read and write is
 * by `_id`.
 */
import type { Collection } from 'mongodb';
import type { CrawlCounts } from '../../core/crawls.js';
import type { Storage } from '../../core/storage/mongo.js';
import type { FileFormat } from './config.js';
import { FileIndex, type IndexedLocation, type Located } from './file-index.js';
import type { FoundKind } from './identifiers.js';
import type { PendingPostings } from './postings.js';
import type { SkipReason, WalkCursor } from './roots.js';
import { bulkInChunks, inParallel, insertNew } from './writes.js';

/** One identifier found at one location, as the scan yields it (the index stores it as a location and a posting). */
export interface IndexEntry {
  _id: string;
  connector: string;
  file: string;
  format: FileFormat;
  /** The location's id: the RecordRef id. */
  locId: string;
  /** Where in the file, e.g. `row:Attendees:3`. */
  at: string;
  /** The same for a person: "sheet Attendees, row 3". */
  where: string;
  kind: FoundKind;
  hash: string;
}

export interface Tombstone {
  _id: string;
  connector: string;
  file: string;
  format: FileFormat;
  locId: string;
  erased: { action: 'deleted' | 'anonymised'; at: Date; detail?: string };
}

export interface FileState {
  _id: string;
  connector: string;
  type: 'file';
  file: string;
  size: number;
  mtimeMs: number;
  status: 'indexed' | 'skipped';
  reason?: SkipReason;
  detail?: string;
  locations?: number;
  /** The stamp of the file's record in the index once all it lists was written (see FileIndex.replace). */
  indexStamp?: string;
  /** The crawl that last read or skipped the file. */
  seenIn: string;
  checkedAt: Date;
}

export type { CrawlCounts };

export interface CrawlRun {
  _id: string;
  connector: string;
  type: 'run';
  crawlId: string;
  cursor: WalkCursor | null;
  counts: CrawlCounts;
  startedAt: Date;
  finishedAt: Date | null;
  /** When a crawl last went through every root: locate answers only after one has. */
  lastCompletedAt: Date | null;
  /** Every file this crawl read before then has its postings written; those read since may wait in memory. */
  postedUntil?: Date;
}

type StateDoc = FileState | CrawlRun;

export class FileIndexStore {
  private readonly index: FileIndex;
  private readonly state: Collection<StateDoc>;

  constructor(
    storage: Storage,
    readonly connector: string,
  ) {
    // The index was one document per hash and location until it was keyed for lookups by _id; nothing was deployed before, so no migration.
    this.index = new FileIndex(storage, connector); // file_index
    this.state = storage.collection<StateDoc>('file_crawl_state');
  }

  /** For MongoDB: what is not looked up by _id (a connector's removal, the end of a crawl, refs the index does not hold). */
  async ensureIndexes(): Promise<void> {
    await Promise.all([
      this.index.ensureIndexes(),
      this.state.createIndex({ connector: 1, type: 1, checkedAt: 1 }, { name: 'by_check' }),
    ]);
  }

  /** Everything this share's index holds, gone (the connector is removed). */
  async drop(): Promise<void> {
    await Promise.all([this.index.dropAll(), this.state.deleteMany({ connector: this.connector })]);
  }

  stateId(file: string): string {
    return `${this.connector}|${file}`;
  }

  tombstoneId(locId: string): string {
    return this.index.tombstoneId(locId);
  }

  // ---- locations

  /** Where these hashes were found: one lookup per hash. */
  locate(hashes: readonly string[]): Promise<Located[]> {
    return this.index.locate(hashes);
  }

  forLocations(locIds: readonly string[]): Promise<{ locations: Map<string, IndexedLocation>; tombstones: Map<string, Tombstone> }> {
    return this.index.forLocations(locIds);
  }

  /** What the given files put in the index becomes `entries` (tombstones stay); see FileIndex.replace. */
  replaceFiles(files: readonly string[], entries: readonly IndexEntry[], options: { recorded?: ReadonlyMap<string, string>; pending?: PendingPostings } = {}): Promise<Map<string, string>> {
    return this.index.replace(files, entries, options);
  }

  /** An erasure's new index of one file (and, if it rewrote the file, its new size and time, so the next crawl does not read it again for nothing). */
  async reindexFile(file: string, entries: readonly IndexEntry[], rewritten?: Pick<FileState, 'size' | 'mtimeMs' | 'locations'>): Promise<void> {
    const state = await this.state.findOne({ _id: this.stateId(file) });
    const recorded = state?.type === 'file' && state.indexStamp ? new Map([[file, state.indexStamp]]) : undefined;
    const indexStamp = (await this.index.replace([file], entries, { recorded })).get(file);
    await this.state.updateOne({ _id: this.stateId(file) }, { $set: { ...rewritten, ...(rewritten ? { checkedAt: new Date() } : {}), ...(indexStamp ? { indexStamp } : {}) } });
  }

  post(pending: PendingPostings): Promise<void> {
    return this.index.post(pending);
  }

  /** A crawl cut off lost the postings it held back: those of the files it read since it last wrote them are written again (a scan of the crawl state, after a crash only). */
  async repostCrawl(run: CrawlRun): Promise<void> {
    // A minute's margin: the crawl may have run on several workers, whose clocks differ a little.
    const since = new Date((run.postedUntil ?? run.startedAt).getTime() - 60_000);
    const read = await this.state.find({ connector: this.connector, type: 'file', status: 'indexed', checkedAt: { $gte: since } }, { projection: { file: 1 } }).toArray();
    await this.index.repost(read.map((d) => (d as FileState).file));
  }

  tombstone(stones: readonly Tombstone[]): Promise<void> {
    return this.index.tombstone(stones);
  }

  /** Identifiers found (per location) and files known, for tests and benchmarks: scans, not for hot paths. */
  async size(): Promise<{ entries: number; files: number }> {
    const [entries, files] = await Promise.all([this.index.entryCount(), this.state.countDocuments({ connector: this.connector, type: 'file' })]);
    return { entries, files };
  }

  // ---- crawl state

  async fileStates(files: readonly string[]): Promise<Map<string, FileState>> {
    const docs = await inParallel(files, (f) => this.state.findOne({ _id: this.stateId(f) }));
    return new Map(docs.flatMap((d) => (d?.type === 'file' ? [[d.file, d]] : [])));
  }

  /** The states of the files a batch read or skipped; unchanged files are not written at all. */
  async saveFileStates(states: readonly FileState[]): Promise<void> {
    // Most states written are of files new to the index (a first crawl): inserted together, the others replaced.
    await insertNew(this.state, [...states], (s) => ({ replaceOne: { filter: { _id: s._id }, replacement: s, upsert: true } }));
  }

  async dropFiles(files: readonly string[]): Promise<void> {
    if (files.length === 0) return;
    await this.index.drop(files);
    await bulkInChunks(this.state, files.map((f) => ({ deleteOne: { filter: { _id: this.stateId(f) } } })));
  }

  /** Files known to the index that a finished crawl did not walk: gone from the share. A scan of the share's crawl state, once per crawl. */
  async unseenFiles(seen: ReadonlySet<string>): Promise<string[]> {
    const docs = await this.state.find({ connector: this.connector, type: 'file' }, { projection: { file: 1 } }).toArray();
    return docs.map((d) => (d as FileState).file).filter((file) => !seen.has(file));
  }

  /** A scan of the share's crawl state: asked for by people, not on hot paths. */
  async skippedFiles(): Promise<FileState[]> {
    return (await this.state.find({ connector: this.connector, type: 'file', status: 'skipped' }).toArray()) as FileState[];
  }

  async run(): Promise<CrawlRun | null> {
    return (await this.state.findOne({ _id: `${this.connector}|#run` })) as CrawlRun | null;
  }

  async saveRun(run: Omit<CrawlRun, '_id' | 'connector' | 'type'>): Promise<void> {
    await this.state.replaceOne({ _id: `${this.connector}|#run` }, { ...run, connector: this.connector, type: 'run' }, { upsert: true });
  }
}
