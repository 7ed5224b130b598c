/**
 * What each file put in the index: its locations and the hashes posted for each. Written before the
 * locations and postings it lists, so that it always covers what the index holds of the file:
 * replacing or dropping the file touches exactly that, even after a crash in between. Kept at
 * `<connector>|f|<file>`, and past PART_SIZE locations also at `<connector>|f|<file>|<n>`: a big
 * export stays far below a document's 16 MB.
 */
import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import type { FileFormat } from './config.js';
import { bulkInChunks, inParallel, insertNew } from './writes.js';

export interface Contribution {
  format: FileFormat;
  /** Location id → the hashes posted for it. */
  locs: Map<string, string[]>;
  parts: number;
  /** Changes with every write: tells a crawl whether someone else (an erasure) rewrote the file since. */
  stamp: string;
}

export interface ContributionDoc {
  _id: string;
  connector: string;
  type: 'contribution';
  file: string;
  format: FileFormat;
  /** How many documents the record takes (said by each). */
  parts: number;
  stamp: string;
  locs: Record<string, string[]>;
}

/** A file's record to write: `locs` empty removes it; `hadParts` is undefined for a file believed new. */
export interface ContributionWrite {
  file: string;
  format: FileFormat;
  locs: Map<string, string[]>;
  hadParts?: number;
  stamp: string;
}

const PART_SIZE = 5_000;
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

export const partsFor = (locations: number) => Math.ceil(locations / PART_SIZE);

export class Contributions {
  constructor(
    private readonly docs: Collection<ContributionDoc>,
    private readonly connector: string,
  ) {}

  #id(file: string, part: number): string {
    return part === 0 ? `${this.connector}|f|${file}` : `${this.connector}|f|${file}|${part}`;
  }

  async read(files: readonly string[]): Promise<Map<string, Contribution>> {
    const records = new Map<string, Contribution>();
    for (const head of await inParallel(files, (file) => this.docs.findOne({ _id: this.#id(file, 0) }))) {
      if (head) records.set(head.file, { format: head.format, parts: head.parts, stamp: head.stamp, locs: new Map(Object.entries(head.locs)) });
    }
    const rest = [...records].flatMap(([file, record]) => range(1, record.parts).map((part) => this.#id(file, part)));
    for (const doc of await inParallel(rest, (_id) => this.docs.findOne({ _id }))) {
      for (const [locId, hashes] of Object.entries(doc?.locs ?? {})) records.get(doc!.file)!.locs.set(locId, hashes);
    }
    return records;
  }

  /** Each file's current stamp, without its locations. */
  async stamps(files: readonly string[]): Promise<Map<string, string>> {
    const heads = await inParallel(files, (file) => this.docs.findOne({ _id: this.#id(file, 0) }, { projection: { file: 1, stamp: 1 } }));
    return new Map(heads.flatMap((h) => (h ? [[h.file, h.stamp]] : [])));
  }

  async write(records: readonly ContributionWrite[]): Promise<void> {
    const docs = (r: ContributionWrite): ContributionDoc[] => {
      const locs = [...r.locs];
      const parts = partsFor(locs.length);
      const doc = (part: number): ContributionDoc => ({
        _id: this.#id(r.file, part), connector: this.connector, type: 'contribution', file: r.file, format: r.format, parts, stamp: r.stamp,
        locs: Object.fromEntries(locs.slice(part * PART_SIZE, (part + 1) * PART_SIZE)),
      });
      return range(0, parts).map(doc);
    };
    const replace = (d: ContributionDoc): AnyBulkWriteOperation<ContributionDoc> => ({ replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } });
    await insertNew(this.docs, records.filter((r) => r.hadParts === undefined).flatMap(docs), replace);
    await bulkInChunks(this.docs, records.filter((r) => r.hadParts !== undefined).flatMap(docs).map(replace));
    // Parts past the new count go once the others are written: a crash between leaves leftovers nobody reads.
    const extra = records.flatMap((r) => range(partsFor(r.locs.size), r.hadParts ?? 0).map((part) => this.#id(r.file, part)));
    await bulkInChunks(this.docs, extra.map((_id) => ({ deleteOne: { filter: { _id } } })));
  }
}
