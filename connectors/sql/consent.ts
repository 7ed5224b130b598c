import type { ConsentState, RecordRef } from '../sdk/contract.js';
import { batches, type SqlDriver } from './driver.js';
import { rowsByKey } from './keys.js';
import type { SqlModel, TableModel } from './model.js';
import { holdsValue } from './opt-out-values.js';

/**
 * The restriction (Art. 18) and marketing (Art. 21) state of the person's rows,
 * read from the configured columns, one query per table and batch. Only rows of
 * tables with such a column get a state; a row gone since the lookup gets none.
 * Marketing is `denied` when every opt-out column holds its value, else `unknown`:
 * not having opted out is not consent.
 */
export async function consentStates(driver: SqlDriver, model: SqlModel, refs: readonly RecordRef[]): Promise<ConsentState[]> {
  const states = new Map<string, ConsentState>();
  const byTable = new Map<TableModel, RecordRef[]>();
  for (const ref of refs) {
    const table = model.tables.get(ref.object);
    if (table && (table.restriction || table.optOut)) byTable.set(table, [...(byTable.get(table) ?? []), ref]);
  }
  for (const [table, tableRefs] of byTable) {
    for (const batch of batches(tableRefs, 100)) {
      for (const state of await batchStates(driver, table, batch)) states.set(keyOf(state.ref), state);
    }
  }
  return refs.flatMap((ref) => states.get(keyOf(ref)) ?? []);
}

const keyOf = (ref: RecordRef) => `${ref.object}\u0000${ref.id}`;

async function batchStates(driver: SqlDriver, table: TableModel, refs: RecordRef[]): Promise<ConsentState[]> {
  const optOut = Object.entries(table.optOut ?? {});
  const flags = [...(table.restriction ? [table.restriction] : []), ...optOut.map(([column]) => column)];
  const current = await rowsByKey(driver, driver, table.table, flags, refs.map((r) => r.id));
  return refs.flatMap((ref): ConsentState[] => {
    const row = current.get(ref.id);
    if (!row) return [];
    // The restriction column holds what restrict() writes: true, or 1 where the column is numeric.
    const processingRestricted = table.restriction ? holdsValue(row[table.restriction], true) : false;
    const optedOut = optOut.length > 0 && optOut.every(([column, value]) => holdsValue(row[column], value));
    return [{ ref, marketing: optedOut ? 'denied' : 'unknown', processingRestricted }];
  });
}
