import { describe, expect, it } from 'vitest';
import { call, consent, factsOf, objection, type Situation } from '../../test/support/consent/facts.js';
import { decide, type DecisionCode } from './can-contact.js';
import { FRENCH_RULES } from './rules-fr.js';

interface Case extends Situation {
  rule: string;
  allowed: boolean;
  code: DecisionCode;
  ruleId: string;
}

// A Tuesday in term time, 11:00 in Paris: inside every calling window.
const TUESDAY = '2026-06-16T11:00:00+02:00';
const CUSTOMER = { customerSince: new Date('2025-03-01T00:00:00Z') };
const analogous = { analogousOffer: true };
const optOutOffered = (on: string) => consent('granted', on, { legalBasis: 'legitimate_interest', source: { kind: 'web_form', name: 'checkout', version: 'v7' } });

const EMAIL_AND_SMS: Case[] = [
  { rule: 'email to a consumer who consented beforehand is allowed', at: TUESDAY, entries: [consent('granted', '2026-05-02T10:00:00Z')], allowed: true, code: 'consent', ruleId: 'fr.cpce-l34-5.consumer' },
  { rule: 'email to a consumer who never consented is refused', at: TUESDAY, allowed: false, code: 'no_consent', ruleId: 'fr.cpce-l34-5.consumer' },
  { rule: 'SMS to a consumer who never consented is refused', at: TUESDAY, channel: 'sms', allowed: false, code: 'no_consent', ruleId: 'fr.cpce-l34-5.consumer' },
  { rule: 'a customer offered an opt-out may be emailed about analogous products (soft opt-in)', at: TUESDAY, purpose: analogous, profile: CUSTOMER, entries: [optOutOffered('2025-03-01T10:00:00Z')], allowed: true, code: 'soft_opt_in', ruleId: 'fr.cpce-l34-5.consumer' },
  { rule: 'a customer offered an opt-out may be sent an SMS about analogous products (soft opt-in)', at: TUESDAY, channel: 'sms', purpose: analogous, profile: CUSTOMER, entries: [optOutOffered('2025-03-01T10:00:00Z')], allowed: true, code: 'soft_opt_in', ruleId: 'fr.cpce-l34-5.consumer' },
  { rule: 'the soft opt-in does not cover products that are not analogous', at: TUESDAY, profile: CUSTOMER, entries: [optOutOffered('2025-03-01T10:00:00Z')], allowed: false, code: 'no_consent', ruleId: 'fr.cpce-l34-5.consumer' },
  { rule: 'the soft opt-in needs a customer: a prospect offered an opt-out still needs consent', at: TUESDAY, purpose: analogous, entries: [optOutOffered('2025-03-01T10:00:00Z')], allowed: false, code: 'no_consent', ruleId: 'fr.cpce-l34-5.consumer' },
  { rule: 'the soft opt-in needs the opt-out offered at collection, recorded in the ledger', at: TUESDAY, purpose: analogous, profile: CUSTOMER, allowed: false, code: 'no_consent', ruleId: 'fr.cpce-l34-5.consumer' },
  { rule: 'a company that does not rely on the soft opt-in asks its customers for consent too', at: TUESDAY, purpose: analogous, profile: CUSTOMER, entries: [optOutOffered('2025-03-01T10:00:00Z')], settings: { softOptIn: false }, allowed: false, code: 'no_consent', ruleId: 'fr.cpce-l34-5.consumer' },
  { rule: 'a consent awaiting confirmation is not yet a consent', at: TUESDAY, entries: [consent('pending_confirmation', '2026-06-15T09:00:00Z')], allowed: false, code: 'pending_confirmation', ruleId: 'fr.cpce-l34-5.consumer' },
  { rule: 'a consent past its end has expired', at: TUESDAY, entries: [consent('granted', '2024-01-10T09:00:00Z', { effectiveTo: new Date('2026-01-10T09:00:00Z') })], allowed: false, code: 'expired', ruleId: 'fr.cpce-l34-5.consumer' },
  { rule: 'a consent that takes effect later does not count yet', at: TUESDAY, entries: [consent('granted', '2026-06-01T09:00:00Z', { effectiveFrom: new Date('2026-07-01T00:00:00Z') })], allowed: false, code: 'no_consent', ruleId: 'fr.cpce-l34-5.consumer' },
];

const BUSINESS: Case[] = [
  { rule: 'a professional may be emailed about an offer related to their work, on legitimate interest', at: TUESDAY, profile: { audience: 'business' }, purpose: { relatedToWork: true }, allowed: true, code: 'related_to_work', ruleId: 'fr.cnil.business-email' },
  { rule: 'a professional emailed about something unrelated to their work must have consented', at: TUESDAY, profile: { audience: 'business' }, allowed: false, code: 'no_consent', ruleId: 'fr.cnil.business-email' },
  { rule: 'a professional who objected is not emailed, even about their work', at: TUESDAY, profile: { audience: 'business' }, purpose: { relatedToWork: true }, entries: [objection('2026-04-01T08:00:00Z')], allowed: false, code: 'objected', ruleId: 'gdpr.art21' },
  { rule: 'a professional who unsubscribed is not emailed, even about their work', at: TUESDAY, profile: { audience: 'business' }, purpose: { relatedToWork: true }, entries: [consent('withdrawn', '2026-04-01T08:00:00Z')], allowed: false, code: 'withdrawn', ruleId: 'gdpr.art7-3' },
  { rule: 'a company that does not rely on legitimate interest asks professionals for consent', at: TUESDAY, profile: { audience: 'business' }, purpose: { relatedToWork: true }, settings: { b2bLegitimateInterest: false }, allowed: false, code: 'no_consent', ruleId: 'fr.cnil.business-email' },
  { rule: 'an SMS to a professional needs consent, even about their work', at: TUESDAY, channel: 'sms', profile: { audience: 'business' }, purpose: { relatedToWork: true }, allowed: false, code: 'no_consent', ruleId: 'fr.cpce-l34-5.business-sms' },
];

const POST_AND_OTHERS: Case[] = [
  { rule: 'post is allowed until the person objects', at: TUESDAY, channel: 'post', allowed: true, code: 'opt_out', ruleId: 'fr.gdpr.post' },
  { rule: 'post is refused to a person who refused it', at: TUESDAY, channel: 'post', entries: [consent('denied', '2026-02-01T08:00:00Z')], allowed: false, code: 'denied', ruleId: 'gdpr.art21-refusal' },
  { rule: 'a channel the company added without a rule needs consent', at: TUESDAY, channel: 'push', kind: null, allowed: false, code: 'no_consent', ruleId: 'gardien.default-opt-in' },
  { rule: 'a channel the company added with consent is allowed', at: TUESDAY, channel: 'push', kind: null, entries: [consent('granted', '2026-05-02T10:00:00Z')], allowed: true, code: 'consent', ruleId: 'gardien.default-opt-in' },
  { rule: 'a channel the company rules like SMS follows the SMS rules (soft opt-in)', at: TUESDAY, channel: 'whatsapp', kind: 'sms', purpose: analogous, profile: CUSTOMER, entries: [optOutOffered('2025-03-01T10:00:00Z')], allowed: true, code: 'soft_opt_in', ruleId: 'fr.cpce-l34-5.consumer' },
];

const OVERRIDES: Case[] = [
  { rule: 'an Art. 21 objection wins over an older grant', at: TUESDAY, entries: [consent('granted', '2025-01-05T10:00:00Z'), objection('2026-03-01T10:00:00Z')], allowed: false, code: 'objected', ruleId: 'gdpr.art21' },
  { rule: 'an Art. 21 objection wins over the soft opt-in', at: TUESDAY, purpose: analogous, profile: CUSTOMER, entries: [optOutOffered('2025-03-01T10:00:00Z'), objection('2026-03-01T10:00:00Z')], allowed: false, code: 'objected', ruleId: 'gdpr.art21' },
  { rule: 'an objection filed as a request wins over an older grant', at: TUESDAY, entries: [consent('granted', '2025-01-05T10:00:00Z')], objectionRequest: { requestId: 'req_objection', at: '2026-03-01T10:00:00Z' }, allowed: false, code: 'objected', ruleId: 'gdpr.art21' },
  { rule: 'a consent given after an objection allows contact again', at: TUESDAY, entries: [objection('2026-03-01T10:00:00Z'), consent('granted', '2026-05-02T10:00:00Z')], allowed: true, code: 'consent', ruleId: 'fr.cpce-l34-5.consumer' },
  { rule: 'an objection wins over post, which needs no consent', at: TUESDAY, channel: 'post', entries: [objection('2026-03-01T10:00:00Z')], allowed: false, code: 'objected', ruleId: 'gdpr.art21' },
  { rule: 'a restriction wins over any grant', at: TUESDAY, entries: [consent('granted', '2026-05-02T10:00:00Z')], restriction: { requestId: 'req_restrict', since: '2026-06-01T10:00:00Z' }, allowed: false, code: 'restricted', ruleId: 'gdpr.art18' },
  { rule: 'a withdrawal wins over an older grant', at: TUESDAY, entries: [consent('granted', '2025-01-05T10:00:00Z'), consent('withdrawn', '2026-03-01T10:00:00Z')], allowed: false, code: 'withdrawn', ruleId: 'gdpr.art7-3' },
  { rule: 'a grant after a withdrawal allows contact again', at: TUESDAY, entries: [consent('withdrawn', '2026-03-01T10:00:00Z'), consent('granted', '2026-05-02T10:00:00Z')], allowed: true, code: 'consent', ruleId: 'fr.cpce-l34-5.consumer' },
  { rule: 'an old grant imported after a withdrawal does not undo it', at: TUESDAY, entries: [consent('withdrawn', '2026-03-01T10:00:00Z'), consent('granted', '2024-09-01T10:00:00Z', { source: { kind: 'import', name: 'legacy-crm', version: null } })], allowed: false, code: 'withdrawn', ruleId: 'gdpr.art7-3' },
];

const PHONE = '2026-08-10T11:00:00+02:00';
const DAY_AFTER = '2026-08-11T11:00:00+02:00';
const contract = (since: string, until: string | null = null) => ({ contract: { since: new Date(since), until: until ? new Date(until) : null } });

const TELEPHONE: Case[] = [
  { rule: 'on 10 August 2026, a consumer who never objected may be called (opt-out)', at: PHONE, channel: 'phone', allowed: true, code: 'opt_out', ruleId: 'fr.consom-l223-1.phone-opposition-list' },
  { rule: 'on 10 August 2026, a consumer on the opposition list is not called', at: PHONE, channel: 'phone', profile: { phoneOppositionList: true }, allowed: false, code: 'opposition_list', ruleId: 'fr.consom-l223-1.phone-opposition-list' },
  { rule: 'on 10 August 2026, a consumer on the opposition list may be called about their contract in force', at: PHONE, channel: 'phone', profile: { phoneOppositionList: true, ...contract('2025-01-01T00:00:00Z') }, purpose: { relatedToContract: true }, allowed: true, code: 'contract_in_force', ruleId: 'fr.consom-l223-1.phone-opposition-list' },
  { rule: 'on 11 August 2026, a consumer who never consented is not called', at: DAY_AFTER, channel: 'phone', allowed: false, code: 'no_consent', ruleId: 'fr.consom-l223-1.phone-consent' },
  { rule: 'on 11 August 2026, a consumer who gave a provable consent may be called', at: DAY_AFTER, channel: 'phone', entries: [consent('granted', '2026-07-20T15:00:00Z', { source: { kind: 'recorded_call', name: 'call-centre', version: null } })], allowed: true, code: 'consent', ruleId: 'fr.consom-l223-1.phone-consent' },
  { rule: 'on 11 August 2026, a consumer may be called without consent during a contract in force, for a related offer', at: DAY_AFTER, channel: 'phone', profile: contract('2025-01-01T00:00:00Z'), purpose: { relatedToContract: true }, allowed: true, code: 'contract_in_force', ruleId: 'fr.consom-l223-1.phone-consent' },
  { rule: 'on 11 August 2026, a contract that has ended no longer allows calls without consent', at: DAY_AFTER, channel: 'phone', profile: contract('2025-01-01T00:00:00Z', '2026-06-30T00:00:00Z'), purpose: { relatedToContract: true }, allowed: false, code: 'no_consent', ruleId: 'fr.consom-l223-1.phone-consent' },
  { rule: 'on 11 August 2026, an offer unrelated to the contract in force needs consent', at: DAY_AFTER, channel: 'phone', profile: contract('2025-01-01T00:00:00Z'), allowed: false, code: 'no_consent', ruleId: 'fr.consom-l223-1.phone-consent' },
  { rule: 'on 11 August 2026, the opposition list no longer matters to a consumer who consented', at: DAY_AFTER, channel: 'phone', profile: { phoneOppositionList: true }, entries: [consent('granted', '2026-07-20T15:00:00Z')], allowed: true, code: 'consent', ruleId: 'fr.consom-l223-1.phone-consent' },
  { rule: 'a professional may be called until they object, on any day', at: '2026-08-22T11:00:00+02:00', channel: 'phone', profile: { audience: 'business' }, allowed: true, code: 'opt_out', ruleId: 'fr.gdpr.business-phone' },
];

const consented = [consent('granted', '2026-07-20T15:00:00Z')];
const CALLING_HOURS: Case[] = [
  { rule: 'no canvassing call to a consumer on a Saturday', at: '2026-08-22T11:00:00+02:00', channel: 'phone', entries: consented, allowed: false, code: 'outside_calling_hours', ruleId: 'fr.consom-d223-9.hours' },
  { rule: 'no canvassing call to a consumer on a Sunday', at: '2026-08-23T11:00:00+02:00', channel: 'phone', entries: consented, allowed: false, code: 'outside_calling_hours', ruleId: 'fr.consom-d223-9.hours' },
  { rule: 'no canvassing call before 10:00', at: '2026-08-12T09:59:00+02:00', channel: 'phone', entries: consented, allowed: false, code: 'outside_calling_hours', ruleId: 'fr.consom-d223-9.hours' },
  { rule: 'a canvassing call at 10:00 is allowed', at: '2026-08-12T10:00:00+02:00', channel: 'phone', entries: consented, allowed: true, code: 'consent', ruleId: 'fr.consom-l223-1.phone-consent' },
  { rule: 'no canvassing call between 13:00 and 14:00', at: '2026-08-12T13:30:00+02:00', channel: 'phone', entries: consented, allowed: false, code: 'outside_calling_hours', ruleId: 'fr.consom-d223-9.hours' },
  { rule: 'a canvassing call at 19:59 is allowed', at: '2026-08-12T19:59:00+02:00', channel: 'phone', entries: consented, allowed: true, code: 'consent', ruleId: 'fr.consom-l223-1.phone-consent' },
  { rule: 'no canvassing call at 20:00 or later', at: '2026-08-12T20:00:00+02:00', channel: 'phone', entries: consented, allowed: false, code: 'outside_calling_hours', ruleId: 'fr.consom-d223-9.hours' },
  { rule: 'no canvassing call on a public holiday (11 November 2026, a Wednesday)', at: '2026-11-11T11:00:00+01:00', channel: 'phone', entries: consented, allowed: false, code: 'public_holiday', ruleId: 'fr.consom-d223-9.hours' },
  { rule: 'no canvassing call on Ascension Thursday (14 May 2026), even under the opt-out regime', at: '2026-05-14T11:00:00+02:00', channel: 'phone', allowed: false, code: 'public_holiday', ruleId: 'fr.consom-d223-9.hours' },
  { rule: "calling hours are the consumer's own: 11:00 in Paris is 05:00 in Martinique", at: '2026-08-12T11:00:00+02:00', channel: 'phone', entries: consented, profile: { timezone: 'America/Martinique' }, allowed: false, code: 'outside_calling_hours', ruleId: 'fr.consom-d223-9.hours' },
  { rule: "the company's time zone applies when the consumer's is unknown", at: '2026-08-12T11:00:00+02:00', channel: 'phone', entries: consented, settings: { callTimezone: 'America/Martinique' }, allowed: false, code: 'outside_calling_hours', ruleId: 'fr.consom-d223-9.hours' },
  { rule: 'a consumer who agreed to calls at other hours may be called on a Saturday', at: '2026-08-22T11:00:00+02:00', channel: 'phone', entries: consented, profile: { callsOutsideHours: true }, allowed: true, code: 'consent', ruleId: 'fr.consom-l223-1.phone-consent' },
];

const NOW = '2026-09-15T11:00:00+02:00';
const FREQUENCY: Case[] = [
  { rule: 'a fifth canvassing call within thirty days is refused', at: NOW, channel: 'phone', entries: [...consented, call('2026-08-18T10:30:00Z'), call('2026-08-25T10:30:00Z'), call('2026-09-01T10:30:00Z'), call('2026-09-08T10:30:00Z')], allowed: false, code: 'contact_cap', ruleId: 'fr.consom-d223-9.frequency' },
  { rule: 'calls older than thirty days do not count towards the cap', at: NOW, channel: 'phone', entries: [...consented, call('2026-08-14T10:30:00Z'), call('2026-08-25T10:30:00Z'), call('2026-09-01T10:30:00Z'), call('2026-09-08T10:30:00Z')], allowed: true, code: 'consent', ruleId: 'fr.consom-l223-1.phone-consent' },
  { rule: 'no call for sixty days after the consumer refused during a call', at: NOW, channel: 'phone', entries: [...consented, call('2026-07-21T10:30:00Z', 'refused')], allowed: false, code: 'refused_recently', ruleId: 'fr.consom-d223-9.frequency' },
  { rule: 'sixty days after a refusal during a call, calls may resume', at: NOW, channel: 'phone', entries: [...consented, call('2026-07-16T08:00:00Z', 'refused')], allowed: true, code: 'consent', ruleId: 'fr.consom-l223-1.phone-consent' },
  { rule: 'a company may set a lower cap than the law', at: NOW, channel: 'phone', entries: [...consented, call('2026-09-01T10:30:00Z'), call('2026-09-08T10:30:00Z')], settings: { callCap: 2 }, allowed: false, code: 'contact_cap', ruleId: 'fr.consom-d223-9.frequency' },
  { rule: 'a company cap above the law changes nothing', at: NOW, channel: 'phone', entries: [...consented, call('2026-08-18T10:30:00Z'), call('2026-08-25T10:30:00Z'), call('2026-09-01T10:30:00Z'), call('2026-09-08T10:30:00Z')], settings: { callCap: 10 }, allowed: false, code: 'contact_cap', ruleId: 'fr.consom-d223-9.frequency' },
];

describe.each([
  ['email and SMS (CPCE L34-5)', EMAIL_AND_SMS],
  ['business contacts', BUSINESS],
  ['post and channels a company adds', POST_AND_OTHERS],
  ['objections, restrictions and withdrawals', OVERRIDES],
  ['telephone canvassing either side of 11 August 2026 (C. consom. L223-1)', TELEPHONE],
  ['calling hours (C. consom. D223-9)', CALLING_HOURS],
  ['call frequency (C. consom. D223-9)', FREQUENCY],
])('canContact: %s', (_title, cases) => {
  it.each(cases)('$rule', ({ rule: _rule, allowed, code, ruleId, ...situation }) => {
    const { facts, settings } = factsOf(situation);
    const decision = decide(facts, FRENCH_RULES, settings);
    expect({ allowed: decision.allowed, code: decision.code, rule: decision.rule.id }).toEqual({ allowed, code, rule: ruleId });
    expect(decision.reason).not.toBe('');
    expect(decision.rule.cites.length).toBeGreaterThan(0);
  });
});

describe('the rules table', () => {
  it('gives each channel and audience exactly one regime on any day since 2018', () => {
    for (const day of ['2018-06-01', '2023-03-01', '2026-08-10', '2026-08-11', '2030-01-01']) {
      for (const channel of ['email', 'sms', 'phone', 'post'] as const) {
        for (const audience of ['consumer', 'business'] as const) {
          const at = new Date(`${day}T12:00:00+02:00`);
          const regimes = FRENCH_RULES.filter((r) => r.type === 'regime' && r.channels.includes(channel) && r.audiences.includes(audience) && r.effectiveFrom <= at && (!r.effectiveTo || at < r.effectiveTo));
          expect(regimes.map((r) => r.id), `${channel} to a ${audience} on ${day}`).toHaveLength(1);
        }
      }
    }
  });

  it('switches telephone canvassing of consumers to opt-in at midnight on 11 August 2026, Paris time', () => {
    const regimeAt = (iso: string) => FRENCH_RULES.find((r) => r.type === 'regime' && r.channels.includes('phone') && r.audiences.includes('consumer') && r.effectiveFrom <= new Date(iso) && (!r.effectiveTo || new Date(iso) < r.effectiveTo));
    expect(regimeAt('2026-08-10T23:59:59+02:00')).toMatchObject({ regime: 'opt_out' });
    expect(regimeAt('2026-08-11T00:00:00+02:00')).toMatchObject({ regime: 'opt_in', cites: expect.arrayContaining([expect.objectContaining({ text: expect.stringContaining('2025-594') })]) });
  });
});
