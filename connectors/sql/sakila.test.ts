import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SampleDatabase, loadSakila, rentalConnectorConfig, samplePresence } from '../../test/support/sql/sample-data.js';
import { runConformanceSuite } from '../sdk/testkit/conformance.js';
import { collect } from '../sdk/testkit/expectations.js';
import type { SqlConnector } from './connector.js';
import { openSqlConnector } from '../../test/support/sql/connector.js';

const sakila = samplePresence('sakila');
let loading: Promise<SampleDatabase> | undefined;
/** One Sakila per file: each suite below works on different customers. */
const database = () =>
  (loading ??= loadSakila(sakila).then((db) => {
    console.log(`Sakila loaded into MariaDB in ${db.loadMs} ms`);
    return db;
  }));
afterAll(async () => {
  if (loading) await (await loading).drop();
});

async function count(sql: string): Promise<number> {
  const connection = await mysql.createConnection((await database()).url);
  try {
    const [rows] = await connection.query(sql);
    return Number((rows as { n: number }[])[0]!.n);
  } finally {
    await connection.end();
  }
}

describe.runIf(sakila.present)('Sakila on MariaDB', () => {
  let connector: SqlConnector;
  beforeAll(async () => {
    connector = await openSqlConnector(rentalConnectorConfig((await database()).url), {}, 'rentals');
  }, 120_000);
  afterAll(() => connector?.close());

  it("finds Mary Smith's customer row, address, rentals and payments from a lower-case email", async () => {
    const refs = await connector.locate({ email: 'mary.smith@sakilacustomer.org' });
    const ids = (object: string) => refs.filter((r) => r.object === object).map((r) => r.id);
    expect(refs).toContainEqual({ object: 'customer', id: '1', matchedOn: 'email' });
    expect(ids('address')).toEqual(['5']);
    expect(ids('rental')).toHaveLength(await count('SELECT count(*) AS n FROM rental WHERE customer_id = 1'));
    expect(ids('payment')).toHaveLength(await count('SELECT count(*) AS n FROM payment WHERE customer_id = 1'));

    const records = await collect(connector.read(refs));
    expect(records.find((r) => r.ref.object === 'customer')!.fields).toMatchObject({ first_name: 'MARY', email: 'MARY.SMITH@sakilacustomer.org', active: 1 });
    const payment = records.find((r) => r.ref.object === 'payment')!.fields;
    expect(payment.amount).toMatch(/^\d+\.\d\d$/);
    expect(payment.payment_date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });

  it('describes each field with its data category', async () => {
    const description = await connector.describe();
    const category = (object: string, field: string) => description.objects.find((o) => o.name === object)?.fields.find((f) => f.name === field)?.category;
    expect(category('customer', 'email')).toBe('contact');
    expect(category('customer', 'last_name')).toBe('identity');
    expect(category('address', 'postal_code')).toBe('location');
    expect(category('payment', 'amount')).toBe('financial');
    expect(description.objects.map((o) => o.name).sort()).toEqual(['address', 'customer', 'payment', 'rental']);
  });

  it('keeps payments under the legal hold and anonymises the customer and address they point at', async () => {
    const outcomes = await connector.erase(await connector.locate({ email: 'barbara.jones@sakilacustomer.org' }), {});
    const actions = (object: string) => new Set(outcomes.filter((o) => o.ref.object === object).map((o) => o.action));
    expect(actions('payment')).toEqual(new Set(['retained']));
    expect(actions('customer')).toEqual(new Set(['anonymised']));
    expect(actions('address')).toEqual(new Set(['anonymised']));
    expect(await count("SELECT count(*) AS n FROM customer WHERE customer_id = 4 AND email IS NULL AND last_name LIKE 'erased-%'")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM address a JOIN city c USING (city_id) WHERE a.address_id = 8 AND a.phone LIKE 'erased-%' AND a.city_id = 349")).toBe(1);
  });
});

describe.runIf(sakila.present)('Sakila', () => {
  runConformanceSuite({
    name: 'sql on MariaDB (Sakila)',
    timeoutMs: 120_000,
    async setup() {
      return {
        connector: await openSqlConnector(rentalConnectorConfig((await database()).url), {}, 'rentals'),
        identity: { email: 'patricia.johnson@sakilacustomer.org' },
        bystander: { email: 'linda.williams@sakilacustomer.org' },
        expectedObjects: ['customer', 'address', 'rental', 'payment'],
        cleanup: async () => undefined,
      };
    },
  });
});
