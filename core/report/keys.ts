import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { JWK } from 'jose';
import { seal, unseal, type SealedSecret, type SecretKey } from '../crypto.js';
import type { Storage } from '../storage/mongo.js';

/**
 * Report-signing keys live in MongoDB (`signing_keys`), not on a disk: the
 * worker signs and every gateway replica publishes the JWKS, possibly on other
 * machines, and all must see the same keys. The private half is sealed with
 * GARDIEN_SECRET_KEY, so a database dump alone cannot forge a report.
 * Keys are never deleted: old reports stay verifiable after a rotation.
 */
export interface SigningKeyDoc {
  _id: string; // kid
  alg: 'EdDSA';
  publicJwk: JWK;
  privateJwk: SealedSecret;
  createdAt: Date;
}

export interface SigningKey {
  kid: string;
  publicJwk: JWK;
  privateJwk: JWK;
}

export interface Jwks {
  keys: JWK[];
}

export class SigningKeyStore {
  readonly #col: Collection<SigningKeyDoc>;
  #current: Promise<SigningKey> | null = null;

  constructor(
    storage: Storage,
    private readonly secretKeys: readonly SecretKey[],
  ) {
    this.#col = storage.collection<SigningKeyDoc>('signing_keys');
  }

  /** The newest key, made on first use. Two processes racing both end up using the newest. */
  current(): Promise<SigningKey> {
    this.#current ??= this.#loadNewest().catch((error: unknown) => {
      this.#current = null;
      throw error;
    });
    return this.#current;
  }

  /** Makes a new key that signs from now on; the old ones stay in the JWKS. */
  async rotate(): Promise<SigningKey> {
    await this.#generate();
    this.#current = null;
    return this.current();
  }

  async jwks(): Promise<Jwks> {
    const docs = await this.#col.find({}).sort({ createdAt: -1, _id: -1 }).toArray();
    return { keys: docs.map((doc) => doc.publicJwk) };
  }

  async #loadNewest(): Promise<SigningKey> {
    let newest = await this.#newest();
    if (!newest) {
      await this.#generate();
      newest = await this.#newest();
    }
    const doc = newest!;
    return { kid: doc._id, publicJwk: doc.publicJwk, privateJwk: JSON.parse(unseal(doc.privateJwk, this.secretKeys)) as JWK };
  }

  #newest(): Promise<SigningKeyDoc | null> {
    return this.#col.find({}).sort({ createdAt: -1, _id: -1 }).limit(1).next();
  }

  async #generate(): Promise<void> {
    // Strictly after the newest key, so a rotation within the same millisecond still wins.
    const newest = await this.#newest();
    const createdAt = new Date(Math.max(Date.now(), (newest?.createdAt.getTime() ?? 0) + 1));
    const kid = `gardien-${createdAt.toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const publicJwk = { ...(publicKey.export({ format: 'jwk' }) as JWK), kid, alg: 'EdDSA', use: 'sig' };
    const privateJwk = { ...(privateKey.export({ format: 'jwk' }) as JWK), kid, alg: 'EdDSA' };
    await this.#col.insertOne({
      _id: kid,
      alg: 'EdDSA',
      publicJwk,
      privateJwk: seal(JSON.stringify(privateJwk), this.secretKeys[0]!),
      createdAt,
    });
  }
}
