/** The consent ledger's GraphQL types: entries as recorded, states as derived, a person as the DPO sees them. */
import type { PersonConsents } from '../core/consent/ledger.js';
import {
  AUDIENCES, CAPTURE_SOURCES, CONSENT_STATUSES, CONTACT_OUTCOMES, LEGAL_BASES,
  type CaptureSource, type ConsentEntry, type ContactEntry, type LedgerEntry, type ObjectionEntry, type PersonProfile, type ProfileEntry, type Proof,
} from '../core/consent/model.js';
import type { ConsentState } from '../core/consent/state.js';
import { builder } from './builder.js';
import { IdentityType } from './identity.js';

/** `granted` → `GRANTED`: GraphQL enums in capitals, the domain's values beneath. */
function capitals<T extends string>(values: readonly T[]): Record<string, { value: T }> {
  return Object.fromEntries(values.map((value) => [value.toUpperCase(), { value }]));
}

export const READERS = { dpo: true } as const;
export const RECORDERS = { dpo: true, integration: true } as const;

export const ConsentStatusEnum = builder.enumType('ConsentStatus', { values: capitals(CONSENT_STATUSES) });
export const LegalBasisEnum = builder.enumType('ConsentLegalBasis', { values: capitals(LEGAL_BASES) });
export const CaptureSourceKindEnum = builder.enumType('CaptureSourceKind', { values: capitals(CAPTURE_SOURCES) });
export const AudienceEnum = builder.enumType('Audience', { values: capitals(AUDIENCES), description: 'A consumer (B2C) or a professional contacted at work (B2B).' });
export const ContactOutcomeEnum = builder.enumType('ContactOutcome', { values: capitals(CONTACT_OUTCOMES) });

const CaptureSourceType = builder.objectRef<CaptureSource>('CaptureSource').implement({
  description: 'Where it was captured: a web form and its version, a recorded call, a paper form, an import, a CRM.',
  fields: (t) => ({ kind: t.field({ type: CaptureSourceKindEnum, resolve: (s) => s.kind }), name: t.exposeString('name', { nullable: true }), version: t.exposeString('version', { nullable: true }) }),
});

const ProofType = builder.objectRef<Proof>('ConsentProof').implement({
  description: 'The evidence, kept by the company, and its SHA-256.',
  fields: (t) => ({ kind: t.exposeString('kind'), reference: t.exposeString('reference'), sha256: t.exposeString('sha256') }),
});

export const ConsentRecordType = builder.objectRef<ConsentEntry>('ConsentRecord').implement({
  description: 'One entry of a person’s consent history, as recorded; never changed afterwards.',
  authScopes: RECORDERS,
  fields: (t) => ({
    id: t.exposeID('_id'),
    seq: t.exposeInt('seq', { description: 'Its place in the person’s history: 1, 2, 3…' }),
    purpose: t.exposeString('purpose'),
    channel: t.exposeString('channel'),
    status: t.field({ type: ConsentStatusEnum, resolve: (e) => e.status }),
    legalBasis: t.field({ type: LegalBasisEnum, resolve: (e) => e.legalBasis }),
    source: t.field({ type: CaptureSourceType, resolve: (e) => e.source }),
    capturedAt: t.field({ type: 'DateTime', resolve: (e) => e.capturedAt }),
    capturedBy: t.exposeString('capturedBy'),
    proof: t.field({ type: ProofType, nullable: true, resolve: (e) => e.proof }),
    effectiveFrom: t.field({ type: 'DateTime', resolve: (e) => e.effectiveFrom }),
    effectiveTo: t.field({ type: 'DateTime', nullable: true, resolve: (e) => e.effectiveTo }),
    wording: t.exposeString('wording', { nullable: true, description: 'The words shown to the person when they chose.' }),
    language: t.exposeString('language', { nullable: true }),
    recordedAt: t.field({ type: 'DateTime', resolve: (e) => e.recordedAt }),
    recordedBy: t.string({ description: 'The token holder who recorded it.', resolve: (e) => e.recordedBy.sub }),
    hash: t.exposeString('hash', { description: 'SHA-256 of the entry, chained to the one before it.' }),
  }),
});

export const ConsentObjectionType = builder.objectRef<ObjectionEntry>('ConsentObjection').implement({
  description: 'An objection to direct marketing (GDPR Art. 21) for one purpose and channel, or (null) all of them.',
  authScopes: RECORDERS,
  fields: (t) => ({
    id: t.exposeID('_id'),
    seq: t.exposeInt('seq'),
    purpose: t.exposeString('purpose', { nullable: true }),
    channel: t.exposeString('channel', { nullable: true }),
    source: t.field({ type: CaptureSourceType, resolve: (e) => e.source }),
    capturedAt: t.field({ type: 'DateTime', resolve: (e) => e.capturedAt }),
    proof: t.field({ type: ProofType, nullable: true, resolve: (e) => e.proof }),
    recordedAt: t.field({ type: 'DateTime', resolve: (e) => e.recordedAt }),
  }),
});

export const ContactAttemptType = builder.objectRef<ContactEntry>('ContactAttempt').implement({
  description: 'A canvassing contact made (a call), counted by the frequency rules.',
  authScopes: RECORDERS,
  fields: (t) => ({
    id: t.exposeID('_id'),
    seq: t.exposeInt('seq'),
    purpose: t.exposeString('purpose'),
    channel: t.exposeString('channel'),
    attemptedAt: t.field({ type: 'DateTime', resolve: (e) => e.attemptedAt }),
    outcome: t.field({ type: ContactOutcomeEnum, resolve: (e) => e.outcome }),
  }),
});

type ProfileView = Partial<PersonProfile>;
export const ConsentProfileType = builder.objectRef<ProfileView>('ConsentProfile').implement({
  description: 'What the rules know of a person. In `PersonConsents`: as last declared, else the protective defaults (consumer, not a customer, no contract); in a declaration: what it declared (null: not declared by it).',
  authScopes: RECORDERS,
  fields: (t) => ({
    audience: t.field({ type: AudienceEnum, nullable: true, resolve: (p) => p.audience ?? null }),
    customerSince: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.customerSince ?? null }),
    contractSince: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.contract?.since ?? null }),
    contractUntil: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.contract?.until ?? null }),
    timezone: t.string({ nullable: true, resolve: (p) => p.timezone ?? null }),
    phoneOppositionList: t.boolean({ nullable: true, resolve: (p) => p.phoneOppositionList ?? null }),
    callsOutsideHours: t.boolean({ nullable: true, resolve: (p) => p.callsOutsideHours ?? null }),
  }),
});

export const ProfileDeclarationType = builder.objectRef<ProfileEntry>('ConsentProfileDeclaration').implement({
  description: 'Attributes declared about a person, with where they came from.',
  authScopes: RECORDERS,
  fields: (t) => ({
    id: t.exposeID('_id'),
    seq: t.exposeInt('seq'),
    declared: t.field({ type: ConsentProfileType, resolve: (e) => e.attributes }),
    source: t.field({ type: CaptureSourceType, resolve: (e) => e.source }),
    capturedAt: t.field({ type: 'DateTime', resolve: (e) => e.capturedAt }),
  }),
});

export const ConsentStateType = builder.objectRef<ConsentState>('ConsentState').implement({
  description: 'Where one purpose and channel stand, derived from the history.',
  authScopes: READERS,
  fields: (t) => ({
    purpose: t.exposeString('purpose'),
    channel: t.exposeString('channel'),
    status: t.field({ type: ConsentStatusEnum, resolve: (s) => s.status }),
    legalBasis: t.field({ type: LegalBasisEnum, resolve: (s) => s.entry.legalBasis }),
    since: t.field({ type: 'DateTime', resolve: (s) => s.entry.effectiveFrom }),
    until: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.entry.effectiveTo }),
    record: t.field({ type: ConsentRecordType, description: 'The entry the state comes from.', resolve: (s) => s.entry }),
  }),
});

const only = <K extends LedgerEntry['kind']>(p: PersonConsents, kind: K) => p.entries.filter((e): e is Extract<LedgerEntry, { kind: K }> => e.kind === kind);

export const PersonConsentsType = builder.objectRef<PersonConsents>('PersonConsents').implement({
  description: 'Everything the ledger holds on one person, as it stands at `at`.',
  authScopes: READERS,
  fields: (t) => ({
    personRef: t.id({ nullable: true, description: 'Opaque; null when the ledger has never heard of this person.', resolve: (p) => p.personId }),
    identity: t.field({ type: IdentityType, description: 'As asked, normalised.', resolve: (p) => p.identity }),
    at: t.field({ type: 'DateTime', resolve: (p) => p.at }),
    intact: t.exposeBoolean('intact', { description: 'False when an entry was removed or altered after it was written.' }),
    states: t.field({ type: [ConsentStateType], resolve: (p) => p.states }),
    profile: t.field({ type: ConsentProfileType, resolve: (p) => p.profile }),
    history: t.field({ type: [ConsentRecordType], description: 'Every consent entry, oldest first.', resolve: (p) => only(p, 'consent') }),
    objections: t.field({ type: [ConsentObjectionType], resolve: (p) => only(p, 'objection') }),
    profileDeclarations: t.field({ type: [ProfileDeclarationType], resolve: (p) => only(p, 'profile') }),
    contactAttempts: t.field({ type: [ContactAttemptType], resolve: (p) => only(p, 'contact') }),
  }),
});

export const CaptureSourceInput = builder.inputType('CaptureSourceInput', {
  fields: (t) => ({
    kind: t.field({ type: CaptureSourceKindEnum, required: true }),
    name: t.string({ required: false, description: 'e.g. the form `newsletter-signup`, the CRM `salesforce`.' }),
    version: t.string({ required: false, description: 'e.g. the form’s version `v3`.' }),
  }),
});

export const ProofInput = builder.inputType('ConsentProofInput', {
  fields: (t) => ({
    kind: t.string({ required: true, description: 'e.g. form_snapshot, call_recording, confirmation_click, signed_paper, import_file.' }),
    reference: t.string({ required: true, description: 'Where the evidence is kept (an id or URL in your store); no personal data.' }),
    sha256: t.string({ required: true, description: 'SHA-256 of the evidence, 64 hexadecimal digits.' }),
  }),
});
