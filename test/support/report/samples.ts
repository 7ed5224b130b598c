import { generateKeyPairSync } from 'node:crypto';
import type { JWK } from 'jose';
import type { SigningKey } from '../../../core/report/keys.js';
import { buildReport, type CompletionReport } from '../../../core/report/report.js';

/** An Ed25519 key pair held in memory, for tests that sign without a database. */
export function memoryKey(kid: string): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    kid,
    publicJwk: { ...(publicKey.export({ format: 'jwk' }) as JWK), kid, alg: 'EdDSA', use: 'sig' },
    privateJwk: { ...(privateKey.export({ format: 'jwk' }) as JWK), kid, alg: 'EdDSA' },
  };
}

/** A small, plausible report. */
export function sampleReport(): CompletionReport {
  return buildReport({
    reportId: 'rep_1',
    issuer: 'http://localhost:4000',
    issuedAt: new Date('2025-05-02T10:00:00Z'),
    request: { id: 'req_1', type: 'ACCESS', status: 'COMPLETED', receivedAt: new Date('2025-05-01T08:00:00Z'), dueAt: new Date('2025-06-01T08:00:00Z'), verifiedAt: new Date('2025-05-01T08:05:00Z'), verification: 'email_code' },
    subjectRef: 'ab'.repeat(32),
    systems: [{ connectorId: 'conn_1', name: 'rentals', kind: 'sql', action: 'export', status: 'DONE', counts: { located: 3, exported: 3 }, startedAt: null, finishedAt: null, exports: [{ id: 'exp_1', sha256: 'cd'.repeat(32), bytes: 120 }], error: null }],
    export: { id: 'exp_p', sha256: 'ef'.repeat(32), bytes: 200 },
  });
}

/** Flips one character of the JWS payload segment (keeping it valid base64url). */
export function flipPayloadByte(jws: string): string {
  const [h, p, s] = jws.split('.') as [string, string, string];
  const i = Math.floor(p.length / 2);
  return `${h}.${p.slice(0, i)}${p[i] === 'A' ? 'B' : 'A'}${p.slice(i + 1)}.${s}`;
}

