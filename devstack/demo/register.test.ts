import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServices, type TestServices } from '../../test/support/gateway/services.js';
import { seedDemoRegister } from './register.js';
import { demoSqlConnectorInput, seedDemoSqlite } from './sql.js';

describe('the demo register npm start seeds', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gardien-demo-register-'));
  let services: TestServices;
  beforeAll(async () => {
    services = await startTestServices();
    const file = path.join(dir, 'billing.sqlite');
    await seedDemoSqlite(file);
    await services.catalog.register(demoSqlConnectorInput(file));
  });
  afterAll(async () => {
    await services?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records the controller and the five templates, and maps the demo systems’ objects to them', async () => {
    const lines = await seedDemoRegister(services.register, services.catalog, ['billing-db'], 'dpo@gardien.local');
    expect(lines).toContain('demo register: mapped billing-db (4 of 4 objects)');
    expect((await services.register.controller())).toMatchObject({ name: 'Gardien Démo SAS', set: true, dpo: { email: 'dpo@gardien.local' } });
    const doc = await services.register.document();
    const held = Object.fromEntries(doc.entries.map((e) => [e.processing.reference, e.holdings.map((h) => h.object).sort()]));
    expect(held).toEqual({
      'TRT-CLIENTS': ['addresses', 'customers', 'orders'],
      'TRT-COMPTA': ['invoices', 'orders'],
      'TRT-PROSPECTION': ['addresses', 'customers'],
      'TRT-RECRUTEMENT': [],
      'TRT-SAV': [],
    });
    expect(doc.gaps.map((g) => g.kind)).toEqual(expect.arrayContaining(['transfer_without_safeguard', 'processor_without_contract']));
  });

  it('changes nothing the DPO wrote when npm start runs again', async () => {
    const compta = await services.register.get('TRT-COMPTA');
    await services.register.update({ sub: 'dpo@local', role: 'dpo' }, compta.id, compta.version, { source: 'Logiciel comptable Sage' });
    expect(await seedDemoRegister(services.register, services.catalog, ['billing-db'], 'dpo@gardien.local')).toEqual(['demo register already seeded']);
    expect((await services.register.get('TRT-COMPTA')).source).toBe('Logiciel comptable Sage');
    expect(await services.register.list()).toHaveLength(5);
  });
});
