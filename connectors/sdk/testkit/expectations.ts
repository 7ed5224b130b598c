import type { ErasureAction, ErasureOutcome, ErasurePlan, ObjectDescription, RecordRef, SubjectRecord } from '../contract.js';
import { erasureFor } from '../contract.js';

export const keyOf = (ref: RecordRef): string => `${ref.object}/${ref.id}`;
export const sortedKeys = (refs: readonly RecordRef[]): string[] => refs.map(keyOf).sort();

export const byKey = (records: SubjectRecord[]): SubjectRecord[] => [...records].sort((a, b) => keyOf(a.ref).localeCompare(keyOf(b.ref)));

export async function collect(stream: AsyncIterable<SubjectRecord>): Promise<SubjectRecord[]> {
  const records: SubjectRecord[] = [];
  for await (const record of stream) records.push(record);
  return records;
}

/** What a first erasure may do to a record of this object under the plan. */
export function expectedActions(object: ObjectDescription, plan: ErasurePlan): ErasureAction[] {
  switch (erasureFor(object, plan).strategy) {
    case 'retain':
      return ['retained'];
    // A row others still point at is anonymised rather than deleted; an anonymised table may drop rows nothing points at.
    case 'delete':
    case 'anonymise':
      return ['deleted', 'anonymised'];
    case 'vendor_delete':
      return ['vendor_deleted', 'deleted'];
    default:
      return ['manual'];
  }
}

/** Differences between a first and a repeated erasure: deleted becomes already_absent, anything else stays the same. */
export function actionsMatch(first: readonly ErasureOutcome[], second: readonly ErasureOutcome[]): string[] {
  const again = new Map(second.map((o) => [keyOf(o.ref), o.action]));
  const problems: string[] = [];
  if (second.length !== first.length) problems.push(`${first.length} outcomes the first time, ${second.length} the second`);
  for (const outcome of first) {
    // A vendor may acknowledge a repeated GDPR delete; a row deleted here must simply be gone.
    const allowed: ErasureAction[] =
      outcome.action === 'deleted' ? ['already_absent'] : outcome.action === 'vendor_deleted' ? ['already_absent', 'vendor_deleted'] : [outcome.action];
    const actual = again.get(keyOf(outcome.ref));
    if (!actual || !allowed.includes(actual)) {
      problems.push(`${keyOf(outcome.ref)}: ${outcome.action} then ${actual ?? 'nothing'}`);
    }
  }
  return problems;
}
