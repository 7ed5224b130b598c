import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Collection } from 'mongodb';
import { keyedHash, type SecretKey } from './crypto.js';
import { ValidationError } from './errors.js';
import type { Storage } from './storage/mongo.js';

/** A pending identity check: the code is stored only as a keyed hash. */
export interface VerificationDoc {
  _id: string; // the request id
  codeHash: string;
  /** Which secret key made the hash, so keys can rotate. */
  kid: string;
  expiresAt: Date;
  attempts: number;
  issuedAt: Date;
  verifiedAt: Date | null;
}

export interface VerificationOptions {
  ttlMs: number;
  maxAttempts: number;
  secretKeys: readonly SecretKey[];
  now?: () => Date;
}

/**
 * Email-code identity verification. A 6-digit code is guessable by brute
 * force only if attempts are unlimited, so attempts are counted and capped.
 */
export class VerificationService {
  readonly #col: Collection<VerificationDoc>;
  readonly #now: () => Date;

  constructor(
    storage: Storage,
    private readonly options: VerificationOptions,
  ) {
    this.#col = storage.collection<VerificationDoc>('verifications');
    this.#now = options.now ?? (() => new Date());
  }

  /** A fresh code for the request (replacing any earlier one); returns the code to email. */
  async issue(requestId: string): Promise<{ code: string; expiresAt: Date }> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const key = this.options.secretKeys[0]!;
    const issuedAt = this.#now();
    const expiresAt = new Date(issuedAt.getTime() + this.options.ttlMs);
    await this.#col.replaceOne(
      { _id: requestId },
      { codeHash: hashCode(requestId, code, key), kid: key.kid, expiresAt, attempts: 0, issuedAt, verifiedAt: null },
      { upsert: true },
    );
    return { code, expiresAt };
  }

  /**
   * Checks a code. A wrong, expired or exhausted code throws a ValidationError
   * saying which, and the request stays as it was. Checking an already
   * verified request with its code again succeeds (a retried call is harmless).
   */
  async check(requestId: string, code: string): Promise<{ verifiedAt: Date }> {
    const doc = await this.#col.findOne({ _id: requestId });
    if (!doc) throw problem('No verification code was sent for this request');
    const given = code.trim();
    if (!/^\d{6}$/.test(given)) throw problem('The code is the 6 digits from the email');
    const key = this.options.secretKeys.find((k) => k.kid === doc.kid);
    const matches = key !== undefined && sameHash(hashCode(requestId, given, key), doc.codeHash);
    if (doc.verifiedAt) {
      if (matches) return { verifiedAt: doc.verifiedAt };
      throw problem('This request is already verified');
    }
    if (doc.attempts >= this.options.maxAttempts) {
      throw problem('Too many wrong codes; this code no longer works');
    }
    if (this.#now() > doc.expiresAt) throw problem('The code has expired');
    if (!matches) {
      const after = await this.#col.findOneAndUpdate(
        { _id: requestId },
        { $inc: { attempts: 1 } },
        { returnDocument: 'after' },
      );
      const left = Math.max(0, this.options.maxAttempts - (after?.attempts ?? this.options.maxAttempts));
      throw problem(left > 0 ? `Wrong code; ${left} attempt${left === 1 ? '' : 's'} left` : 'Wrong code; no attempts left');
    }
    const verifiedAt = this.#now();
    // Only the first correct check counts, even when two arrive at once.
    const marked = await this.#col.findOneAndUpdate(
      { _id: requestId, verifiedAt: null },
      { $set: { verifiedAt } },
      { returnDocument: 'after' },
    );
    return { verifiedAt: marked?.verifiedAt ?? verifiedAt };
  }

  get maxAttempts(): number {
    return this.options.maxAttempts;
  }

  async status(requestId: string): Promise<VerificationDoc | null> {
    return this.#col.findOne({ _id: requestId });
  }
}

function hashCode(requestId: string, code: string, key: SecretKey): string {
  return keyedHash(`verification:${requestId}:${code}`, key.key);
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

function problem(message: string): ValidationError {
  return new ValidationError(message, [{ path: 'code', message }]);
}
