import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../core/errors.js';
import { legacyConnectorConfig } from '../../test/fixtures/legacy-schema.js';
import { legacyMysql, legacyPostgres } from '../../test/support/sql/servers.js';
import type { TemporaryDatabase } from '../../test/support/sql/temporary-database.js';
import { openSqlConnector } from '../../test/support/sql/connector.js';

async function failure(config: unknown, secrets = {}): Promise<ConnectorError> {
  const error = await openSqlConnector(config, secrets).then(
    async (connector) => {
      await connector.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('a database that cannot be reached', () => {
  it.each([
    ['PostgreSQL, nothing listening', 'postgres://postgres@127.0.0.1:1/billing'],
    ['MariaDB, nothing listening', 'mysql://root@127.0.0.1:1/billing'],
    ['PostgreSQL, unknown host', 'postgresql://postgres@db.gardien.invalid/billing'],
  ])('%s is reported unreachable, naming the host', async (_, url) => {
    const started = Date.now();
    const error = await failure(legacyConnectorConfig(url));
    expect(error.kind).toBe('unreachable');
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/cannot be reached .*is the host up/);
    expect(Date.now() - started).toBeLessThan(8_000);
  });
});

describe('PostgreSQL credentials and permissions', () => {
  let db: TemporaryDatabase;
  const role = `gardien_reader_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  beforeAll(async () => {
    db = await legacyPostgres();
    await admin(`CREATE ROLE ${role} LOGIN; GRANT SELECT ON people, orders, order_lines, addresses TO ${role}`);
  });
  afterAll(async () => {
    await db.drop();
    const client = new pg.Client({ connectionString: db.url.replace(/\/[^/]+$/, '/postgres') });
    await client.connect();
    await client.query(`DROP ROLE IF EXISTS ${role}`).finally(() => client.end());
  });

  it('names a database that does not exist', async () => {
    const error = await failure(legacyConnectorConfig(`${db.url}_typo`));
    expect(error.kind).toBe('configuration');
    expect(error.message).toMatch(new RegExp(`database "${db.name}_typo" does not exist`));
  });

  it('names the table the user may not read', async () => {
    const connector = await openSqlConnector(legacyConnectorConfig(db.url), { user: role });
    const check = await connector.check();
    await connector.close();
    expect(check).toMatchObject({ ok: false, reachable: true, authenticated: true, permissions: { ok: false, missing: ['SELECT on invoices'] } });
    expect(check.message).toMatch(/Cannot read invoices/);
  });
});

describe('MariaDB credentials from secrets', () => {
  let db: TemporaryDatabase;
  const user = `gardien_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  const admin = async (sql: string) => {
    const connection = await mysql.createConnection(db.url);
    await connection.query(sql).finally(() => connection.end());
  };
  beforeAll(async () => {
    db = await legacyMysql();
    await admin(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
    await admin(`GRANT SELECT, UPDATE, DELETE ON ${db.name}.* TO '${user}'@'%'`);
  });
  afterAll(async () => {
    await admin(`DROP USER IF EXISTS '${user}'@'%'`);
    await db.drop();
  });

  const url = () => db.url.replace('root@', '');

  it('reports a wrong password as an authentication failure, without echoing it', async () => {
    const error = await failure(legacyConnectorConfig(url()), { user, password: 'not-the-password' });
    expect(error.kind).toBe('authentication');
    expect(error.message).toMatch(new RegExp(`refused the login of ${user}: check secrets.user and secrets.password`));
    expect(error.message).not.toContain('not-the-password');
  });

  it('connects with the user and password given as secrets', async () => {
    const connector = await openSqlConnector(legacyConnectorConfig(url()), { user, password });
    const check = await connector.check();
    await connector.close();
    expect(check).toMatchObject({ ok: true, permissions: { ok: true, missing: [] } });
    expect(check.message).not.toContain(password);
  });
});
