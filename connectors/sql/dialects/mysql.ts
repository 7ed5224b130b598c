import mysql from 'mysql2/promise';
import { errorMessage } from '../../../core/errors.js';
import { catalogFrom } from '../catalog.js';
import { describeTarget } from '../config.js';
import type { Row, SqlDriver } from '../driver.js';
import { asConnectorError, errorCode, isNetworkFailure } from '../errors.js';
import { type Pool, pooledTransaction } from './pooled-transaction.js';

export interface MysqlOptions {
  connectTimeoutMs: number;
  queryTimeoutMs: number;
}

// Aliases are explicit: MySQL 8 returns information_schema column names in upper case.
const CATALOG = {
  columns: `SELECT table_name AS tbl, column_name AS name, column_type AS type, is_nullable = 'YES' AS nullable, character_maximum_length AS max_length
    FROM information_schema.columns c
    WHERE table_schema = DATABASE() AND EXISTS (SELECT 1 FROM information_schema.tables t
      WHERE t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE')
    ORDER BY table_name, ordinal_position`,
  primaryKeys: `SELECT table_name AS tbl, column_name AS col, ordinal_position AS position
    FROM information_schema.key_column_usage WHERE table_schema = DATABASE() AND constraint_name = 'PRIMARY'`,
  foreignKeys: `SELECT constraint_name AS name, table_name AS tbl, column_name AS col, referenced_table_name AS ref_tbl,
      referenced_column_name AS ref_col, ordinal_position AS position
    FROM information_schema.key_column_usage
    WHERE table_schema = DATABASE() AND referenced_table_name IS NOT NULL AND referenced_table_schema = DATABASE()`,
};

const DATETIME_TYPES = new Set([7, 12]); // TIMESTAMP, DATETIME

/** `2005-05-25 11:30:37.123456` → `2005-05-25T11:30:37.123456Z`, every digit kept. */
function isoTimestamps(rows: Row[], fields: mysql.FieldPacket[] | undefined): Row[] {
  const timestamps = (fields ?? []).filter((f) => f.type !== undefined && DATETIME_TYPES.has(f.type)).map((f) => f.name);
  if (timestamps.length === 0) return rows;
  for (const row of rows) {
    for (const name of timestamps) {
      const value = row[name];
      if (typeof value === 'string' && /^\d{4}-\d\d-\d\d \d/.test(value)) row[name] = `${value.replace(' ', 'T')}Z`;
    }
  }
  return rows;
}

/** An ISO timestamp from a key back into the text MariaDB compares with its DATETIME columns. */
export function mysqlKeyValue(value: unknown): unknown {
  return typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value) ? value.replace('T', ' ').slice(0, -1) : value;
}

export function openMysql(url: URL, options: MysqlOptions): SqlDriver {
  const label = describeTarget(url, 3306);
  const user = decodeURIComponent(url.username) || 'the default user';
  const pool = mysql.createPool({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username) || undefined,
    password: decodeURIComponent(url.password) || undefined,
    database: decodeURIComponent(url.pathname.slice(1)) || undefined,
    connectTimeout: options.connectTimeoutMs,
    connectionLimit: 4,
    maxIdle: 1,
    idleTimeout: 5_000,
    // Exact numbers, and dates as the server's text: a JS Date would drop microseconds.
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
  });
  // TIMESTAMP columns are shown in the session's zone: make it UTC, so the ISO text below is true.
  pool.on('connection', (connection) => {
    // mysql2 hands this event the callback-style connection, whatever its typings say.
    const raw = connection as unknown as { query(sql: string, done: (error: unknown) => void): void };
    raw.query("SET time_zone = '+00:00'", () => undefined);
  });

  const fail = (error: unknown): never => {
    const code = errorCode(error);
    if (isNetworkFailure(error) || code === 'PROTOCOL_CONNECTION_LOST') {
      throw asConnectorError(error, 'unreachable', `MySQL/MariaDB at ${label} cannot be reached (${code}): is the host up and the port right?`);
    }
    if (code === 'ER_ACCESS_DENIED_ERROR' || code === 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR') {
      throw asConnectorError(error, 'authentication', `MySQL/MariaDB at ${label} refused the login of ${user}: check secrets.user and secrets.password`);
    }
    if (code === 'ER_BAD_DB_ERROR') throw asConnectorError(error, 'configuration', `database "${url.pathname.slice(1)}" does not exist on ${label}`);
    if (code === 'ER_DBACCESS_DENIED_ERROR' || code === 'ER_TABLEACCESS_DENIED_ERROR' || code === 'ER_COLUMNACCESS_DENIED_ERROR') {
      throw asConnectorError(error, 'permission', `${user} lacks a privilege on ${label}: ${errorMessage(error)}`);
    }
    if (code === 'ER_QUERY_TIMEOUT' || code === 'PROTOCOL_SEQUENCE_TIMEOUT') throw asConnectorError(error, 'timeout', `MySQL/MariaDB at ${label} did not answer in time`);
    throw asConnectorError(error, undefined, `MySQL/MariaDB at ${label}`);
  };
  const run = async (client: mysql.Pool | mysql.PoolConnection, sql: string, params: readonly unknown[] = []): Promise<Row[]> => {
    try {
      const [rows, fields] = await client.query({ sql, timeout: options.queryTimeoutMs }, params as unknown[]);
      return Array.isArray(rows) ? isoTimestamps(rows as Row[], fields) : [];
    } catch (error) {
      return fail(error);
    }
  };

  const transactions: Pool<mysql.PoolConnection> = { acquire: () => pool.getConnection(), run, fail, begin: 'START TRANSACTION' };
  return {
    dialect: 'mysql',
    label,
    param: () => '?',
    quote: (identifier) => `\`${identifier.replaceAll('`', '``')}\``,
    table: (name) => `\`${name.replaceAll('`', '``')}\``,
    // REGEXP_REPLACE: MariaDB 10.0.5+ and MySQL 8.
    digitsOnly: (expression) => `REGEXP_REPLACE(${expression}, '[^0-9]', '')`,
    asText: (expression) => `CAST(${expression} AS CHAR)`,
    keyValue: mysqlKeyValue,
    query: (sql, params) => run(pool, sql, params),
    async loadCatalog() {
      const columns = await run(pool, CATALOG.columns);
      const primaryKeys = await run(pool, CATALOG.primaryKeys);
      const foreignKeys = await run(pool, CATALOG.foreignKeys);
      return catalogFrom({
        columns: columns.map((r) => ({ table: String(r.tbl), name: String(r.name), type: String(r.type), nullable: Number(r.nullable) === 1, maxLength: r.max_length == null ? null : Number(r.max_length) })),
        primaryKeys: primaryKeys.map((r) => ({ table: String(r.tbl), column: String(r.col), position: Number(r.position) })),
        foreignKeys: foreignKeys.map((r) => ({
          name: String(r.name), table: String(r.tbl), column: String(r.col), refTable: String(r.ref_tbl), refColumn: String(r.ref_col), position: Number(r.position),
        })),
      });
    },
    transaction(work) {
      return pooledTransaction(transactions, work);
    },
    close: () => pool.end(),
  };
}
