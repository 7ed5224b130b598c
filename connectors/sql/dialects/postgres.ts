import pg from 'pg';
import { errorMessage } from '../../../core/errors.js';
import { catalogFrom, type CatalogRows } from '../catalog.js';
import { describeTarget } from '../config.js';
import type { Row, SqlDriver } from '../driver.js';
import { asConnectorError, errorCode, isNetworkFailure } from '../errors.js';
import { type Pool, pooledTransaction } from './pooled-transaction.js';

export interface PostgresOptions {
  schema: string;
  connectTimeoutMs: number;
  queryTimeoutMs: number;
}

/**
 * Timestamps as ISO 8601 text with all their digits: a JS Date would drop the
 * microseconds, and a key holding one (Pagila's payment) would no longer match.
 * The session runs in UTC; a timestamp without zone is read as UTC.
 */
export function isoTimestamp(value: string): string {
  const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)(?:([+-]\d\d)(?::(\d\d))?)?$/.exec(value);
  if (!match) return value;
  const [, date, time, hours, minutes] = match;
  const zone = !hours || (hours === '+00' && (minutes ?? '00') === '00') ? 'Z' : `${hours}:${minutes ?? '00'}`;
  return `${date}T${time}${zone}`;
}

const DATE_OID = 1082;
const TIMESTAMP_OID = 1114;
const TIMESTAMPTZ_OID = 1184;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE_OID) return (value: string) => value;
    if (oid === TIMESTAMP_OID || oid === TIMESTAMPTZ_OID) return isoTimestamp;
    return pg.types.getTypeParser(oid, format);
  },
};

const CATALOG = {
  columns: `SELECT c.relname AS tbl, a.attname AS name, NOT a.attnotnull AS nullable,
      format_type(COALESCE(NULLIF(t.typbasetype, 0), a.atttypid), CASE WHEN t.typbasetype <> 0 THEN t.typtypmod ELSE a.atttypmod END) AS type,
      CASE WHEN a.atttypmod > 4 AND t.typname IN ('varchar', 'bpchar') THEN a.atttypmod - 4 END AS max_length
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid
    WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY c.relname, a.attnum`,
  primaryKeys: `SELECT c.relname AS tbl, a.attname AS col, k.ord AS position
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
    WHERE con.contype = 'p' AND n.nspname = $1 AND NOT c.relispartition`,
  // Keys declared on partitions (Pagila's payment) belong to the partitioned table.
  foreignKeys: `SELECT con.conname AS name, root.relname AS tbl, a.attname AS col, ref.relname AS ref_tbl, ra.attname AS ref_col, k.ord AS position
    FROM pg_constraint con
    JOIN pg_class root ON root.oid = COALESCE(pg_partition_root(con.conrelid), con.conrelid)
    JOIN pg_class ref ON ref.oid = COALESCE(pg_partition_root(con.confrelid), con.confrelid)
    JOIN pg_namespace n ON n.oid = root.relnamespace
    CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, refnum, ord)
    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
    JOIN pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = k.refnum
    WHERE con.contype = 'f' AND n.nspname = $1`,
};

/** Connections Gardien opens to one database, at most. */
const POOL_SIZE = 4;

export function openPostgres(url: URL, options: PostgresOptions): SqlDriver {
  const label = describeTarget(url, 5432);
  const user = decodeURIComponent(url.username) || 'the default user';
  const pool = new pg.Pool({
    connectionString: url.toString(),
    connectionTimeoutMillis: options.connectTimeoutMs,
    query_timeout: options.queryTimeoutMs,
    max: POOL_SIZE,
    idleTimeoutMillis: 5_000,
    application_name: 'gardien',
    options: '-c TimeZone=UTC',
    types,
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);

  const fail = (error: unknown): never => {
    const code = errorCode(error);
    const message = errorMessage(error);
    if (isNetworkFailure(error) || /timeout expired|connection timeout|Connection terminated/i.test(message)) {
      throw asConnectorError(error, 'unreachable', `PostgreSQL at ${label} cannot be reached (${code ?? message}): is the host up and the port right?`);
    }
    // pg-pool waited for one of its connections to come free: the database is busy (a long statement, a lock held elsewhere), not broken.
    if (/timeout exceeded when trying to connect/i.test(message)) {
      throw asConnectorError(error, 'timeout', `PostgreSQL at ${label}: all of Gardien's ${POOL_SIZE} connections stayed busy for ${options.connectTimeoutMs} ms`);
    }
    if (code === '28P01' || code === '28000') {
      throw asConnectorError(error, 'authentication', `PostgreSQL at ${label} refused the login of ${user}: check secrets.user and secrets.password`);
    }
    if (code === '3D000') throw asConnectorError(error, 'configuration', `database "${url.pathname.slice(1)}" does not exist on ${label}`);
    if (code === '42501') throw asConnectorError(error, 'permission', `${user} lacks a privilege on ${label}: ${message}`);
    if (code === '57014' || /Query read timeout/i.test(message)) throw asConnectorError(error, 'timeout', `PostgreSQL at ${label} did not answer in time`);
    throw asConnectorError(error, undefined, `PostgreSQL at ${label}`);
  };
  const run = async (client: pg.Pool | pg.PoolClient, sql: string, params: readonly unknown[] = []): Promise<Row[]> => {
    try {
      return (await client.query(sql, params as unknown[])).rows as Row[];
    } catch (error) {
      return fail(error);
    }
  };

  const transactions: Pool<pg.PoolClient> = { acquire: () => pool.connect(), run, fail, begin: 'BEGIN' };
  return {
    dialect: 'postgres',
    label,
    param: (index) => `$${index}`,
    quote: (identifier) => `"${identifier.replaceAll('"', '""')}"`,
    table: (name) => `"${options.schema.replaceAll('"', '""')}"."${name.replaceAll('"', '""')}"`,
    digitsOnly: (expression) => `regexp_replace(${expression}, '[^0-9]', '', 'g')`,
    asText: (expression) => `CAST(${expression} AS text)`,
    query: (sql, params) => run(pool, sql, params),
    async loadCatalog() {
      const [columns, primaryKeys, foreignKeys] = [
        await run(pool, CATALOG.columns, [options.schema]),
        await run(pool, CATALOG.primaryKeys, [options.schema]),
        await run(pool, CATALOG.foreignKeys, [options.schema]),
      ];
      const rows: CatalogRows = {
        columns: columns.map((r) => ({ table: String(r.tbl), name: String(r.name), type: String(r.type), nullable: r.nullable === true, maxLength: r.max_length as number | null })),
        primaryKeys: primaryKeys.map((r) => ({ table: String(r.tbl), column: String(r.col), position: Number(r.position) })),
        foreignKeys: foreignKeys.map((r) => ({
          name: String(r.name), table: String(r.tbl), column: String(r.col), refTable: String(r.ref_tbl), refColumn: String(r.ref_col), position: Number(r.position),
        })),
      };
      return catalogFrom(rows);
    },
    transaction(work) {
      return pooledTransaction(transactions, work);
    },
    close: () => pool.end(),
  };
}
