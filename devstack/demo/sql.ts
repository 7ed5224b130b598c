/**
 * The demo billing database: a SQLite file of the fictional people who live in
 * the 'sql' system, created on first start and kept afterwards.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createClient, type InValue } from '@libsql/client';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { RegisterConnectorInput } from '../../connectors/sdk/catalog.js';
import type { SqlConfig } from '../../connectors/sql/config.js';
import { type DemoPerson, demoPeopleIn } from './people.js';

const NEWSLETTER = 'newsletter BOOLEAN NOT NULL DEFAULT 1';

const SCHEMA = [
  'CREATE TABLE addresses (id INTEGER PRIMARY KEY, street TEXT NOT NULL, postal_code TEXT, city TEXT NOT NULL, country TEXT NOT NULL)',
  `CREATE TABLE customers (id INTEGER PRIMARY KEY, customer_number TEXT NOT NULL UNIQUE, first_name TEXT NOT NULL, last_name TEXT NOT NULL,
    email TEXT, phone TEXT, company TEXT, language TEXT, notes TEXT, address_id INTEGER REFERENCES addresses(id),
    processing_restricted BOOLEAN NOT NULL DEFAULT 0, created_at TEXT NOT NULL, ${NEWSLETTER})`,
  `CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), ordered_at TEXT NOT NULL,
    product TEXT NOT NULL, amount DECIMAL(10,2) NOT NULL, status TEXT NOT NULL)`,
  `CREATE TABLE invoices (id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, customer_id INTEGER NOT NULL REFERENCES customers(id),
    order_id INTEGER REFERENCES orders(id), billed_name TEXT NOT NULL, billed_email TEXT, total DECIMAL(10,2) NOT NULL, issued_on TEXT NOT NULL)`,
];

const PRODUCTS = ['Annual subscription', 'Onboarding workshop', 'Support pack', 'DPO training day'];

/** How a legacy billing tool would have typed the number in: national format at home, international abroad. */
function legacyPhone(person: DemoPerson): string {
  if (person.phone.startsWith('+33')) return `0${person.phone.slice(3)}`.replace(/(\d\d)(?=\d)/g, '$1 ');
  return parsePhoneNumberFromString(person.phone)?.formatInternational() ?? person.phone;
}

/** Some emails were typed with capitals: lookups must not care. */
function legacyEmail(person: DemoPerson, index: number): string {
  if (index % 2 === 1) return person.email;
  return person.email.replace(/^[^.@]+|(?<=\.)[^.@]+(?=@)/g, (part) => part[0]!.toUpperCase() + part.slice(1));
}

export async function seedDemoSqlite(file: string): Promise<void> {
  if (existsSync(file)) return addNewsletterFlag(file);
  mkdirSync(path.dirname(file), { recursive: true });
  // Written aside and moved in place, so an interrupted first start never leaves half a database.
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const client = createClient({ url: `file:${partial}` });
  try {
    const run = (sql: string, args: InValue[] = []) => client.execute({ sql, args });
    for (const ddl of SCHEMA) await run(ddl);
    for (const [i, person] of demoPeopleIn('sql').entries()) {
      const id = i + 1;
      await run('INSERT INTO addresses VALUES (?, ?, ?, ?, ?)', [id, `${10 + i * 7} ${['rue de la République', 'High Street', 'quai de la Fosse', 'Masarykova', 'rue Oberkampf'][i % 5]}`, `${10000 + id * 1111}`, person.city, person.country]);
      await run('INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 1)', [
        id, `CUST-${1000 + id}`, person.firstName, person.lastName, legacyEmail(person, i), legacyPhone(person), person.company, person.language,
        person.notes.join('\n'), id, `2021-0${1 + i}-1${i} 09:30:00`,
      ]);
      for (let n = 0; n < 2; n++) {
        const orderId = id * 10 + n;
        const amount = (120 + i * 35 + n * 50).toFixed(2);
        await run('INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)', [orderId, id, `2024-0${2 + n}-0${1 + i} 14:00:00`, PRODUCTS[(i + n) % PRODUCTS.length]!, amount, n === 0 ? 'invoiced' : 'open']);
        if (n === 0) {
          const number = person.key === 'peter' ? '2024-118' : `2024-${100 + id}`;
          await run('INSERT INTO invoices VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [orderId, number, id, orderId, `${person.firstName} ${person.lastName}`, person.email, amount, `2024-02-0${1 + i}`]);
        }
      }
    }
  } finally {
    client.close();
  }
  renameSync(partial, file);
}

/** A demo file made before customers had a newsletter flag gets it, so the demo config (which opts out through it) still validates. */
async function addNewsletterFlag(file: string): Promise<void> {
  const client = createClient({ url: `file:${file}` });
  try {
    const columns = await client.execute("SELECT name FROM pragma_table_info('customers')");
    if (!columns.rows.some((c) => c.name === 'newsletter')) await client.execute(`ALTER TABLE customers ADD COLUMN ${NEWSLETTER}`);
  } finally {
    client.close();
  }
}

export const DEMO_SQL_CONNECTOR_NAME = 'billing-db';

export function demoSqlConfig(file: string): SqlConfig {
  return {
    url: `file:${file}`,
    subjects: [
      { table: 'customers', identity: { email: 'email', phone: 'phone', externalId: 'customer_number' }, name: ['first_name', 'last_name'] },
    ],
    categories: { invoices: { billed_name: 'identity', number: 'transaction' }, customers: { company: 'identity' } },
    erasure: {
      invoices: { strategy: 'retain', legalHold: { basis: 'Invoices are kept 10 years (French Commercial Code, art. L123-22)', retainForDays: 3650 } },
    },
    restriction: { customers: 'processing_restricted' },
    optOut: { customers: { newsletter: false } },
  };
}

/** What `npm start` registers for the demo billing database. */
export function demoSqlConnectorInput(file: string): RegisterConnectorInput {
  return { kind: 'sql', name: DEMO_SQL_CONNECTOR_NAME, config: demoSqlConfig(file), secrets: null };
}
