/**
 * `canContact` as a pure function of the facts: yes or no, why, and which rule
 * and which ledger entry the answer rests on. Overrides first (restriction,
 * objection, withdrawal, refusal), then the regime of the channel and audience,
 * then calling hours and frequency.
 */
import { isFrenchPublicHoliday, wallClock } from './calendar.js';
import type { ChannelKind, ConsentEntry, ContactEntry, ObjectionEntry, PersonProfile } from './model.js';
import type { ConsentPurpose } from './purposes.js';
import { DEFAULT_REGIME, OVERRIDES, rulesFor, type ContactRule, type RegimeRule, type RuleRef } from './rules.js';
import type { ConsentSettings } from './settings.js';
import type { ConsentState } from './state.js';

export type DecisionCode =
  | 'restricted' | 'objected' | 'withdrawn' | 'denied'
  | 'consent' | 'soft_opt_in' | 'related_to_work' | 'contract_in_force' | 'opt_out'
  | 'no_consent' | 'pending_confirmation' | 'expired' | 'opposition_list'
  | 'outside_calling_hours' | 'public_holiday' | 'contact_cap' | 'refused_recently';

export interface ContactFacts {
  at: Date;
  purpose: Pick<ConsentPurpose, '_id' | 'analogousOffer' | 'relatedToWork' | 'relatedToContract'>;
  channel: string;
  /** Whose rules the channel follows; null for an added channel ruled by default. */
  kind: ChannelKind | null;
  state: ConsentState | null;
  profile: PersonProfile;
  /** The latest objection covering the purpose and channel: a ledger entry, or an objection request. */
  objection: { at: Date; entry: ObjectionEntry | null; requestId: string | null } | null;
  restriction: { requestId: string; since: Date } | null;
  /** Contacts made on channels of the same kind, recent enough for the frequency rules. */
  contacts: readonly ContactEntry[];
}

export interface ContactDecision {
  allowed: boolean;
  code: DecisionCode;
  reason: string;
  rule: RuleRef;
  /** The ledger entry the answer rests on, when one does. */
  entry: ConsentEntry | ObjectionEntry | null;
  /** The data-subject request the answer rests on (a restriction or an objection), when one does. */
  requestId: string | null;
  at: Date;
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const DAY_MS = 86_400_000;

function sourceOf(entry: ConsentEntry): string {
  const { kind, name, version } = entry.source;
  return [kind, name, version].filter(Boolean).join(' ');
}

export function decide(facts: ContactFacts, rules: readonly ContactRule[], settings: ConsentSettings): ContactDecision {
  const { at, state, profile } = facts;
  const answer = (allowed: boolean, code: DecisionCode, reason: string, rule: RuleRef, entry: ContactDecision['entry'] = null, requestId: string | null = null): ContactDecision =>
    ({ allowed, code, reason, rule, entry, requestId, at });

  if (facts.restriction && facts.restriction.since <= at) {
    return answer(false, 'restricted', `Processing is restricted since ${day(facts.restriction.since)} (request ${facts.restriction.requestId})`, OVERRIDES.restriction, null, facts.restriction.requestId);
  }
  const regrantedAfterObjection = state?.status === 'granted' && state.entry.legalBasis === 'consent' && facts.objection !== null && state.entry.effectiveFrom > facts.objection.at;
  if (facts.objection && !regrantedAfterObjection) {
    const { objection } = facts;
    return answer(false, 'objected', `The person objected to direct marketing on ${day(objection.at)}${objection.requestId ? ` (request ${objection.requestId})` : ''}`, OVERRIDES.objection, objection.entry, objection.requestId);
  }
  if (state?.status === 'withdrawn') return answer(false, 'withdrawn', `Withdrawn on ${day(state.entry.effectiveFrom)} (${sourceOf(state.entry)})`, OVERRIDES.withdrawal, state.entry);
  if (state?.status === 'denied') return answer(false, 'denied', `Refused on ${day(state.entry.effectiveFrom)} (${sourceOf(state.entry)})`, OVERRIDES.refusal, state.entry);

  const regime = facts.kind ? rulesFor(rules, 'regime', facts.kind, profile.audience, at)[0] : DEFAULT_REGIME;
  if (!regime) return answer(false, 'no_consent', `No rule covers ${facts.channel} to a ${profile.audience} on ${day(at)}: a prior consent is asked`, DEFAULT_REGIME);
  const allowed = regimeAnswer(facts, regime, settings);
  if (!allowed.allowed || !facts.kind) return allowed;
  return timingAnswer(facts, facts.kind, rules, settings) ?? allowed;
}

function regimeAnswer(facts: ContactFacts, rule: RegimeRule, settings: ConsentSettings): ContactDecision {
  const { at, state, profile, purpose } = facts;
  const answer = (allowed: boolean, code: DecisionCode, reason: string, entry: ConsentEntry | null = null): ContactDecision => ({ allowed, code, reason, rule, entry, requestId: null, at });
  const consented = state?.status === 'granted' && state.entry.legalBasis === 'consent' ? state.entry : null;
  if (consented) return answer(true, 'consent', `Consent given on ${day(consented.effectiveFrom)} (${sourceOf(consented)}), proof ${consented.proof?.reference ?? 'none'}`, consented);

  const contract = profile.contract;
  const contractInForce = contract !== null && contract.since <= at && (contract.until === null || at < contract.until);
  for (const exception of rule.exceptions) {
    if (exception === 'contract_in_force' && contractInForce && purpose.relatedToContract) {
      return answer(true, 'contract_in_force', `A contract is in force since ${day(contract!.since)} and the offer relates to it`);
    }
    if (exception === 'related_to_work' && settings.b2bLegitimateInterest && profile.audience === 'business' && purpose.relatedToWork) {
      return answer(true, 'related_to_work', 'A professional, for an offer related to their work, who has not objected');
    }
    const optOutOffered = state?.status === 'granted' && state.entry.legalBasis === 'legitimate_interest' ? state.entry : null;
    if (exception === 'soft_opt_in' && settings.softOptIn && purpose.analogousOffer && profile.customerSince !== null && profile.customerSince <= at && optOutOffered) {
      return answer(true, 'soft_opt_in', `A customer since ${day(profile.customerSince)}, offered an opt-out on ${day(optOutOffered.effectiveFrom)} (${sourceOf(optOutOffered)}), for analogous products`, optOutOffered);
    }
  }

  if (rule.regime === 'opt_out') {
    if (rule.oppositionList && profile.phoneOppositionList) return answer(false, 'opposition_list', 'The number is on the telephone opposition list (Bloctel) and no contract in force relates to the offer');
    return answer(true, 'opt_out', 'Allowed until the person objects; they have not');
  }
  if (state?.status === 'pending_confirmation') return answer(false, 'pending_confirmation', `Consent awaits confirmation since ${day(state.entry.effectiveFrom)}`, state.entry);
  if (state?.status === 'expired') return answer(false, 'expired', `Consent expired on ${day(state.entry.effectiveTo!)}`, state.entry);
  return answer(false, 'no_consent', state ? `No prior consent: the opt-out recorded on ${day(state.entry.effectiveFrom)} does not meet the customer exception` : 'No prior consent recorded', state?.entry ?? null);
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A refusal by the calling-hours or frequency rules, or null when they allow the contact. */
function timingAnswer(facts: ContactFacts, kind: ChannelKind, rules: readonly ContactRule[], settings: ConsentSettings): ContactDecision | null {
  const { at, profile } = facts;
  const refuse = (code: DecisionCode, reason: string, rule: RuleRef): ContactDecision => ({ allowed: false, code, reason, rule, entry: null, requestId: null, at });
  for (const rule of rulesFor(rules, 'calling_hours', kind, profile.audience, at)) {
    if (rule.waivedByConsentOutsideHours && profile.callsOutsideHours) continue;
    const timeZone = profile.timezone ?? settings.callTimezone;
    const clock = wallClock(at, timeZone);
    const local = `${WEEKDAY_NAMES[clock.weekday]} ${String(Math.floor(clock.minutes / 60)).padStart(2, '0')}:${String(clock.minutes % 60).padStart(2, '0')} (${timeZone})`;
    if (rule.excludePublicHolidays && isFrenchPublicHoliday(clock.year, clock.month, clock.day)) return refuse('public_holiday', `${local} is a public holiday`, rule);
    const open = rule.weekdays.includes(clock.weekday) && rule.windows.some((w) => clock.minutes >= minutesOf(w.from) && clock.minutes < minutesOf(w.to));
    if (!open) return refuse('outside_calling_hours', `${local} is outside the allowed calling hours`, rule);
  }
  for (const rule of rulesFor(rules, 'frequency', kind, profile.audience, at)) {
    const refusal = [...facts.contacts].reverse().find((c) => c.outcome === 'refused' && c.attemptedAt <= at && at.getTime() - c.attemptedAt.getTime() < rule.pauseAfterRefusalDays * DAY_MS);
    if (refusal) return refuse('refused_recently', `The person refused during a call on ${day(refusal.attemptedAt)}: no contact for ${rule.pauseAfterRefusalDays} days`, rule);
    const cap = Math.min(rule.maxContacts, settings.callCap ?? Infinity);
    const recent = facts.contacts.filter((c) => c.attemptedAt <= at && at.getTime() - c.attemptedAt.getTime() < rule.periodDays * DAY_MS);
    if (recent.length >= cap) return refuse('contact_cap', `${recent.length} contacts in the last ${rule.periodDays} days; at most ${cap}`, rule);
  }
  return null;
}
