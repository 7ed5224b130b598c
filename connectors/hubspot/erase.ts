/**
 * Erasure by plan. Engagements, tickets and deals first, while their
 * associations still show whom they belong to; the contacts last. A record
 * to be deleted that another contact also holds is kept for them, with its
 * personal properties cleared (its link to this person goes with the contact).
 * As HubSpot deletes a contact's activities with it, a contact whose activities
 * the plan keeps is anonymised rather than deleted. Idempotent: what is gone is `already_absent`, the rest gives the same outcome again.
 */
import type { Logger } from '../../core/logger.js';
import { type ErasureOutcome, type ErasurePlan, type ObjectErasure, type RecordRef, erasureFor } from '../sdk/contract.js';
import type { HubspotApi } from './api.js';
import { chunks } from './batches.js';
import type { HubspotObject } from './config.js';
import type { HubspotModel } from './model.js';

const ORDER: HubspotObject[] = ['notes', 'emails', 'calls', 'tickets', 'deals', 'contacts'];
/** HubSpot deletes these with a contact unless another record holds them. */
const ACTIVITIES = new Set<HubspotObject>(['notes', 'emails', 'calls']);
const key = (ref: RecordRef) => `${ref.object}:${ref.id}`;

export async function eraseRecords(api: HubspotApi, model: HubspotModel, refs: readonly RecordRef[], plan: ErasurePlan, logger: Logger): Promise<ErasureOutcome[]> {
  const groups = model.refsByObject(refs);
  const subject = new Set(refs.flatMap((r) => (r.object === 'contacts' ? [r.id] : r.parent?.object === 'contacts' ? [r.parent.id] : [])));
  const outcomes = new Map<string, ErasureOutcome>();
  // Activities only this person's contacts hold, which the plan keeps: deleting the contact would take them too.
  let activitiesKept = 0;
  for (const type of ORDER) {
    const group = groups.get(type);
    if (!group) continue;
    let erasure = erasureFor(await model.description(type), plan);
    const existing = await existingIds(api, type, group.map((r) => r.id));
    const present = group.filter((r) => existing.has(r.id));
    for (const ref of group) if (!existing.has(ref.id)) outcomes.set(key(ref), { ref, action: 'already_absent' });
    let done: ErasureOutcome[];
    if (type === 'contacts') {
      const deleting = erasure.strategy === 'vendor_delete' || erasure.strategy === 'delete';
      if (deleting && activitiesKept > 0) erasure = { strategy: 'anonymise' };
      done = await eraseContacts(api, model, present, erasure);
      if (deleting && activitiesKept > 0) done = done.map((o) => ({ ...o, detail: `anonymised rather than deleted: HubSpot deletes a contact's activities with it, and the plan keeps ${activitiesKept} of them; ${o.detail ?? ''}` }));
    } else {
      const related = await eraseRelated(api, model, type, present, erasure, subject);
      done = related.outcomes;
      if (ACTIVITIES.has(type)) activitiesKept += related.keptAlone;
    }
    for (const outcome of done) outcomes.set(key(outcome.ref), outcome);
  }
  const result = refs.map((ref) => ({ ...outcomes.get(key(ref))!, ref }));
  const counts = new Map<string, number>();
  for (const o of result) counts.set(`${o.ref.object} ${o.action}`, (counts.get(`${o.ref.object} ${o.action}`) ?? 0) + 1);
  logger.info('HubSpot erasure done', { outcomes: [...counts].map(([what, n]) => `${n} ${what}`).join(', ') });
  return result;
}

async function existingIds(api: HubspotApi, type: HubspotObject, ids: string[]): Promise<Set<string>> {
  const existing = new Set<string>();
  for (const batch of chunks([...new Set(ids)], 100)) for (const record of await api.batchRead(type, batch, ['hs_object_id'])) existing.add(record.id);
  return existing;
}

async function eraseContacts(api: HubspotApi, model: HubspotModel, refs: RecordRef[], erasure: ObjectErasure): Promise<ErasureOutcome[]> {
  switch (erasure.strategy) {
    case 'vendor_delete': {
      const outcomes: ErasureOutcome[] = [];
      for (const ref of refs) {
        const deleted = await api.gdprDelete(ref.id);
        outcomes.push(deleted ? { ref, action: 'vendor_deleted', detail: "permanently deleted by HubSpot's GDPR delete; its email addresses are blocklisted" } : { ref, action: 'already_absent' });
      }
      return outcomes;
    }
    case 'delete':
      return archive(api, 'contacts', refs, 'archived: HubSpot keeps a deleted contact restorable for 90 days before removing it');
    default:
      return keepOrClear(api, model, 'contacts', refs, erasure);
  }
}

/** The outcomes, and how many records the plan keeps that no other contact holds. */
async function eraseRelated(
  api: HubspotApi, model: HubspotModel, type: HubspotObject, refs: RecordRef[], erasure: ObjectErasure, subject: Set<string>,
): Promise<{ outcomes: ErasureOutcome[]; keptAlone: number }> {
  if (erasure.strategy === 'manual') return { outcomes: await keepOrClear(api, model, type, refs, erasure), keptAlone: 0 };
  const shared = await sharedWithOthers(api, type, refs, subject);
  const alone = refs.filter((r) => !shared.has(r.id));
  const others = refs.filter((r) => shared.has(r.id));
  if (erasure.strategy !== 'delete' && erasure.strategy !== 'vendor_delete') {
    return { outcomes: await keepOrClear(api, model, type, refs, erasure), keptAlone: alone.length };
  }
  // A record another contact also holds is kept for them, its personal properties cleared: its text may name this person.
  const outcomes: ErasureOutcome[] = (await keepOrClear(api, model, type, others, { strategy: 'anonymise' })).map((o) => ({
    ...o,
    detail: `also associated with ${shared.get(o.ref.id)} other contact(s), so kept for them; ${o.detail ?? ''}`,
  }));
  // HubSpot's GDPR delete exists for contacts only: other records are deleted the ordinary way.
  outcomes.push(...(await archive(api, type, alone)));
  return { outcomes, keptAlone: 0 };
}

/** Record id → how many contacts outside the subject it is also associated with (only for those that have some). */
async function sharedWithOthers(api: HubspotApi, type: HubspotObject, refs: RecordRef[], subject: Set<string>): Promise<Map<string, number>> {
  const shared = new Map<string, number>();
  for (const batch of chunks(refs.map((r) => r.id), 1000)) {
    for (const [id, contacts] of await api.associationsOf(type, batch, 'contacts')) {
      const others = contacts.ids.filter((c) => !subject.has(c)).length;
      if (others > 0 || contacts.more) shared.set(id, Math.max(others, 1));
    }
  }
  return shared;
}

async function archive(api: HubspotApi, type: HubspotObject, refs: RecordRef[], detail?: string): Promise<ErasureOutcome[]> {
  for (const batch of chunks(refs, 100)) await api.batchArchive(type, batch.map((r) => r.id));
  return refs.map((ref) => ({ ref, action: 'deleted', ...(detail ? { detail } : {}) }));
}

/** anonymise: clears the personal properties; retain: keeps the record under its legal hold, clearing only the fields named. */
async function keepOrClear(api: HubspotApi, model: HubspotModel, type: HubspotObject, refs: RecordRef[], erasure: ObjectErasure): Promise<ErasureOutcome[]> {
  if (erasure.strategy === 'manual') return refs.map((ref) => ({ ref, action: 'manual', detail: 'to be erased by hand in HubSpot' }));
  const fields = erasure.strategy === 'anonymise' ? (erasure.fields ?? (await model.anonymisable(type))) : (erasure.fields ?? []);
  if (fields.length > 0) {
    const blank = Object.fromEntries(fields.map((f) => [f, '']));
    for (const batch of chunks(refs, 100)) await api.batchUpdate(type, batch.map((r) => ({ id: r.id, properties: blank })));
  }
  const cleared = fields.length > 0 ? `cleared ${fields.join(', ')}` : '';
  if (erasure.strategy === 'anonymise') {
    const left = await leftOver(api, model, type, refs);
    return refs.map((ref) => {
      const remaining = left.get(ref.id) ?? [];
      const byHand = remaining.length > 0 ? `; HubSpot lets no API clear ${remaining.join(', ')}: clear them by hand` : '';
      return { ref, action: 'anonymised', detail: `${cleared || 'no personal property to clear'}${byHand}` };
    });
  }
  const detail = `kept under a legal hold${cleared ? `; ${cleared}` : ''}`;
  return refs.map((ref) => ({ ref, action: 'retained', detail, ...(erasure.legalHold ? { legalHold: erasure.legalHold } : {}) }));
}

/** Per record, the read-only personal properties that still hold a value (recomputed ones, like the searchable phone, are empty by now). */
async function leftOver(api: HubspotApi, model: HubspotModel, type: HubspotObject, refs: RecordRef[]): Promise<Map<string, string[]>> {
  const names = await model.identifyingReadOnly(type);
  const left = new Map<string, string[]>();
  if (names.length === 0) return left;
  for (const batch of chunks(refs, 100)) {
    for (const record of await api.batchRead(type, batch.map((r) => r.id), names)) {
      const filled = names.filter((n) => record.properties[n]);
      if (filled.length > 0) left.set(record.id, filled);
    }
  }
  return left;
}
