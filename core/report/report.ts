import type { AmendmentSummary } from '../amendment.js';
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
  /** Rectification, restriction, objection: records changed, fields written, what reading back found. */
  amendment?: AmendmentSummary;
  /** Done by a person: the task, who completed it and when, and a SHA-256 of their evidence. */
  manual?: { taskId: string; reason: string; completedBy: string; completedAt: string; evidenceSha256: string; records: number | null };
  /** Runs of the system's steps: more than one when it failed and was retried. */
  attempts?: number;
  /** The last failure, even when the system was later retried or settled by hand. */
  error: string | null;
}

/** A deadline extension as the report states it (the reason was emailed to the subject). */
export interface ReportExtension {
  months: number;
  at: string;
  previousDueAt: string;
  dueAt: string;
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
    /** Extensions of the deadline, oldest first; `dueAt` is the last one. */
    extensions?: ReportExtension[];
    /** A cancelled request: by whom and when; the systems say what was done before. */
    cancellation?: { by: 'subject' | 'dpo'; at: string };
  };
  /** A keyed hash of the subject's identity: ties the report to a person without naming them. */
  subjectRef: string;
  systems: SystemReport[];
  /** The package the subject downloads (all systems' exports together). */
  export: ExportFileRef | null;
  /** Portability: the package is a ZIP, encrypted with the subject's passphrase or not. */
  package?: { format: 'json' | 'zip'; encrypted: boolean };
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
    extensions?: { months: number; at: Date; previousDueAt: Date; dueAt: Date }[];
    cancellation?: { by: 'subject' | 'dpo'; at: Date } | null;
  };
  subjectRef: string;
  systems: SystemReport[];
  export: ExportFileRef | null;
  package?: { format: 'json' | 'zip'; encrypted: boolean };
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
      ...(input.request.extensions?.length
        ? { extensions: input.request.extensions.map((e) => ({ months: e.months, at: e.at.toISOString(), previousDueAt: e.previousDueAt.toISOString(), dueAt: e.dueAt.toISOString() })) }
        : {}),
      ...(input.request.cancellation ? { cancellation: { by: input.request.cancellation.by, at: input.request.cancellation.at.toISOString() } } : {}),
    },
    subjectRef: input.subjectRef,
    systems: [...input.systems].sort((a, b) => a.name.localeCompare(b.name) || a.connectorId.localeCompare(b.connectorId)),
    export: input.export,
    ...(input.package ? { package: input.package } : {}),
  };
}
