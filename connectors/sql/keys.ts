import type { Table } from './catalog.js';
import { type Row, type SqlDriver, type SqlSession, Statement } from './driver.js';
import { jsonSafe } from './values.js';

/**
 * A row's key as the text a RecordRef carries: the value itself for a one-column
 * key, a JSON array for a composite one. Holds no personal data.
 */
export function encodeKey(values: readonly unknown[]): string {
  const safe = values.map(jsonSafe);
  return safe.length === 1 ? String(safe[0]) : JSON.stringify(safe);
}

export function decodeKey(table: Table, id: string): unknown[] {
  const values: unknown[] = table.primaryKey.length === 1 ? [id] : (JSON.parse(id) as unknown[]);
  return values.map((value, i) => {
    const column = table.columns.find((c) => c.name === table.primaryKey[i]);
    // SQLite compares a text parameter to an integer key by its affinity, the others cast: numbers bind as numbers everywhere.
    return column?.kind === 'number' && typeof value === 'string' && /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value))
      ? Number(value)
      : value;
  });
}

/** Selected key columns are aliased `k0`, `k1`… so joins never clash on names. */
export function keyColumns(driver: SqlDriver, alias: string, table: Table): string {
  return table.primaryKey.map((column, i) => `${alias}.${driver.quote(column)} AS k${i}`).join(', ');
}

export function keyOfRow(row: Row, width: number): string {
  return encodeKey(Array.from({ length: width }, (_, i) => row[`k${i}`]));
}

/** The key of a `SELECT *` row. */
export function keyOfRecord(table: Table, row: Row): string {
  return encodeKey(table.primaryKey.map((column) => row[column]));
}

/** `alias.key IN (…)`, or an OR of ANDs for a composite key. */
export function matchKeys(statement: Statement, driver: SqlDriver, alias: string, table: Table, ids: readonly string[]): string {
  const columns = table.primaryKey.map((c) => `${alias}.${driver.quote(c)}`);
  const keys = ids.map((id) => decodeKey(table, id).map((value) => (driver.keyValue ? driver.keyValue(value) : value)));
  if (columns.length === 1) return `${columns[0]} IN (${keys.map((k) => statement.bind(k[0])).join(', ')})`;
  return keys.map((k) => `(${columns.map((c, i) => `${c} = ${statement.bind(k[i])}`).join(' AND ')})`).join(' OR ');
}

/** The join condition of a foreign key between two aliased tables. */
export function joinOn(driver: SqlDriver, childAlias: string, columns: readonly string[], parentAlias: string, refColumns: readonly string[]): string {
  return columns.map((c, i) => `${childAlias}.${driver.quote(c)} = ${parentAlias}.${driver.quote(refColumns[i]!)}`).join(' AND ');
}

/** The given columns (and the key) of the rows behind the ids, by key: one query; rows gone are absent. */
export async function rowsByKey(session: SqlSession, driver: SqlDriver, table: Table, columns: readonly string[], ids: readonly string[]): Promise<Map<string, Row>> {
  const statement = new Statement(driver);
  const picked = [...new Set([...table.primaryKey, ...columns])].map((c) => `t.${driver.quote(c)}`).join(', ');
  const rows = await session.query(`SELECT ${picked} FROM ${driver.table(table.name)} t WHERE ${matchKeys(statement, driver, 't', table, ids)}`, statement.params);
  return new Map(rows.map((row) => [keyOfRecord(table, row), row]));
}
