import type { ObjectErasure } from '../sdk/contract.js';
import type { ForeignKey } from './catalog.js';

/**
 * Each table's erasure unless configured: rows are deleted, except rows that
 * kept rows point at (a customer referenced by payments kept for accounting):
 * deleting those would break the kept rows' foreign keys, so they are anonymised.
 */
export function defaultErasure(tables: readonly string[], links: readonly ForeignKey[], configured: Record<string, ObjectErasure>): Map<string, ObjectErasure> {
  const strategies = new Map<string, ObjectErasure>(tables.map((t) => [t, configured[t] ?? { strategy: 'delete' }]));
  let changed = true;
  while (changed) {
    changed = false;
    for (const fk of links) {
      const referrer = strategies.get(fk.table);
      const referenced = strategies.get(fk.refTable);
      if (!referrer || !referenced || fk.table === fk.refTable || configured[fk.refTable]) continue;
      if (referrer.strategy !== 'delete' && referenced.strategy === 'delete') {
        strategies.set(fk.refTable, { strategy: 'anonymise' });
        changed = true;
      }
    }
  }
  return strategies;
}

/** Referencing tables before the tables they reference, so children go first; cycles are broken arbitrarily. */
export function erasureOrder(tables: readonly string[], foreignKeys: readonly ForeignKey[]): string[] {
  const inModel = new Set(tables);
  const pending = new Set(tables);
  const order: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter(
      (t) => !foreignKeys.some((fk) => fk.refTable === t && fk.table !== t && inModel.has(fk.table) && pending.has(fk.table)),
    );
    const next = ready.length > 0 ? ready : [pending.values().next().value!];
    for (const t of next) {
      order.push(t);
      pending.delete(t);
    }
  }
  return order;
}
