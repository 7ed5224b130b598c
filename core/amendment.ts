/**
 * What a rectification, restriction or objection did in one system, and what
 * reading the records back showed: counts and field names, never values.
 * Travels through Temporal and into the signed report.
 */
export type AmendmentAction = 'rectify' | 'restrict' | 'lift_restriction' | 'opt_out';

export interface AmendmentSummary {
  action: AmendmentAction;
  /** Records changed by this request. */
  changed: number;
  /** Records that already were as asked (a rerun, or nothing to correct). */
  unchanged: number;
  /** Records that vanished between locate and change. */
  missing: number;
  /** Rectification: per object, the fields written. */
  fields: Record<string, string[]>;
  /** Fields or records left as they were, with the system's reason (no values): one entry per object, field and reason, with how many records. */
  skipped: { object: string; field: string | null; reason: string; records: number }[];
  /** How the result was checked: reading the records back, the system's consent state, or not at all. */
  verifiedBy: 'read_back' | 'consent' | 'none';
  /** Records the check found as asked. */
  verified: number;
  /** Records the check found otherwise: the DPO must look. */
  unverified: number;
}

export function emptyAmendment(action: AmendmentAction, verifiedBy: AmendmentSummary['verifiedBy']): AmendmentSummary {
  return { action, changed: 0, unchanged: 0, missing: 0, fields: {}, skipped: [], verifiedBy, verified: 0, unverified: 0 };
}

/** Counts one more record left as it was for this reason (thirty rentals without a restriction flag are one line). */
export function noteSkipped(summary: AmendmentSummary, object: string, field: string | null, reason: string): void {
  const same = summary.skipped.find((s) => s.object === object && s.field === field && s.reason === reason);
  if (same) same.records += 1;
  else summary.skipped.push({ object, field, reason, records: 1 });
}

/** Adds written field names under their object, each once, in a stable order. */
export function noteFields(summary: AmendmentSummary, object: string, fields: readonly string[]): void {
  if (fields.length === 0) return;
  const known = new Set([...(summary.fields[object] ?? []), ...fields]);
  summary.fields[object] = [...known].sort();
}
