/** Reading the located records back from the documents themselves, one file at a time, streamed. */
import { promises as fs } from 'node:fs';
import type { RecordRef, SubjectRecord } from '../sdk/contract.js';
import type { FileFormat, FileshareConfig } from './config.js';
import { UnreadableDocument, describeLocation } from './documents/fragment.js';
import type { ShareRoots } from './roots.js';
import { type ScannedFragment, scanDocument, stillHolds } from './scan.js';
import type { IndexedLocation } from './file-index.js';
import type { FileIndexStore } from './store.js';

export interface Share {
  roots: ShareRoots;
  store: FileIndexStore;
  config: FileshareConfig;
  defaultCountry: string;
}

/** Refs grouped by the file they are in. */
export function byFile<T extends { file: string }>(items: Iterable<[RecordRef, T]>): Map<string, [RecordRef, T][]> {
  const files = new Map<string, [RecordRef, T][]>();
  for (const item of items) files.set(item[1].file, [...(files.get(item[1].file) ?? []), item]);
  return files;
}

export function recordOf(ref: RecordRef, file: string, format: FileFormat, fragment: ScannedFragment): SubjectRecord {
  const first = (kind: 'email' | 'phone' | 'name') => fragment.found.find((f) => f.kind === kind)?.raw ?? null;
  return {
    ref,
    fields: { file, location: describeLocation(fragment.location, format), email: first('email'), phone: first('phone'), name: first('name'), content: fragment.content ?? null },
  };
}

export async function* readRecords(share: Share, refs: RecordRef[]): AsyncGenerator<SubjectRecord> {
  const { locations } = await share.store.forLocations(refs.map((r) => r.id));
  const located = refs.flatMap((ref): [RecordRef, IndexedLocation][] => {
    const location = locations.get(ref.id);
    return location ? [[ref, location]] : [];
  });
  for (const [file, items] of byFile(located)) {
    const real = await share.roots.resolve(file);
    if (!real) continue;
    const format = items[0]![1].format;
    let fragments: ScannedFragment[];
    try {
      fragments = await scanDocument(file, format, await fs.readFile(real), { maxFileBytes: share.config.maxFileBytes, defaultCountry: share.defaultCountry });
    } catch (error) {
      if (error instanceof UnreadableDocument) continue; // broken since the crawl; the next one records why
      throw error;
    }
    const here = new Map(fragments.map((f) => [f.locId, f]));
    for (const [ref, location] of items) {
      const fragment = here.get(ref.id);
      // A file changed since the crawl may hold someone else there now: show nothing rather than the wrong person.
      if (fragment && stillHolds(fragment, location.hashes)) yield recordOf(ref, file, format, fragment);
    }
  }
}
