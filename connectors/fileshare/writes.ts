/** How the index talks to the storage so that FerretDB keeps up: bounded update commands, bounded lookups in flight, bulk inserts. */
import type { AnyBulkWriteOperation, Collection, Document, OptionalUnlessRequiredId } from 'mongodb';

// FerretDB 1.24 holds a SQLite connection for each matching statement of an update command until
// the command ends, from a pool of 100 per database: a bigger command never finishes.
const STATEMENTS_PER_COMMAND = 25;
const IN_FLIGHT = 16;

export async function bulkInChunks<T extends Document>(collection: Collection<T>, ops: readonly AnyBulkWriteOperation<T>[]): Promise<void> {
  for (let i = 0; i < ops.length; i += STATEMENTS_PER_COMMAND) await collection.bulkWrite(ops.slice(i, i + STATEMENTS_PER_COMMAND), { ordered: false });
}

/**
 * Documents expected to be new, inserted in one command (one transaction on FerretDB, where each
 * update is one); those already there get `existing` instead, or are left as they are without it.
 */
export async function insertNew<T extends Document>(collection: Collection<T>, docs: readonly OptionalUnlessRequiredId<T>[], existing?: (doc: OptionalUnlessRequiredId<T>) => AnyBulkWriteOperation<T>): Promise<void> {
  if (docs.length === 0) return;
  try {
    await collection.insertMany([...docs], { ordered: false });
  } catch (error) {
    const failures = (error as { writeErrors?: { code: number; index: number }[] }).writeErrors;
    if (!failures || failures.some((f) => f.code !== 11000)) throw error;
    if (existing) await bulkInChunks(collection, failures.map((f) => existing(docs[f.index]!)));
  }
}

/** `fn` over every item, a few at a time (lookups by `_id` one by one: an `$in` is a full scan on FerretDB), results in order. */
export async function inParallel<I, O>(items: readonly I[], fn: (item: I) => Promise<O>): Promise<O[]> {
  const results: O[] = new Array<O>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, worker));
  return results;
}
