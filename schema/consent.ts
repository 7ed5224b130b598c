/**
 * The consent ledger through GraphQL: the DPO reads a person's consents and
 * history; forms and integrations (role integration) record consents with
 * their proof, profile attributes, objections and canvassing calls.
 */
import { ValidationError } from '../core/errors.js';
import { builder } from './builder.js';
import {
  AudienceEnum, CaptureSourceInput, ConsentObjectionType, ConsentRecordType, ConsentStatusEnum, ContactAttemptType, ContactOutcomeEnum,
  LegalBasisEnum, PersonConsentsType, ProfileDeclarationType, ProofInput, READERS, RECORDERS,
} from './consent-types.js';
import { IdentityInputType } from './identity.js';

const RecordConsentInput = builder.inputType('RecordConsentInput', {
  fields: (t) => ({
    purpose: t.string({ required: true, description: 'A declared purpose’s id.' }),
    channel: t.string({ required: true, description: 'email, sms, phone, post, or a channel the company added.' }),
    status: t.field({ type: ConsentStatusEnum, required: true }),
    legalBasis: t.field({ type: LegalBasisEnum, required: false, description: 'CONSENT by default; LEGITIMATE_INTEREST records an opt-out offered (e.g. to a customer at checkout).' }),
    source: t.field({ type: CaptureSourceInput, required: true }),
    capturedAt: t.field({ type: 'DateTime', required: true }),
    capturedBy: t.string({ required: false, description: 'Who captured it (an agent, a form); the token holder when absent.' }),
    proof: t.field({ type: ProofInput, required: false, description: 'Required for a consent GRANTED on the basis CONSENT.' }),
    effectiveFrom: t.field({ type: 'DateTime', required: false, description: 'When it takes effect; capturedAt when absent.' }),
    effectiveTo: t.field({ type: 'DateTime', required: false }),
    wording: t.string({ required: false, description: 'The words shown to the person.' }),
    language: t.string({ required: false, description: 'Of the wording, e.g. fr.' }),
  }),
});

const DeclareProfileInput = builder.inputType('DeclareConsentProfileInput', {
  description: 'Only the attributes given are declared; the others keep their last value.',
  fields: (t) => ({
    audience: t.field({ type: AudienceEnum, required: false }),
    customerSince: t.field({ type: 'DateTime', required: false, description: 'The person bought from you (their details were collected at the sale) since then.' }),
    contractSince: t.field({ type: 'DateTime', required: false, description: 'A contract with the person is being performed since then.' }),
    contractUntil: t.field({ type: 'DateTime', required: false, description: 'When that contract ends (or ended).' }),
    timezone: t.string({ required: false, description: 'IANA time zone for calling hours, e.g. America/Martinique.' }),
    phoneOppositionList: t.boolean({ required: false, description: 'The number is on the opposition list (Bloctel); mattered until 10 August 2026.' }),
    callsOutsideHours: t.boolean({ required: false, description: 'Express prior consent to calls outside the legal days and hours.' }),
    source: t.field({ type: CaptureSourceInput, required: true }),
    capturedAt: t.field({ type: 'DateTime', required: true }),
  }),
});

const RecordObjectionInput = builder.inputType('RecordObjectionInput', {
  fields: (t) => ({
    purpose: t.string({ required: false, description: 'Null: every purpose.' }),
    channel: t.string({ required: false, description: 'Null: every channel.' }),
    source: t.field({ type: CaptureSourceInput, required: true }),
    capturedAt: t.field({ type: 'DateTime', required: true }),
    proof: t.field({ type: ProofInput, required: false }),
  }),
});

const RecordContactAttemptInput = builder.inputType('RecordContactAttemptInput', {
  fields: (t) => ({
    purpose: t.string({ required: true }),
    channel: t.string({ required: true }),
    attemptedAt: t.field({ type: 'DateTime', required: true }),
    outcome: t.field({ type: ContactOutcomeEnum, required: true, description: 'REFUSED: the person refused during the call.' }),
  }),
});

const identityArg = () => ({ type: IdentityInputType, required: true } as const);

builder.queryField('consents', (t) =>
  t.field({
    type: PersonConsentsType,
    description: 'A person’s consents: every purpose and channel with its current state, the history with proofs, objections and profile. Audited.',
    authScopes: READERS,
    args: { identity: t.arg(identityArg()), at: t.arg({ type: 'DateTime', required: false, description: 'The state at this instant; now when absent.' }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'ConsentsResult' } },
    resolve: (_root, { identity, at }, { services, actor }) => services.consents.person(identity, actor!, at),
  }),
);

builder.mutationFields((t) => ({
  recordConsent: t.field({
    type: ConsentRecordType,
    description: 'Appends a consent (granted, denied, withdrawn, pending confirmation, expired) to the person’s history. A grant by consent needs its proof.',
    authScopes: RECORDERS,
    args: { identity: t.arg(identityArg()), input: t.arg({ type: RecordConsentInput, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'RecordConsentResult' } },
    resolve: (_root, { identity, input }, { services, actor }) => services.consents.recordConsent(identity, input, actor!),
  }),
  declareConsentProfile: t.field({
    type: ProfileDeclarationType,
    description: 'Declares what the rules need to know: consumer or professional, customer since, contract in force, time zone.',
    authScopes: RECORDERS,
    args: { identity: t.arg(identityArg()), input: t.arg({ type: DeclareProfileInput, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'DeclareConsentProfileResult' } },
    resolve: (_root, { identity, input }, { services, actor }) => services.consents.declareProfile(identity, input, actor!),
  }),
  recordObjection: t.field({
    type: ConsentObjectionType,
    description: 'An objection to direct marketing (GDPR Art. 21): it wins over every older grant.',
    authScopes: RECORDERS,
    args: { identity: t.arg(identityArg()), input: t.arg({ type: RecordObjectionInput, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'RecordObjectionResult' } },
    resolve: (_root, { identity, input }, { services, actor }) => services.consents.recordObjection(identity, input, actor!),
  }),
  recordContactAttempt: t.field({
    type: ContactAttemptType,
    description: 'A canvassing call made, so the frequency rules can count it.',
    authScopes: RECORDERS,
    args: { identity: t.arg(identityArg()), input: t.arg({ type: RecordContactAttemptInput, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'RecordContactAttemptResult' } },
    resolve: (_root, { identity, input }, { services, actor }) => services.consents.recordContact(identity, input, actor!),
  }),
}));
