import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { SecretKey } from '../../core/crypto.js';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';

/**
 * Encrypts every Temporal payload (AES-256-GCM) before it leaves the process:
 * a second line of defence should personal data ever reach workflow history.
 * Keys are derived from GARDIEN_SECRET_KEY (one per secret key id) so the
 * codec key differs from the one sealing connector secrets; the first key
 * encrypts, all decrypt, so keys can rotate.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  readonly #keys: Map<string, Buffer>;
  readonly #current: string;

  constructor(secretKeys: readonly SecretKey[]) {
    if (secretKeys.length === 0) throw new Error('The payload codec needs at least one secret key');
    this.#keys = new Map(secretKeys.map((k) => [k.kid, Buffer.from(hkdfSync('sha256', k.key, Buffer.alloc(0), 'gardien temporal payload codec', 32))]));
    this.#current = secretKeys[0]!.kid;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.#keys.get(this.#current)!;
    return payloads.map((payload) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(serialise(payload)), cipher.final()]);
      return {
        metadata: { encoding: utf8(ENCRYPTED_ENCODING), [KEY_ID]: utf8(this.#current) },
        data: Buffer.concat([iv, body, cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (text(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
      const kid = text(payload.metadata?.[KEY_ID]);
      const key = this.#keys.get(kid);
      if (!key) throw new Error(`No key "${kid}" to decrypt a Temporal payload; set it in GARDIEN_SECRET_KEY`);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(data.length - 16));
      return deserialise(Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]));
    });
  }
}

// Our own envelope (JSON, base64 fields) rather than the protobuf one: no dependency on @temporalio/proto.
function serialise(payload: Payload): Buffer {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload.metadata ?? {})) if (v) metadata[k] = Buffer.from(v).toString('base64');
  return Buffer.from(JSON.stringify({ m: metadata, d: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') }), 'utf8');
}

function deserialise(bytes: Buffer): Payload {
  const parsed = JSON.parse(bytes.toString('utf8')) as { m: Record<string, string>; d: string };
  const metadata: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(parsed.m)) metadata[k] = new Uint8Array(Buffer.from(v, 'base64'));
  return { metadata, data: new Uint8Array(Buffer.from(parsed.d, 'base64')) };
}

function utf8(value: string): Uint8Array {
  return new Uint8Array(Buffer.from(value, 'utf8'));
}

function text(value: Uint8Array | null | undefined): string {
  return value ? Buffer.from(value).toString('utf8') : '';
}
