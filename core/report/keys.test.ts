import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStorage } from '../../test/support/workflows/harness.js';
import { SigningKeyStore } from './keys.js';
import { ReportSigner } from './sign.js';
import { sampleReport } from '../../test/support/report/samples.js';
import { verifyReport } from './verify.js';

describe('report-signing keys (FerretDB)', () => {
  let storage: Awaited<ReturnType<typeof openTestStorage>>;
  const secretKeys = [{ kid: 's1', key: randomBytes(32) }];
  beforeAll(async () => {
    storage = await openTestStorage();
  });
  afterAll(async () => storage?.drop());

  it('makes a key on first use, shared by every process, with the private half sealed', async () => {
    const a = new SigningKeyStore(storage, secretKeys);
    const b = new SigningKeyStore(storage, secretKeys);
    const key = await a.current();
    expect((await b.current()).kid).toBe(key.kid);
    const stored = await storage.collection('signing_keys').findOne({ _id: key.kid as never });
    expect(JSON.stringify(stored)).not.toContain(String(key.privateJwk.d));
    expect((await a.jwks()).keys).toEqual([key.publicJwk]);
    expect(key.publicJwk).not.toHaveProperty('d');
  });

  it('rotates: the new key signs, the old one stays in the JWKS so old reports still verify', async () => {
    const store = new SigningKeyStore(storage, secretKeys);
    const old = await new ReportSigner(store).sign(sampleReport());
    const rotated = await store.rotate();
    const fresh = await new ReportSigner(store).sign(sampleReport());
    expect(fresh.kid).toBe(rotated.kid);
    expect(fresh.kid).not.toBe(old.kid);
    const jwks = await store.jwks();
    expect(jwks.keys.map((k) => k.kid)).toEqual([rotated.kid, old.kid]);
    expect((await verifyReport(old.jws, jwks)).kid).toBe(old.kid);
    expect((await verifyReport(fresh.jws, jwks)).kid).toBe(rotated.kid);
  });
});
