import type { ErasureSummary, ErasureVerification } from '../erasure/summary.js';
import type { RequestStatus, RequestType, SystemStatus } from '../requests.js';

/** A file produced for the request, referenced by id and SHA-256. */
export interface ExportFileRef {
  id: string;
  sha256: string;
  bytes: number;
}

/** What one system did for the request; counts and hashes only, no personal data. */
export interface SystemReport {
  connectorId: string;
  name: string;
  kind: string;
  /** What was done there: `export` for access, later `erase`, `rectify`, … */
  action: string;
  status: SystemStatus;
  counts: Record<string, number>;
  startedAt: string | null;
  finishedAt: string | null;
  exports: ExportFileRef[];
  /** Erasure: actions taken, records kept under legal holds (basis, until when), and what the verification pass found. */
  erasure?: ErasureSummary & { verification: ErasureVerification };
  error: string | null;
}

/**
 * The completion report: what was done for a request, in every system, and
 * when. Signed as JWS over its canonical JSON; anyone holding the JWKS can
 * check it offline.
 */
export interface CompletionReport {
  version: 1;
  reportId: string;
  issuer: string;
  issuedAt: string;
  request: {
    id: string;
    type: RequestType;
    status: RequestStatus;
    receivedAt: string;
    dueAt: string;
    verifiedAt: string | null;
    verification: string;
    completedAt: string;
  };
  /** A keyed hash of the subject's identity: ties the report to a person without naming them. */
  subjectRef: string;
  systems: SystemReport[];
  /** The package the subject downloads (all systems' exports together). */
  export: ExportFileRef | null;
}

export interface ReportInput {
  reportId: string;
  issuer: string;
  issuedAt: Date;
  request: {
    id: string;
    type: RequestType;
    status: RequestStatus;
    receivedAt: Date;
    dueAt: Date;
    verifiedAt: Date | null;
    verification: string;
  };
  subjectRef: string;
  systems: SystemReport[];
  export: ExportFileRef | null;
}

/** Builds the report: systems in a stable order, times as ISO 8601 UTC. */
export function buildReport(input: ReportInput): CompletionReport {
  const issuedAt = input.issuedAt.toISOString();
  return {
    version: 1,
    reportId: input.reportId,
    issuer: input.issuer,
    issuedAt,
    request: {
      id: input.request.id,
      type: input.request.type,
      status: input.request.status,
      receivedAt: input.request.receivedAt.toISOString(),
      dueAt: input.request.dueAt.toISOString(),
      verifiedAt: input.request.verifiedAt?.toISOString() ?? null,
      verification: input.request.verification,
      completedAt: issuedAt,
    },
    subjectRef: input.subjectRef,
    systems: [...input.systems].sort((a, b) => a.name.localeCompare(b.name) || a.connectorId.localeCompare(b.connectorId)),
    export: input.export,
  };
}
