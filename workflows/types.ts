/**
 * What travels through Temporal: ids, counts, hashes and statuses — never
 * personal data. Types only, shared by workflows, activities and the client.
 */
import type { ErasureSummary, ErasureVerification } from '../core/erasure/summary.js';
import type { ExportFileRef } from '../core/report/report.js';
import type { RequestType, SystemCounts, SystemStatus } from '../core/requests.js';

export interface DsrInput {
  requestId: string;
}

/** What the workflow learns about its request when it starts. */
export interface RequestPlan {
  type: RequestType;
  /** How long the subject has to enter the emailed code. */
  verificationTimeoutMs: number;
}

export interface VerifyArgs {
  verifiedAt: string;
  method: 'email_code';
}

export interface TargetSystem {
  connectorId: string;
  name: string;
  kind: string;
}

export interface SystemInput {
  requestId: string;
  connectorId: string;
  type: RequestType;
}

export interface SystemSummary {
  connectorId: string;
  status: Extract<SystemStatus, 'DONE' | 'FAILED'>;
  counts: SystemCounts;
  exports: ExportFileRef[];
  /** Erasure requests: what the plan did and what the verification pass found. */
  erasure?: ErasureSummary & { verification: ErasureVerification };
  startedAt: string;
  finishedAt: string;
  error: string | null;
}

export type DsrPhase = 'received' | 'awaiting_verification' | 'in_progress' | 'finishing' | 'completed' | 'rejected' | 'failed';

export interface SystemView {
  name: string;
  status: SystemStatus;
  counts: SystemCounts;
  error: string | null;
}

export interface DsrProgress {
  phase: DsrPhase;
  systems: Record<string, SystemView>;
  reportId: string | null;
}

export interface DsrOutcome {
  status: 'COMPLETED' | 'REJECTED' | 'FAILED';
  reportId: string | null;
}

export interface SealedReport {
  reportId: string;
  exportId: string;
}
