/** Test-only: ledger entries and `canContact` facts written the way a rules table reads. */
import type { ContactFacts } from '../../../core/consent/can-contact.js';
import type { ChannelKind, ConsentEntry, ContactEntry, LedgerEntry, ObjectionEntry, PersonProfile } from '../../../core/consent/model.js';
import { DEFAULT_PROFILE } from '../../../core/consent/model.js';
import { DEFAULT_CONSENT_SETTINGS, type ConsentSettings } from '../../../core/consent/settings.js';
import { stateAt } from '../../../core/consent/state.js';

let seq = 0;
const base = () => {
  seq += 1;
  return { _id: `cp_test.${seq}`, personId: 'cp_test', seq, recordedAt: new Date('2026-01-01T00:00:00Z'), recordedBy: { sub: 'tester', role: 'dpo' as const }, prevHash: '', hash: '' };
};

/** A consent entry for `newsletter` by email unless told otherwise, effective when captured. */
export function consent(status: ConsentEntry['status'], on: string, more: Partial<ConsentEntry> = {}): ConsentEntry {
  const capturedAt = new Date(on);
  return {
    ...base(),
    kind: 'consent',
    purpose: 'newsletter',
    channel: 'email',
    status,
    legalBasis: 'consent',
    source: { kind: 'web_form', name: 'signup', version: 'v3' },
    capturedAt,
    capturedBy: 'signup form',
    proof: status === 'granted' ? { kind: 'form_snapshot', reference: 'forms/signup-v3.html', sha256: 'a'.repeat(64) } : null,
    effectiveFrom: capturedAt,
    effectiveTo: null,
    wording: null,
    language: 'fr',
    ...more,
  };
}

export function objection(on: string, more: Partial<ObjectionEntry> = {}): ObjectionEntry {
  return { ...base(), kind: 'objection', purpose: null, channel: null, source: { kind: 'api', name: null, version: null }, capturedAt: new Date(on), proof: null, ...more };
}

export function call(on: string, outcome: ContactEntry['outcome'] = 'no_answer'): ContactEntry {
  return { ...base(), kind: 'contact', purpose: 'offers', channel: 'phone', attemptedAt: new Date(on), outcome };
}

export interface Situation {
  at: string;
  channel?: string;
  kind?: ChannelKind | null;
  purpose?: Partial<{ _id: string; analogousOffer: boolean; relatedToWork: boolean; relatedToContract: boolean }>;
  entries?: LedgerEntry[];
  profile?: Partial<PersonProfile>;
  objectionRequest?: { requestId: string; at: string };
  restriction?: { requestId: string; since: string };
  settings?: Partial<ConsentSettings>;
}

/** The facts `decide` gets for a situation: the state derived from the entries, as the ledger does. */
export function factsOf(situation: Situation): { facts: ContactFacts; settings: ConsentSettings } {
  const at = new Date(situation.at);
  const channel = situation.channel ?? 'email';
  const purpose = { _id: 'newsletter', analogousOffer: false, relatedToWork: false, relatedToContract: false, ...situation.purpose };
  // Consent entries are about the situation's purpose and channel, whatever the fixture said.
  const entries = (situation.entries ?? []).map((e) => (e.kind === 'consent' ? { ...e, purpose: purpose._id, channel } : e));
  const objectionEntry = entries.filter((e): e is ObjectionEntry => e.kind === 'objection' && e.capturedAt <= at).at(-1) ?? null;
  const objection = objectionEntry
    ? { at: objectionEntry.capturedAt, entry: objectionEntry, requestId: null }
    : situation.objectionRequest
      ? { at: new Date(situation.objectionRequest.at), entry: null, requestId: situation.objectionRequest.requestId }
      : null;
  return {
    facts: {
      at,
      purpose,
      channel,
      kind: situation.kind === undefined ? (channel as ChannelKind) : situation.kind,
      state: stateAt(entries, purpose._id, channel, at),
      profile: { ...DEFAULT_PROFILE, ...situation.profile },
      objection,
      restriction: situation.restriction ? { requestId: situation.restriction.requestId, since: new Date(situation.restriction.since) } : null,
      contacts: entries.filter((e): e is ContactEntry => e.kind === 'contact'),
    },
    settings: { ...DEFAULT_CONSENT_SETTINGS, ...situation.settings },
  };
}
