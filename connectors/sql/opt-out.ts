import type { OptOutOutcome, RecordRef } from '../sdk/contract.js';
import { groupByObject } from '../sdk/group-refs.js';
import type { OptOutValue } from './config.js';
import { batches, type SqlDriver, Statement } from './driver.js';
import { matchKeys, rowsByKey } from './keys.js';
import type { SqlModel, TableModel } from './model.js';
import { boundValue, holdsValue } from './opt-out-values.js';

/**
 * Sets the configured opt-out columns (GDPR Art. 21) on the person's rows,
 * only where they differ, so a repeated opt-out writes nothing. Tables
 * without an opt-out config and rows gone since the lookup say so.
 */
export async function optOutRecords(driver: SqlDriver, model: SqlModel, refs: readonly RecordRef[]): Promise<OptOutOutcome[]> {
  const done = new Map<string, OptOutOutcome>();
  for (const [name, tableRefs] of groupByObject(refs)) {
    const table = model.tables.get(name);
    if (!table?.optOut) {
      for (const ref of tableRefs) done.set(keyOf(ref), { ref, optedOut: false, detail: `no opt-out column is configured for ${name}` });
      continue;
    }
    for (const batch of batches(tableRefs, 100)) {
      for (const outcome of await optOutBatch(driver, table, table.optOut, batch)) done.set(keyOf(outcome.ref), outcome);
    }
  }
  return refs.map((ref) => done.get(keyOf(ref))!);
}

const keyOf = (ref: RecordRef) => `${ref.object}\u0000${ref.id}`;

async function optOutBatch(driver: SqlDriver, table: TableModel, wanted: Record<string, OptOutValue>, refs: RecordRef[]): Promise<OptOutOutcome[]> {
  const name = driver.table(table.table.name);
  const columns = Object.keys(wanted);
  return driver.transaction(async (session) => {
    const current = await rowsByKey(session, driver, table.table, columns, refs.map((r) => r.id));
    const outcomes: OptOutOutcome[] = [];
    for (const ref of refs) {
      const row = current.get(ref.id);
      if (!row) {
        outcomes.push({ ref, optedOut: false, detail: 'the record no longer exists' });
        continue;
      }
      const stale = columns.filter((c) => !holdsValue(row[c], wanted[c]!));
      const said = columns.map((c) => `${c} = ${String(wanted[c])}`).join(', ');
      if (stale.length > 0) {
        const update = new Statement(driver);
        const sets = stale.map((c) => `${driver.quote(c)} = ${update.bind(boundValue(table.table.columns.find((col) => col.name === c)!, wanted[c]!))}`).join(', ');
        await session.query(`UPDATE ${name} SET ${sets} WHERE ${matchKeys(update, driver, name, table.table, [ref.id])}`, update.params);
      }
      outcomes.push({ ref, optedOut: true, changed: stale.length > 0, detail: stale.length > 0 ? `set ${said}` : `already opted out (${said})` });
    }
    return outcomes;
  });
}
