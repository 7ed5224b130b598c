/**
 * Erasing by plan, children before the records they point at. Each batch of
 * 200 is first looked up, so a record already gone is reported `already_absent`
 * without a second DELETE, and an anonymised one is not written again.
 */
import type { Field } from 'jsforce';
import { erasureFor, type ErasureOutcome, type ErasurePlan, type ObjectErasure, type RecordRef } from '../sdk/contract.js';
import { groupByObject } from '../sdk/group-refs.js';
import { COLLECTION_SIZE, collectionFailure, type CollectionResult, type SalesforceApi, type SfRecord } from './api.js';
import { anonymisableFields, type LiveObject, type OrgCatalog } from './catalog.js';
import { ERASE_ORDER } from './model.js';
import { chunks } from './locate.js';
import { soqlIn } from './soql.js';

const GONE = new Set(['ENTITY_IS_DELETED', 'NOT_FOUND', 'INVALID_CROSS_REFERENCE_KEY']);
const TEXT_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'combobox']);

export async function eraseRecords(api: SalesforceApi, catalog: OrgCatalog, refs: RecordRef[], plan: ErasurePlan): Promise<ErasureOutcome[]> {
  const outcomes = new Map<string, ErasureOutcome>();
  const groups = groupByObject(refs);
  const order = [...ERASE_ORDER.filter((o) => groups.has(o)), ...[...groups.keys()].filter((o) => !(ERASE_ORDER as string[]).includes(o))];
  for (const object of order) {
    const objectRefs = groups.get(object)!;
    const live = catalog.get(object as LiveObject['model']['name']);
    if (!live) {
      for (const ref of objectRefs) outcomes.set(key(ref), { ref, action: 'manual', detail: `${object} is not handled by this connector (skipped in its configuration)` });
      continue;
    }
    const erasure = erasureFor(live.description, plan);
    for (const chunk of chunks(objectRefs, COLLECTION_SIZE)) {
      for (const outcome of await eraseChunk(api, live, erasure, chunk)) outcomes.set(key(outcome.ref), outcome);
    }
  }
  return refs.map((ref) => outcomes.get(key(ref))!);
}

const key = (ref: RecordRef) => `${ref.object}/${ref.id}`;

async function eraseChunk(api: SalesforceApi, live: LiveObject, erasure: ObjectErasure, refs: RecordRef[]): Promise<ErasureOutcome[]> {
  const object = live.model.name;
  if (erasure.strategy === 'manual') return refs.map((ref) => ({ ref, action: 'manual', detail: `${object} records are erased by hand under this plan` }));
  const replacement = erasure.strategy === 'delete' ? {} : replacementFor(live, erasure);
  const present = await existing(api, object, refs.map((r) => r.id), Object.keys(replacement));
  const absent = (ref: RecordRef): ErasureOutcome => ({ ref, action: 'already_absent' });
  if (erasure.strategy === 'retain') {
    await anonymise(api, live, replacement, refs.filter((r) => present.has(r.id)), present);
    return refs.map((ref) => ({ ref, action: 'retained', ...(erasure.legalHold ? { legalHold: erasure.legalHold } : {}) }));
  }
  if (erasure.strategy === 'anonymise') {
    const done = await anonymise(api, live, replacement, refs.filter((r) => present.has(r.id)), present);
    return refs.map((ref) => done.get(ref.id) ?? absent(ref));
  }
  const toDelete = refs.filter((r) => present.has(r.id));
  const results = await api.deleteMany(object, toDelete.map((r) => r.id));
  const outcomes = new Map<string, ErasureOutcome>();
  const blocked: RecordRef[] = [];
  toDelete.forEach((ref, i) => {
    const result = results[i]!;
    const code = result.errors[0]?.statusCode ?? '';
    if (result.success) outcomes.set(ref.id, { ref, action: 'deleted' });
    else if (GONE.has(code)) outcomes.set(ref.id, absent(ref));
    else if (code === 'DELETE_FAILED') blocked.push(ref);
    else throw collectionFailure(object, 'delete', result);
  });
  if (blocked.length > 0) {
    // Records kept elsewhere (e.g. Cases under a legal hold) still point at these: anonymise rather than delete.
    const fallback = replacementFor(live, live.description.erasure.strategy === 'anonymise' ? live.description.erasure : { strategy: 'anonymise' });
    const current = await existing(api, object, blocked.map((r) => r.id), Object.keys(fallback));
    const done = await anonymise(api, live, fallback, blocked, current);
    for (const [id, outcome] of done) outcomes.set(id, { ...outcome, detail: 'other records kept under the plan still point at it: anonymised instead of deleted' });
  }
  return refs.map((ref) => outcomes.get(ref.id) ?? absent(ref));
}

/** The records still there, with the fields the erasure compares. */
async function existing(api: SalesforceApi, object: string, ids: string[], fields: string[]): Promise<Map<string, SfRecord>> {
  const present = new Map<string, SfRecord>();
  const select = ['Id', ...fields.filter((f) => f !== 'Id')].join(', ');
  for await (const page of api.pages({ object, action: 'read' }, `SELECT ${select} FROM ${object} WHERE Id IN ${soqlIn(ids)}`)) {
    for (const record of page) present.set(record.Id, record);
  }
  return present;
}

/** Field → value to write: the model's replacement, else null, else a placeholder for required text. */
export function replacementFor(live: LiveObject, erasure: ObjectErasure): Record<string, string | boolean | null> {
  const names = erasure.fields ?? (erasure.strategy === 'anonymise' ? anonymisableFields(live.model, live.description.fields, live.fields) : []);
  const out: Record<string, string | boolean | null> = {};
  for (const name of names) {
    const meta: Field | undefined = live.fields.get(name);
    if (!meta?.updateable) continue;
    if (name in live.model.anonymised) out[name] = live.model.anonymised[name]!;
    else if (meta.nillable) out[name] = null;
    else if (TEXT_TYPES.has(meta.type)) out[name] = '[anonymised]';
  }
  if (erasure.strategy === 'anonymise') Object.assign(out, live.model.alwaysOnAnonymise ?? {});
  return out;
}

/** Writes the replacement where a record differs from it; outcomes per id. */
async function anonymise(
  api: SalesforceApi,
  live: LiveObject,
  replacement: Record<string, string | boolean | null>,
  refs: RecordRef[],
  current: Map<string, SfRecord>,
): Promise<Map<string, ErasureOutcome>> {
  const done = new Map<string, ErasureOutcome>();
  const stale = refs.filter((ref) => Object.entries(replacement).some(([field, value]) => (current.get(ref.id)?.[field] ?? null) !== value));
  for (const ref of refs) if (!stale.includes(ref)) done.set(ref.id, { ref, action: 'anonymised' });
  if (stale.length === 0) return done;
  const results: CollectionResult[] = await api.updateMany(live.model.name, stale.map((ref) => ({ Id: ref.id, ...replacement })));
  stale.forEach((ref, i) => {
    const result = results[i]!;
    const code = result.errors[0]?.statusCode ?? '';
    if (result.success) done.set(ref.id, { ref, action: 'anonymised' });
    else if (GONE.has(code)) done.set(ref.id, { ref, action: 'already_absent' });
    else throw collectionFailure(live.model.name, 'update', result);
  });
  return done;
}
