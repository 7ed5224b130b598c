/**
 * The consent ledger: what forms, integrations, the DPO and the unsubscribe
 * links record, and what may be derived from it. The one API later work
 * builds on (confirmation workflows, the preference centre, CRM sync): record
 * an entry, the state per purpose × channel, the history, `canContact`.
 * Every write and every read about a person is audited.
 */
import type { Actor } from '../actor.js';
import type { AuditTrail } from '../audit.js';
import { ValidationError } from '../errors.js';
import type { IdentityInput, SubjectIdentity } from '../identity.js';
import type { RestrictionMarks } from '../storage/restrictions.js';
import { decide, type ContactDecision } from './can-contact.js';
import { append, chainIntact } from './chain.js';
import {
  contactAttemptSchema, objectionSchema, parseInput, profileSchema, recordConsentSchema,
  type ContactAttemptInput, type ObjectionInput, type ProfileInput, type PurposeInput, type RecordConsentInput,
} from './input.js';
import type { ConsentEntry, ContactEntry, LedgerDraft, LedgerEntry, ObjectionEntry, PersonProfile, ProfileEntry, Proof } from './model.js';
import { consentIdentity, type PersonDirectory } from './people.js';
import type { ConsentPurpose, PurposeCatalog } from './purposes.js';
import { purposePeople, type PurposePeopleQuery, type PurposePerson } from './purpose-people.js';
import type { ObjectionRequests } from './request-objections.js';
import { FRENCH_RULES } from './rules-fr.js';
import type { ContactRule } from './rules.js';
import { issueUnsubscribeLinks, type UnsubscribeLink, type UnsubscribeLinks, type UnsubscribeTarget } from './unsubscribe.js';
import { channelKind, knownChannels, type ConsentSettings } from './settings.js';
import { contactsBetween, objectionAt, profileOf, stateAt, statesAt, type ConsentState } from './state.js';
import type { ConsentStore } from './store.js';

export interface ConsentLedgerDeps {
  store: ConsentStore;
  people: PersonDirectory;
  purposes: PurposeCatalog;
  audit: Pick<AuditTrail, 'record'>;
  restrictions: Pick<RestrictionMarks, 'find'>;
  objectionRequests: ObjectionRequests;
  links: UnsubscribeLinks;
  settings: ConsentSettings;
  defaultCountry: string;
  rules?: readonly ContactRule[];
  now?: () => Date;
}

/** One person as the ledger knows them at `at`. */
export interface PersonConsents {
  /** Opaque; null when the ledger has never heard of them. */
  personId: string | null;
  identity: SubjectIdentity;
  at: Date;
  states: ConsentState[];
  profile: PersonProfile;
  entries: LedgerEntry[];
  /** False when an entry was removed or altered after it was written. */
  intact: boolean;
}

/** Clocks differ: a capture a few minutes ahead of ours is not "in the future". */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Contacts further back than this never matter to a frequency rule. */
const CONTACT_LOOKBACK_MS = 366 * 86_400_000;

export class ConsentLedger {
  readonly #rules: readonly ContactRule[];
  readonly #now: () => Date;
  constructor(private readonly deps: ConsentLedgerDeps) {
    this.#rules = deps.rules ?? FRENCH_RULES;
    this.#now = deps.now ?? (() => new Date());
  }

  get settings(): ConsentSettings {
    return this.deps.settings;
  }

  get purposes(): PurposeCatalog {
    return this.deps.purposes;
  }

  /** Declares a purpose, or describes one anew (the DPO's). Audited. */
  async declarePurpose(input: PurposeInput, actor: Actor): Promise<ConsentPurpose> {
    const purpose = await this.deps.purposes.declare(input, actor, this.#now());
    await this.deps.audit.record({ actor, action: 'consent.purpose' });
    return purpose;
  }

  /** The person's identifiers, unsealed: for work that must reach them (a confirmation email, a CRM sync). Audited. */
  async contactOf(personId: string, actor: Actor): Promise<SubjectIdentity> {
    const identity = await this.deps.people.identity(personId);
    await this.deps.audit.record({ actor, action: 'consent.contact_read', subject: identity });
    return identity;
  }

  /** One-click unsubscribe links for a mailing's recipients, in their order. */
  unsubscribeLinks(request: Parameters<typeof issueUnsubscribeLinks>[1], actor: Actor): Promise<UnsubscribeLink[]> {
    const { people, links, audit, defaultCountry } = this.deps;
    return issueUnsubscribeLinks({ check: (what) => this.check(what), people, links, audit, defaultCountry, now: this.#now }, request, actor);
  }

  /** What an unsubscribe link stands for; null when it is not one of ours. */
  unsubscribeTarget(token: string): UnsubscribeTarget | null {
    return this.deps.links.read(token);
  }

  async recordConsent(identityInput: IdentityInput, input: RecordConsentInput, actor: Actor): Promise<ConsentEntry> {
    const identity = consentIdentity(identityInput, this.deps.defaultCountry);
    const v = parseInput(recordConsentSchema, input, 'The consent cannot be recorded');
    await this.check({ purpose: v.purpose, channel: v.channel, at: v.capturedAt });
    const draft: Extract<LedgerDraft, { kind: 'consent' }> = {
      kind: 'consent', purpose: v.purpose, channel: v.channel, status: v.status, legalBasis: v.legalBasis, source: v.source,
      capturedAt: v.capturedAt, capturedBy: v.capturedBy ?? actor.sub, proof: v.proof ?? null,
      effectiveFrom: v.effectiveFrom ?? v.capturedAt, effectiveTo: v.effectiveTo ?? null, wording: v.wording ?? null, language: v.language ?? null,
    };
    return this.#append(identity, draft, actor, 'consent.record');
  }

  async declareProfile(identityInput: IdentityInput, input: ProfileInput, actor: Actor): Promise<ProfileEntry> {
    const identity = consentIdentity(identityInput, this.deps.defaultCountry);
    const v = parseInput(profileSchema, input, 'The profile cannot be recorded');
    await this.check({ at: v.capturedAt });
    const attributes: Partial<PersonProfile> = {};
    if (v.audience != null) attributes.audience = v.audience;
    if (v.customerSince != null) attributes.customerSince = v.customerSince;
    if (v.contractSince != null) attributes.contract = { since: v.contractSince, until: v.contractUntil ?? null };
    if (v.timezone != null) attributes.timezone = v.timezone;
    if (v.phoneOppositionList != null) attributes.phoneOppositionList = v.phoneOppositionList;
    if (v.callsOutsideHours != null) attributes.callsOutsideHours = v.callsOutsideHours;
    if (Object.keys(attributes).length === 0) throw new ValidationError('Nothing to declare', [{ path: 'input', message: 'give at least one attribute' }]);
    return this.#append(identity, { kind: 'profile', attributes, source: v.source, capturedAt: v.capturedAt }, actor, 'consent.profile');
  }

  async recordObjection(identityInput: IdentityInput, input: ObjectionInput, actor: Actor): Promise<ObjectionEntry> {
    const identity = consentIdentity(identityInput, this.deps.defaultCountry);
    const v = parseInput(objectionSchema, input, 'The objection cannot be recorded');
    await this.check({ purpose: v.purpose ?? undefined, channel: v.channel ?? undefined, at: v.capturedAt });
    const draft = { kind: 'objection' as const, purpose: v.purpose ?? null, channel: v.channel ?? null, source: v.source, capturedAt: v.capturedAt, proof: v.proof ?? null };
    return this.#append(identity, draft, actor, 'consent.objection');
  }

  async recordContact(identityInput: IdentityInput, input: ContactAttemptInput, actor: Actor): Promise<ContactEntry> {
    const identity = consentIdentity(identityInput, this.deps.defaultCountry);
    const v = parseInput(contactAttemptSchema, input, 'The contact cannot be recorded');
    await this.check({ purpose: v.purpose, channel: v.channel, at: v.attemptedAt });
    return this.#append(identity, { kind: 'contact', ...v }, actor, 'consent.contact');
  }

  /**
   * The one-click unsubscribe: withdraws a purpose and channel for a person
   * known by id (from a signed link), the click as proof. Null when it was
   * already withdrawn or refused, so a second click records nothing.
   */
  async withdrawByLink({ personId, purpose, channel, language }: UnsubscribeTarget, proof: Proof): Promise<ConsentEntry | null> {
    const now = this.#now();
    const entries = await this.deps.store.history(personId);
    const state = stateAt(entries, purpose, channel, now);
    if (state && (state.status === 'withdrawn' || state.status === 'denied')) return null;
    const actor: Actor = { sub: 'one-click-unsubscribe', role: 'subject' };
    const draft: Extract<LedgerDraft, { kind: 'consent' }> = {
      kind: 'consent', purpose, channel, status: 'withdrawn', legalBasis: state?.entry.legalBasis ?? 'consent',
      source: { kind: 'unsubscribe_link', name: null, version: null }, capturedAt: now, capturedBy: 'the person (one-click unsubscribe)',
      proof, effectiveFrom: now, effectiveTo: null, wording: null, language,
    };
    const entry = await append(this.deps.store, personId, draft, actor, this.#now);
    await this.deps.audit.record({ actor, action: 'consent.unsubscribe', subject: await this.deps.people.identity(personId) });
    return entry;
  }

  /** Everything the ledger holds on a person, as it stands at `at` (now by default). Audited. */
  async person(identityInput: IdentityInput, actor: Actor, at?: Date | null): Promise<PersonConsents> {
    const identity = consentIdentity(identityInput, this.deps.defaultCountry);
    const when = at ?? this.#now();
    const personId = await this.deps.people.find(identity);
    const entries = personId ? await this.deps.store.history(personId) : [];
    await this.deps.audit.record({ actor, action: 'consent.read', subject: identity });
    return { personId, identity, at: when, states: statesAt(entries, when), profile: profileOf(entries), entries, intact: chainIntact(entries).intact };
  }

  /** One purpose, person by person, with each channel's state at `query.at`. Audited (it names people). */
  async purposePeople(purposeId: string, query: PurposePeopleQuery, actor: Actor): Promise<{ items: PurposePerson[]; hasNextPage: boolean }> {
    await this.#purpose(purposeId);
    const page = await purposePeople(this.deps.store, this.deps.people, purposeId, query);
    await this.deps.audit.record({ actor, action: 'consent.list' });
    return page;
  }

  /** May we contact this person for this purpose by this channel at `at` (now by default)? Audited. */
  async canContact(identityInput: IdentityInput, purposeId: string, channel: string, actor: Actor, at?: Date | null): Promise<ContactDecision> {
    const identity = consentIdentity(identityInput, this.deps.defaultCountry);
    const when = at ?? this.#now();
    const purpose = await this.#purpose(purposeId);
    this.#knownChannel(channel);
    const personId = await this.deps.people.find(identity);
    const entries = personId ? await this.deps.store.history(personId) : [];
    // Restriction marks and objection requests are found by any identifier the ledger knows for the person.
    const known = personId ? { ...(await this.deps.people.identity(personId)), ...identity } : identity;
    const [restriction, requested] = await Promise.all([this.deps.restrictions.find(known), this.deps.objectionRequests.objections(known)]);
    const entry = objectionAt(entries, purposeId, channel, when);
    const request = requested.filter((o) => o.at <= when).sort((a, b) => b.at.getTime() - a.at.getTime())[0];
    const objection = entry && (!request || entry.capturedAt >= request.at) ? { at: entry.capturedAt, entry, requestId: null } : request ? { at: request.at, entry: null, requestId: request.requestId } : null;
    const kind = channelKind(this.deps.settings, channel);
    const sameKind = knownChannels(this.deps.settings).filter((c) => c === channel || (kind !== null && channelKind(this.deps.settings, c) === kind));
    const decision = decide(
      {
        at: when, purpose, channel, kind, profile: profileOf(entries), objection, restriction,
        state: stateAt(entries, purposeId, channel, when),
        contacts: contactsBetween(entries, sameKind, new Date(when.getTime() - CONTACT_LOOKBACK_MS), when),
      },
      this.#rules,
      this.deps.settings,
    );
    await this.deps.audit.record({ actor, action: 'consent.check', subject: identity });
    return decision;
  }

  async #append<T extends LedgerDraft>(identity: SubjectIdentity, draft: T, actor: Actor, action: string): Promise<T & LedgerEntry> {
    const personId = await this.deps.people.resolve(identity, this.#now());
    const entry = await append(this.deps.store, personId, draft, actor, this.#now);
    await this.deps.audit.record({ actor, action, subject: identity });
    return entry;
  }

  /** A ValidationError unless the date is not ahead of now, the purpose is declared and the channel known. */
  async check(what: { purpose?: string; channel?: string; at: Date }): Promise<void> {
    if (what.at.getTime() > this.#now().getTime() + CLOCK_SKEW_MS) throw new ValidationError('A date is in the future', [{ path: 'input', message: 'when it happened cannot be later than now' }]);
    if (what.purpose) await this.#purpose(what.purpose);
    if (what.channel) this.#knownChannel(what.channel);
  }

  async #purpose(id: string): Promise<ConsentPurpose> {
    const purpose = await this.deps.purposes.find(id);
    if (!purpose) throw new ValidationError(`No purpose "${id}" is declared`, [{ path: 'input.purpose', message: 'declare it first (declareConsentPurpose)' }]);
    return purpose;
  }

  #knownChannel(channel: string): void {
    const known = knownChannels(this.deps.settings);
    if (!known.includes(channel)) throw new ValidationError(`Unknown channel "${channel}"`, [{ path: 'input.channel', message: `one of ${known.join(', ')}` }]);
  }
}
