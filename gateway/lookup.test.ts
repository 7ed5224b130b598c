import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PEOPLE } from '../test/support/connectors/fixture-plugin.js';
import { ConnectorCatalog } from '../connectors/sdk/catalog.js';
import { ConnectorRepository } from '../core/storage/connectors.js';
import { testRegistry } from '../test/support/connectors/registry.js';
import { graphql, startTestServices, type TestServices } from '../test/support/gateway/services.js';
import type { Federation } from './federation.js';
import { createGateway, type Gateway } from './yoga.js';

const LOOKUP = /* GraphQL */ `
  query Lookup($identity: IdentityInput!) {
    subject(identity: $identity) {
      identity { email phone }
      restricted
      systems { name kind status error durationMs restricted records { object id matchedOn fields { name value category sensitive freeText } } }
      sensitiveFindings { connector object field category }
    }
  }
`;

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterConnectorInput!) {
    registerConnector(input: $input) { __typename ... on Connector { id } ... on Error { message } }
  }
`;

let services: TestServices;
let gateway: Gateway;
beforeAll(async () => {
  services = await startTestServices({ CONNECTOR_TIMEOUT_MS: '800' });
  gateway = createGateway(services);
});
afterAll(() => services?.dispose());

async function register(name: string, config: Record<string, unknown> = {}, enabled = true): Promise<string> {
  const answer = await graphql(gateway.fetch, services.tokens.it, REGISTER, { input: { kind: 'fixture', name, config, enabled } });
  expect(answer.data?.registerConnector.__typename).toBe('Connector');
  return answer.data!.registerConnector.id;
}

afterEach(async () => {
  for (const connector of await services.catalog.list()) await services.catalog.remove(connector._id);
});

describe('subject lookup', () => {
  it("returns each system's records with every field classified, whatever the email's case", async () => {
    await register('crm');
    const answer = await graphql(gateway.fetch, services.tokens.dpo, LOOKUP, { identity: { email: '  Lea.MARTIN@Example.org ' } });
    expect(answer.errors).toBeUndefined();
    const view = answer.data!.subject;
    expect(view.identity).toEqual({ email: 'lea.martin@example.org', phone: null });
    expect(view.systems).toHaveLength(1);
    const [crm] = view.systems;
    expect(crm).toMatchObject({ name: 'crm', kind: 'fixture', status: 'OK', error: null, restricted: null });
    expect(crm.records.map((r: { object: string; id: string; matchedOn: string }) => [r.object, r.id, r.matchedOn])).toEqual([
      ['contact', 'p1', 'EMAIL'],
      ['ticket', 'p1-0', 'RELATION'],
    ]);
    const field = (name: string) => crm.records[0].fields.find((f: { name: string }) => f.name === name);
    expect(field('email')).toEqual({ name: 'email', value: 'lea.martin@example.org', category: 'CONTACT', sensitive: false, freeText: false });
    expect(field('health_note')).toMatchObject({ category: 'SPECIAL', sensitive: true, freeText: true });
    expect(field('notes')).toMatchObject({ category: 'COMMUNICATION', sensitive: false, freeText: true });
    // Not declared by the connector: guessed from its name.
    expect(field('city')).toMatchObject({ value: 'Lyon', category: 'LOCATION' });
    expect(view.sensitiveFindings).toEqual([{ connector: 'crm', object: 'contact', field: 'health_note', category: 'SPECIAL' }]);
    expect(view.restricted).toBe(false);
  });

  it('finds a person by phone in any usual form, compared in E.164', async () => {
    await register('crm');
    const answer = await graphql(gateway.fetch, services.tokens.dpo, LOOKUP, { identity: { phone: '06 55 66 77 88' } });
    expect(answer.data!.subject.identity.phone).toBe('+33655667788');
    expect(answer.data!.subject.systems[0].records[0]).toMatchObject({ id: 'p2', matchedOn: 'PHONE' });
    expect(answer.data!.subject.sensitiveFindings).toEqual([]);
  });

  it('asks systems in parallel: a hanging, a failing and a crashing system get error entries while the others answer', async () => {
    await register('fast');
    await register('slow-a', { behaviour: 'slow', delayMs: 400 });
    await register('slow-b', { behaviour: 'slow', delayMs: 400 });
    await register('hanging', { behaviour: 'hang' });
    await register('refusing', { behaviour: 'fail' });
    await register('buggy', { behaviour: 'crash' });
    await register('retired', {}, false);

    const started = Date.now();
    const answer = await graphql(gateway.fetch, services.tokens.dpo, LOOKUP, { identity: { email: 'lea.martin@example.org' } });
    const elapsed = Date.now() - started;
    expect(answer.errors).toBeUndefined();
    const byName = Object.fromEntries(answer.data!.subject.systems.map((s: { name: string }) => [s.name, s]));
    expect(Object.keys(byName).sort()).toEqual(['buggy', 'fast', 'hanging', 'refusing', 'slow-a', 'slow-b']);
    for (const name of ['fast', 'slow-a', 'slow-b']) expect(byName[name]).toMatchObject({ status: 'OK', error: null, records: [{ id: 'p1' }, { id: 'p1-0' }] });
    expect(byName.hanging).toMatchObject({ status: 'TIMEOUT', error: 'hanging did not answer within 800 ms', records: [] });
    expect(byName.refusing).toMatchObject({ status: 'ERROR', error: 'refusing: connection refused by crm.example.test:443', records: [] });
    // A bug's message stays in the gateway log.
    expect(byName.buggy).toMatchObject({ status: 'ERROR', error: 'buggy failed unexpectedly (see the gateway log)' });
    // Each system's own time; the slow ones overlapped instead of adding up.
    expect(byName['slow-a'].durationMs).toBeGreaterThanOrEqual(400);
    expect(byName.hanging.durationMs).toBeGreaterThanOrEqual(800);
    expect(byName.fast.durationMs).toBeLessThan(400);
    expect(elapsed).toBeLessThan(800 + 400);
  });

  it('says the subject is restricted when a system marks their processing as restricted', async () => {
    await register('crm');
    await register('marketing', { restricted: true });
    const answer = await graphql(gateway.fetch, services.tokens.dpo, LOOKUP, { identity: { email: 'lea.martin@example.org' } });
    const byName = Object.fromEntries(answer.data!.subject.systems.map((s: { name: string }) => [s.name, s]));
    expect(byName.marketing.restricted).toBe(true);
    expect(byName.crm.restricted).toBeNull();
    expect(answer.data!.subject.restricted).toBe(true);
  });

  it('writes an audit entry per lookup: who asked, a keyed hash of whom, which systems answered', async () => {
    const crm = await register('crm');
    const down = await register('down', { behaviour: 'fail' });
    const lookups = async () => (await services.audit.forSubject({ email: 'lea.martin@example.org' })).filter((e) => e.action === 'subject.lookup');
    const before = await lookups();
    await graphql(gateway.fetch, services.tokens.dpo, LOOKUP, { identity: { email: 'LEA.martin@example.org' } });
    const entries = await lookups();
    expect(entries).toHaveLength(before.length + 1);
    const entry = entries.at(-1);
    expect(entry!.actor).toEqual({ sub: 'dpo-tester', role: 'dpo' });
    expect(entry!.subjectHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(entry)).not.toContain('lea');
    expect(entry!.systems).toEqual(expect.arrayContaining([{ connectorId: crm, status: 'OK' }, { connectorId: down, status: 'ERROR' }]));
    expect(await services.audit.verifyChain()).toMatchObject({ ok: true });
  });

  it('follows the connectors as registered, enabled and removed by another process from one lookup to the next', async () => {
    const crm = await register('crm');
    const paused = await register('paused');
    const gone = await register('gone');
    const systemsOf = async () => {
      const answer = await graphql(gateway.fetch, services.tokens.dpo, LOOKUP, { identity: { email: 'lea.martin@example.org' } });
      expect(answer.errors).toBeUndefined();
      return answer.data!.subject.systems.map((s: { name: string; status: string; records: unknown[] }) => [s.name, s.status, s.records.length]).sort();
    };
    expect(await systemsOf()).toEqual([['crm', 'OK', 2], ['gone', 'OK', 2], ['paused', 'OK', 2]]);

    // The CLI or another gateway: a catalog of its own on the same database.
    const elsewhere = new ConnectorCatalog(new ConnectorRepository(services.storage), testRegistry(), {
      secretKeys: services.config.secretKeys,
      timeoutMs: services.config.connectorTimeoutMs,
      defaultCountry: services.config.defaultCountry,
      storage: services.storage,
    });
    await elsewhere.setEnabled('paused', false);
    await elsewhere.remove('gone');
    const late = await elsewhere.register({ kind: 'fixture', name: 'late', config: {} });
    await elsewhere.closeAll();

    expect(await systemsOf()).toEqual([['crm', 'OK', 2], ['late', 'OK', 2]]);
    // The two asked early, before the catalog said they were gone, are in the trail as discarded.
    const entry = (await services.audit.forSubject({ email: 'lea.martin@example.org' })).at(-1)!;
    expect(entry.systems.map((s) => [s.connectorId, s.status]).sort()).toEqual([[crm, 'OK'], [gone, 'DISCARDED'], [late._id, 'OK'], [paused, 'DISCARDED']].sort());
    // And back: enabled again, it answers at once.
    await services.catalog.setEnabled('paused', true);
    expect(await systemsOf()).toEqual([['crm', 'OK', 2], ['late', 'OK', 2], ['paused', 'OK', 2]]);
  });

  it('refuses a malformed identity with a clear error, asking no system and auditing nothing', async () => {
    await register('crm');
    const before = (await services.audit.verifyChain()).entries;
    const answer = await graphql(gateway.fetch, services.tokens.dpo, LOOKUP, { identity: { email: 'not-an-email', phone: '12' } });
    expect(answer.data).toBeNull();
    expect(answer.errors).toEqual([
      expect.objectContaining({
        message: 'The identity is not valid',
        extensions: expect.objectContaining({
          code: 'VALIDATION',
          problems: [
            { path: 'email', message: '"not-an-email" is not an email address' },
            { path: 'phone', message: '"12" is not a valid phone number' },
          ],
        }),
      }),
    ]);
    const empty = await graphql(gateway.fetch, services.tokens.dpo, LOOKUP, { identity: {} });
    expect(empty.errors?.[0]?.message).toBe('An identity needs an email, a phone number or an external id');
    expect((await services.audit.verifyChain()).entries).toBe(before);
  });

  it('answers with every system and no records for someone nobody holds', async () => {
    await register('crm');
    const answer = await graphql(gateway.fetch, services.tokens.dpo, LOOKUP, { identity: { email: 'nobody@example.org' } });
    expect(answer.data!.subject.systems).toEqual([expect.objectContaining({ name: 'crm', status: 'OK', records: [] })]);
    expect(FIXTURE_PEOPLE.some((p) => p.email === 'nobody@example.org')).toBe(false);
  });

  it('masks an unexpected failure: the caller learns nothing of it', async () => {
    const broken = createGateway({
      ...services,
      federation: { lookup: () => Promise.reject(new Error('mongodb://admin:hunter2@db.internal refused')) } as unknown as Federation,
    });
    const response = await broken.fetch(
      new Request('http://gardien.test/graphql', {
        method: 'POST',
        headers: { authorization: `Bearer ${services.tokens.dpo}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: LOOKUP, variables: { identity: { email: 'lea.martin@example.org' } } }),
      }),
    );
    const body = await response.text();
    expect(JSON.parse(body).errors).toEqual([expect.objectContaining({ message: 'Unexpected error.', extensions: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }) })]);
    expect(body).not.toContain('hunter2');
  });
});
