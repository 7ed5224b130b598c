/**
 * Who a ledger entry is about, without naming them: a person is an opaque id;
 * each of their identifiers (email, phone, external id) is stored as a keyed
 * hash to find them by, beside the identifier sealed so later work (a
 * confirmation email, a CRM sync) can reach them. Never the email in clear.
 */
import { createHmac } from 'node:crypto';
import type { CountryCode } from 'libphonenumber-js';
import { keyedHash, seal, unseal, type SecretKey } from '../crypto.js';
import { ValidationError } from '../errors.js';
import { normaliseIdentity, type IdentityInput, type SubjectIdentity } from '../identity.js';
import type { ConsentStore, IdentifierKind } from './store.js';

interface Identifier {
  kind: IdentifierKind;
  /** What is sealed: the email, the E.164 number, or `system:id`. */
  value: string;
  hash: string;
}

/** A normalised identity, or a ValidationError whose paths say they are under `identity`. */
export function consentIdentity(input: IdentityInput, defaultCountry: string): SubjectIdentity {
  try {
    const { name: _name, ...identity } = normaliseIdentity(input, defaultCountry as CountryCode);
    return identity;
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(error.message, error.problems.map((p) => ({ ...p, path: p.path === 'identity' ? 'identity' : `identity.${p.path}` })));
    throw error;
  }
}

export class PersonDirectory {
  readonly #hashKey: Buffer;
  constructor(
    private readonly store: ConsentStore,
    private readonly secretKeys: readonly SecretKey[],
  ) {
    // A key of its own, derived so the sealing key serves nothing else.
    this.#hashKey = createHmac('sha256', secretKeys[0]!.key).update('gardien consent identifier').digest();
  }

  /** Email first, then phone, then external id: the order a person is looked up in. */
  #identifiers(identity: SubjectIdentity): Identifier[] {
    const found: Identifier[] = [];
    const add = (kind: IdentifierKind, value: string, key: string) => found.push({ kind, value, hash: keyedHash(key, this.#hashKey) });
    if (identity.email) add('email', identity.email, `email:${identity.email}`);
    if (identity.phone) add('phone', identity.phone, `phone:${identity.phone}`);
    if (identity.externalId) {
      const value = `${identity.externalSystem ?? '*'}:${identity.externalId}`;
      add('externalId', value, `ext:${value}`);
    }
    return found;
  }

  /** The person any of these identifiers belongs to (the first found, in lookup order), or null. */
  async find(identity: SubjectIdentity): Promise<string | null> {
    for (const identifier of this.#identifiers(identity)) {
      const link = await this.store.findLink(identifier.hash);
      if (link) return link.personId;
    }
    return null;
  }

  /**
   * The person, created on first sight, with every identifier given linked to
   * them. The id derives from the first identifier, so two first writers agree;
   * an identifier already linked to someone else stays theirs.
   */
  async resolve(identity: SubjectIdentity, now: Date): Promise<string> {
    const identifiers = this.#identifiers(identity);
    const personId = (await this.find(identity)) ?? `cp_${keyedHash(`person:${identifiers[0]!.hash}`, this.#hashKey).slice(0, 32)}`;
    for (const { kind, value, hash } of identifiers) {
      if (await this.store.findLink(hash)) continue;
      await this.store.link({ _id: hash, personId, kind, sealed: seal(value, this.secretKeys[0]!), linkedAt: now });
    }
    return personId;
  }

  /** The person's identifiers, unsealed. */
  async identity(personId: string): Promise<SubjectIdentity> {
    const identity: SubjectIdentity = {};
    for (const link of await this.store.links(personId)) {
      const value = unseal(link.sealed, this.secretKeys);
      if (link.kind === 'email') identity.email ??= value;
      else if (link.kind === 'phone') identity.phone ??= value;
      else if (!identity.externalId) {
        const at = value.indexOf(':');
        const system = value.slice(0, at);
        identity.externalId = value.slice(at + 1);
        if (system !== '*') identity.externalSystem = system;
      }
    }
    return identity;
  }
}
