/** Test-only: the legacy fixture schema in a fresh PostgreSQL or MariaDB database. */
import mysql from 'mysql2/promise';
import pg from 'pg';
import { createLegacySchema } from '../../fixtures/legacy-schema.js';
import { type TemporaryDatabase, temporaryDatabase } from './temporary-database.js';

/** `?` placeholders as PostgreSQL's `$1`, `$2`… */
function numbered(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

export async function legacyPostgres(): Promise<TemporaryDatabase> {
  const db = await temporaryDatabase('postgres', 'legacy');
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await createLegacySchema((sql, params) => client.query(numbered(sql), params), 'postgres');
  } finally {
    await client.end();
  }
  return db;
}

export async function legacyMysql(): Promise<TemporaryDatabase> {
  const db = await temporaryDatabase('mysql', 'legacy');
  const connection = await mysql.createConnection(db.url);
  try {
    await createLegacySchema((sql, params) => connection.query(sql, params), 'mysql');
  } finally {
    await connection.end();
  }
  return db;
}
