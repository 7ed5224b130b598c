/**
 * What travels through Temporal: ids, counts, hashes, dates and statuses —
 * never personal data. Types only, shared by workflows, activities and the client.
 */
import type { AmendmentSummary } from '../core/amendment.js';
import type { ErasureSummary, ErasureVerification } from '../core/erasure/summary.js';
import type { ExportFileRef } from '../core/report/report.js';
import type { RequestType, SystemCounts, SystemStatus } from '../core/requests.js';
import type { ManualTaskReason } from '../core/storage/manual-tasks.js';

export interface DsrInput {
  requestId: string;
}

/** What the workflow learns about its request when it starts. */
export interface RequestPlan {
  type: RequestType;
  /** How long the subject has to enter the emailed code. */
  verificationTimeoutMs: number;
  /** ISO 8601; later moved by extensions. */
  dueAt: string;
  /** When to remind the DPO before the due date, longest first. */
  reminderLeadsMs: number[];
  /** How often an open manual task is reminded. */
  manualTaskReminderMs: number;
}

export interface VerifyArgs {
  verifiedAt: string;
  method: 'email_code' | 'dpo_attestation';
}

/** Why the request is refused; the DPO's words, if any, stay in MongoDB. */
export interface RejectArgs {
  reason: 'verification_failed' | 'dpo';
}

export interface CancelArgs {
  by: 'subject' | 'dpo';
}

export interface DeadlineArgs {
  /** ISO 8601, already stored in the read model with the extension's reason. */
  dueAt: string;
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
  manualTaskReminderMs: number;
}

/** How a person settled a system: a completed manual task, its evidence as a hash. */
export interface ManualResolution {
  taskId: string;
  reason: ManualTaskReason;
  completedBy: string;
  completedAt: string;
  evidenceSha256: string;
  records: number | null;
}

export interface SystemSummary {
  connectorId: string;
  status: Extract<SystemStatus, 'DONE' | 'CANCELLED'>;
  counts: SystemCounts;
  exports: ExportFileRef[];
  /** Erasure requests: what the plan did and what the verification pass found. */
  erasure?: ErasureSummary & { verification: ErasureVerification };
  /** Rectification, restriction and objection: what changed and what the read-back found. */
  amendment?: AmendmentSummary;
  /** Set when a person did the system's part (no API, no capability, or a failure resolved by hand). */
  manual?: ManualResolution;
  /** Runs of the system's steps: more than one when the DPO retried after a failure. */
  attempts: number;
  startedAt: string;
  finishedAt: string;
  /** The last failure, even when later retried or resolved. */
  error: string | null;
}

export type DsrPhase = 'received' | 'awaiting_verification' | 'in_progress' | 'finishing' | 'completed' | 'rejected' | 'cancelled';

export interface SystemView {
  name: string;
  status: SystemStatus;
  counts: SystemCounts;
  error: string | null;
  manualTaskId?: string | null;
}

export interface DsrProgress {
  phase: DsrPhase;
  dueAt: string;
  systems: Record<string, SystemView>;
  reportId: string | null;
}

export interface DsrOutcome {
  status: 'COMPLETED' | 'REJECTED' | 'CANCELLED';
  reportId: string | null;
}

export interface SealedReport {
  reportId: string;
  exportId: string;
}
