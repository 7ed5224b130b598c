/**
 * One-click unsubscribe links (RFC 8058). A link carries, encrypted and
 * authenticated (AES-256-GCM), the person's opaque id, the purpose, the channel
 * and a language: nothing in it is readable, and changing one character makes
 * it worthless. The same person, purpose and channel always get the same link
 * (the nonce is derived from the content), so a mailing tool may cache it.
 * Links do not expire: withdrawing must stay as easy as consenting (GDPR Art.
 * 7(3)), even from an old email; rotating GARDIEN_SECRET_KEY and dropping the
 * old key ends every link made with it.
 */
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import type { Actor } from '../actor.js';
import type { AuditTrail } from '../audit.js';
import type { SecretKey } from '../crypto.js';
import { ValidationError } from '../errors.js';
import type { IdentityInput } from '../identity.js';
import type { ConsentLedger } from './ledger.js';
import { consentIdentity, type PersonDirectory } from './people.js';

export type UnsubscribeLanguage = 'fr' | 'en';

export interface UnsubscribeTarget {
  personId: string;
  purpose: string;
  channel: string;
  language: UnsubscribeLanguage | null;
}

export interface UnsubscribeLink {
  url: string;
  /** The header values a mailing tool sets, as they are. */
  listUnsubscribe: string;
  listUnsubscribePost: string;
}

export const UNSUBSCRIBE_PATH = '/unsubscribe';
const MAX_RECIPIENTS = 1000;

export class UnsubscribeLinks {
  readonly #keys: Buffer[];
  constructor(
    secretKeys: readonly SecretKey[],
    private readonly publicUrl: string,
  ) {
    // Keys of their own, derived so the sealing keys serve nothing else; the first makes links, any opens them.
    this.#keys = secretKeys.map((k) => createHmac('sha256', k.key).update('gardien unsubscribe link').digest());
  }

  token(target: UnsubscribeTarget): string {
    const plain = Buffer.from(JSON.stringify([target.personId, target.purpose, target.channel, target.language]), 'utf8');
    const key = this.#keys[0]!;
    const iv = createHmac('sha256', key).update(plain).digest().subarray(0, 12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
  }

  link(target: UnsubscribeTarget): UnsubscribeLink {
    const url = `${this.publicUrl}${UNSUBSCRIBE_PATH}/${this.token(target)}`;
    return { url, listUnsubscribe: `<${url}>`, listUnsubscribePost: 'List-Unsubscribe=One-Click' };
  }

  /** What a link stands for; null for anything not made by this Gardien (forged, cut, altered). */
  read(token: string): UnsubscribeTarget | null {
    if (!/^[A-Za-z0-9_-]{40,2000}$/.test(token)) return null;
    const bytes = Buffer.from(token, 'base64url');
    // One spelling per link: spare bits of the last character changed make another string, refused too.
    if (bytes.length < 29 || bytes.toString('base64url') !== token) return null;
    for (const key of this.#keys) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
        decipher.setAuthTag(bytes.subarray(bytes.length - 16));
        const plain = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
        const [personId, purpose, channel, language] = JSON.parse(plain) as [string, string, string, UnsubscribeLanguage | null];
        return { personId, purpose, channel, language };
      } catch {
        // Not this key (or not ours at all): try the next.
      }
    }
    return null;
  }
}

/** Links for a mailing: each recipient is linked in the ledger (so the click lands on them) and gets their URL. */
export async function issueUnsubscribeLinks(
  deps: { check: ConsentLedger['check']; people: PersonDirectory; links: UnsubscribeLinks; audit: Pick<AuditTrail, 'record'>; defaultCountry: string; now: () => Date },
  request: { purpose: string; channel: string; language: UnsubscribeLanguage | null; recipients: readonly IdentityInput[] },
  actor: Actor,
): Promise<UnsubscribeLink[]> {
  if (request.recipients.length > MAX_RECIPIENTS) throw new ValidationError(`At most ${MAX_RECIPIENTS} recipients at a time`, [{ path: 'input.recipients', message: `${request.recipients.length} given` }]);
  await deps.check({ purpose: request.purpose, channel: request.channel, at: deps.now() });
  const identities = request.recipients.map((r, i) => {
    try {
      return consentIdentity(r, deps.defaultCountry);
    } catch (error) {
      if (error instanceof ValidationError) throw new ValidationError(error.message, error.problems.map((p) => ({ ...p, path: `input.recipients.${i}.${p.path}` })));
      throw error;
    }
  });
  const links: UnsubscribeLink[] = [];
  for (const identity of identities) {
    const personId = await deps.people.resolve(identity, deps.now());
    links.push(deps.links.link({ personId, purpose: request.purpose, channel: request.channel, language: request.language }));
  }
  await deps.audit.record({ actor, action: 'consent.unsubscribe_links' });
  return links;
}
