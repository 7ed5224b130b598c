/**
 * Data-subject requests (GDPR Art. 15–21): their types, statuses and the
 * per-system progress the read model shows. Pure domain, no I/O.
 */
export const REQUEST_TYPES = ['ACCESS', 'PORTABILITY', 'ERASURE', 'RECTIFICATION', 'RESTRICTION', 'OBJECTION'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** What each request type does in a system (GDPR Art. 15–21). */
export const REQUEST_ACTIONS: Record<RequestType, 'export' | 'erase' | 'rectify' | 'restrict' | 'opt_out'> = {
  ACCESS: 'export',
  PORTABILITY: 'export',
  ERASURE: 'erase',
  RECTIFICATION: 'rectify',
  RESTRICTION: 'restrict',
  OBJECTION: 'opt_out',
};

export const REQUEST_STATUSES = [
  'RECEIVED',
  'AWAITING_VERIFICATION',
  'IN_PROGRESS',
  'COMPLETED',
  'REJECTED',
  'CANCELLED',
  'FAILED',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const TERMINAL_STATUSES: ReadonlySet<RequestStatus> = new Set(['COMPLETED', 'REJECTED', 'CANCELLED', 'FAILED']);

const NEXT: Record<RequestStatus, readonly RequestStatus[]> = {
  RECEIVED: ['AWAITING_VERIFICATION', 'REJECTED', 'CANCELLED', 'FAILED'],
  AWAITING_VERIFICATION: ['IN_PROGRESS', 'REJECTED', 'CANCELLED', 'FAILED'],
  IN_PROGRESS: ['COMPLETED', 'CANCELLED', 'FAILED'],
  COMPLETED: [],
  REJECTED: [],
  CANCELLED: [],
  FAILED: [],
};

/** Statuses a request may move to from `from`; a terminal status is final. */
export function nextStatuses(from: RequestStatus): readonly RequestStatus[] {
  return NEXT[from];
}

export function canMove(from: RequestStatus, to: RequestStatus): boolean {
  return from === to || NEXT[from].includes(to);
}

export const SYSTEM_STATUSES = ['PENDING', 'RUNNING', 'DONE', 'FAILED', 'WAITING_MANUAL', 'CANCELLED'] as const;
export type SystemStatus = (typeof SYSTEM_STATUSES)[number];

/** What was found and done in one system; numbers only, never personal data. */
export interface SystemCounts {
  /** Records located for the subject. */
  located: number;
  /** Records written to the export. */
  exported: number;
  /** Erasure: records deleted, anonymised or deleted by the vendor. */
  erased?: number;
  /** Erasure: records kept under a legal hold. */
  retained?: number;
  /** Erasure: records still found by the verification pass. */
  remaining?: number;
  /** Rectification, restriction, objection: records changed (or confirmed already so). */
  changed?: number;
  /** Rectification, restriction, objection: records the verification read-back found as asked. */
  verified?: number;
}

export interface SystemProgress {
  connectorId: string;
  /** The connector's name and kind at the time the request reached it. */
  name: string;
  kind: string;
  status: SystemStatus;
  counts: SystemCounts;
  /** Why the system failed or waits, in words a DPO can act on. */
  error: string | null;
  /** The manual task a person must complete for this system, while it waits for one. */
  manualTaskId?: string | null;
  updatedAt: Date;
}

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The answer is due one month after receipt (GDPR Art. 12(3)); per Regulation
 * 1182/71 a month ends on the same date of the next month, or on its last day
 * when that date does not exist (31 January → 28/29 February).
 */
export function dueDate(receivedAt: Date, months = 1): Date {
  const due = new Date(receivedAt.getTime());
  const day = due.getUTCDate();
  due.setUTCDate(1);
  due.setUTCMonth(due.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + 1, 0)).getUTCDate();
  due.setUTCDate(Math.min(day, lastDay));
  return due;
}

/** How far a deadline can be extended beyond the first month (Art. 12(3)): two further months. */
export const MAX_EXTENSION_MONTHS = 2;

export function emptyCounts(): SystemCounts {
  return { located: 0, exported: 0 };
}
