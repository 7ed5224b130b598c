import type { Row, SqlSession } from '../driver.js';

/** A connection taken from a pool (pg's PoolClient, mysql2's PoolConnection). */
interface PooledConnection {
  query(sql: string): Promise<unknown>;
  release(): void;
}

export interface Pool<Connection extends PooledConnection> {
  acquire(): Promise<Connection>;
  /** Runs one statement as the dialect does, its errors turned into ConnectorErrors. */
  run(connection: Connection, sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Turns a failure to get a connection into a ConnectorError. */
  fail(error: unknown): never;
  /** The statement that starts a transaction: `BEGIN`, `START TRANSACTION`. */
  begin: string;
}

/**
 * `work` in one transaction on a connection of the pool: committed when it
 * resolves, rolled back when it throws (a failed rollback does not hide the
 * first error); the connection always goes back to the pool.
 */
export async function pooledTransaction<Connection extends PooledConnection, T>(pool: Pool<Connection>, work: (session: SqlSession) => Promise<T>): Promise<T> {
  let connection: Connection;
  try {
    connection = await pool.acquire();
  } catch (error) {
    return pool.fail(error);
  }
  const session: SqlSession = { query: (sql, params) => pool.run(connection, sql, params) };
  try {
    await pool.run(connection, pool.begin);
    const result = await work(session);
    await pool.run(connection, 'COMMIT');
    return result;
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}
