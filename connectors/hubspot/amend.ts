/** Rectification (Art. 16), restriction (Art. 18) and the consent state, on contacts. */
import { ConnectorError } from '../../core/errors.js';
import type { ConsentState, FieldChange, RecordRef, RectifyOutcome, RestrictOutcome } from '../sdk/contract.js';
import type { HubspotApi } from './api.js';
import { chunks } from './batches.js';
import { httpFailureOf } from './errors.js';
import type { HubspotModel } from './model.js';

/** A 400 from HubSpot: the values were refused, nothing was changed. */
export function refusedAsInvalid(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError && httpFailureOf(error.cause)?.status === 400;
}

export async function rectifyRecord(api: HubspotApi, model: HubspotModel, ref: RecordRef, changes: readonly FieldChange[]): Promise<RectifyOutcome> {
  const outcome: RectifyOutcome = { ref, applied: [], skipped: [] };
  const values: Record<string, string> = {};
  for (const change of changes) {
    const property = model.isObject(ref.object) && change.object === ref.object ? await model.property(ref.object, change.field) : undefined;
    if (change.object !== ref.object) outcome.skipped.push({ field: change.field, reason: `belongs to ${change.object}, not ${ref.object}` });
    else if (!property) outcome.skipped.push({ field: change.field, reason: `no property "${change.field}" on HubSpot ${ref.object}` });
    else if (property.readOnly) outcome.skipped.push({ field: change.field, reason: 'HubSpot computes this property; it cannot be set' });
    else values[change.field] = change.value === null ? '' : String(change.value);
  }
  const fields = Object.keys(values);
  if (fields.length === 0) return outcome;
  try {
    if (await api.update(ref.object, ref.id, values)) outcome.applied.push(...fields);
    else outcome.skipped.push(...fields.map((field) => ({ field, reason: 'the record no longer exists' })));
  } catch (error) {
    if (!refusedAsInvalid(error)) throw error;
    outcome.skipped.push(...fields.map((field) => ({ field, reason: error.message })));
  }
  return outcome;
}

export interface ContactState {
  email?: string;
  restricted: boolean;
}

export async function contactStates(api: HubspotApi, ids: string[], restrictionProperty: string | undefined): Promise<Map<string, ContactState>> {
  const states = new Map<string, ContactState>();
  const properties = ['email', ...(restrictionProperty ? [restrictionProperty] : [])];
  for (const batch of chunks(ids, 100)) {
    for (const record of await api.batchRead('contacts', batch, properties)) {
      states.set(record.id, { ...(record.properties.email ? { email: record.properties.email } : {}), restricted: restrictionProperty ? record.properties[restrictionProperty] === 'true' : false });
    }
  }
  return states;
}

/**
 * Restricting stops every email subscription and sets the restriction property
 * when one is configured. Lifting it clears the property but subscribes to
 * nothing: consent cannot be restored on the person's behalf.
 */
export async function restrictRecords(api: HubspotApi, refs: readonly RecordRef[], on: boolean, restrictionProperty: string | undefined): Promise<RestrictOutcome[]> {
  const contacts = refs.filter((r) => r.object === 'contacts');
  const states = await contactStates(api, contacts.map((r) => r.id), restrictionProperty);
  const outcomes: RestrictOutcome[] = [];
  for (const ref of refs) {
    const state = ref.object === 'contacts' ? states.get(ref.id) : undefined;
    if (ref.object !== 'contacts') outcomes.push({ ref, restricted: false, changed: false, detail: `restriction is recorded on the contact, not on its ${ref.object}` });
    else if (!state) outcomes.push({ ref, restricted: false, detail: 'the contact no longer exists' });
    else outcomes.push({ ref, restricted: on, ...(await restrictContact(api, ref.id, state, on, restrictionProperty)) });
  }
  return outcomes;
}

/** What was done for the contact; the property is written only where it differs, so a repeated request writes nothing. */
async function restrictContact(api: HubspotApi, id: string, state: ContactState, on: boolean, restrictionProperty: string | undefined): Promise<{ changed: boolean; detail: string }> {
  const done: string[] = [];
  let changed = false;
  if (on && state.email) {
    const { stopped } = await unsubscribeEverywhere(api, state.email);
    changed = stopped > 0;
    done.push(stopped > 0 ? `unsubscribed from ${stopped} email subscription(s)` : 'no email subscription to stop');
  }
  if (!on) done.push('email subscriptions are not restored: the person must opt in again');
  if (restrictionProperty && state.restricted === on) {
    done.push(`${restrictionProperty} already ${String(on)}`);
  } else if (restrictionProperty) {
    await api.update('contacts', id, { [restrictionProperty]: String(on) });
    changed = true;
    done.push(`${restrictionProperty} set to ${String(on)}`);
  } else {
    done.push('no restrictionProperty is configured, so other processing is not flagged in HubSpot');
  }
  return { changed, detail: done.join('; ') };
}

/** Unsubscribes the email from each subscription it is subscribed to: how many it stopped, of how many types. */
export async function unsubscribeEverywhere(api: HubspotApi, email: string, explanation?: string): Promise<{ stopped: number; types: number }> {
  const subscriptions = await api.subscriptions(email);
  let stopped = 0;
  for (const subscription of subscriptions) {
    if (subscription.status !== 'SUBSCRIBED') continue;
    try {
      await api.unsubscribe(email, subscription.id, explanation ? { legalBasis: subscription.legalBasis, legalBasisExplanation: explanation } : undefined);
      stopped++;
    } catch (error) {
      // Already unsubscribed in the meantime: the goal is met.
      if (!refusedAsInvalid(error)) throw error;
    }
  }
  return { stopped, types: subscriptions.length };
}

/** Marketing consent from the email subscriptions; restriction from the configured property. */
export async function consentStates(api: HubspotApi, refs: readonly RecordRef[], restrictionProperty: string | undefined): Promise<ConsentState[]> {
  const contacts = refs.filter((r) => r.object === 'contacts');
  const states = await contactStates(api, contacts.map((r) => r.id), restrictionProperty);
  const answers: ConsentState[] = [];
  for (const ref of contacts) {
    const state = states.get(ref.id);
    if (!state) continue;
    const subscriptions = state.email ? await api.subscriptions(state.email) : [];
    const marketing = subscriptions.some((s) => s.status === 'SUBSCRIBED') ? 'granted' : subscriptions.length > 0 ? 'denied' : 'unknown';
    answers.push({ ref, marketing, processingRestricted: state.restricted });
  }
  return answers;
}
