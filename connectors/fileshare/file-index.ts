/**
 * The share's index (`file_index`), laid out so that every hot read and write is by `_id`: the only
 * query FerretDB's SQLite backend answers from an index (MongoDB is fast either way).
 * - `<connector>|h|<hash>` a posting: where that email or phone hash was found (location id → format);
 * - `<connector>|l|<locId>` a location: its file, format, place and the hashes found there;
 * - `<connector>|f|<file>` what a file put in the index (its locations and their hashes), written
 *   before them: replacing or dropping the file touches exactly those, even after a crash between;
 * - `<connector>|<locId>|erased` a tombstone per erased location.
 * Names are not indexed (they never locate anyone on their own); nothing is in clear.
 */
import type { Collection } from 'mongodb';
import type { Storage } from '../../core/storage/mongo.js';
import type { FileFormat } from './config.js';
import type { IndexEntry, Tombstone } from './store.js';
import { bulkInChunks, inParallel } from './writes.js';

export interface IndexedLocation {
  file: string;
  format: FileFormat;
  where: string;
  /** Hashes of the emails and phone numbers the index found there. */
  hashes: Set<string>;
}

export interface Located {
  hash: string;
  locId: string;
  format: FileFormat;
}

interface PostingDoc {
  _id: string;
  connector: string;
  type: 'posting';
  locs: Record<string, FileFormat>;
}

interface LocationDoc {
  _id: string;
  connector: string;
  type: 'location';
  locId: string;
  file: string;
  format: FileFormat;
  at: string;
  where: string;
  hashes: string[];
}

interface ContributionDoc {
  _id: string;
  connector: string;
  type: 'contribution';
  file: string;
  /** Location id → the hashes posted for it. */
  locs: Record<string, string[]>;
}

/** One collection, a view per kind of document: their `_id`s never meet. */
interface Views {
  postings: Collection<PostingDoc>;
  locations: Collection<LocationDoc>;
  contributions: Collection<ContributionDoc>;
  tombstones: Collection<Tombstone>;
  /** Entries (one per hash and location, what the scan yields) are found here only if written by hand or by an earlier layout. */
  entries: Collection<IndexEntry>;
}

export class FileIndex {
  private readonly docs: Views;

  constructor(
    storage: Storage,
    readonly connector: string,
  ) {
    const view = <T extends object>() => storage.collection<T>('file_index');
    this.docs = { postings: view(), locations: view(), contributions: view(), tombstones: view(), entries: view() };
  }

  /** For MongoDB: the one query not by _id, for refs the index does not hold under their id. */
  async ensureIndexes(): Promise<void> {
    await this.docs.entries.createIndex({ connector: 1, locId: 1 }, { name: 'by_location' });
  }

  /** All of this share's index (the connector is removed). */
  async dropAll(): Promise<void> {
    await this.docs.entries.deleteMany({ connector: this.connector });
  }

  /** Identifiers found, location by location: a scan, for tests and benchmarks. */
  async entryCount(): Promise<number> {
    const locations = await this.docs.locations.find({ connector: this.connector, type: 'location' }, { projection: { hashes: 1 } }).toArray();
    return locations.reduce((n, l) => n + l.hashes.length, 0);
  }

  async tombstone(stones: readonly Tombstone[]): Promise<void> {
    await bulkInChunks(this.docs.tombstones, stones.map((s) => ({ replaceOne: { filter: { _id: s._id }, replacement: s, upsert: true } })));
  }

  private key(kind: 'h' | 'l' | 'f', id: string): string {
    return `${this.connector}|${kind}|${id}`;
  }

  tombstoneId(locId: string): string {
    return `${this.connector}|${locId}|erased`;
  }

  async locate(hashes: readonly string[]): Promise<Located[]> {
    const postings = await Promise.all(hashes.map((hash) => this.docs.postings.findOne({ _id: this.key('h', hash) })));
    return postings.flatMap((p, i) => (p ? Object.entries(p.locs).map(([locId, format]) => ({ hash: hashes[i]!, locId, format })) : []));
  }

  async forLocations(locIds: readonly string[]): Promise<{ locations: Map<string, IndexedLocation>; tombstones: Map<string, Tombstone> }> {
    const locations = new Map<string, IndexedLocation>();
    for (const doc of await inParallel(locIds, (id) => this.docs.locations.findOne({ _id: this.key('l', id) }))) {
      if (doc) locations.set(doc.locId, { file: doc.file, format: doc.format, where: doc.where, hashes: new Set(doc.hashes) });
    }
    const tombstones = new Map<string, Tombstone>();
    const unindexed = locIds.filter((id) => !locations.has(id));
    for (const doc of await inParallel(unindexed, (id) => this.docs.tombstones.findOne({ _id: this.tombstoneId(id) }))) {
      if (doc) tombstones.set(doc.locId, doc);
    }
    const unknown = unindexed.filter((id) => !tombstones.has(id));
    // Neither indexed nor erased under its id (a stale ref, an entry written by hand): looked for by field, a scan on FerretDB, for such refs only.
    if (unknown.length > 0) {
      for (const entry of await this.docs.entries.find({ connector: this.connector, locId: { $in: unknown }, hash: { $exists: true } }).toArray()) {
        const location = locations.get(entry.locId) ?? { file: entry.file, format: entry.format, where: entry.where, hashes: new Set<string>() };
        if (entry.kind !== 'name') location.hashes.add(entry.hash);
        locations.set(entry.locId, location);
      }
    }
    return { locations, tombstones };
  }

  /**
   * What the given files put in the index becomes `entries` (files without entries are dropped
   * from it). `changesOnly` trusts what the index recorded for the files as fully written, so only
   * what differs is written; without it (an erasure, a crawl resumed after a crash) all is written again.
   */
  async replace(files: readonly string[], entries: readonly IndexEntry[], changesOnly: boolean): Promise<void> {
    const next = this.#byFile(entries);
    const before = await this.#contributions(files);
    const claims: ContributionDoc[] = [];
    const finals: ContributionDoc[] = [];
    const written: LocationDoc[] = [];
    const removed: [string, string[]][] = [];
    for (const file of new Set([...files, ...next.keys()])) {
      const had = before.get(file) ?? {};
      const has = next.get(file) ?? new Map<string, LocationDoc>();
      const locs = Object.fromEntries([...has.values()].map((l) => [l.locId, l.hashes]));
      const gone = Object.keys(had).filter((id) => !has.has(id));
      if ([...has.keys()].some((id) => !(id in had))) claims.push(this.#contribution(file, { ...had, ...locs }));
      if (gone.length > 0) finals.push(this.#contribution(file, locs));
      written.push(...[...has.values()].filter((l) => !changesOnly || !(l.locId in had)));
      removed.push(...gone.map((id): [string, string[]] => [id, had[id]!]));
    }
    await bulkInChunks(this.docs.contributions, claims.map((c) => ({ replaceOne: { filter: { _id: c._id }, replacement: c, upsert: true } })));
    await this.#writeLocations(written, removed.map(([id]) => id));
    await this.#post(written, removed);
    // A file left with no location keeps no record either.
    await bulkInChunks(
      this.docs.contributions,
      finals.map((c) => (Object.keys(c.locs).length > 0 ? { replaceOne: { filter: { _id: c._id }, replacement: c, upsert: true } } : { deleteOne: { filter: { _id: c._id } } })),
    );
  }

  /** The files' locations and postings gone (the files were deleted or left the share). */
  async drop(files: readonly string[]): Promise<void> {
    const removed = [...(await this.#contributions(files)).values()].flatMap((locs) => Object.entries(locs));
    await this.#writeLocations([], removed.map(([id]) => id));
    await this.#post([], removed);
    await bulkInChunks(this.docs.contributions, files.map((file) => ({ deleteOne: { filter: { _id: this.key('f', file) } } })));
  }

  #contribution(file: string, locs: Record<string, string[]>): ContributionDoc {
    return { _id: this.key('f', file), connector: this.connector, type: 'contribution', file, locs };
  }

  async #contributions(files: readonly string[]): Promise<Map<string, Record<string, string[]>>> {
    const docs = await inParallel(files, (file) => this.docs.contributions.findOne({ _id: this.key('f', file) }));
    return new Map(docs.flatMap((d) => (d ? [[d.file, d.locs]] : [])));
  }

  #byFile(entries: readonly IndexEntry[]): Map<string, Map<string, LocationDoc>> {
    const files = new Map<string, Map<string, LocationDoc>>();
    for (const e of entries) {
      const locations = files.get(e.file) ?? new Map<string, LocationDoc>();
      const location = locations.get(e.locId) ?? { _id: this.key('l', e.locId), connector: this.connector, type: 'location', locId: e.locId, file: e.file, format: e.format, at: e.at, where: e.where, hashes: [] };
      if (e.kind !== 'name') location.hashes.push(e.hash);
      locations.set(e.locId, location);
      files.set(e.file, locations);
    }
    return files;
  }

  async #writeLocations(written: readonly LocationDoc[], removed: readonly string[]): Promise<void> {
    await bulkInChunks(this.docs.locations, removed.map((id) => ({ deleteOne: { filter: { _id: this.key('l', id) } } })));
    if (written.length === 0) return;
    try {
      // Inserted, not upserted: one transaction for them all on FerretDB.
      await this.docs.locations.insertMany([...written], { ordered: false });
    } catch (error) {
      // Written again after a crash or an erasure: a location's id fixes its content, so the one there is the same.
      const failures = (error as { writeErrors?: { code: number }[] }).writeErrors;
      if (!failures || failures.some((f) => f.code !== 11000)) throw error;
    }
  }

  /** Each posting touched is written once: its new locations set, its old ones unset, and dropped once empty. */
  async #post(written: readonly LocationDoc[], removed: readonly [string, string[]][]): Promise<void> {
    const added = new Map<string, Record<string, FileFormat>>();
    for (const l of written) for (const hash of l.hashes) added.set(hash, { ...added.get(hash), [`locs.${l.locId}`]: l.format });
    const unset = new Map<string, Record<string, ''>>();
    for (const [locId, hashes] of removed) for (const hash of hashes) unset.set(hash, { ...unset.get(hash), [`locs.${locId}`]: '' });
    const onInsert = { connector: this.connector, type: 'posting' as const };
    await bulkInChunks(
      this.docs.postings,
      [...added].map(([hash, $set]) => ({
        updateOne: { filter: { _id: this.key('h', hash) }, update: { $set, $setOnInsert: onInsert, ...(unset.has(hash) ? { $unset: unset.get(hash) } : {}) }, upsert: true },
      })),
    );
    await inParallel(
      [...unset].filter(([hash]) => !added.has(hash)),
      async ([hash, $unset]) => {
        const _id = this.key('h', hash);
        const left = await this.docs.postings.findOneAndUpdate({ _id }, { $unset }, { returnDocument: 'after' });
        if (!left || Object.keys(left.locs).length > 0) return;
        // No hash stays behind without a location; one added by another writer between the two calls goes back in.
        const gone = await this.docs.postings.findOneAndDelete({ _id });
        if (gone && Object.keys(gone.locs).length > 0) {
          await this.docs.postings.updateOne({ _id }, { $set: Object.fromEntries(Object.entries(gone.locs).map(([id, f]) => [`locs.${id}`, f])), $setOnInsert: onInsert }, { upsert: true });
        }
      },
    );
  }
}
