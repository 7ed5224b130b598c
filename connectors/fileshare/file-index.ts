/**
 * The share's index (`file_index`), laid out so that every hot read and write is by `_id`: the only
 * query FerretDB's SQLite backend answers from an index (MongoDB is fast either way).
 * - `<connector>|h|<hash>` a posting: where that email or phone hash was found (postings.ts);
 * - `<connector>|l|<locId>` a location: its file, format, place and the hashes found there;
 * - `<connector>|f|<file>` what the file put in the index (contributions.ts);
 * - `<connector>|<locId>|erased` a tombstone per erased location.
 * Names are not indexed (they never locate anyone on their own); nothing is in clear.
 */
import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { Storage } from '../../core/storage/mongo.js';
import type { FileFormat } from './config.js';
import { type ContributionDoc, type ContributionWrite, Contributions, partsFor } from './contributions.js';
import { type PendingPostings, type PostingChanges, type PostingDoc, addChange, writePostings } from './postings.js';
import type { IndexEntry, Tombstone } from './store.js';
import { bulkInChunks, inParallel, insertNew } from './writes.js';

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

export class FileIndex {
  private readonly postings: Collection<PostingDoc>;
  private readonly locations: Collection<LocationDoc>;
  private readonly tombstones: Collection<Tombstone>;
  /** Entries (one per hash and location, what the scan yields) are in the index only if written there by hand or by an earlier layout. */
  private readonly entries: Collection<IndexEntry>;
  private readonly contributions: Contributions;

  constructor(
    storage: Storage,
    readonly connector: string,
  ) {
    // One collection, a typed view per kind of document: their _ids never meet.
    const view = <T extends object>() => storage.collection<T>('file_index');
    [this.postings, this.locations, this.tombstones, this.entries] = [view(), view(), view(), view()];
    this.contributions = new Contributions(view<ContributionDoc>(), connector);
  }

  /** For MongoDB: the one query not by _id, for refs the index does not hold under their id. */
  async ensureIndexes(): Promise<void> {
    await this.entries.createIndex({ connector: 1, locId: 1 }, { name: 'by_location' });
  }

  /** All of this share's index (the connector is removed). */
  async dropAll(): Promise<void> {
    await this.entries.deleteMany({ connector: this.connector });
  }

  /** Identifiers found, location by location: a scan, for tests and benchmarks. */
  async entryCount(): Promise<number> {
    const locations = await this.locations.find({ connector: this.connector, type: 'location' }, { projection: { hashes: 1 } }).toArray();
    return locations.reduce((n, l) => n + l.hashes.length, 0);
  }

  tombstoneId(locId: string): string {
    return `${this.connector}|${locId}|erased`;
  }

  async tombstone(stones: readonly Tombstone[]): Promise<void> {
    await bulkInChunks(this.tombstones, stones.map((s) => ({ replaceOne: { filter: { _id: s._id }, replacement: s, upsert: true } })));
  }

  #locationId(locId: string): string {
    return `${this.connector}|l|${locId}`;
  }

  async locate(hashes: readonly string[]): Promise<Located[]> {
    const postings = await Promise.all(hashes.map((hash) => this.postings.findOne({ _id: `${this.connector}|h|${hash}` })));
    return postings.flatMap((p, i) => (p ? Object.entries(p.locs).map(([locId, format]) => ({ hash: hashes[i]!, locId, format })) : []));
  }

  async forLocations(locIds: readonly string[]): Promise<{ locations: Map<string, IndexedLocation>; tombstones: Map<string, Tombstone> }> {
    const locations = new Map<string, IndexedLocation>();
    for (const doc of await inParallel(locIds, (id) => this.locations.findOne({ _id: this.#locationId(id) }))) {
      if (doc) locations.set(doc.locId, { file: doc.file, format: doc.format, where: doc.where, hashes: new Set(doc.hashes) });
    }
    const tombstones = new Map<string, Tombstone>();
    const unindexed = locIds.filter((id) => !locations.has(id));
    for (const doc of await inParallel(unindexed, (id) => this.tombstones.findOne({ _id: this.tombstoneId(id) }))) {
      if (doc) tombstones.set(doc.locId, doc);
    }
    const unknown = unindexed.filter((id) => !tombstones.has(id));
    // Neither indexed nor erased under its id (a stale ref, an entry written by hand): looked for by field, a scan on FerretDB, for such refs only.
    if (unknown.length > 0) {
      for (const entry of await this.entries.find({ connector: this.connector, locId: { $in: unknown }, hash: { $exists: true } }).toArray()) {
        const location = locations.get(entry.locId) ?? { file: entry.file, format: entry.format, where: entry.where, hashes: new Set<string>() };
        if (entry.kind !== 'name') location.hashes.add(entry.hash);
        locations.set(entry.locId, location);
      }
    }
    return { locations, tombstones };
  }

  /**
   * What the given files put in the index becomes `entries` (files without entries are dropped
   * from it); returns the stamp each file's record now has. Where `recorded` holds the stamp of a
   * file's record, what the record lists was all written, so only what differs is written; any
   * other record may be a claim cut off by a crash, and all is written again. With `pending`, new
   * postings wait there for `post` (a crawl); removals are written at once.
   */
  async replace(files: readonly string[], entries: readonly IndexEntry[], options: { recorded?: ReadonlyMap<string, string>; pending?: PendingPostings } = {}): Promise<Map<string, string>> {
    const next = this.#byFile(entries);
    const before = await this.contributions.read(files);
    const stamp = randomUUID();
    const stamps = new Map<string, string>();
    const claims: ContributionWrite[] = [];
    const finals: ContributionWrite[] = [];
    const written: LocationDoc[] = [];
    const removed: [string, string[]][] = [];
    for (const file of new Set([...files, ...next.keys()])) {
      const had = before.get(file);
      const has = next.get(file) ?? new Map<string, LocationDoc>();
      const format = [...has.values()][0]?.format ?? had?.format;
      if (!format) continue; // nothing there, nothing coming
      const hadLocs = had?.locs ?? new Map<string, string[]>();
      const locs = new Map([...has.values()].map((l) => [l.locId, l.hashes]));
      const gone = [...hadLocs.keys()].filter((id) => !has.has(id));
      const adds = [...has.keys()].some((id) => !hadLocs.has(id));
      let parts = had?.parts;
      if (adds) {
        const claim = new Map([...hadLocs, ...locs]);
        claims.push({ file, format, locs: claim, hadParts: parts, stamp });
        parts = partsFor(claim.size);
      }
      if (gone.length > 0) finals.push({ file, format, locs, hadParts: parts, stamp });
      stamps.set(file, adds || gone.length > 0 || !had ? stamp : had.stamp);
      const trusted = had !== undefined && options.recorded?.get(file) === had.stamp;
      written.push(...[...has.values()].filter((l) => !trusted || !hadLocs.has(l.locId)));
      removed.push(...gone.map((id): [string, string[]] => [id, hadLocs.get(id)!]));
    }
    await this.contributions.write(claims);
    await bulkInChunks(this.locations, removed.map(([id]) => ({ deleteOne: { filter: { _id: this.#locationId(id) } } })));
    // A location's id fixes its content: one written before (a crash) is the same.
    for (let i = 0; i < written.length; i += 1_000) await insertNew(this.locations, written.slice(i, i + 1_000));
    const added: PostingChanges<FileFormat> = new Map();
    for (const l of written) {
      if (options.pending) options.pending.add(l.file, l.format, stamps.get(l.file)!, l.locId, l.hashes);
      else for (const hash of l.hashes) addChange(added, hash, l.locId, l.format);
    }
    await writePostings(this.postings, this.connector, added, unposted(removed));
    await this.contributions.write(finals);
    return stamps;
  }

  /** Writes a crawl's pending postings, but for files someone else (an erasure) rewrote since: that one wrote theirs. */
  async post(pending: PendingPostings): Promise<void> {
    const stamps = await this.contributions.stamps([...pending.files.keys()]);
    const current = (file: string) => stamps.get(file) === pending.files.get(file)!.stamp;
    const hashes = [...pending.added.keys()];
    for (let i = 0; i < hashes.length; i += 1_000) {
      const added: PostingChanges<FileFormat> = new Map();
      for (const hash of hashes.slice(i, i + 1_000)) {
        for (const [locId, file] of pending.added.get(hash)!) if (current(file)) addChange(added, hash, locId, pending.files.get(file)!.format);
      }
      await writePostings(this.postings, this.connector, added, new Map());
    }
    pending.clear();
  }

  /** Posts again everything these files hold: after a crawl cut off with postings still pending. */
  async repost(files: readonly string[]): Promise<void> {
    const added: PostingChanges<FileFormat> = new Map();
    for (const record of (await this.contributions.read(files)).values()) {
      for (const [locId, hashes] of record.locs) for (const hash of hashes) addChange(added, hash, locId, record.format);
    }
    await writePostings(this.postings, this.connector, added, new Map());
  }

  /** The files' locations and postings gone (the files were deleted or left the share). */
  async drop(files: readonly string[]): Promise<void> {
    const records = await this.contributions.read(files);
    const removed = [...records.values()].flatMap((record) => [...record.locs]);
    await bulkInChunks(this.locations, removed.map(([id]) => ({ deleteOne: { filter: { _id: this.#locationId(id) } } })));
    await writePostings(this.postings, this.connector, new Map(), unposted(removed));
    await this.contributions.write([...records].map(([file, record]) => ({ file, format: record.format, locs: new Map(), hadParts: record.parts, stamp: record.stamp })));
  }

  #byFile(entries: readonly IndexEntry[]): Map<string, Map<string, LocationDoc>> {
    const files = new Map<string, Map<string, LocationDoc>>();
    for (const e of entries) {
      const locations = files.get(e.file) ?? new Map<string, LocationDoc>();
      const location = locations.get(e.locId) ?? { _id: this.#locationId(e.locId), connector: this.connector, type: 'location', locId: e.locId, file: e.file, format: e.format, at: e.at, where: e.where, hashes: [] };
      if (e.kind !== 'name') location.hashes.push(e.hash);
      locations.set(e.locId, location);
      files.set(e.file, locations);
    }
    return files;
  }
}

function unposted(removed: readonly (readonly [string, readonly string[]])[]): PostingChanges<true> {
  const changes: PostingChanges<true> = new Map();
  for (const [locId, hashes] of removed) for (const hash of hashes) addChange(changes, hash, locId, true);
  return changes;
}
