import type { FieldChange, RecordRef, RectifyOutcome, RestrictOutcome } from '../sdk/contract.js';
import { type SqlDriver, Statement } from './driver.js';
import { matchKeys } from './keys.js';
import type { SqlModel } from './model.js';
import { boundValue } from './opt-out-values.js';

/** Applies the changes aimed at this row's table to its non-key columns (GDPR Art. 16). */
export async function rectifyRecord(driver: SqlDriver, model: SqlModel, ref: RecordRef, changes: readonly FieldChange[]): Promise<RectifyOutcome> {
  const table = model.tables.get(ref.object);
  const outcome: RectifyOutcome = { ref, applied: [], skipped: [] };
  const values: [string, FieldChange['value']][] = [];
  for (const change of changes) {
    const column = table?.table.columns.find((c) => c.name === change.field);
    if (!table || change.object !== ref.object) outcome.skipped.push({ field: change.field, reason: `belongs to ${change.object}, not ${ref.object}` });
    else if (!column) outcome.skipped.push({ field: change.field, reason: `no column "${change.field}" in ${ref.object}` });
    else if (table.keys.has(change.field)) outcome.skipped.push({ field: change.field, reason: 'key columns are not changed by a rectification' });
    else values.push([change.field, change.value]);
  }
  if (!table || values.length === 0) return outcome;
  const name = driver.table(ref.object);
  const exists = await driver.transaction(async (session) => {
    const check = new Statement(driver);
    const found = await session.query(`SELECT 1 AS hit FROM ${name} WHERE ${matchKeys(check, driver, name, table.table, [ref.id])}`, check.params);
    if (found.length === 0) return false;
    const update = new Statement(driver);
    const sets = values.map(([field, value]) => `${driver.quote(field)} = ${update.bind(value)}`).join(', ');
    await session.query(`UPDATE ${name} SET ${sets} WHERE ${matchKeys(update, driver, name, table.table, [ref.id])}`, update.params);
    return true;
  });
  const fields = values.map(([field]) => field);
  if (!exists) outcome.skipped.push(...fields.map((field) => ({ field, reason: 'the record no longer exists' })));
  else outcome.applied.push(...fields);
  return outcome;
}

/** Sets the table's configured restriction column (GDPR Art. 18); tables without one say so. */
export async function restrictRecords(driver: SqlDriver, model: SqlModel, refs: readonly RecordRef[], on: boolean): Promise<RestrictOutcome[]> {
  const outcomes: RestrictOutcome[] = [];
  for (const ref of refs) {
    const table = model.tables.get(ref.object);
    const column = table?.restriction ? table.table.columns.find((c) => c.name === table.restriction) : undefined;
    if (!table || !column) {
      outcomes.push({ ref, restricted: false, changed: false, detail: `no restriction column is configured for ${ref.object}` });
      continue;
    }
    const statement = new Statement(driver);
    const value = boundValue(column, on);
    const set = `${driver.quote(column.name)} = ${statement.bind(value)}`;
    await driver.query(`UPDATE ${driver.table(ref.object)} SET ${set} WHERE ${matchKeys(statement, driver, driver.table(ref.object), table.table, [ref.id])}`, statement.params);
    outcomes.push({ ref, restricted: on, detail: `${column.name} set to ${String(value)}` });
  }
  return outcomes;
}
