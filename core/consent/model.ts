/**
 * The consent ledger's vocabulary: what one entry of a person's history says.
 * Entries are appended, never changed; the current state is derived from them.
 */
import type { Role } from '../actor.js';

export const CONSENT_STATUSES = ['granted', 'denied', 'withdrawn', 'pending_confirmation', 'expired'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export const LEGAL_BASES = ['consent', 'legitimate_interest'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** The channels the rules know; a company adds others (config `CONSENT_CHANNELS`), each possibly ruled like one of these. */
export const CHANNEL_KINDS = ['email', 'sms', 'phone', 'post'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const CAPTURE_SOURCES = ['web_form', 'recorded_call', 'paper_form', 'import', 'crm', 'unsubscribe_link', 'portal', 'api'] as const;
export type CaptureSourceKind = (typeof CAPTURE_SOURCES)[number];

export const AUDIENCES = ['consumer', 'business'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const CONTACT_OUTCOMES = ['reached', 'no_answer', 'refused'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** Where a consent was captured: the form and its version, the call centre, the CRM it was imported from. */
export interface CaptureSource {
  kind: CaptureSourceKind;
  /** e.g. `newsletter-signup`, `salesforce`, `call-centre-lyon`. */
  name: string | null;
  /** e.g. the form's version `v3`. */
  version: string | null;
}

/** Evidence kept elsewhere (the form as shown, the call recording, the click), named and fingerprinted. */
export interface Proof {
  /** e.g. `form_snapshot`, `call_recording`, `confirmation_click`, `signed_paper`, `import_file`, `unsubscribe_click`. */
  kind: string;
  /** Where the evidence is: an id or URL in the company's own store; no personal data. */
  reference: string;
  /** SHA-256 of the evidence, lower-case hex. */
  sha256: string;
}

/** What the rules need to know of a person, as declared through the API. */
export interface PersonProfile {
  audience: Audience;
  /** The person bought from us (their details were collected at a sale), since then. */
  customerSince: Date | null;
  /** A contract with the person is being performed, until its end (null: no end set). */
  contract: { since: Date; until: Date | null } | null;
  /** IANA time zone for calling hours, e.g. `America/Martinique`; the company's default when null. */
  timezone: string | null;
  /** Registered on the telephone opposition list (Bloctel); what counted before 11 August 2026. */
  phoneOppositionList: boolean;
  /** Gave express prior consent to calls outside the legal days and hours (C. consom. D223-9). */
  callsOutsideHours: boolean;
}

interface EntryBase {
  /** `<personId>.<seq>`: the insert of this id is what claims the place in the person's history. */
  _id: string;
  personId: string;
  /** 1, 2, 3… per person, in the order entries were recorded. */
  seq: number;
  recordedAt: Date;
  /** The token holder who recorded it. */
  recordedBy: { sub: string; role: Role };
  /** The previous entry's hash (64 zeros for the first): removing or editing an entry shows. */
  prevHash: string;
  /** SHA-256 of the entry's canonical JSON without `_id` and `hash`. */
  hash: string;
}

export interface ConsentEntry extends EntryBase {
  kind: 'consent';
  purpose: string;
  channel: string;
  status: ConsentStatus;
  legalBasis: LegalBasis;
  source: CaptureSource;
  capturedAt: Date;
  /** Who captured it (an agent, a form, a system); the recorder when not given. */
  capturedBy: string;
  proof: Proof | null;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  /** The wording shown to the person when they chose. */
  wording: string | null;
  language: string | null;
}

export interface ProfileEntry extends EntryBase {
  kind: 'profile';
  /** Only the attributes declared by this entry. */
  attributes: Partial<PersonProfile>;
  source: CaptureSource;
  capturedAt: Date;
}

/** GDPR Art. 21(2)–(3): an objection to direct marketing, for one purpose and channel or (null) for all. */
export interface ObjectionEntry extends EntryBase {
  kind: 'objection';
  purpose: string | null;
  channel: string | null;
  source: CaptureSource;
  capturedAt: Date;
  proof: Proof | null;
}

/** A canvassing call (or other contact) made, for the frequency rules. */
export interface ContactEntry extends EntryBase {
  kind: 'contact';
  purpose: string;
  channel: string;
  attemptedAt: Date;
  outcome: ContactOutcome;
}

export type LedgerEntry = ConsentEntry | ProfileEntry | ObjectionEntry | ContactEntry;

/** An entry as the caller gives it: the ledger adds its id, place, recorder and hashes. */
export type LedgerDraft =
  | Omit<ConsentEntry, keyof EntryBase>
  | Omit<ProfileEntry, keyof EntryBase>
  | Omit<ObjectionEntry, keyof EntryBase>
  | Omit<ContactEntry, keyof EntryBase>;

export const DEFAULT_PROFILE: PersonProfile = {
  audience: 'consumer',
  customerSince: null,
  contract: null,
  timezone: null,
  phoneOppositionList: false,
  callsOutsideHours: false,
};
