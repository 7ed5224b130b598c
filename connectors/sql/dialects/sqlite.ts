import { existsSync } from 'node:fs';
import path from 'node:path';
import { createClient, type InValue, type ResultSet } from '@libsql/client';
import { ConnectorError } from '../../../core/errors.js';
import { catalogFrom, type CatalogRows } from '../catalog.js';
import type { Row, SqlDriver, SqlSession } from '../driver.js';
import { asConnectorError } from '../errors.js';

/** `file:x.db`, `file:///abs/x.db`, `sqlite:x.db`, `sqlite:///abs/x.db` → an absolute path. */
export function sqliteFile(url: string): string {
  const rest = url.replace(/^(sqlite|file):/i, '').replace(/^\/\/(?=\/)/, '').replace(/[?#].*$/, '');
  return path.resolve(decodeURIComponent(rest));
}

function rowsOf(result: ResultSet): Row[] {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column, row[i]])));
}

// The connector never creates a database: a typo in the path is a configuration error, not a new empty file.
export function openSqlite(url: string): SqlDriver {
  const file = sqliteFile(url);
  if (!existsSync(file)) throw new ConnectorError('configuration', `SQLite database file ${file} does not exist`);
  const client = createClient({ url: `file:${file}`, intMode: 'number' });
  const label = file;

  const run = async (session: { execute: typeof client.execute }, sql: string, params: readonly unknown[] = []): Promise<Row[]> => {
    try {
      return rowsOf(await session.execute({ sql, args: params as InValue[] }));
    } catch (error) {
      throw asConnectorError(error, /SQLITE_BUSY|database is locked/.test(String(error)) ? 'timeout' : undefined, `SQLite ${label}`);
    }
  };

  return {
    dialect: 'sqlite',
    label,
    param: () => '?',
    quote: (identifier) => `"${identifier.replaceAll('"', '""')}"`,
    table: (name) => `"${name.replaceAll('"', '""')}"`,
    // No regular expressions in stock SQLite: strip the separators phone numbers are written with.
    digitsOnly: (expression) =>
      [' ', '-', '.', '(', ')', '+', '/', '\u00a0'].reduce((sql, character) => `replace(${sql}, '${character}', '')`, expression),
    asText: (expression) => `CAST(${expression} AS TEXT)`,
    query: (sql, params) => run(client, sql, params),
    async loadCatalog() {
      const tables = await run(client, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`);
      const rows: CatalogRows = { columns: [], primaryKeys: [], foreignKeys: [] };
      for (const { name } of tables) {
        const table = String(name);
        for (const c of await run(client, 'SELECT name, type, "notnull" AS not_null, pk FROM pragma_table_info(?)', [table])) {
          const maxLength = /\((\d+)\)/.exec(String(c.type))?.[1];
          rows.columns.push({ table, name: String(c.name), type: String(c.type ?? ''), nullable: Number(c.not_null) === 0 && Number(c.pk) === 0, maxLength: maxLength ? Number(maxLength) : null });
          if (Number(c.pk) > 0) rows.primaryKeys.push({ table, column: String(c.name), position: Number(c.pk) });
        }
        for (const fk of await run(client, 'SELECT id, seq, "table" AS ref_tbl, "from" AS col, "to" AS ref_col FROM pragma_foreign_key_list(?)', [table])) {
          rows.foreignKeys.push({ name: `fk${String(fk.id)}`, table, column: String(fk.col), refTable: String(fk.ref_tbl), refColumn: fk.ref_col == null ? '' : String(fk.ref_col), position: Number(fk.seq) });
        }
      }
      // `REFERENCES parent` without columns points at the parent's primary key.
      for (const fk of rows.foreignKeys.filter((k) => k.refColumn === '')) {
        const key = rows.primaryKeys.filter((p) => p.table === fk.refTable).sort((a, b) => a.position - b.position);
        fk.refColumn = key[fk.position]?.column ?? '';
      }
      return catalogFrom(rows);
    },
    async transaction(work) {
      const tx = await client.transaction('write').catch((error: unknown) => {
        throw asConnectorError(error, 'timeout', `SQLite ${label} is locked by another writer`);
      });
      const session: SqlSession = { query: (sql, params) => run(tx, sql, params) };
      try {
        const result = await work(session);
        await tx.commit();
        return result;
      } catch (error) {
        await tx.rollback().catch(() => undefined);
        throw error;
      } finally {
        tx.close();
      }
    },
    close: async () => client.close(),
  };
}
