/**
 * Objection to direct marketing (GDPR Art. 21) in HubSpot: the contact's email
 * is unsubscribed from every subscription type it is subscribed to, through the
 * communication preferences API (v3, what @hubspot/api-client 13 offers; its
 * portal-wide "unsubscribe from all" is v4 only). Types already unsubscribed are
 * left alone, so a repeated opt-out writes nothing.
 */
import type { OptOutOutcome, RecordRef } from '../sdk/contract.js';
import { contactStates, unsubscribeEverywhere } from './amend.js';
import type { HubspotApi } from './api.js';

const EXPLANATION = 'The contact objected to direct marketing (GDPR Art. 21); recorded by Gardien';

export async function optOutRecords(api: HubspotApi, refs: readonly RecordRef[]): Promise<OptOutOutcome[]> {
  const states = await contactStates(api, refs.filter((r) => r.object === 'contacts').map((r) => r.id), undefined);
  const outcomes: OptOutOutcome[] = [];
  for (const ref of refs) {
    const state = ref.object === 'contacts' ? states.get(ref.id) : undefined;
    if (ref.object !== 'contacts') outcomes.push({ ref, optedOut: false, detail: `HubSpot keeps marketing preferences on the contact's email, not on its ${ref.object}` });
    else if (!state) outcomes.push({ ref, optedOut: false, detail: 'the contact no longer exists' });
    else if (!state.email) outcomes.push({ ref, optedOut: false, detail: 'the contact has no email address, and HubSpot records marketing preferences per email' });
    else {
      const { stopped, types } = await unsubscribeEverywhere(api, state.email, EXPLANATION);
      outcomes.push({ ref, optedOut: true, changed: stopped > 0, detail: stopped > 0 ? `unsubscribed from ${stopped} of ${types} email subscription type(s)` : `subscribed to none of ${types} email subscription type(s)` });
    }
  }
  return outcomes;
}
