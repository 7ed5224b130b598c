/**
 * Postings: for each email or phone hash, the locations where it was found (location id → format),
 * one document `<connector>|h|<hash>` each, so that locate is one lookup by `_id` per identifier.
 */
import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import type { FileFormat } from './config.js';
import { bulkInChunks, inParallel, insertNew } from './writes.js';

export interface PostingDoc {
  _id: string;
  connector: string;
  type: 'posting';
  locs: Record<string, FileFormat>;
}

/** Per hash: the location ids to add (with their format), or to remove. */
export type PostingChanges<T> = Map<string, Map<string, T>>;

export function addChange<T>(changes: PostingChanges<T>, hash: string, locId: string, value: T): void {
  const locs = changes.get(hash) ?? new Map<string, T>();
  locs.set(locId, value);
  changes.set(hash, locs);
}

/**
 * A crawl's new postings, written together now and then rather than batch by batch: each posting
 * is one write, and a first crawl meets most identifiers again in every batch.
 */
export class PendingPostings {
  /** Hash → location id → the file it is in. */
  readonly added: PostingChanges<string> = new Map();
  /** Each file's format, and the stamp of its record once written: a record stamped since was rewritten by someone else. */
  readonly files = new Map<string, { format: FileFormat; stamp: string }>();
  pairs = 0;

  add(file: string, format: FileFormat, stamp: string, locId: string, hashes: readonly string[]): void {
    this.files.set(file, { format, stamp });
    for (const hash of hashes) addChange(this.added, hash, locId, file);
    this.pairs += hashes.length;
  }

  clear(): void {
    this.added.clear();
    this.files.clear();
    this.pairs = 0;
  }
}

const unsetOf = (locs: Map<string, true>) => Object.fromEntries([...locs.keys()].map((id) => [`locs.${id}`, '' as const]));

/** Each posting touched is written once: its new locations set, its old ones unset, and removed once it has none left. */
export async function writePostings(postings: Collection<PostingDoc>, connector: string, added: PostingChanges<FileFormat>, removed: PostingChanges<true>): Promise<void> {
  const key = (hash: string) => `${connector}|h|${hash}`;
  const onInsert = { connector, type: 'posting' as const };
  const upsert = (_id: string, locs: Iterable<[string, FileFormat]>, gone?: Map<string, true>): AnyBulkWriteOperation<PostingDoc> => {
    const $set = Object.fromEntries([...locs].map(([id, format]) => [`locs.${id}`, format]));
    const $unset = gone && unsetOf(gone);
    return { updateOne: { filter: { _id }, update: { $set, $setOnInsert: onInsert, ...($unset ? { $unset } : {}) }, upsert: true } };
  };

  // A first crawl meets most identifiers for the first time: postings are tried as new, a thousand per command, and merged into those already there.
  const fresh = [...added.keys()].filter((hash) => !removed.has(hash));
  for (let i = 0; i < fresh.length; i += 1_000) {
    const docs = fresh.slice(i, i + 1_000).map((hash): PostingDoc => ({ _id: key(hash), ...onInsert, locs: Object.fromEntries(added.get(hash)!) }));
    await insertNew(postings, docs, (doc) => upsert(doc._id, Object.entries(doc.locs)));
  }
  await bulkInChunks(postings, [...added].filter(([hash]) => removed.has(hash)).map(([hash, locs]) => upsert(key(hash), locs, removed.get(hash))));

  // Postings that only lose locations: read first, so that those left with none are deleted rather than emptied.
  const losing = [...removed].filter(([hash]) => !added.has(hash));
  const current = await inParallel(losing, ([hash]) => postings.findOne({ _id: key(hash) }));
  const emptied: [string, Map<string, true>][] = [];
  const shrunk: AnyBulkWriteOperation<PostingDoc>[] = [];
  losing.forEach(([hash, locs], i) => {
    const now = current[i];
    if (now && Object.keys(now.locs).every((id) => locs.has(id))) emptied.push([hash, locs]);
    else if (now) shrunk.push({ updateOne: { filter: { _id: key(hash) }, update: { $unset: unsetOf(locs) } } });
  });
  await bulkInChunks(postings, shrunk);
  await inParallel(emptied, async ([hash, locs]) => {
    const gone = await postings.findOneAndDelete({ _id: key(hash) });
    // No hash stays in the index without a location; one another writer added meanwhile goes back in.
    const since = Object.entries(gone?.locs ?? {}).filter(([id]) => !locs.has(id));
    if (since.length > 0) await bulkInChunks(postings, [upsert(key(hash), since)]);
  });
}
