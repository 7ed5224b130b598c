/**
 * Objection to direct marketing (GDPR Art. 21): the opt-out flags Salesforce
 * keeps on the Contact or Lead and on their Individual, set where they are not
 * yet, so a repeated opt-out writes nothing.
 */
import type { OptOutOutcome, RecordRef } from '../sdk/contract.js';
import { collectionFailure, type SalesforceApi, type SfRecord } from './api.js';
import type { OrgCatalog } from './catalog.js';
import type { SubjectObjectName } from './config.js';
import { PERSON_OBJECTS } from './model.js';
import { fetchFields, GONE } from './preferences.js';

/** Email, fax and phone solicitation on the person; marketing ("Don't Market") and tracking on the Individual. */
const PERSON_FLAGS = ['HasOptedOutOfEmail', 'HasOptedOutOfFax', 'DoNotCall'];
const INDIVIDUAL_FLAGS = ['HasOptedOutSolicit', 'HasOptedOutTracking'];

type Update = { Id: string } & Record<string, unknown>;

/** The flags this org's object has (DoNotCall and HasOptedOutOfFax are not in every org or edition). */
function flagsOf(catalog: OrgCatalog, object: SubjectObjectName, flags: string[]): string[] {
  const fields = catalog.get(object)?.fields;
  return flags.filter((flag) => fields?.get(flag)?.updateable === true);
}

function unset(record: SfRecord, flags: string[]): Record<string, true> {
  return Object.fromEntries(flags.filter((flag) => record[flag] !== true).map((flag) => [flag, true]));
}

/** Applies the updates; the records Salesforce refused, with why, so they are reported rather than thrown (an access error is thrown). */
async function apply(api: SalesforceApi, object: string, updates: Update[]): Promise<Map<string, string>> {
  const refused = new Map<string, string>();
  const results = await api.updateMany(object, updates);
  results.forEach((result, i) => {
    if (result.success) return;
    const code = result.errors[0]?.statusCode ?? 'UNKNOWN';
    if (code.startsWith('INSUFFICIENT_ACCESS')) throw collectionFailure(object, 'update', result);
    refused.set(updates[i]!.Id, GONE.has(code) ? 'the record no longer exists' : `Salesforce refused the change (${code})`);
  });
  return refused;
}

export async function optOutRecords(api: SalesforceApi, catalog: OrgCatalog, refs: RecordRef[]): Promise<OptOutOutcome[]> {
  const outcomes = new Map<string, OptOutOutcome>();
  const individualFlags = catalog.has('Individual') ? flagsOf(catalog, 'Individual', INDIVIDUAL_FLAGS) : [];
  const individuals = new Set(refs.filter((r) => r.object === 'Individual').map((r) => r.id));
  const onIndividual = individualFlags.length > 0 ? `; the Individual’s ${individualFlags.join(', ')}` : '';
  for (const object of PERSON_OBJECTS) {
    const people = refs.filter((r) => r.object === object);
    if (people.length === 0 || !catalog.has(object)) continue;
    const flags = flagsOf(catalog, object, PERSON_FLAGS);
    const current = await fetchFields(api, object, people.map((r) => r.id), ['FirstName', 'LastName', 'IndividualId', ...flags]);
    const updates: Update[] = [];
    for (const ref of people) {
      const person = current.get(ref.id);
      if (!person) {
        outcomes.set(ref.id, { ref, optedOut: false, detail: 'the record no longer exists' });
        continue;
      }
      const update: Update = { Id: ref.id, ...unset(person, flags) };
      if (typeof person.IndividualId === 'string') individuals.add(person.IndividualId);
      else if (individualFlags.length > 0) {
        // As a restriction does: the person's privacy record is created when missing, holding the objection.
        update.IndividualId = await api.create('Individual', { FirstName: person.FirstName ?? null, LastName: person.LastName ?? 'Unknown', ...Object.fromEntries(individualFlags.map((f) => [f, true])) });
      }
      if (Object.keys(update).length > 1) updates.push(update);
      outcomes.set(ref.id, { ref, optedOut: true, changed: Object.keys(update).length > 1, detail: `opted out: ${flags.join(', ')}${onIndividual}` });
    }
    for (const [id, detail] of await apply(api, object, updates)) outcomes.set(id, { ref: outcomes.get(id)!.ref, optedOut: false, detail });
  }
  if (individuals.size > 0 && individualFlags.length > 0) {
    const current = await fetchFields(api, 'Individual', [...individuals], individualFlags);
    const updates = [...current.values()].map((r) => ({ Id: r.Id, ...unset(r, individualFlags) })).filter((u) => Object.keys(u).length > 1);
    const refused = await apply(api, 'Individual', updates);
    for (const ref of refs.filter((r) => r.object === 'Individual')) {
      const problem = current.has(ref.id) ? refused.get(ref.id) : 'the record no longer exists';
      const changed = updates.some((u) => u.Id === ref.id);
      outcomes.set(ref.id, problem ? { ref, optedOut: false, detail: problem } : { ref, optedOut: true, changed, detail: `opted out: ${individualFlags.join(', ')}` });
    }
  }
  return refs.map((ref) => outcomes.get(ref.id) ?? { ref, optedOut: false, detail: `a ${ref.object} holds no marketing preference: the person’s Contact or Lead and Individual do` });
}
