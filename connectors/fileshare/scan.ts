/** A document's fragments that hold someone's email or phone number, with their location ids and identifiers. */
import { createHash } from 'node:crypto';
import type { FileFormat } from './config.js';
import { DOCUMENT_FORMATS } from './documents/formats.js';
import { type Fragment, type ReadContext, describeLocation, locationKey } from './documents/fragment.js';
import { type FoundIdentifier, findIdentifiers, identifierHash } from './identifiers.js';
import type { IndexEntry } from './store.js';

export interface ScannedFragment extends Fragment {
  locId: string;
  found: FoundIdentifier[];
}

export interface ScanOptions {
  maxFileBytes: number;
  defaultCountry: string;
}

/**
 * A record's id: the file, the place in it and who is there (hashes of the
 * emails and phone numbers). Someone else written at the same place later is
 * another record, so an old reference never reaches them. No personal data.
 */
export function locationId(file: string, fragment: Fragment, found: readonly FoundIdentifier[]): string {
  const who = found.filter((f) => f.kind !== 'name').map((f) => identifierHash(f.kind, f.value)).sort().join(',');
  return createHash('sha256').update(`${file}#${locationKey(fragment.location)}#${who}`).digest('hex').slice(0, 24);
}

export function readContext(options: ScanOptions): ReadContext {
  return {
    maxFileBytes: options.maxFileBytes,
    hasIdentifier: (text) => findIdentifiers(text, options.defaultCountry).some((f) => f.kind !== 'name'),
    identifiersIn: (text) => findIdentifiers(text, options.defaultCountry),
  };
}

export async function scanDocument(file: string, format: FileFormat, bytes: Buffer, options: ScanOptions): Promise<ScannedFragment[]> {
  const fragments = await DOCUMENT_FORMATS[format].read(bytes, readContext(options));
  const scanned: ScannedFragment[] = [];
  for (const fragment of fragments) {
    const found = findIdentifiers(fragment.text, options.defaultCountry, fragment.names);
    if (found.some((f) => f.kind !== 'name')) scanned.push({ ...fragment, locId: locationId(file, fragment, found), found });
  }
  return scanned;
}

export function indexEntries(connector: string, file: string, format: FileFormat, fragments: readonly ScannedFragment[]): IndexEntry[] {
  const entries = new Map<string, IndexEntry>();
  for (const fragment of fragments) {
    const at = locationKey(fragment.location);
    const where = describeLocation(fragment.location, format);
    for (const { kind, value } of fragment.found) {
      const hash = identifierHash(kind, value);
      const _id = `${connector}|${fragment.locId}|${hash}`;
      entries.set(_id, { _id, connector, file, format, locId: fragment.locId, at, where, kind, hash });
    }
  }
  return [...entries.values()];
}

/** Whether a fragment read now still holds one of the identifiers the index found there (the file may have changed since). */
export function stillHolds(fragment: ScannedFragment, hashes: ReadonlySet<string>): boolean {
  return fragment.found.some((f) => f.kind !== 'name' && hashes.has(identifierHash(f.kind, f.value)));
}
