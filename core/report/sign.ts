import { CompactSign, importJWK } from 'jose';
import { canonicalJson } from './canonical.js';
import type { SigningKeyStore } from './keys.js';
import type { CompletionReport } from './report.js';

/** The JWS `typ` of a Gardien completion report. */
export const REPORT_JWS_TYPE = 'gardien-report+jws';

export interface SignedReport {
  kid: string;
  /** Compact JWS (Ed25519) whose payload is the report's canonical JSON. */
  jws: string;
}

export class ReportSigner {
  constructor(private readonly keys: Pick<SigningKeyStore, 'current'>) {}

  async sign(report: CompletionReport): Promise<SignedReport> {
    const key = await this.keys.current();
    const privateKey = await importJWK(key.privateJwk, 'EdDSA');
    const jws = await new CompactSign(new TextEncoder().encode(canonicalJson(report)))
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: REPORT_JWS_TYPE })
      .sign(privateKey);
    return { kid: key.kid, jws };
  }
}
