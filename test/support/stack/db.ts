/** Throw-away databases for tests: PostgreSQL and MariaDB on this machine, MongoDB on the shared test FerretDB. */
import { randomBytes } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import mysql from 'mysql2/promise';
import pg from 'pg';

const POSTGRES_ADMIN_URL = process.env.POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MARIADB_ADMIN_URL = process.env.MARIADB_ADMIN_URL ?? 'mysql://root@127.0.0.1:3306';

export interface TestDatabase {
  name: string;
  /** Connection URL without password (trust auth / empty root password locally). */
  url: string;
}

/** `prefix_<time>_<random>`: lower case, a valid identifier in PostgreSQL, MariaDB and MongoDB, unique across parallel runs. */
export function uniqueName(prefix: string): string {
  const clean = prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 30);
  return `${clean}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

function assertIdentifier(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a safe database name: ${name} (use uniqueName())`);
}

export async function createPostgresDatabase(name: string): Promise<TestDatabase> {
  assertIdentifier(name);
  await withPostgres((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return { name, url: url.href };
}

export async function dropPostgresDatabase(name: string): Promise<void> {
  assertIdentifier(name);
  await withPostgres((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function createMariaDatabase(name: string): Promise<TestDatabase> {
  assertIdentifier(name);
  await withMaria((connection) => connection.query(`CREATE DATABASE \`${name}\``));
  const url = new URL(MARIADB_ADMIN_URL);
  url.pathname = `/${name}`;
  return { name, url: url.href };
}

export async function dropMariaDatabase(name: string): Promise<void> {
  assertIdentifier(name);
  await withMaria((connection) => connection.query(`DROP DATABASE IF EXISTS \`${name}\``));
}

export interface MongoTestDb {
  uri: string;
  name: string;
  client: MongoClient;
  db: Db;
  /** Drops the database and closes the client. */
  drop(): Promise<void>;
}

/** A fresh database on the test stack's MongoDB-protocol server (FerretDB unless MONGODB_URI says otherwise). */
export async function mongoTestDb(prefix = 'test'): Promise<MongoTestDb> {
  // Imported lazily: benchmarks use the SQL helpers here outside vitest.
  const uri = process.env.MONGODB_URI ?? (await import('vitest')).inject('mongodbUri');
  const name = uniqueName(prefix);
  const client = await MongoClient.connect(uri);
  const db = client.db(name);
  return {
    uri,
    name,
    client,
    db,
    async drop() {
      try {
        await db.dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}

async function withPostgres<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function withMaria<T>(use: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await mysql.createConnection(MARIADB_ADMIN_URL);
  try {
    return await use(connection);
  } finally {
    await connection.end();
  }
}
