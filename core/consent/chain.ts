/**
 * Appending to a person's history: the next place is claimed by inserting its
 * id, which exactly one writer can do (FerretDB has no atomic compare-and-set;
 * a unique key is exact everywhere). Each entry carries the previous one's
 * hash, so an entry removed or edited afterwards shows.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../actor.js';
import { canonicalJson } from '../report/canonical.js';
import { isDuplicateKey } from '../storage/mongo.js';
import type { LedgerDraft, LedgerEntry } from './model.js';
import type { ConsentStore } from './store.js';

const GENESIS = '0'.repeat(64);
const MAX_ATTEMPTS = 200;

export function entryHash(entry: Omit<LedgerEntry, '_id' | 'hash'> & { _id?: string; hash?: string }): string {
  const { _id, hash: _hash, ...body } = entry;
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}

export async function append<T extends LedgerDraft>(store: ConsentStore, personId: string, draft: T, actor: Actor, now: () => Date): Promise<T & LedgerEntry> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const last = await store.last(personId);
    const seq = (last?.seq ?? 0) + 1;
    const body = { ...draft, personId, seq, recordedAt: now(), recordedBy: { sub: actor.sub, role: actor.role }, prevHash: last?.hash ?? GENESIS };
    const entry = { ...body, _id: `${personId}.${seq}`, hash: entryHash(body as Omit<LedgerEntry, '_id' | 'hash'>) } as T & LedgerEntry;
    try {
      await store.insert(entry);
      return entry;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Another writer took this place: read the new end and try the next one, spread out a little.
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 * attempt)));
    }
  }
  throw new Error(`Could not append to a consent history after ${MAX_ATTEMPTS} attempts`);
}

/** Whether a history is whole: numbered 1, 2, 3…, each linked to the one before and unchanged. */
export function chainIntact(entries: readonly LedgerEntry[]): { intact: true } | { intact: false; brokenAt: number } {
  let prevHash = GENESIS;
  for (const [index, entry] of entries.entries()) {
    if (entry.seq !== index + 1 || entry.prevHash !== prevHash || entryHash(entry) !== entry.hash) return { intact: false, brokenAt: index + 1 };
    prevHash = entry.hash;
  }
  return { intact: true };
}
