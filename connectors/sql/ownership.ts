import type { RecordRef } from '../sdk/contract.js';
import { type SqlDriver, Statement } from './driver.js';
import { joinOn, keyColumns, keyOfRow, matchKeys } from './keys.js';
import type { SqlModel } from './model.js';

/**
 * A parent row (an address) is the person's own only when every row in the
 * database that points at it is already one of the person's rows. A household
 * address shared with someone else, a store or a city is not erased with them.
 */
export async function ownedAlone(driver: SqlDriver, model: SqlModel, tableName: string, id: string, found: ReadonlyMap<string, RecordRef>): Promise<boolean> {
  const table = model.catalog.tables.get(tableName)!;
  // Each referring table is asked at once; any row of someone else's answers no.
  const verdicts = await Promise.all(
    model.catalog.foreignKeys
      .filter((fk) => fk.refTable === tableName)
      .map(async (fk) => {
        const referrer = model.catalog.tables.get(fk.table)!;
        const owned = [...found.values()].filter((ref) => ref.object === fk.table).length;
        const statement = new Statement(driver);
        const select = referrer.primaryKey.length > 0 ? keyColumns(driver, 'r', referrer) : '1 AS k0';
        const rows = await driver.query(
          `SELECT ${select} FROM ${driver.table(fk.table)} r JOIN ${driver.table(tableName)} t ON ${joinOn(driver, 'r', fk.columns, 't', fk.refColumns)}
           WHERE ${matchKeys(statement, driver, 't', table, [id])} LIMIT ${owned + 1}`,
          statement.params,
        );
        if (referrer.primaryKey.length === 0) return rows.length === 0;
        return rows.every((row) => found.has(`${fk.table}\u0000${keyOfRow(row, referrer.primaryKey.length)}`));
      }),
  );
  return verdicts.every(Boolean);
}
