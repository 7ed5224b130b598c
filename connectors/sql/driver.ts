import type { Catalog } from './catalog.js';

export type Row = Record<string, unknown>;
export type DialectName = 'postgres' | 'mysql' | 'sqlite';

/** Runs statements; inside a transaction or not. */
export interface SqlSession {
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/**
 * One database connection pool and the few things that differ between
 * dialects. Everything else (traversal, reading, erasure) is shared.
 */
export interface SqlDriver extends SqlSession {
  readonly dialect: DialectName;
  /** `host:port/database` or the file: names the database in messages, never with credentials. */
  readonly label: string;
  /** The placeholder of the n-th parameter (1-based): `$1` or `?`. */
  param(index: number): string;
  quote(identifier: string): string;
  /** A table's name as it goes into SQL, schema-qualified where the dialect has schemas. */
  table(name: string): string;
  /** SQL expression: the digits of a text expression, to compare messy phone numbers. */
  digitsOnly(expression: string): string;
  /** SQL expression: any value as text, to compare external ids whatever the column type. */
  asText(expression: string): string;
  /** A key value read back from a RecordRef, in the form the database compares (timestamps differ). */
  keyValue?(value: unknown): unknown;
  loadCatalog(): Promise<Catalog>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Collects parameters while a statement is written, with the dialect's placeholders. */
export class Statement {
  readonly params: unknown[] = [];
  constructor(private readonly driver: Pick<SqlDriver, 'param'>) {}

  bind(value: unknown): string {
    this.params.push(value);
    return this.driver.param(this.params.length);
  }
}

/** Splits a list into batches, so no statement carries thousands of parameters. */
export function batches<T>(items: readonly T[], size = 200): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
