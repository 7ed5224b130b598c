/** How the index talks to the storage so that FerretDB keeps up: bounded update commands, bounded lookups in flight. */
import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';

// FerretDB 1.24 holds a SQLite connection for each matching statement of an update command until
// the command ends, from a pool of 100 per database: a bigger command never finishes.
const STATEMENTS_PER_COMMAND = 25;
const IN_FLIGHT = 16;

export async function bulkInChunks<T extends Document>(collection: Collection<T>, ops: readonly AnyBulkWriteOperation<T>[]): Promise<void> {
  for (let i = 0; i < ops.length; i += STATEMENTS_PER_COMMAND) await collection.bulkWrite(ops.slice(i, i + STATEMENTS_PER_COMMAND), { ordered: false });
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
