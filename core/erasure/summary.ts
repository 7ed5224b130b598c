/**
 * What an erasure did in one system and what the verification pass found
 * afterwards: counts per action and the legal holds, never personal data.
 * Travels through Temporal and into the signed report.
 */
import type { ErasureOutcome, RecordRef } from '../records.js';

export interface RetainedGroup {
  object: string;
  records: number;
  basis: string;
  /** ISO date until which the records are kept, when the hold says how long. */
  retainUntil: string | null;
}

export interface ErasureSummary {
  actions: Record<string, number>;
  retained: RetainedGroup[];
}

export interface ErasureVerification {
  checkedAt: string;
  /** Records still found for the subject. */
  remaining: number;
  /** Of those, kept under a legal hold stated by the plan. */
  retained: number;
  /** Of those, anonymised (personal fields overwritten): found again only through a kept record that refers to them. */
  anonymised: number;
  /** Found again although the plan did not keep them: the DPO must look. */
  unexpected: { object: string; records: number }[];
}

export function summariseErasure(outcomes: readonly ErasureOutcome[], erasedAt: Date): ErasureSummary {
  const actions: Record<string, number> = {};
  const holds = new Map<string, RetainedGroup>();
  for (const outcome of outcomes) {
    actions[outcome.action] = (actions[outcome.action] ?? 0) + 1;
    if (outcome.action !== 'retained') continue;
    const basis = outcome.legalHold?.basis ?? 'kept by the erasure plan without a stated basis';
    const days = outcome.legalHold?.retainForDays;
    const retainUntil = days === undefined ? null : new Date(erasedAt.getTime() + days * 86_400_000).toISOString().slice(0, 10);
    const key = `${outcome.ref.object}\u0000${basis}\u0000${retainUntil}`;
    const group = holds.get(key) ?? { object: outcome.ref.object, records: 0, basis, retainUntil };
    group.records += 1;
    holds.set(key, group);
  }
  const retained = [...holds.values()].sort((a, b) => a.object.localeCompare(b.object) || a.basis.localeCompare(b.basis));
  return { actions, retained };
}

/** Compares a new locate with the erasure's outcomes: what remains, and whether the plan said to keep it. */
export function verifyErasure(found: readonly RecordRef[], outcomes: readonly ErasureOutcome[], checkedAt: Date): ErasureVerification {
  const action = new Map(outcomes.map((o) => [`${o.ref.object}\u0000${o.ref.id}`, o.action]));
  const unexpected = new Map<string, number>();
  let retained = 0;
  let anonymised = 0;
  for (const ref of found) {
    const done = action.get(`${ref.object}\u0000${ref.id}`);
    if (done === 'retained') retained += 1;
    else if (done === 'anonymised') anonymised += 1;
    else unexpected.set(ref.object, (unexpected.get(ref.object) ?? 0) + 1);
  }
  return {
    checkedAt: checkedAt.toISOString(),
    remaining: found.length,
    retained,
    anonymised,
    unexpected: [...unexpected].map(([object, records]) => ({ object, records })).sort((a, b) => a.object.localeCompare(b.object)),
  };
}
