import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { AesGcmPayloadCodec } from './codec.js';

describe('AES-GCM payload codec', () => {
  const k1 = { kid: 'k1', key: randomBytes(32) };
  const k2 = { kid: 'k2', key: randomBytes(32) };
  const payload = defaultPayloadConverter.toPayload({ email: 'camille.durand@example.fr' });

  it('encrypts with the key id and decodes back to the same payload', async () => {
    const codec = new AesGcmPayloadCodec([k1]);
    const [encoded] = await codec.encode([payload]);
    expect(Buffer.from(encoded!.metadata!['encryption-key-id']!).toString()).toBe('k1');
    expect(Buffer.from(encoded!.data!).includes('camille')).toBe(false);
    const [decoded] = await codec.decode([encoded!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual({ email: 'camille.durand@example.fr' });
  });

  it('decodes payloads of an older key after rotation, and names a key it lacks', async () => {
    const [old] = await new AesGcmPayloadCodec([k1]).encode([payload]);
    const rotated = new AesGcmPayloadCodec([k2, k1]);
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([old!]))[0]!)).toEqual({ email: 'camille.durand@example.fr' });
    await expect(new AesGcmPayloadCodec([k2]).decode([old!])).rejects.toThrow('No key "k1" to decrypt a Temporal payload');
  });

  it('refuses a payload altered in transit', async () => {
    const [encoded] = await new AesGcmPayloadCodec([k1]).encode([payload]);
    const data = Buffer.from(encoded!.data!);
    data[20] = data[20]! ^ 1;
    await expect(new AesGcmPayloadCodec([k1]).decode([{ ...encoded!, data }])).rejects.toThrow();
  });
});
