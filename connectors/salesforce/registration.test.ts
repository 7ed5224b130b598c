/**
 * IT's view: registering a Salesforce org through the connector catalog, on the
 * test stack's MongoDB-protocol storage. Secrets are sealed, bad input stores
 * nothing, and testing the connector names what the integration user lacks.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError, ValidationError } from '../../core/errors.js';
import { Storage } from '../../core/storage/mongo.js';
import { ConnectorRepository } from '../../core/storage/connectors.js';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../devstack/emulators/salesforce/server.js';
import { demoSalesforceConnectorInput } from '../../devstack/demo/salesforce.js';
import { mongoTestDb, type MongoTestDb } from '../../test/support/stack/db.js';
import { createPluginRegistry } from '../builtin.js';
import { ConnectorCatalog } from '../sdk/catalog.js';

describe('Salesforce connector: registration', () => {
  let sf: SalesforceEmulator;
  let mongo: MongoTestDb;
  let storage: Storage;
  let catalog: ConnectorCatalog;
  beforeAll(async () => {
    sf = await startSalesforceEmulator();
    mongo = await mongoTestDb('sf_registration');
    storage = await Storage.open(mongo.uri, mongo.name);
    const repository = new ConnectorRepository(storage);
    await repository.ensureIndexes();
    catalog = new ConnectorCatalog(repository, await createPluginRegistry(), {
      secretKeys: [{ kid: 'k1', key: randomBytes(32) }], timeoutMs: 10_000, defaultCountry: 'FR',
    });
  });
  afterAll(async () => {
    await catalog.closeAll();
    await storage.close();
    await mongo.drop();
    await sf.stop();
  });

  it('registers the demo org with sealed client credentials and its data map', async () => {
    const doc = await catalog.register(demoSalesforceConnectorInput(sf.url));
    expect(doc).toMatchObject({ kind: 'salesforce', name: 'crm-salesforce', enabled: true, secretNames: ['clientId', 'clientSecret'] });
    expect(JSON.stringify(doc.secrets)).not.toContain(sf.credentials.clientSecret);
    const stored = await mongo.db.collection('connectors').findOne({ name: 'crm-salesforce' });
    expect(JSON.stringify(stored)).not.toContain(sf.credentials.clientSecret);
    expect((doc.description as { objects: { name: string }[] }).objects.map((o) => o.name)).toContain('Individual');
    const connector = await catalog.open(doc);
    expect((await connector.locate({ email: 'amina.benali@example.fr' })).map((r) => r.object)).toContain('Lead');
  });

  it('names what the integration user lacks when the connector is tested', async () => {
    sf.state.setAccess('Individual', { read: false });
    try {
      const check = await catalog.test('crm-salesforce');
      expect(check).toMatchObject({ ok: false, authenticated: true, permissions: { missing: ['cannot read Individual'] } });
    } finally {
      sf.state.setAccess('Individual', { read: true });
    }
  });

  it('stores nothing for bad secrets, a bad config or wrong credentials', async () => {
    const input = demoSalesforceConnectorInput(sf.url);
    const attempt = (changes: object) => catalog.register({ ...input, name: `sf-${randomBytes(3).toString('hex')}`, ...changes }).then(() => undefined, (e: unknown) => e);
    const noSecret = await attempt({ secrets: { clientId: 'only-the-id' } });
    expect(noSecret).toBeInstanceOf(ValidationError);
    expect((noSecret as ValidationError).problems).toContainEqual({ path: 'secrets.clientSecret', message: expect.stringContaining('clientSecret') });
    const badConfig = await attempt({ config: { loginUrl: 'not a url', erasure: { strategy: 'shred' } } });
    expect((badConfig as ValidationError).problems.map((p) => p.path)).toEqual(expect.arrayContaining(['config.loginUrl', 'config.erasure.strategy']));
    const wrong = await attempt({ secrets: { username: sf.credentials.username, password: 'wrong' } });
    expect(wrong).toBeInstanceOf(ConnectorError);
    expect((wrong as ConnectorError).kind).toBe('authentication');
    expect((await catalog.list()).map((c) => c.name)).toEqual(['crm-salesforce']);
  });
});
