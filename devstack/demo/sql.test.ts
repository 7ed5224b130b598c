import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalisePhone } from '../../core/identity.js';
import { collect } from '../../connectors/sdk/testkit/expectations.js';
import type { SqlConnector } from '../../connectors/sql/connector.js';
import { sqlPlugin } from '../../connectors/sql/plugin.js';
import { openSqlConnector } from '../../test/support/sql/connector.js';
import { demoPeopleIn } from './people.js';
import { demoSqlConnectorInput, seedDemoSqlite } from './sql.js';

describe('the demo billing database', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gardien-demo-'));
  const file = path.join(dir, 'demo', 'billing.db');
  let connector: SqlConnector;
  beforeAll(async () => {
    await seedDemoSqlite(file);
    connector = await openSqlConnector(demoSqlConnectorInput(file).config, {}, 'billing-db');
  });
  afterAll(async () => {
    await connector?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers as a valid sql connector input', () => {
    const input = demoSqlConnectorInput(file);
    expect(input).toMatchObject({ kind: 'sql', name: 'billing-db' });
    expect(sqlPlugin.configSchema.safeParse(input.config).success).toBe(true);
  });

  it('holds every demo person of the sql system, found by email, phone and customer number', async () => {
    for (const person of demoPeopleIn('sql')) {
      const refs = await connector.locate({ email: person.email });
      expect(refs.filter((r) => r.object === 'customers'), person.key).toHaveLength(1);
      const phone = normalisePhone(person.phone);
      expect(phone, person.key).toBe(person.phone);
      expect(await connector.locate({ phone: phone! }), person.key).toContainEqual({ ...refs[0], matchedOn: 'phone' });
    }
    expect(await connector.locate({ externalId: 'CUST-1001' })).toContainEqual({ object: 'customers', id: '1', matchedOn: 'externalId' });
    expect(await connector.locate({ email: 'amina.benali@example.fr' })).toEqual([]);
  });

  it("shows Camille's customer row, address, orders and invoice", async () => {
    const records = await collect(connector.read(await connector.locate({ email: 'camille.durand@example.fr' })));
    expect(records.map((r) => r.ref.object).sort()).toEqual(['addresses', 'customers', 'invoices', 'orders', 'orders']);
    expect(records.find((r) => r.ref.object === 'customers')!.fields).toMatchObject({ first_name: 'Camille', email: 'Camille.Durand@example.fr', phone: '06 12 34 56 78' });
  });

  it('keeps invoices under a legal hold when a person is erased', async () => {
    const outcomes = await connector.erase(await connector.locate({ email: 'peter.novak@example.com' }), {});
    const invoice = outcomes.find((o) => o.ref.object === 'invoices')!;
    expect(invoice.action).toBe('retained');
    expect(invoice.legalHold?.basis).toMatch(/Commercial Code/);
    expect(outcomes.find((o) => o.ref.object === 'customers')!.action).toBe('anonymised');
  });

  it('opts a customer out of the newsletter; a demo file from before the flag gets it on the next start', async () => {
    const outcomes = await connector.optOut(await connector.locate({ email: 'camille.durand@example.fr' }));
    expect(outcomes.filter((o) => o.optedOut).map((o) => `${o.ref.object}: ${o.detail}`)).toEqual(['customers: set newsletter = false']);
    const client = createClient({ url: `file:${file}` });
    const newsletter = async () => (await client.execute("SELECT newsletter FROM customers WHERE email LIKE 'camille.durand@%' COLLATE NOCASE")).rows.map((r) => r.newsletter);
    expect(await newsletter()).toEqual([0]);
    await client.execute('ALTER TABLE customers DROP COLUMN newsletter');
    await seedDemoSqlite(file);
    expect(await newsletter()).toEqual([1]);
    client.close();
  });

  it('is created once: a second start keeps its data', async () => {
    await seedDemoSqlite(file);
    const client = createClient({ url: `file:${file}` });
    const rows = await client.execute("SELECT count(*) AS n FROM customers WHERE first_name LIKE 'erased-%'");
    client.close();
    expect(rows.rows[0]!.n).toBe(1);
  });
});
