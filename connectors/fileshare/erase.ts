/**
 * Erasure, file by file: redact in place where the format can be rewritten
 * safely, delete or quarantine the whole file, or hand the location to a
 * person. Every rewrite is checked, then written atomically, then indexed
 * again; a tombstone remembers each erased location so a repeat is a no-op.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ErasureOutcome, ErasurePlan, LegalHold, RecordRef } from '../sdk/contract.js';
import { type AtomicHooks, moveAtomically, writeAtomically } from './atomic.js';
import { type FileErasure, type FileFormat, type FileshareConfig, REWRITABLE, erasureOf } from './config.js';
import { DOCUMENT_FORMATS } from './documents/formats.js';
import { RedactionRefused, UnreadableDocument } from './documents/fragment.js';
import type { IndexedLocation } from './file-index.js';
import { type Share, byFile } from './read.js';
import { indexEntries, readContext, scanDocument, stillHolds } from './scan.js';
import type { Tombstone } from './store.js';

type Resolved = { kind: FileErasure; reason?: string } | { kind: 'retain'; legalHold?: LegalHold };
type Item = [RecordRef, IndexedLocation];

export interface EraseShare extends Share {
  hooks?: AtomicHooks;
}

/** The plan's override for a format, in the share's terms; `delete` honours a configured quarantine. */
export function resolveErasure(config: FileshareConfig, format: FileFormat, plan: ErasurePlan): Resolved {
  const configured = erasureOf(config, format);
  const override = plan.objects?.[format];
  let kind: FileErasure;
  switch (override?.strategy) {
    case undefined:
      kind = configured;
      break;
    case 'retain':
      return { kind: 'retain', legalHold: override.legalHold };
    case 'anonymise':
      kind = 'redact';
      break;
    case 'delete':
      kind = configured === 'quarantine' ? 'quarantine' : 'delete';
      break;
    default:
      kind = 'manual';
  }
  if (kind === 'redact' && !REWRITABLE.has(format)) return { kind: 'manual', reason: `${format.toUpperCase()} files are never rewritten` };
  return { kind, reason: kind === 'manual' ? 'this format is erased by a person' : undefined };
}

export async function eraseRecords(share: EraseShare, refs: RecordRef[], plan: ErasurePlan): Promise<ErasureOutcome[]> {
  const { locations, tombstones: stones } = await share.store.forLocations(refs.map((r) => r.id));
  const outcomes = new Map<string, ErasureOutcome>();
  const items: Item[] = [];
  for (const ref of refs) {
    const location = locations.get(ref.id);
    if (location) items.push([ref, location]);
    else outcomes.set(ref.id, repeated(ref, stones.get(ref.id)));
  }
  for (const [file, group] of byFile(items)) {
    for (const outcome of await eraseInFile(share, file, group, plan)) outcomes.set(outcome.ref.id, outcome);
  }
  return refs.map((ref) => outcomes.get(ref.id)!);
}

/** A location erased before reports what was done then: a deleted file is now absent, a redaction stays a redaction. */
function repeated(ref: RecordRef, stone: Tombstone | undefined): ErasureOutcome {
  if (stone?.erased.action === 'anonymised') return { ref, action: 'anonymised', detail: stone.erased.detail };
  return { ref, action: 'already_absent' };
}

async function eraseInFile(share: EraseShare, file: string, items: Item[], plan: ErasurePlan): Promise<ErasureOutcome[]> {
  const format = items[0]![1].format;
  const erasure = resolveErasure(share.config, format, plan);
  const all = (action: ErasureOutcome['action'], detail?: (item: Item) => string | undefined): ErasureOutcome[] =>
    items.map((item) => ({ ref: item[0], action, detail: detail?.(item) }));
  if (erasure.kind === 'retain') return items.map(([ref]) => ({ ref, action: 'retained', legalHold: erasure.legalHold }));
  if (erasure.kind === 'manual') return all('manual', ([, l]) => `Erase by hand in ${file} (${l.where}): ${erasure.reason}`);

  const real = await share.roots.resolve(file);
  if (!real) {
    await share.store.dropFiles([file]);
    return all('already_absent');
  }
  if (erasure.kind === 'delete' || erasure.kind === 'quarantine') {
    if (erasure.kind === 'delete') await fs.unlink(real);
    else await moveAtomically(real, quarantinePath(share.config, file));
    await share.store.dropFiles([file]);
    const detail = erasure.kind === 'quarantine' ? 'the file was moved to the quarantine folder' : 'the file was deleted';
    await share.store.tombstone(items.map(([ref]) => tombstone(share, file, format, ref.id, 'deleted', detail)));
    return all('deleted', () => detail);
  }
  return redactFile(share, file, real, format, items);
}

async function redactFile(share: EraseShare, file: string, real: string, format: FileFormat, items: Item[]): Promise<ErasureOutcome[]> {
  const options = { maxFileBytes: share.config.maxFileBytes, defaultCountry: share.defaultCountry };
  const manual = (reason: string) => items.map(([ref, l]) => ({ ref, action: 'manual' as const, detail: `Erase by hand in ${file} (${l.where}): ${reason}` }));
  const bytes = await fs.readFile(real);
  let fragments;
  try {
    fragments = await scanDocument(file, format, bytes, options);
  } catch (error) {
    if (error instanceof UnreadableDocument) return manual(error.message);
    throw error;
  }
  const wanted = new Map(items.map(([ref, l]) => [ref.id, l]));
  const targets = fragments.filter((f) => wanted.has(f.locId) && stillHolds(f, wanted.get(f.locId)!.hashes));
  let after = fragments;
  if (targets.length > 0) {
    const names = [...new Set(targets.flatMap((t) => t.found.filter((f) => f.kind === 'name').map((f) => f.raw)))];
    let rewritten: Buffer;
    try {
      rewritten = await DOCUMENT_FORMATS[format].redact!(bytes, targets, names, readContext(options));
      after = await scanDocument(file, format, rewritten, options);
    } catch (error) {
      if (error instanceof RedactionRefused || error instanceof UnreadableDocument) return manual(error.message);
      throw error;
    }
    const left = after.find((f) => wanted.has(f.locId) && stillHolds(f, wanted.get(f.locId)!.hashes));
    if (left) return manual('a rewrite would have left the identifiers in place, so the file was not changed');
    await writeAtomically(real, rewritten, share.hooks);
    const stat = await fs.stat(real);
    await share.store.reindexFile(file, indexEntries(share.store.connector, file, format, after), { size: stat.size, mtimeMs: Math.trunc(stat.mtimeMs), locations: after.length });
    await share.store.tombstone(targets.map((t) => tombstone(share, file, format, t.locId, 'anonymised', `redacted in place (${wanted.get(t.locId)!.where})`)));
  }
  else await share.store.reindexFile(file, indexEntries(share.store.connector, file, format, fragments));
  const redacted = new Set(targets.map((t) => t.locId));
  return items.map(([ref, l]) => {
    if (redacted.has(ref.id)) return { ref, action: 'anonymised' as const, detail: `redacted in place (${l.where})` };
    // The file changed since it was indexed: the subject may have moved within it.
    const elsewhere = after.some((f) => stillHolds(f, l.hashes));
    return elsewhere
      ? { ref, action: 'manual' as const, detail: `${file} changed since it was indexed and still holds the subject elsewhere: locate again after the next crawl` }
      : { ref, action: 'already_absent' as const };
  });
}

function tombstone(share: Share, file: string, format: FileFormat, locId: string, action: 'deleted' | 'anonymised', detail: string): Tombstone {
  const connector = share.store.connector;
  return { _id: share.store.tombstoneId(locId), connector, file, format, locId, erased: { action, at: new Date(), detail } };
}

/** `<quarantine>/<date>-<hash of the original path>-<random>/<name>`: one folder per file, so names never clash. */
function quarantinePath(config: FileshareConfig, file: string): string {
  const stamp = new Date().toISOString().slice(0, 10);
  const id = createHash('sha256').update(file).digest('hex').slice(0, 12);
  return path.join(config.quarantineDir!, `${stamp}-${id}-${randomBytes(3).toString('hex')}`, path.basename(file));
}
