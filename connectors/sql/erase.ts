import { ConnectorError } from '../../core/errors.js';
import { type ErasureOutcome, type ErasurePlan, type ObjectErasure, type RecordRef, erasureFor } from '../sdk/contract.js';
import { placeholderFor } from './anonymise.js';
import type { Table } from './catalog.js';
import { type SqlDriver, type SqlSession, Statement } from './driver.js';
import { joinOn, keyColumns, keyOfRow, matchKeys } from './keys.js';
import type { SqlModel, TableModel } from './model.js';

/**
 * Erases the subject's rows in one transaction, referencing tables first. A row
 * still referenced by a row that stays (under a legal hold, or outside the
 * person's data) is anonymised instead of deleted, so no foreign key breaks.
 * Idempotent: rows already gone are `already_absent`, kept rows give the same outcome.
 */
export async function eraseRecords(driver: SqlDriver, model: SqlModel, refs: readonly RecordRef[], plan: ErasurePlan): Promise<ErasureOutcome[]> {
  const ids = new Map<string, Map<string, RecordRef>>();
  for (const ref of refs) {
    if (!model.tables.has(ref.object)) throw new ConnectorError('configuration', `"${ref.object}" is not a table of this connector's data map`);
    if (!ids.has(ref.object)) ids.set(ref.object, new Map());
    ids.get(ref.object)!.set(ref.id, ref);
  }
  const outcomes = await driver.transaction(async (session) => {
    const done = new Map<string, ErasureOutcome>();
    for (const name of model.erasureOrder) {
      const here = ids.get(name);
      if (!here) continue;
      const table = model.tables.get(name)!;
      const planned = erasureFor(table.description, plan);
      const erasure: ObjectErasure = !plan.objects?.[name] && table.deleteWhenUnreferenced ? { strategy: 'delete' } : planned;
      const existing = await existingKeys(session, driver, table.table, [...here.keys()]);
      for (const ref of here.values()) {
        const outcome: ErasureOutcome = existing.has(ref.id) ? await eraseRow(session, driver, model, table, ref, erasure) : { ref, action: 'already_absent' };
        done.set(`${name}\u0000${ref.id}`, outcome);
      }
    }
    return done;
  });
  return refs.map((ref) => ({ ...outcomes.get(`${ref.object}\u0000${ref.id}`)!, ref }));
}

async function eraseRow(session: SqlSession, driver: SqlDriver, model: SqlModel, table: TableModel, ref: RecordRef, erasure: ObjectErasure): Promise<ErasureOutcome> {
  switch (erasure.strategy) {
    case 'retain': {
      const overwritten = erasure.fields?.length ? await overwrite(session, driver, table, ref.id, erasure.fields) : '';
      const outcome: ErasureOutcome = { ref, action: 'retained', detail: `kept under a legal hold${overwritten ? `; ${overwritten}` : ', as is'}` };
      if (erasure.legalHold) outcome.legalHold = erasure.legalHold;
      return outcome;
    }
    case 'anonymise':
      return { ref, action: 'anonymised', detail: await overwrite(session, driver, table, ref.id, erasure.fields ?? table.personal) };
    case 'delete': {
      const holders = await referencedBy(session, driver, model, table.table, ref.id);
      if (holders.length > 0) {
        const overwritten = await overwrite(session, driver, table, ref.id, table.personal);
        return { ref, action: 'anonymised', detail: `kept because rows of ${holders.join(', ')} still reference it; ${overwritten}` };
      }
      const statement = new Statement(driver);
      await session.query(`DELETE FROM ${driver.table(table.table.name)} WHERE ${matchKeys(statement, driver, driver.table(table.table.name), table.table, [ref.id])}`, statement.params);
      return { ref, action: 'deleted' };
    }
    default:
      return { ref, action: 'manual', detail: `strategy "${erasure.strategy}" cannot be applied to a SQL table: handle this row by hand` };
  }
}

/** Overwrites personal columns (never keys) with NULL or a neutral value; says what it did. */
async function overwrite(session: SqlSession, driver: SqlDriver, table: TableModel, id: string, fields: readonly string[]): Promise<string> {
  const statement = new Statement(driver);
  const sets: string[] = [];
  const kept: string[] = [];
  for (const name of fields) {
    const column = table.table.columns.find((c) => c.name === name);
    const placeholder = column && !table.keys.has(name) ? placeholderFor(column, table.table.name, id) : undefined;
    if (!placeholder) {
      kept.push(name);
      continue;
    }
    sets.push(`${driver.quote(name)} = ${statement.bind(placeholder.value)}`);
  }
  if (sets.length === 0) return kept.length ? `could not overwrite ${kept.join(', ')}` : 'holds no personal column';
  const where = matchKeys(statement, driver, driver.table(table.table.name), table.table, [id]);
  await session.query(`UPDATE ${driver.table(table.table.name)} SET ${sets.join(', ')} WHERE ${where}`, statement.params);
  const done = fields.filter((f) => !kept.includes(f));
  return `overwrote ${done.join(', ')}${kept.length ? `; could not overwrite ${kept.join(', ')}` : ''}`;
}

async function existingKeys(session: SqlSession, driver: SqlDriver, table: Table, ids: string[]): Promise<Set<string>> {
  const statement = new Statement(driver);
  const rows = await session.query(
    `SELECT ${keyColumns(driver, 't', table)} FROM ${driver.table(table.name)} t WHERE ${matchKeys(statement, driver, 't', table, ids)}`,
    statement.params,
  );
  return new Set(rows.map((row) => keyOfRow(row, table.primaryKey.length)));
}

/** Tables with at least one row still pointing at this row, through any foreign key in the database. */
async function referencedBy(session: SqlSession, driver: SqlDriver, model: SqlModel, table: Table, id: string): Promise<string[]> {
  const holders: string[] = [];
  for (const fk of model.catalog.foreignKeys) {
    if (fk.refTable !== table.name || holders.includes(fk.table)) continue;
    const statement = new Statement(driver);
    const rows = await session.query(
      `SELECT 1 AS hit FROM ${driver.table(fk.table)} r JOIN ${driver.table(table.name)} t ON ${joinOn(driver, 'r', fk.columns, 't', fk.refColumns)}
       WHERE ${matchKeys(statement, driver, 't', table, [id])} LIMIT 1`,
      statement.params,
    );
    if (rows.length > 0) holders.push(fk.table);
  }
  return holders;
}
