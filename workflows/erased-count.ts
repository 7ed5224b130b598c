import type { ErasureSummary } from '../core/erasure/summary.js';

/**
 * Records this request erased: deleted, anonymised or deleted by the vendor —
 * and those already gone when a retried erasure reached them, since this
 * request located them moments before (its first attempt took them).
 * Pure: the system workflow counts with it, and so does the erasure activity.
 */
export function erasedCount(summary: Pick<ErasureSummary, 'actions'>): number {
  return ['deleted', 'anonymised', 'vendor_deleted', 'already_absent'].reduce((n, action) => n + (summary.actions[action] ?? 0), 0);
}
