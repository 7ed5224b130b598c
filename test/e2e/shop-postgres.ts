/**
 * A shop's PostgreSQL database for the crash-safety suite: customers with
 * their orders and support tickets, and a trigger that logs every DELETE, row
 * by row, into a schema the connector does not map (`audit`). The log is
 * written in the deleting transaction: a delete rolled back with it leaves no
 * line, so the log says what was really deleted, and how many times.
 */
import pg from 'pg';
import type { SqlConfig } from '../../connectors/sql/config.js';
import { createPostgresDatabase, dropPostgresDatabase, uniqueName } from '../support/stack/db.js';

export interface ShopCustomer {
  id: number;
  customerNumber: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  city: string;
}

const SCHEMA = [
  `CREATE TABLE customers (id INTEGER PRIMARY KEY, customer_number TEXT NOT NULL UNIQUE, first_name TEXT NOT NULL, last_name TEXT NOT NULL,
    email TEXT NOT NULL, phone TEXT, city TEXT)`,
  `CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), product TEXT NOT NULL,
    amount NUMERIC(10,2) NOT NULL, ordered_on DATE NOT NULL)`,
  `CREATE TABLE support_tickets (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), subject TEXT NOT NULL, body TEXT)`,
  'CREATE SCHEMA audit',
  'CREATE TABLE audit.deletions (n BIGSERIAL PRIMARY KEY, table_name TEXT NOT NULL, row_id TEXT NOT NULL, at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp())',
  `CREATE FUNCTION audit.log_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO audit.deletions (table_name, row_id) VALUES (TG_TABLE_NAME, OLD.id::text); RETURN OLD; END $$`,
  ...['customers', 'orders', 'support_tickets'].map((t) => `CREATE TRIGGER log_deletion AFTER DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION audit.log_deletion()`),
];

export interface ShopDatabase {
  /** What IT registers: the subject table and its identifiers; children are found through their foreign keys. */
  connectorConfig: SqlConfig;
  /** Adds the customers, each with two orders and a ticket; returns each one's rows as `table/id`. */
  seed(customers: readonly ShopCustomer[]): Promise<Map<number, string[]>>;
  /** Per `table/id`, how many committed DELETEs removed it. */
  deletions(): Promise<Map<string, number>>;
  /** Holds these customers' rows FOR UPDATE in an open transaction until the returned function rolls it back. */
  lock(customerIds: readonly number[]): Promise<() => Promise<void>>;
  /** How many other sessions wait for a row lock. */
  waitingForLocks(): Promise<number>;
  /** How many other sessions are inside a transaction. */
  openTransactions(): Promise<number>;
  drop(): Promise<void>;
}

export async function shopPostgres(): Promise<ShopDatabase> {
  const db = await createPostgresDatabase(uniqueName('crash_shop'));
  const pool = new pg.Pool({ connectionString: db.url, max: 3 });
  const held = new Set<pg.PoolClient>();
  const count = async (sql: string) => Number((await pool.query<{ n: string }>(sql, [db.name])).rows[0]!.n);
  try {
    for (const ddl of SCHEMA) await pool.query(ddl);
  } catch (error) {
    await pool.end();
    await dropPostgresDatabase(db.name);
    throw error;
  }
  return {
    connectorConfig: {
      url: db.url,
      subjects: [{ table: 'customers', identity: { email: 'email', phone: 'phone', externalId: 'customer_number' }, name: ['first_name', 'last_name'] }],
    },
    async seed(customers) {
      const rows = new Map<number, string[]>();
      for (const c of customers) {
        await pool.query('INSERT INTO customers VALUES ($1, $2, $3, $4, $5, $6, $7)', [c.id, c.customerNumber, c.firstName, c.lastName, c.email, c.phone, c.city]);
        const orders = [c.id * 10, c.id * 10 + 1];
        for (const [n, id] of orders.entries()) {
          await pool.query('INSERT INTO orders VALUES ($1, $2, $3, $4, $5)', [id, c.id, n === 0 ? 'Annual subscription' : 'Support pack', 120 + n * 45, `2024-0${3 + n}-1${n}`]);
        }
        const ticket = c.id * 100;
        await pool.query('INSERT INTO support_tickets VALUES ($1, $2, $3, $4)', [ticket, c.id, 'Invoice address', `${c.firstName} asks to send invoices to the ${c.city} office.`]);
        rows.set(c.id, [`customers/${c.id}`, ...orders.map((o) => `orders/${o}`), `support_tickets/${ticket}`]);
      }
      return rows;
    },
    async deletions() {
      const tally = new Map<string, number>();
      for (const row of (await pool.query<{ key: string }>("SELECT table_name || '/' || row_id AS key FROM audit.deletions ORDER BY n")).rows) tally.set(row.key, (tally.get(row.key) ?? 0) + 1);
      return tally;
    },
    async lock(customerIds) {
      const client = await pool.connect();
      held.add(client);
      await client.query('BEGIN');
      await client.query('SELECT id FROM customers WHERE id = ANY($1) FOR UPDATE', [customerIds]);
      return async () => {
        if (!held.delete(client)) return;
        await client.query('ROLLBACK');
        client.release();
      };
    },
    waitingForLocks: () => count("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"),
    openTransactions: () => count('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND xact_start IS NOT NULL'),
    async drop() {
      for (const client of held) client.release(true);
      held.clear();
      await pool.end();
      await dropPostgresDatabase(db.name);
    },
  };
}
