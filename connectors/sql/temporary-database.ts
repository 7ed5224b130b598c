/** Test-only stand-in until test/support/db.ts lands: a uniquely named database, dropped afterwards. */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';

export interface TemporaryDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

const POSTGRES = 'postgres://postgres@127.0.0.1:5432';
const MYSQL = 'mysql://root@127.0.0.1:3306';

export async function temporaryDatabase(dialect: 'postgres' | 'mysql', purpose: string): Promise<TemporaryDatabase> {
  const name = `gardien_${purpose}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    if (dialect === 'postgres') {
      const client = new pg.Client({ connectionString: `${POSTGRES}/postgres` });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    } else {
      const connection = await mysql.createConnection(MYSQL);
      await connection.query(sql).finally(() => connection.end());
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  return {
    name,
    url: `${dialect === 'postgres' ? POSTGRES : MYSQL}/${name}`,
    drop: () => admin(dialect === 'postgres' ? `DROP DATABASE IF EXISTS ${name} WITH (FORCE)` : `DROP DATABASE IF EXISTS ${name}`),
  };
}
