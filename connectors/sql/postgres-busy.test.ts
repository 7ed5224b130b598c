/**
 * A PostgreSQL database whose every connection is busy (a slow statement, a
 * lock another application holds) is busy, not broken: the connector says so
 * as a timeout worth retrying, and carries on once a connection frees.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ConnectorError } from '../../core/errors.js';
import type { SqlDriver } from './driver.js';
import { openPostgres } from './dialects/postgres.js';
import { temporaryDatabase, type TemporaryDatabase } from '../../test/support/sql/temporary-database.js';

let db: TemporaryDatabase;
let driver: SqlDriver;

beforeAll(async () => {
  db = await temporaryDatabase('postgres', 'busy');
  driver = openPostgres(new URL(db.url), { schema: 'public', connectTimeoutMs: 300, queryTimeoutMs: 10_000 });
});
afterAll(async () => {
  await driver?.close();
  await db?.drop();
});

it('fails a query that finds every connection busy as a retryable timeout, and answers once one frees', async () => {
  let free!: () => void;
  const freed = new Promise<void>((resolve) => (free = resolve));
  let inside = 0;
  // Four erasures, each holding its connection inside a transaction.
  const busy = Array.from({ length: 4 }, () =>
    driver.transaction(async (session) => {
      await session.query('SELECT 1');
      inside++;
      await freed;
    }),
  );
  while (inside < 4) await new Promise((resolve) => setTimeout(resolve, 20));

  const error = await driver.query('SELECT 1 AS one').then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectorError);
  expect(error).toMatchObject({ kind: 'timeout', retryable: true, code: 'CONNECTOR_TIMEOUT' });
  expect((error as ConnectorError).message).toMatch(/all of Gardien's 4 connections stayed busy for 300 ms/);

  free();
  await Promise.all(busy);
  expect(await driver.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
});
