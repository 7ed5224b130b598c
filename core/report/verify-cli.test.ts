import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPublicKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { SigningKey } from './keys.js';
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
    expect((await run([reportFile, '--issuer', 'ftp://x'])).err).toContain('--issuer must be');
    expect((await run([reportFile, '--jwks'])).err).toContain('--jwks needs a value');
    expect((await run([path.join(dir, 'missing.json'), '--jwks', jwks])).err).toContain('cannot read');
  });
});

/** A server publishing one key's JWKS at /.well-known/jwks.json, as a company (or a forger) would. */
async function jwksServer(key: SigningKey): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url === '/.well-known/jwks.json') res.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify({ keys: [key.publicJwk] }));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('a forged report naming the forger\'s server', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gardien-forged-'));
  const companyKey = memoryKey('company-1');
  const forgerKey = memoryKey('company-1'); // the forger even copies the company's key id
  const company = await jwksServer(companyKey);
  const forger = await jwksServer(forgerKey);
  afterAll(() => Promise.all([company, forger].map(({ server }) => new Promise((resolve) => server.close(resolve)))));

  const signedBy = async (key: SigningKey, issuer: string) => {
    const report = { ...sampleReport(), issuer };
    const { jws, kid } = await new ReportSigner({ current: async () => key }).sign(report);
    const full = path.join(dir, `${kid}-${issuer === company.url ? 'company' : 'forged'}.json`);
    writeFileSync(full, JSON.stringify({ reportId: report.reportId, kid, jws, report }));
    return full;
  };
  const forged = await signedBy(forgerKey, forger.url);
  const genuine = await signedBy(companyKey, company.url);
  const companyJwks = path.join(dir, 'company-jwks.json');
  writeFileSync(companyJwks, JSON.stringify({ keys: [companyKey.publicJwk] }));

  it('does not verify without a trusted key source: the keys never come from the report', async () => {
    const result = await run([forged]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('say which keys to trust');
  });

  it('does not verify against a pinned issuer it does not name, nor against the company\'s keys', async () => {
    expect(await run([forged, '--issuer', company.url])).toMatchObject({ code: 1, err: `INVALID: the report names issuer ${forger.url}, not the trusted ${company.url}` });
    expect(await run([forged, '--jwks', companyJwks])).toMatchObject({ code: 1, err: expect.stringContaining('INVALID: signature does not match') });
    expect(await run([forged, '--jwks', `${company.url}/.well-known/jwks.json`])).toMatchObject({ code: 1 });
  });

  it('verifies the genuine report against the pinned issuer and says which issuer and keys it trusted', async () => {
    const result = await run([genuine, '--issuer', `${company.url}/`]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain(`issuer ${company.url}; keys trusted from pinned issuer ${company.url}/ (${company.url}/.well-known/jwks.json)`);
    expect((await run([genuine, '--jwks', companyJwks])).out).toContain(`issuer ${company.url}; keys trusted from JWKS ${companyJwks}`);
  });
});
