/**
 * The share's index in MongoDB. `file_index` holds one entry per identifier
 * hash and location (no address, number or name in clear), and a tombstone per
 * erased location so a repeated erasure reports what was done. `file_crawl_state`
 * holds each file's size and mtime (what makes a crawl incremental) and the
 * crawl's checkpoint (what makes it resumable).
 */
import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import type { CrawlCounts } from '../../core/crawls.js';
import type { Storage } from '../../core/storage/mongo.js';
import type { FileFormat } from './config.js';
import type { FoundKind } from './identifiers.js';
import type { SkipReason, WalkCursor } from './roots.js';

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

type IndexDoc = IndexEntry | Tombstone;

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
}

type StateDoc = FileState | CrawlRun;

const isEntry = (doc: IndexDoc): doc is IndexEntry => 'hash' in doc;

export class FileIndexStore {
  private readonly index: Collection<IndexDoc>;
  private readonly state: Collection<StateDoc>;

  constructor(
    storage: Storage,
    readonly connector: string,
  ) {
    this.index = storage.collection<IndexDoc>('file_index');
    this.state = storage.collection<StateDoc>('file_crawl_state');
  }

  async ensureIndexes(): Promise<void> {
    await Promise.all([
      this.index.createIndex({ connector: 1, hash: 1 }, { name: 'locate' }),
      this.index.createIndex({ connector: 1, locId: 1 }, { name: 'by_location' }),
      this.index.createIndex({ connector: 1, file: 1 }, { name: 'by_file' }),
      this.state.createIndex({ connector: 1, type: 1, seenIn: 1 }, { name: 'by_crawl' }),
    ]);
  }

  /** Everything this share's index holds, gone (the connector is removed). */
  async drop(): Promise<void> {
    await Promise.all([this.index.deleteMany({ connector: this.connector }), this.state.deleteMany({ connector: this.connector })]);
  }

  stateId(file: string): string {
    return `${this.connector}|${file}`;
  }

  // ---- locations

  async locate(hashes: readonly string[]): Promise<IndexEntry[]> {
    return (await this.index.find({ connector: this.connector, hash: { $in: [...hashes] } }).toArray()).filter(isEntry);
  }

  async forLocations(locIds: readonly string[]): Promise<{ entries: IndexEntry[]; tombstones: Tombstone[] }> {
    const docs = await this.index.find({ connector: this.connector, locId: { $in: [...locIds] } }).toArray();
    return { entries: docs.filter(isEntry), tombstones: docs.filter((d): d is Tombstone => !isEntry(d)) };
  }

  /** Replaces the entries of the given files (tombstones stay). */
  async replaceFiles(files: readonly string[], entries: readonly IndexEntry[]): Promise<void> {
    if (files.length > 0) await this.index.deleteMany({ connector: this.connector, file: { $in: [...files] }, hash: { $exists: true } });
    if (entries.length > 0) await this.index.insertMany([...entries], { ordered: false });
  }

  async tombstone(stones: readonly Tombstone[]): Promise<void> {
    if (stones.length === 0) return;
    await this.index.bulkWrite(stones.map((s) => ({ replaceOne: { filter: { _id: s._id }, replacement: s, upsert: true } })));
  }

  /** Number of entries and files in the index (for health checks and benchmarks). */
  async size(): Promise<{ entries: number; files: number }> {
    const [entries, files] = await Promise.all([
      this.index.countDocuments({ connector: this.connector, hash: { $exists: true } }),
      this.state.countDocuments({ connector: this.connector, type: 'file' }),
    ]);
    return { entries, files };
  }

  // ---- crawl state

  async fileStates(files: readonly string[]): Promise<Map<string, FileState>> {
    const docs = await this.state.find({ _id: { $in: files.map((f) => this.stateId(f)) } }).toArray();
    return new Map(docs.filter((d): d is FileState => d.type === 'file').map((d) => [d.file, d]));
  }

  async saveFileStates(states: readonly FileState[], seen: readonly string[], crawlId: string): Promise<void> {
    const ops: AnyBulkWriteOperation<StateDoc>[] = states.map((s) => ({ replaceOne: { filter: { _id: s._id }, replacement: s, upsert: true } }));
    if (ops.length > 0) await this.state.bulkWrite(ops, { ordered: false });
    if (seen.length > 0) await this.state.updateMany({ _id: { $in: seen.map((f) => this.stateId(f)) } }, { $set: { seenIn: crawlId } });
  }

  /** After a rewrite: the file's new size and time, so the next crawl does not read it again for nothing. */
  async fileRewritten(file: string, size: number, mtimeMs: number, locations: number): Promise<void> {
    await this.state.updateOne({ _id: this.stateId(file) }, { $set: { size, mtimeMs, locations, checkedAt: new Date() } });
  }

  async dropFiles(files: readonly string[]): Promise<void> {
    if (files.length === 0) return;
    await this.index.deleteMany({ connector: this.connector, file: { $in: [...files] }, hash: { $exists: true } });
    await this.state.deleteMany({ _id: { $in: files.map((f) => this.stateId(f)) } });
  }

  /** Files a finished crawl did not see: gone from the share. */
  async unseenFiles(crawlId: string): Promise<string[]> {
    const docs = await this.state.find({ connector: this.connector, type: 'file', seenIn: { $ne: crawlId } }, { projection: { file: 1 } }).toArray();
    return docs.map((d) => (d as FileState).file);
  }

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
