import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ReportSigner } from './sign.js';
import { flipPayloadByte, memoryKey, sampleReport } from '../../test/support/report/samples.js';
import { runReportVerify } from './verify-cli.js';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runReportVerify(args, { stdout: (l) => out.push(l), stderr: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('gardien report verify', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gardien-verify-'));
  const key = memoryKey('k-cli');
  const signed = await new ReportSigner({ current: async () => key }).sign(sampleReport());
  const file = (name: string, text: string) => {
    const full = path.join(dir, name);
    writeFileSync(full, text);
    return full;
  };
  const jwks = file('jwks.json', JSON.stringify({ keys: [key.publicJwk] }));
  const reportFile = file('report.json', JSON.stringify({ reportId: 'rep_1', kid: signed.kid, jws: signed.jws, report: sampleReport() }, null, 2));

  it('says valid, with the kid and the signing time, for the downloaded report file', async () => {
    const result = await run([reportFile, '--jwks', jwks]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('valid, signed by kid k-cli at 2025-05-02T10:00:00.000Z');
  });

  it('accepts a bare JWS and a public key file (JWK or PEM)', async () => {
    const bare = file('report.jws', signed.jws);
    const { kid: _kid, ...jwkWithoutKid } = key.publicJwk;
    expect((await run([bare, '--key', file('key.jwk', JSON.stringify(jwkWithoutKid))])).code).toBe(0);
    const pem = createPublicKey({ key: key.publicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
    expect((await run([bare, '--key', file('key.pem', pem)])).code).toBe(0);
  });

  it('exits non-zero and says what failed when one byte changed', async () => {
    const tampered = file('tampered.jws', flipPayloadByte(signed.jws));
    const result = await run([tampered, '--jwks', jwks]);
    expect(result.code).toBe(1);
    expect(result.err).toBe('INVALID: signature does not match (kid k-cli): the report was changed or signed by another key');
    const edited = file('edited.json', JSON.stringify({ reportId: 'rep_1', kid: signed.kid, jws: signed.jws, report: { ...sampleReport(), issuer: 'http://evil' } }));
    expect((await run([edited, '--jwks', jwks])).err).toBe('INVALID: the readable "report" differs from the signed one');
  });

  it('refuses bad usage with exit code 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run([reportFile, '--jwks'])).err).toContain('--jwks needs a value');
    expect((await run([path.join(dir, 'missing.json'), '--jwks', jwks])).err).toContain('cannot read');
  });
});
