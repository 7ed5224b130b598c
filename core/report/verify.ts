import { compactVerify, createLocalJWKSet, decodeProtectedHeader, errors, type JWK } from 'jose';
import { GardienError } from '../errors.js';
import { canonicalJson } from './canonical.js';
import type { Jwks } from './keys.js';
import type { CompletionReport } from './report.js';
import { REPORT_JWS_TYPE } from './sign.js';

/** A report that does not verify; the message says what failed. */
export class ReportVerificationError extends GardienError {
  constructor(message: string) {
    super('REPORT_INVALID', message);
  }
}

export interface VerifiedReport {
  report: CompletionReport;
  kid: string;
  issuedAt: string;
}

/**
 * Verifies a compact JWS report against a JWKS, offline. Checks the signature,
 * the key id, the header, and that the payload is the canonical form of itself.
 */
export async function verifyReport(jws: string, jwks: Jwks): Promise<VerifiedReport> {
  const compact = jws.trim();
  if (compact.split('.').length !== 3) throw new ReportVerificationError('not a compact JWS (expected three dot-separated parts)');
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(compact);
  } catch {
    throw new ReportVerificationError('the JWS header is not readable');
  }
  if (header.alg !== 'EdDSA' && header.alg !== 'Ed25519') throw new ReportVerificationError(`unexpected algorithm ${String(header.alg)} (expected EdDSA)`);
  if (header.typ !== REPORT_JWS_TYPE) throw new ReportVerificationError(`not a Gardien report (typ ${String(header.typ)})`);
  const kid = header.kid;
  if (!kid) throw new ReportVerificationError('the JWS names no key (kid missing)');
  if (!jwks.keys.some((key: JWK) => key.kid === kid)) throw new ReportVerificationError(`no key with kid ${kid} in the JWKS`);
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(compact, createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]), {
      algorithms: ['EdDSA', 'Ed25519'],
    }));
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) throw new ReportVerificationError(`signature does not match (kid ${kid}): the report was changed or signed by another key`);
    throw new ReportVerificationError(`the JWS does not verify: ${(error as Error).message}`);
  }
  const text = new TextDecoder().decode(payload);
  let report: CompletionReport;
  try {
    report = JSON.parse(text) as CompletionReport;
  } catch {
    throw new ReportVerificationError('the signed payload is not JSON');
  }
  if (canonicalJson(report) !== text) throw new ReportVerificationError('the signed payload is not canonical JSON');
  if (report.version !== 1 || typeof report.reportId !== 'string') throw new ReportVerificationError('the signed payload is not a completion report');
  return { report, kid, issuedAt: report.issuedAt };
}

/** The downloadable report file: the JWS plus a readable copy of its payload. */
export interface ReportFile {
  reportId: string;
  kid: string;
  jws: string;
  report: CompletionReport;
}

/**
 * Verifies a report file: either a bare compact JWS or the JSON served at
 * `/reports/:id`, whose readable `report` must equal the signed payload.
 */
export async function verifyReportFile(text: string, jwks: Jwks): Promise<VerifiedReport> {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return verifyReport(trimmed, jwks);
  let file: Partial<ReportFile>;
  try {
    file = JSON.parse(trimmed) as Partial<ReportFile>;
  } catch {
    throw new ReportVerificationError('the file is neither a compact JWS nor valid JSON');
  }
  if (typeof file.jws !== 'string') throw new ReportVerificationError('the file has no "jws" field');
  const verified = await verifyReport(file.jws, jwks);
  if (file.report !== undefined && canonicalJson(file.report) !== canonicalJson(verified.report)) {
    throw new ReportVerificationError('the readable "report" differs from the signed one');
  }
  if (file.reportId !== undefined && file.reportId !== verified.report.reportId) {
    throw new ReportVerificationError('"reportId" differs from the signed one');
  }
  return verified;
}
