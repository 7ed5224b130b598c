/**
 * Rules of contact as data: each is dated and cites its text, so a change in
 * the law is a new entry in a table (rules-fr.ts), not new code. Only the kinds
 * of rule below are code: a regime (opt-in or opt-out, with its exceptions),
 * calling hours, and a frequency cap.
 */
import type { Audience, ChannelKind } from './model.js';

export interface Citation {
  text: string;
  url: string | null;
}

/** What every rule says of itself; a decision names the rule it rests on. */
export interface RuleRef {
  id: string;
  /** Reads as the rule, e.g. "Email and SMS to a consumer need prior consent…". */
  title: string;
  cites: readonly Citation[];
  effectiveFrom: Date;
  /** Exclusive; null while in force. */
  effectiveTo: Date | null;
}

interface ScopedRule extends RuleRef {
  channels: readonly ChannelKind[];
  audiences: readonly Audience[];
}

/** The exceptions a regime may allow; each is checked against the purpose, the profile and the ledger. */
export type RegimeException = 'soft_opt_in' | 'related_to_work' | 'contract_in_force';

export interface RegimeRule extends ScopedRule {
  type: 'regime';
  /** `opt_in`: a prior consent is needed; `opt_out`: allowed until the person refuses. */
  regime: 'opt_in' | 'opt_out';
  exceptions: readonly RegimeException[];
  /** A national opposition list (Bloctel) bars the contact, unless an exception holds. */
  oppositionList: boolean;
}

export interface CallingHoursRule extends ScopedRule {
  type: 'calling_hours';
  /** 1 = Monday … 7 = Sunday. */
  weekdays: readonly number[];
  /** Local times `HH:MM`, end exclusive. */
  windows: readonly { from: string; to: string }[];
  /** No calls on the public holidays of Code du travail L3133-1. */
  excludePublicHolidays: boolean;
  /** The person's express prior consent to calls outside these hours lifts the rule. */
  waivedByConsentOutsideHours: boolean;
}

export interface FrequencyRule extends ScopedRule {
  type: 'frequency';
  maxContacts: number;
  periodDays: number;
  /** After a refusal during a call, no new contact for this many days. */
  pauseAfterRefusalDays: number;
}

export type ContactRule = RegimeRule | CallingHoursRule | FrequencyRule;

const GDPR: Citation = { text: 'Regulation (EU) 2016/679 (GDPR)', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' };
const GDPR_IN_FORCE = new Date('2018-05-25T00:00:00+02:00');

/** What wins over any regime, whatever the channel: checked before the rules of the table. */
export const OVERRIDES = {
  restriction: { id: 'gdpr.art18', title: 'A person whose processing is restricted is not contacted', cites: [{ ...GDPR, text: `${GDPR.text}, art. 18(2)` }], effectiveFrom: GDPR_IN_FORCE, effectiveTo: null },
  objection: {
    id: 'gdpr.art21',
    title: 'An objection to direct marketing ends it, over any older grant',
    cites: [{ ...GDPR, text: `${GDPR.text}, art. 21(2) and 21(3)` }],
    effectiveFrom: GDPR_IN_FORCE,
    effectiveTo: null,
  },
  withdrawal: { id: 'gdpr.art7-3', title: 'A withdrawn consent ends contact for its purpose and channel, over any older grant', cites: [{ ...GDPR, text: `${GDPR.text}, art. 7(3)` }], effectiveFrom: GDPR_IN_FORCE, effectiveTo: null },
  refusal: { id: 'gdpr.art21-refusal', title: 'A person who refused a purpose and channel is not contacted by it', cites: [{ ...GDPR, text: `${GDPR.text}, art. 7 and 21` }], effectiveFrom: GDPR_IN_FORCE, effectiveTo: null },
} satisfies Record<string, RuleRef>;

/** For a channel a company added without saying which rules it follows: the most protective reading. */
export const DEFAULT_REGIME: RegimeRule = {
  type: 'regime',
  id: 'gardien.default-opt-in',
  title: 'A channel no rule covers needs prior consent',
  cites: [{ text: 'Gardien default for channels without a rule (configure CONSENT_CHANNELS to rule a channel like a built-in one)', url: null }],
  effectiveFrom: new Date(0),
  effectiveTo: null,
  channels: [],
  audiences: ['consumer', 'business'],
  regime: 'opt_in',
  exceptions: [],
  oppositionList: false,
};

export function inForce(rule: RuleRef, at: Date): boolean {
  return rule.effectiveFrom <= at && (rule.effectiveTo === null || at < rule.effectiveTo);
}

/** The rules of one type in force at `at` for a channel kind and audience. */
export function rulesFor<T extends ContactRule['type']>(
  rules: readonly ContactRule[],
  type: T,
  kind: ChannelKind,
  audience: Audience,
  at: Date,
): Extract<ContactRule, { type: T }>[] {
  return rules.filter((r): r is Extract<ContactRule, { type: T }> => r.type === type && r.channels.includes(kind) && r.audiences.includes(audience) && inForce(r, at));
}
