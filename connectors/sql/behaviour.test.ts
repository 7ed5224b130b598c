import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../core/errors.js';
import { LEGACY_BYSTANDER, LEGACY_HOUSEHOLD_MEMBER, LEGACY_SUBJECT, legacyConnectorConfig } from '../../test/fixtures/legacy-schema.js';
import { collect } from '../sdk/testkit/expectations.js';
import type { SqlConnector } from './connector.js';
import { type LegacySqlite, legacySqlite } from '../../test/support/sql/sqlite.js';
import { sqlPlugin } from './plugin.js';
import { openSqlConnector } from '../../test/support/sql/connector.js';

let db: LegacySqlite;
let connector: SqlConnector;
beforeEach(async () => {
  db = await legacySqlite();
  connector = await openSqlConnector(legacyConnectorConfig(db.url));
});
afterEach(async () => {
  await connector.close();
  db.remove();
});

const rows = async (sql: string) => (await db.client.execute(sql)).rows.map((r) => ({ ...r }));

describe('following foreign keys', () => {
  it('does not hand out an address shared with another household member', async () => {
    const refs = await connector.locate(LEGACY_BYSTANDER);
    expect(refs.map((r) => r.object).sort()).toEqual(['invoices', 'order_lines', 'orders', 'people']);
  });

  it('matches messy phone numbers and international prefixes after normalising them', async () => {
    expect(await connector.locate({ phone: '+33612345678' })).toContainEqual({ object: 'people', id: '1', matchedOn: 'phone' });
    expect(await connector.locate(LEGACY_HOUSEHOLD_MEMBER)).toContainEqual({ object: 'people', id: '3', matchedOn: 'phone' });
    expect(await connector.locate({ phone: '+33612345670' })).toEqual([]);
  });

  it('ignores an external id meant for another system', async () => {
    expect(await connector.locate({ externalId: 'C-1001', externalSystem: 'salesforce' })).toEqual([]);
    expect(await connector.locate({ externalId: 'C-1001', externalSystem: 'sql-under-test' })).toContainEqual({ object: 'people', id: '1', matchedOn: 'externalId' });
  });

  it('never describes reference data (countries, products) as personal', async () => {
    const objects = (await connector.describe()).objects.map((o) => o.name);
    expect(objects).not.toContain('countries');
    expect(objects).not.toContain('products');
  });
});

describe('erasure', () => {
  it('deletes everything of the person when no legal hold applies, and nothing of anyone else', async () => {
    const refs = await connector.locate(LEGACY_SUBJECT);
    const outcomes = await connector.erase(refs, { objects: { invoices: { strategy: 'delete' } } });
    expect(outcomes.every((o) => o.action === 'deleted')).toBe(true);
    expect(await rows('SELECT id FROM people ORDER BY id')).toEqual([{ id: 2 }, { id: 3 }]);
    expect(await rows('SELECT id FROM addresses')).toEqual([{ id: 2 }]);
    expect(await rows('SELECT count(*) AS n FROM products')).toEqual([{ n: 2 }]);
    expect(await rows('PRAGMA foreign_key_check')).toEqual([]);
  });

  it('keeps invoices under the legal hold and anonymises what they point at', async () => {
    const outcomes = await connector.erase(await connector.locate(LEGACY_SUBJECT), {});
    const action = (object: string, id: string) => outcomes.find((o) => o.ref.object === object && o.ref.id === id)?.action;
    expect(action('invoices', '1000')).toBe('retained');
    expect(action('orders', '10')).toBe('anonymised');
    expect(action('orders', '11')).toBe('deleted');
    expect(action('people', '1')).toBe('anonymised');
    expect(await rows('SELECT billed_name, billed_phone FROM invoices WHERE id = 1000')).toEqual([{ billed_name: 'Aurélie Marchand', billed_phone: null }]);
    const [person] = await rows('SELECT first_name, email, phone, notes, customer_number FROM people WHERE id = 1');
    expect(person).toMatchObject({ email: null, phone: null, notes: null });
    expect(String(person!.first_name)).toMatch(/^erased-/);
    expect(await rows('PRAGMA foreign_key_check')).toEqual([]);
  });
});

describe('rectification and restriction', () => {
  it('rectifies personal columns and refuses to touch keys', async () => {
    const outcome = await connector.rectify({ object: 'people', id: '1' }, [
      { object: 'people', field: 'last_name', value: 'Marchand-Leroy' },
      { object: 'people', field: 'address_id', value: 2 },
      { object: 'people', field: 'shoe_size', value: 42 },
    ]);
    expect(outcome.applied).toEqual(['last_name']);
    expect(outcome.skipped.map((s) => s.field)).toEqual(['address_id', 'shoe_size']);
    expect(await rows('SELECT last_name, address_id FROM people WHERE id = 1')).toEqual([{ last_name: 'Marchand-Leroy', address_id: 1 }]);
  });

  it('restricts through the configured column and says where it cannot', async () => {
    const outcomes = await connector.restrict([{ object: 'people', id: '1' }, { object: 'orders', id: '10' }], true);
    expect(outcomes.map((o) => o.restricted)).toEqual([true, false]);
    expect(outcomes[1]).toMatchObject({ changed: false, detail: expect.stringMatching(/no restriction column is configured for orders/) });
    expect(await rows('SELECT restricted FROM people WHERE id = 1')).toEqual([{ restricted: 1 }]);
  });
});

describe('opt-out (objection to direct marketing)', () => {
  /** Counts the UPDATEs the database really ran on people, whoever issued them. */
  const countWrites = async () => {
    await db.client.execute('CREATE TABLE people_writes (id INTEGER)');
    await db.client.execute('CREATE TRIGGER people_written AFTER UPDATE ON people BEGIN INSERT INTO people_writes VALUES (new.id); END');
    return async () => (await rows('SELECT id FROM people_writes ORDER BY id')).map((r) => r.id);
  };

  it('clears the newsletter flag on the person, says the other tables hold none, and writes nothing the second time', async () => {
    const writes = await countWrites();
    const refs = await connector.locate(LEGACY_SUBJECT);
    const outcomes = await connector.optOut(refs);
    expect(outcomes.map((o) => o.ref)).toEqual(refs);
    expect(outcomes.filter((o) => o.optedOut)).toEqual([{ ref: { object: 'people', id: '1', matchedOn: expect.any(String) }, optedOut: true, changed: true, detail: 'set newsletter = false' }]);
    expect(outcomes.find((o) => o.ref.object === 'orders')!.detail).toBe('no opt-out column is configured for orders');
    expect(await rows('SELECT id, newsletter FROM people ORDER BY id')).toEqual([{ id: 1, newsletter: 0 }, { id: 2, newsletter: 1 }, { id: 3, newsletter: 0 }]);
    expect(await writes()).toEqual([1]);

    const again = await connector.optOut(refs);
    expect(again.map((o) => o.optedOut)).toEqual(outcomes.map((o) => o.optedOut));
    expect(again.find((o) => o.ref.object === 'people')).toMatchObject({ changed: false, detail: 'already opted out (newsletter = false)' });
    expect(await writes()).toEqual([1]);
  });

  it('reports a row deleted since the lookup instead of failing', async () => {
    const writes = await countWrites();
    await db.client.execute('DELETE FROM people WHERE id = 3');
    expect(await connector.optOut([{ object: 'people', id: '3' }])).toEqual([{ ref: { object: 'people', id: '3' }, optedOut: false, detail: 'the record no longer exists' }]);
    expect(await writes()).toEqual([]);
  });

  it('lists opt_out only when a table is configured for it', async () => {
    expect((await connector.describe()).capabilities).toContain('opt_out');
    const { optOut: _optOut, ...rest } = legacyConnectorConfig(db.url);
    const without = await openSqlConnector(rest, {}, 'sql-without-opt-out');
    expect((await without.describe()).capabilities).not.toContain('opt_out');
    expect(await without.optOut([{ object: 'people', id: '1' }])).toEqual([{ ref: { object: 'people', id: '1' }, optedOut: false, detail: 'no opt-out column is configured for people' }]);
    await without.close();
  });
});

describe('bad configuration', () => {
  const rejection = async (config: unknown) => {
    const error = await openSqlConnector(config).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    return error as ConnectorError;
  };

  it('names an unknown table and suggests the right one', async () => {
    const error = await rejection({ url: db.url, subjects: [{ table: 'peple', identity: { email: 'email' } }] });
    expect(error.kind).toBe('configuration');
    expect(error.message).toMatch(/table "peple" does not exist in .*legacy\.db \(did you mean "people"\?\)/);
  });

  it('names an unknown column and an unrelated identity table', async () => {
    const error = await rejection({ url: db.url, subjects: [{ table: 'people', identity: { email: 'mail', phone: 'products.name' } }] });
    expect(error.message).toMatch(/column "mail" does not exist in table "people" \(did you mean "email"\?\)/);
    expect(error.message).toMatch(/no foreign key joins "people" and "products"/);
  });

  it('names what is wrong in an opt-out config: unknown table or column, a key, a value the column cannot hold, an unrelated table', async () => {
    const base = { url: db.url, subjects: [{ table: 'people', identity: { email: 'email' } }] };
    const error = await rejection({ ...base, optOut: { peple: { newsletter: false }, people: { newsleter: false, id: 0, newsletter: 'no', notes: null, birth_date: false } } });
    expect(error.kind).toBe('configuration');
    expect(error.message.split('; ')).toEqual([
      'optOut.peple: table "peple" does not exist in ' + db.file + ' (did you mean "people"?)',
      'optOut.people.newsleter: column "newsleter" does not exist in table "people" (did you mean "newsletter"?)',
      'optOut.people.id: "id" is a key column of "people", not a marketing flag',
      'optOut.people.newsletter: column "newsletter" is boolean: give true or false',
      'optOut.people.birth_date: column "birth_date" is DATE: give the value as text',
    ]);
    expect((await rejection({ ...base, optOut: { products: { name: 'none' } } })).message).toBe('optOut.products: table "products" is not related to any subject table (within maxDepth 3)');
    expect(sqlPlugin.configSchema.safeParse({ ...base, optOut: { people: {} } }).error?.issues[0]?.message).toMatch(/name at least one column/);
  });

  it('refuses a database file that does not exist instead of creating it', async () => {
    const error = await rejection({ url: `${db.url}.typo`, subjects: [{ table: 'people', identity: { email: 'email' } }] });
    expect(error.message).toMatch(/legacy\.db\.typo does not exist/);
  });

  it('refuses a password in the URL, pointing at secrets', () => {
    const parsed = sqlPlugin.configSchema.safeParse({ url: 'postgres://app:hunter2@db.internal/billing', subjects: [{ table: 'people', identity: { email: 'email' } }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/secrets\.password/);
  });

  it('requires a legal basis to retain, and accepts table.column category overrides', () => {
    const base = { url: db.url, subjects: [{ table: 'people', identity: { email: 'email' } }] };
    expect(sqlPlugin.configSchema.safeParse({ ...base, erasure: { invoices: { strategy: 'retain' } } }).success).toBe(false);
    const parsed = sqlPlugin.configSchema.parse({ ...base, categories: { 'invoices.billed_name': 'identity' } });
    expect(parsed.categories).toEqual({ invoices: { billed_name: 'identity' } });
  });
});

it('reads JSON-safe records in the order of the refs', async () => {
  const records = await collect(connector.read([{ object: 'invoices', id: '1000' }, { object: 'people', id: '1' }]));
  expect(records.map((r) => r.ref.object)).toEqual(['invoices', 'people']);
  expect(records[1]!.fields).toMatchObject({ email: 'Aurelie.Marchand@Example.FR', birth_date: '1984-05-17' });
});
