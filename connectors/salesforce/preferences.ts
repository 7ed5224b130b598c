/**
 * Rectification, restriction of processing and consent, on the person's
 * Contact or Lead and their Individual (Salesforce's data-privacy record).
 */
import type { ConsentState, FieldChange, RecordRef, RectifyOutcome, RestrictOutcome } from '../sdk/contract.js';
import { collectionFailure, type SalesforceApi, type SfRecord } from './api.js';
import type { OrgCatalog } from './catalog.js';
import type { SubjectObjectName } from './config.js';
import { chunks } from './locate.js';
import { PERSON_OBJECTS } from './model.js';
import { soqlIn } from './soql.js';

/** Error codes of a record deleted since it was located. */
export const GONE = new Set(['ENTITY_IS_DELETED', 'NOT_FOUND']);
const isPerson = (ref: RecordRef) => (PERSON_OBJECTS as readonly string[]).includes(ref.object);

export async function fetchFields(api: SalesforceApi, object: string, ids: string[], fields: string[]): Promise<Map<string, SfRecord>> {
  const out = new Map<string, SfRecord>();
  for (const chunk of chunks(ids)) {
    for (const r of await api.all({ object, action: 'read' }, `SELECT Id, ${fields.join(', ')} FROM ${object} WHERE Id IN ${soqlIn(chunk)}`)) out.set(r.Id, r);
  }
  return out;
}

export async function rectifyRecord(api: SalesforceApi, catalog: OrgCatalog, ref: RecordRef, changes: FieldChange[]): Promise<RectifyOutcome> {
  const live = catalog.get(ref.object as SubjectObjectName);
  const skipped: RectifyOutcome['skipped'] = [];
  const values: Record<string, unknown> = {};
  for (const change of changes) {
    const meta = live?.fields.get(change.field);
    if (change.object !== ref.object) skipped.push({ field: change.field, reason: `belongs to ${change.object}, not ${ref.object}` });
    else if (!meta) skipped.push({ field: change.field, reason: `${ref.object} has no field ${change.field}` });
    else if (!meta.updateable || meta.type === 'id' || meta.type === 'reference') skipped.push({ field: change.field, reason: 'read-only for the integration user' });
    else values[meta.name] = change.value;
  }
  if (Object.keys(values).length === 0) return { ref, applied: [], skipped };
  const [result] = await api.updateMany(ref.object, [{ Id: ref.id, ...values }]);
  if (!result!.success) {
    const code = result!.errors[0]?.statusCode ?? '';
    if (GONE.has(code)) return { ref, applied: [], skipped: [...skipped, ...Object.keys(values).map((field) => ({ field, reason: 'the record no longer exists' }))] };
    if (code.startsWith('INSUFFICIENT_ACCESS')) throw collectionFailure(ref.object, 'update', result!);
    return { ref, applied: [], skipped: [...skipped, ...Object.keys(values).map((field) => ({ field, reason: `Salesforce refused the value (${code})` }))] };
  }
  return { ref, applied: Object.keys(values), skipped };
}

/**
 * Restriction (GDPR Art. 18) sets Individual.HasOptedOutProcessing — creating
 * the Individual when the person has none — and HasOptedOutOfEmail on the person.
 * Lifting clears HasOptedOutProcessing only: the email opt-out may be the
 * person's own objection, and consent is not given back on their behalf.
 */
export async function restrictRecords(api: SalesforceApi, catalog: OrgCatalog, refs: RecordRef[], on: boolean): Promise<RestrictOutcome[]> {
  const outcomes = new Map<string, RestrictOutcome>();
  const individuals = new Set(refs.filter((r) => r.object === 'Individual').map((r) => r.id));
  const changedIndividuals = new Set<string>();
  for (const object of PERSON_OBJECTS) {
    const people = refs.filter((r) => r.object === object);
    if (people.length === 0 || !catalog.has(object)) continue;
    const current = await fetchFields(api, object, people.map((r) => r.id), ['FirstName', 'LastName', 'HasOptedOutOfEmail', 'IndividualId']);
    const updates: { Id: string; [field: string]: unknown }[] = [];
    for (const ref of people) {
      const person = current.get(ref.id);
      if (!person) {
        outcomes.set(ref.id, { ref, restricted: false, detail: 'the record no longer exists' });
        continue;
      }
      const update: { Id: string; [field: string]: unknown } = { Id: ref.id };
      if (on && person.HasOptedOutOfEmail !== true) update.HasOptedOutOfEmail = true;
      if (typeof person.IndividualId === 'string') individuals.add(person.IndividualId);
      else if (on && catalog.has('Individual')) {
        update.IndividualId = await api.create('Individual', { FirstName: person.FirstName ?? null, LastName: person.LastName ?? 'Unknown', HasOptedOutProcessing: true });
      }
      if (Object.keys(update).length > 1) updates.push(update);
      outcomes.set(ref.id, { ref, restricted: on, changed: Object.keys(update).length > 1, detail: on ? 'HasOptedOutOfEmail and the Individual’s HasOptedOutProcessing are set' : 'HasOptedOutProcessing is cleared; HasOptedOutOfEmail is kept' });
    }
    for (const result of await api.updateMany(object, updates)) if (!result.success) throw collectionFailure(object, 'update', result);
  }
  if (individuals.size > 0 && catalog.has('Individual')) {
    const current = await fetchFields(api, 'Individual', [...individuals], ['HasOptedOutProcessing']);
    const updates = [...current.values()].filter((r) => r.HasOptedOutProcessing !== on).map((r) => ({ Id: r.Id, HasOptedOutProcessing: on }));
    for (const result of await api.updateMany('Individual', updates)) if (!result.success) throw collectionFailure('Individual', 'update', result);
    for (const update of updates) changedIndividuals.add(update.Id);
  }
  for (const ref of refs) {
    if (outcomes.has(ref.id)) continue;
    const detail = ref.object === 'Individual' ? 'HasOptedOutProcessing' : 'covered by the person’s Individual.HasOptedOutProcessing';
    outcomes.set(ref.id, { ref, restricted: on, changed: changedIndividuals.has(ref.id), detail });
  }
  return refs.map((ref) => outcomes.get(ref.id)!);
}

/**
 * Consent as the org records it: opting out of email or solicitation is a
 * refusal; anything else is unknown (not opting out is not consenting).
 */
export async function consentStates(api: SalesforceApi, catalog: OrgCatalog, refs: RecordRef[]): Promise<ConsentState[]> {
  const states: ConsentState[] = [];
  for (const object of PERSON_OBJECTS) {
    const people = refs.filter((r) => r.object === object && isPerson(r));
    if (people.length === 0 || !catalog.has(object)) continue;
    const current = await fetchFields(api, object, people.map((r) => r.id), ['HasOptedOutOfEmail', 'IndividualId']);
    const individualIds = [...current.values()].map((r) => r.IndividualId).filter((id): id is string => typeof id === 'string');
    const individuals = catalog.has('Individual') && individualIds.length > 0
      ? await fetchFields(api, 'Individual', individualIds, ['HasOptedOutSolicit', 'HasOptedOutProcessing'])
      : new Map<string, SfRecord>();
    for (const ref of people) {
      const person = current.get(ref.id);
      if (!person) continue;
      const individual = typeof person.IndividualId === 'string' ? individuals.get(person.IndividualId) : undefined;
      const refused = person.HasOptedOutOfEmail === true || individual?.HasOptedOutSolicit === true;
      states.push({ ref, marketing: refused ? 'denied' : 'unknown', processingRestricted: individual?.HasOptedOutProcessing === true });
    }
  }
  return states;
}
