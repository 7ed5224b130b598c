/**
 * IT's view: registering a HubSpot portal through the connector catalog, on the
 * test stack's MongoDB-protocol storage. The token is sealed, bad input stores
 * nothing, and testing the connector names the scopes the private app lacks.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError, ValidationError } from '../../core/errors.js';
import { ConnectorRepository } from '../../core/storage/connectors.js';
import { Storage } from '../../core/storage/mongo.js';
import { demoHubspotConnectorInput } from '../../devstack/demo/hubspot.js';
import { ALL_SCOPES, startHubspotEmulator, type HubspotEmulator } from '../../devstack/emulators/hubspot/server.js';
import { mongoTestDb, type MongoTestDb } from '../../test/support/stack/db.js';
import { createPluginRegistry } from '../builtin.js';
import { ConnectorCatalog } from '../sdk/catalog.js';

describe('HubSpot connector: registration', () => {
  let hubspot: HubspotEmulator;
  let mongo: MongoTestDb;
  let storage: Storage;
  let catalog: ConnectorCatalog;
  beforeAll(async () => {
    hubspot = await startHubspotEmulator();
    mongo = await mongoTestDb('hs_registration');
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
    await hubspot.stop();
  });

  it('registers the demo portal with a sealed token and its data map', async () => {
    const doc = await catalog.register(demoHubspotConnectorInput(hubspot.url, hubspot.token));
    expect(doc).toMatchObject({ kind: 'hubspot', name: 'crm-hubspot', enabled: true, secretNames: ['accessToken'], lastCheck: { ok: true } });
    const stored = await mongo.db.collection('connectors').findOne({ name: 'crm-hubspot' });
    expect(JSON.stringify(stored)).not.toContain(hubspot.token);
    expect((doc.description as { objects: { name: string }[] }).objects.map((o) => o.name)).toEqual(['contacts', 'notes', 'emails', 'calls', 'tickets', 'deals']);
    const connector = await catalog.open(doc);
    expect((await connector.locate({ email: 'sofia.ricci@example.it' })).map((r) => r.object)).toEqual(['contacts', 'notes', 'tickets']);
  });

  it('names the scopes the private app lacks, when registered and when tested', async () => {
    hubspot.addToken('pat-eu1-narrow-scopes', ALL_SCOPES.filter((s) => s !== 'crm.objects.contacts.write'));
    const attempt = await catalog.register({ ...demoHubspotConnectorInput(hubspot.url, 'pat-eu1-narrow-scopes'), name: 'hubspot-narrow' }).then(() => undefined, (e: unknown) => e);
    expect(attempt).toBeInstanceOf(ConnectorError);
    expect((attempt as ConnectorError).message).toMatch(/crm\.objects\.contacts\.write missing/);

    // An admin removes a scope from the registered app.
    hubspot.addToken(hubspot.token, ALL_SCOPES.filter((s) => s !== 'tickets'));
    try {
      const check = await catalog.test('crm-hubspot');
      expect(check).toMatchObject({ ok: false, authenticated: true, permissions: { missing: ['tickets'] } });
      expect(check.message).toMatch(/tickets missing/);
    } finally {
      hubspot.addToken(hubspot.token, ALL_SCOPES);
    }
  });

  it('stores nothing for a token in the config, a missing token or a wrong one', async () => {
    const input = demoHubspotConnectorInput(hubspot.url, hubspot.token);
    const attempt = (changes: object) => catalog.register({ ...input, name: `hs-${randomBytes(3).toString('hex')}`, ...changes }).then(() => undefined, (e: unknown) => e);
    const inConfig = await attempt({ config: { ...input.config as object, accessToken: hubspot.token } });
    expect((inConfig as ValidationError).problems[0]).toMatchObject({ path: 'config', message: expect.stringContaining('goes in secrets.accessToken') });
    const missing = await attempt({ secrets: {} });
    expect((missing as ValidationError).problems).toContainEqual({ path: 'secrets.accessToken', message: expect.any(String) });
    const wrong = await attempt({ secrets: { accessToken: 'pat-eu1-not-a-real-token' } });
    expect(wrong).toBeInstanceOf(ConnectorError);
    expect((wrong as ConnectorError).kind).toBe('authentication');
    expect((await catalog.list()).map((c) => c.name)).toEqual(['crm-hubspot']);
  });
});
