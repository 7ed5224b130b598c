/** `canContact` and the one-click unsubscribe links a mailing tool puts in its emails. */
import type { ContactDecision, DecisionCode } from '../core/consent/can-contact.js';
import type { ConsentEntry, ObjectionEntry } from '../core/consent/model.js';
import type { Citation, RuleRef } from '../core/consent/rules.js';
import type { UnsubscribeLink } from '../core/consent/unsubscribe.js';
import { ValidationError } from '../core/errors.js';
import { builder } from './builder.js';
import { ConsentObjectionType, ConsentRecordType, RECORDERS } from './consent-types.js';
import { IdentityInputType } from './identity.js';
import { LanguageEnum } from './request.js';

const CODES: DecisionCode[] = [
  'restricted', 'objected', 'withdrawn', 'denied', 'consent', 'soft_opt_in', 'related_to_work', 'contract_in_force', 'opt_out',
  'no_consent', 'pending_confirmation', 'expired', 'opposition_list', 'outside_calling_hours', 'public_holiday', 'contact_cap', 'refused_recently',
];
const DecisionCodeEnum = builder.enumType('ContactDecisionCode', { values: Object.fromEntries(CODES.map((c) => [c.toUpperCase(), { value: c }])) as Record<string, { value: DecisionCode }> });

const CitationType = builder.objectRef<Citation>('Citation').implement({
  fields: (t) => ({ text: t.exposeString('text'), url: t.exposeString('url', { nullable: true }) }),
});

const ContactRuleType = builder.objectRef<RuleRef>('ContactRule').implement({
  description: 'A rule of contact, dated and citing its text.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    cites: t.field({ type: [CitationType], resolve: (r) => [...r.cites] }),
    effectiveFrom: t.field({ type: 'DateTime', resolve: (r) => r.effectiveFrom }),
    effectiveTo: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.effectiveTo }),
  }),
});

const ContactDecisionType = builder.objectRef<ContactDecision>('ContactDecision').implement({
  description: 'Yes or no, why, the rule it rests on and the ledger entry or request it comes from.',
  authScopes: RECORDERS,
  fields: (t) => ({
    allowed: t.exposeBoolean('allowed'),
    code: t.field({ type: DecisionCodeEnum, resolve: (d) => d.code }),
    reason: t.exposeString('reason'),
    rule: t.field({ type: ContactRuleType, resolve: (d) => d.rule }),
    record: t.field({ type: ConsentRecordType, nullable: true, description: 'The consent entry the answer rests on.', resolve: (d) => (d.entry?.kind === 'consent' ? (d.entry as ConsentEntry) : null) }),
    objection: t.field({ type: ConsentObjectionType, nullable: true, resolve: (d) => (d.entry?.kind === 'objection' ? (d.entry as ObjectionEntry) : null) }),
    requestId: t.id({ nullable: true, description: 'The restriction or objection request the answer rests on.', resolve: (d) => d.requestId }),
    at: t.field({ type: 'DateTime', resolve: (d) => d.at }),
  }),
});

const UnsubscribeLinkType = builder.objectRef<UnsubscribeLink>('UnsubscribeLink').implement({
  description: 'Put `listUnsubscribe` in the `List-Unsubscribe` header and `listUnsubscribePost` in `List-Unsubscribe-Post` (RFC 8058).',
  fields: (t) => ({ url: t.exposeString('url'), listUnsubscribe: t.exposeString('listUnsubscribe'), listUnsubscribePost: t.exposeString('listUnsubscribePost') }),
});

const UnsubscribeLinksType = builder.objectRef<{ links: UnsubscribeLink[] }>('UnsubscribeLinks').implement({
  authScopes: RECORDERS,
  fields: (t) => ({ links: t.field({ type: [UnsubscribeLinkType], description: 'In the order of the recipients.', resolve: (r) => r.links }) }),
});

const UnsubscribeLinksInput = builder.inputType('UnsubscribeLinksInput', {
  fields: (t) => ({
    purpose: t.string({ required: true }),
    channel: t.string({ required: true, description: 'Usually email.' }),
    language: t.field({ type: LanguageEnum, required: false, description: 'Of the confirmation page; the browser’s when absent.' }),
    recipients: t.field({ type: [IdentityInputType], required: true, description: 'Up to 1000.' }),
  }),
});

builder.queryField('canContact', (t) =>
  t.field({
    type: ContactDecisionType,
    description: 'May this person be contacted for this purpose by this channel, at `at` (now when absent)? Answers with the reason and its source. Audited.',
    authScopes: RECORDERS,
    args: {
      identity: t.arg({ type: IdentityInputType, required: true }),
      purpose: t.arg.string({ required: true }),
      channel: t.arg.string({ required: true }),
      at: t.arg({ type: 'DateTime', required: false }),
    },
    errors: { types: [ValidationError], directResult: true, union: { name: 'CanContactResult' } },
    resolve: (_root, { identity, purpose, channel, at }, { services, actor }) => services.consents.canContact(identity, purpose, channel, actor!, at),
  }),
);

builder.mutationField('issueUnsubscribeLinks', (t) =>
  t.field({
    type: UnsubscribeLinksType,
    description: 'Signed, opaque one-click unsubscribe links for a mailing’s recipients; a POST to one withdraws that purpose and channel.',
    authScopes: RECORDERS,
    args: { input: t.arg({ type: UnsubscribeLinksInput, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'IssueUnsubscribeLinksResult' } },
    resolve: async (_root, { input }, { services, actor }) => ({
      links: await services.consents.unsubscribeLinks({ purpose: input.purpose, channel: input.channel, language: input.language ?? null, recipients: input.recipients }, actor!),
    }),
  }),
);
