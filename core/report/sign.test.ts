import { describe, expect, it } from 'vitest';
import { ReportSigner } from './sign.js';
import { flipPayloadByte, memoryKey, sampleReport } from '../../test/support/report/samples.js';
import { verifyReport, verifyReportFile } from './verify.js';

describe('report signing', () => {
  const key = memoryKey('k-2025');
  const signer = new ReportSigner({ current: async () => key });
  const jwks = { keys: [key.publicJwk] };

  it('signs the canonical JSON with Ed25519 and verifies offline with the JWKS', async () => {
    const signed = await signer.sign(sampleReport());
    expect(signed.kid).toBe('k-2025');
    const verified = await verifyReport(signed.jws, jwks);
    expect(verified).toMatchObject({ kid: 'k-2025', issuedAt: '2025-05-02T10:00:00.000Z' });
    expect(verified.report).toEqual(sampleReport());
  });

  it('fails when one byte of the signed payload changes', async () => {
    const signed = await signer.sign(sampleReport());
    await expect(verifyReport(flipPayloadByte(signed.jws), jwks)).rejects.toThrow('signature does not match (kid k-2025)');
  });

  it('fails when the readable copy in the report file is altered', async () => {
    const signed = await signer.sign(sampleReport());
    const report = sampleReport();
    report.systems[0]!.counts.exported = 2;
    const file = JSON.stringify({ reportId: 'rep_1', kid: signed.kid, jws: signed.jws, report });
    await expect(verifyReportFile(file, jwks)).rejects.toThrow('the readable "report" differs from the signed one');
  });

  it('names the missing key when the JWKS does not hold the kid, and rejects another key', async () => {
    const signed = await signer.sign(sampleReport());
    await expect(verifyReport(signed.jws, { keys: [] })).rejects.toThrow('no key with kid k-2025 in the JWKS');
    const impostor = memoryKey('k-2025');
    await expect(verifyReport(signed.jws, { keys: [impostor.publicJwk] })).rejects.toThrow('signature does not match');
  });

  it('keeps verifying reports signed by an older key once a new one signs', async () => {
    const newer = memoryKey('k-2026');
    const old = await signer.sign(sampleReport());
    const fresh = await new ReportSigner({ current: async () => newer }).sign(sampleReport());
    const both = { keys: [newer.publicJwk, key.publicJwk] };
    expect((await verifyReport(old.jws, both)).kid).toBe('k-2025');
    expect((await verifyReport(fresh.jws, both)).kid).toBe('k-2026');
  });
});
