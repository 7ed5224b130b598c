import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SampleDatabase, loadPagila, rentalConnectorConfig, samplePresence } from '../../test/support/sql/sample-data.js';
import { runConformanceSuite } from '../sdk/testkit/conformance.js';
import { collect } from '../sdk/testkit/expectations.js';
import type { SqlConnector } from './connector.js';
import { openSqlConnector } from '../../test/support/sql/connector.js';

const pagila = samplePresence('pagila');
let loading: Promise<SampleDatabase> | undefined;
/** One Pagila per file: each suite below works on different customers. */
const database = () =>
  (loading ??= loadPagila(pagila).then((db) => {
    console.log(`Pagila loaded into PostgreSQL in ${db.loadMs} ms`);
    return db;
  }));
afterAll(async () => {
  if (loading) await (await loading).drop();
});

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const client = new pg.Client({ connectionString: (await database()).url });
  await client.connect();
  try {
    return Number((await client.query(sql, params)).rows[0].n);
  } finally {
    await client.end();
  }
}

describe.runIf(pagila.present)('Pagila on PostgreSQL', () => {
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
    expect(new Set(refs.map((r) => r.object))).toEqual(new Set(['customer', 'address', 'rental', 'payment']));

    const records = await collect(connector.read(refs));
    const customer = records.find((r) => r.ref.object === 'customer')!;
    expect(customer.fields).toMatchObject({ first_name: 'MARY', last_name: 'SMITH', email: 'MARY.SMITH@sakilacustomer.org' });
    const payment = records.find((r) => r.ref.object === 'payment')!;
    expect(payment.fields.amount).toMatch(/^\d+\.\d\d$/);
    // Every digit kept (microseconds): the payment's key includes its date.
    expect(payment.fields.payment_date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });

  it('describes each field with its data category, and shared reference tables not at all', async () => {
    const description = await connector.describe();
    const category = (object: string, field: string) => description.objects.find((o) => o.name === object)?.fields.find((f) => f.name === field)?.category;
    expect(category('customer', 'email')).toBe('contact');
    expect(category('customer', 'first_name')).toBe('identity');
    expect(category('address', 'phone')).toBe('contact');
    expect(category('address', 'address')).toBe('location');
    expect(category('payment', 'amount')).toBe('financial');
    expect(category('rental', 'rental_date')).toBe('transaction');
    expect(description.objects.map((o) => o.name).sort()).toEqual(['address', 'customer', 'payment', 'rental']);
    expect(description.objects.find((o) => o.name === 'customer')!.erasure.strategy).toBe('anonymise');
  });

  it('finds a customer by the phone stored, without its +, on their address', async () => {
    // Margaret Moore's address holds 380657522649: a Ukrainian number written without the leading +.
    const refs = await connector.locate({ phone: '+380657522649' });
    expect(refs).toContainEqual({ object: 'customer', id: '9', matchedOn: 'phone' });
  });

  it('keeps payments under the legal hold: rentals and customer stay, anonymised', async () => {
    const payments = 'SELECT count(*) AS n FROM payment WHERE customer_id = 5 AND amount > 0';
    const before = await count(payments);
    const outcomes = await connector.erase(await connector.locate({ email: 'elizabeth.brown@sakilacustomer.org' }), {});
    const actions = (object: string) => new Set(outcomes.filter((o) => o.ref.object === object).map((o) => o.action));
    expect(actions('payment')).toEqual(new Set(['retained']));
    // Every Pagila rental has a payment: the rentals stay, and hold nothing personal.
    expect(actions('rental')).toEqual(new Set(['anonymised']));
    expect(actions('customer')).toEqual(new Set(['anonymised']));
    expect(await count(payments)).toBe(before);
    expect(await count("SELECT count(*) AS n FROM customer WHERE customer_id = 5 AND email IS NULL AND first_name LIKE 'erased-%'")).toBe(1);
    expect(await connector.locate({ email: 'elizabeth.brown@sakilacustomer.org' })).toEqual([]);
  });

  it('leaves an address a store or a staff member also uses out of the person\'s data', async () => {
    // Elizabeth's address 9 is also a staff member's: it is neither returned nor erased.
    expect(await count("SELECT count(*) AS n FROM address WHERE address_id = 9 AND phone NOT LIKE 'erased-%'")).toBe(1);
    const refs = await connector.locate({ email: 'barbara.jones@sakilacustomer.org' });
    expect(refs.map((r) => r.object)).not.toContain('address');
  });

  it('without a legal hold deletes payments, rentals and the customer, children first', async () => {
    const stores = await count('SELECT count(*) AS n FROM store');
    const refs = await connector.locate({ email: 'barbara.jones@sakilacustomer.org' });
    const plan = { objects: { payment: { strategy: 'delete' as const } } };
    const outcomes = await connector.erase(refs, plan);
    expect(new Set(outcomes.map((o) => o.action))).toEqual(new Set(['deleted']));
    expect(await count('SELECT count(*) AS n FROM rental WHERE customer_id = 4')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM customer WHERE customer_id = 4')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM address WHERE address_id = 8')).toBe(1);
    expect(await count('SELECT count(*) AS n FROM store')).toBe(stores);
    expect(new Set((await connector.erase(refs, plan)).map((o) => o.action))).toEqual(new Set(['already_absent']));
  });
});

describe.runIf(pagila.present)('Pagila', () => {
  runConformanceSuite({
    name: 'sql on PostgreSQL (Pagila)',
    timeoutMs: 120_000,
    async setup() {
      return {
        connector: await openSqlConnector(rentalConnectorConfig((await database()).url), {}, 'rentals'),
        // Runs after the suite above, which only reads Mary's data.
        identity: { email: 'mary.smith@sakilacustomer.org' },
        bystander: { email: 'patricia.johnson@sakilacustomer.org' },
        expectedObjects: ['customer', 'address', 'rental', 'payment'],
        cleanup: async () => undefined,
      };
    },
  });
});
