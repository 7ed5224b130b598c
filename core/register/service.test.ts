import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStorage } from '../../test/support/workflows/harness.js';
import type { Actor } from '../actor.js';
import { AuditTrail } from '../audit.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { AuditRepository } from '../storage/audit.js';
import { ProcessingRegister, VersionConflictError } from './service.js';
import type { RegisterSystems, SystemSnapshot } from './systems.js';
import { ProcessingStore } from './store.js';

const dpo: Actor = { sub: 'claire@boutique.example', role: 'dpo' };
const it_: Actor = { sub: 'marc@boutique.example', role: 'it' };

const shop: SystemSnapshot = {
  connectorId: 'conn_shop',
  name: 'boutique',
  kind: 'sql',
  enabled: true,
  source: 'stored',
  objects: [
    { name: 'client', fields: [{ name: 'email', category: 'contact' }, { name: 'nom', category: 'identity' }] },
    { name: 'commande', fields: [{ name: 'montant', category: 'financial' }] },
  ],
};
const systems: RegisterSystems = {
  find: async (idOrName) => ([shop.connectorId, shop.name].includes(idOrName) ? shop : null),
  describeAll: async () => [shop],
};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => null, (error: unknown) => error);
}

describe('the processing register on FerretDB', () => {
  let storage: Awaited<ReturnType<typeof openTestStorage>>;
  let audit: AuditTrail;
  let register: ProcessingRegister;

  beforeAll(async () => {
    storage = await openTestStorage();
    const store = new ProcessingStore(storage);
    const auditRepository = new AuditRepository(storage);
    await Promise.all([store.ensureIndexes(), auditRepository.ensureIndexes()]);
    audit = new AuditTrail(auditRepository, { kid: 'k1', key: randomBytes(32) });
    register = new ProcessingRegister(store, audit, systems, { dpoEmail: 'dpo@boutique.example' });
  });
  afterAll(() => storage?.drop());

  it('creates a processing from a template, changes it into a new version, and keeps every version readable', async () => {
    const created = await register.create(dpo, { template: 'accounting', processing: { reference: 'COMPTA-1' } });
    expect(created).toMatchObject({ version: 1, status: 'active', template: 'accounting', reference: 'COMPTA-1', legalBasis: { basis: 'legal_obligation' }, change: 'created' });
    const changed = await register.update(dpo, created.id, 1, { source: 'Logiciel de facturation', transfers: [] });
    expect(changed).toMatchObject({ version: 2, source: 'Logiciel de facturation', reference: 'COMPTA-1', createdAt: created.createdAt, change: 'updated' });
    expect((await register.history(created.id)).map((v) => [v.version, v.source])).toEqual([
      [1, 'Commandes et paiements des clients'],
      [2, 'Logiciel de facturation'],
    ]);
    expect((await register.get('COMPTA-1')).version).toBe(2);
    expect((await register.get(created.id, 1)).source).toBe('Commandes et paiements des clients');
    expect(await rejection(register.get('proc_nothere'))).toBeInstanceOf(NotFoundError);
  });

  it('refuses a change based on an old version, and lets exactly one of many parallel changes of the same version through', async () => {
    const p = await register.create(dpo, { template: 'prospecting' });
    await register.update(dpo, p.id, 1, { source: 'Salons' });
    const stale = await rejection(register.update(dpo, p.id, 1, { source: 'Site web' }));
    expect(stale).toBeInstanceOf(VersionConflictError);
    expect(stale).toMatchObject({ basedOn: 1, currentVersion: 2 });

    const attempts = await Promise.allSettled(Array.from({ length: 16 }, (_, i) => register.update(dpo, p.id, 2, { source: `Écrit par l’onglet ${i}` })));
    const written = attempts.filter((a) => a.status === 'fulfilled');
    expect(written).toHaveLength(1);
    for (const a of attempts) if (a.status === 'rejected') expect(a.reason).toBeInstanceOf(VersionConflictError);
    const history = await register.history(p.id);
    expect(history.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(history[2]!.source).toBe((written[0] as PromiseFulfilledResult<{ source: string }>).value.source);
  });

  it('archives and restores as versions; an archived processing is neither changed nor mapped', async () => {
    const p = await register.create(dpo, { processing: { name: { fr: 'Vidéosurveillance' }, purposes: [{ fr: 'Sécurité des locaux' }] } });
    const archived = await register.setArchived(dpo, p.id, 1, true);
    expect(archived).toMatchObject({ version: 2, status: 'archived', change: 'archived' });
    expect((await register.list({ status: 'active' })).some((x) => x.id === p.id)).toBe(false);
    expect(await rejection(register.update(dpo, p.id, 2, { source: 'x' }))).toBeInstanceOf(ValidationError);
    const mapping = (await rejection(register.map(it_, { connector: 'boutique', object: 'client', processing: p.id }))) as ValidationError;
    expect(mapping.problems).toEqual([{ path: 'processing', message: 'archived' }]);
    expect((await register.setArchived(dpo, p.id, 2, false)).status).toBe('active');
  });

  it('maps objects and fields by connector name and processing reference, checks them against the description, and unmaps', async () => {
    await register.create(dpo, { template: 'customer_management', processing: { reference: 'CLI-1' } });
    const mapping = await register.map(it_, { connector: 'boutique', object: 'client', fields: ['nom', 'email', 'email'], processing: 'CLI-1' });
    expect(mapping).toMatchObject({ connectorId: 'conn_shop', object: 'client', fields: ['email', 'nom'], by: { sub: it_.sub } });
    const bad = (await rejection(register.map(it_, { connector: 'boutique', object: 'clients', processing: 'CLI-9' }))) as ValidationError;
    expect(bad.problems).toEqual([
      { path: 'processing', message: 'no processing "CLI-9"' },
      { path: 'object', message: 'boutique holds no object "clients" (it holds client, commande)' },
    ]);
    const field = (await rejection(register.map(it_, { connector: 'conn_shop', object: 'client', fields: ['iban'], processing: 'CLI-1' }))) as ValidationError;
    expect(field.problems).toEqual([{ path: 'fields.0', message: 'client has no field "iban"' }]);
    const facts = await register.facts('boutique', 'client', { name: 'email', category: 'contact' });
    expect(facts.map((f) => f.processing.reference)).toEqual(['CLI-1']);
    expect((await register.unmap(it_, { connector: 'boutique', object: 'client', processing: 'CLI-1' })).fields).toEqual(['email', 'nom']);
    expect(await rejection(register.unmap(it_, { connector: 'boutique', object: 'client', processing: 'CLI-1' }))).toBeInstanceOf(NotFoundError);
  });

  it('keeps the controller’s identity the DPO sets, with the configured DPO address until then', async () => {
    expect(await register.controller()).toEqual({ name: '', dpo: { email: 'dpo@boutique.example' }, set: false });
    await register.setController(dpo, { name: 'Boutique Lumière SAS', address: '3 rue des Lilas, 69003 Lyon', dpo: { name: 'Claire Martin', email: 'dpo@boutique.example' } });
    expect(await register.controller()).toMatchObject({ name: 'Boutique Lumière SAS', set: true, dpo: { name: 'Claire Martin' } });
  });

  it('audits every change where it happens, naming the processing and its version', async () => {
    const p = await register.create(dpo, { template: 'recruitment' });
    await register.update(dpo, p.id, 1, { source: 'Site carrières' });
    const entries = [];
    for await (const entry of storage.collection<{ action: string; target?: string; actor: { sub: string } }>('audit').find().sort({ seq: 1 })) entries.push(entry);
    const mine = entries.filter((e) => e.target?.startsWith(`processing ${p.id}`)).map((e) => [e.action, e.target, e.actor.sub]);
    expect(mine).toEqual([
      ['processing.create', `processing ${p.id} v1`, dpo.sub],
      ['processing.update', `processing ${p.id} v2`, dpo.sub],
    ]);
    expect(entries.some((e) => e.action === 'processing.map' && e.actor.sub === it_.sub)).toBe(true);
    expect(await audit.verifyChain()).toMatchObject({ ok: true });
  });
});
