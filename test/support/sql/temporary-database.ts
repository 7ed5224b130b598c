/** Test-only: a uniquely named PostgreSQL or MariaDB database (test/support/stack/db.ts), with its own drop. */
import {
  createMariaDatabase, createPostgresDatabase, dropMariaDatabase, dropPostgresDatabase, uniqueName,
} from '../stack/db.js';

export interface TemporaryDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function temporaryDatabase(dialect: 'postgres' | 'mysql', purpose: string): Promise<TemporaryDatabase> {
  const name = uniqueName(`gardien_${purpose}`);
  if (dialect === 'postgres') {
    const db = await createPostgresDatabase(name);
    return { ...db, drop: () => dropPostgresDatabase(name) };
  }
  const db = await createMariaDatabase(name);
  return { ...db, drop: () => dropMariaDatabase(name) };
}
