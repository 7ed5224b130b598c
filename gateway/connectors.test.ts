import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { graphql, startTestServices, type GraphQLAnswer, type TestServices } from '../test/support/gateway/services.js';
import { createGateway, type Gateway } from './yoga.js';

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterConnectorInput!) {
    registerConnector(input: $input) {
      __typename
      ... on Connector { id kind name enabled config secretNames lastCheck { ok message } description { capabilities objects { name fields { name category identifier freeText } } } }
      ... on ValidationError { message problems { path message } }
      ... on ConnectorError { message failure retryable }
    }
  }
`;
const LIST = /* GraphQL */ `query List($enabled: Boolean) { connectors(enabled: $enabled) { edges { cursor node { id name enabled } } pageInfo { hasNextPage } } }`;

let services: TestServices;
let gateway: Gateway;
let ask: (query: string, variables?: Record<string, unknown>) => Promise<GraphQLAnswer>;
beforeAll(async () => {
  services = await startTestServices();
  gateway = createGateway(services);
  ask = (query, variables) => graphql(gateway.fetch, services.tokens.it, query, variables);
});
afterAll(() => services?.dispose());
afterEach(async () => {
  for (const connector of await services.catalog.list()) await services.catalog.remove(connector._id);
});

const stored = async () => (await services.catalog.list()).map((c) => c.name);

describe('registering connectors', () => {
  it('stores a connector with its description; secrets are sealed and only their names shown', async () => {
    const answer = await ask(REGISTER, { input: { kind: 'fixture', name: 'crm', config: { delayMs: 0 }, secrets: { apiKey: 'k-123456789' } } });
    const connector = answer.data!.registerConnector;
    expect(connector).toMatchObject({ __typename: 'Connector', kind: 'fixture', name: 'crm', enabled: true, secretNames: ['apiKey'], lastCheck: { ok: true } });
    expect(connector.config).toEqual({ behaviour: 'answer', delayMs: 0 });
    expect(JSON.stringify(answer)).not.toContain('k-123456789');
    const contact = connector.description.objects.find((o: { name: string }) => o.name === 'contact');
    expect(contact.fields).toContainEqual({ name: 'health_note', category: 'SPECIAL', identifier: null, freeText: true });
    expect(contact.fields).toContainEqual({ name: 'email', category: 'CONTACT', identifier: 'email', freeText: false });
    const raw = await services.storage.db.collection('connectors').findOne({ name: 'crm' });
    expect(JSON.stringify(raw)).not.toContain('k-123456789');
  });

  it('lists connectors as a Relay connection and finds one by id or name', async () => {
    const a = (await ask(REGISTER, { input: { kind: 'fixture', name: 'billing', config: {} } })).data!.registerConnector.id;
    await ask(REGISTER, { input: { kind: 'fixture', name: 'archive', config: {}, enabled: false } });
    const all = await ask(LIST);
    expect(all.data!.connectors.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['archive', 'billing']);
    const enabled = await ask(LIST, { enabled: true });
    expect(enabled.data!.connectors.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([a]);
    const page = await ask(/* GraphQL */ `{ connectors(first: 1) { edges { node { name } } pageInfo { hasNextPage endCursor } } }`);
    expect(page.data!.connectors).toMatchObject({ edges: [{ node: { name: 'archive' } }], pageInfo: { hasNextPage: true } });

    const ONE = /* GraphQL */ `query One($id: ID!) { connector(id: $id) { __typename ... on Connector { id name } ... on NotFound { message } } }`;
    expect((await ask(ONE, { id: 'billing' })).data!.connector).toEqual({ __typename: 'Connector', id: a, name: 'billing' });
    expect((await ask(ONE, { id: 'nope' })).data!.connector).toEqual({ __typename: 'NotFound', message: 'Connector nope does not exist' });
  });

  it('answers a bad configuration with the problems as data and stores nothing', async () => {
    const answer = await ask(REGISTER, { input: { kind: 'fixture', name: 'crm', config: { behaviour: 'dance', delayMs: -1 } } });
    expect(answer.data!.registerConnector).toMatchObject({ __typename: 'ValidationError', message: 'Invalid configuration for a fixture connector' });
    expect(answer.data!.registerConnector.problems.map((p: { path: string }) => p.path).sort()).toEqual(['config.behaviour', 'config.delayMs']);
    expect(await stored()).toEqual([]);
  });

  it('refuses secrets that are not an object of strings, or that the kind does not know', async () => {
    const notStrings = await ask(REGISTER, { input: { kind: 'fixture', name: 'crm', config: {}, secrets: { apiKey: 42 } } });
    expect(notStrings.data!.registerConnector).toEqual({
      __typename: 'ValidationError',
      message: 'Secrets are an object of strings, e.g. {"password": "…"}',
      problems: [{ path: 'secrets', message: 'must be an object of strings' }],
    });
    const tooShort = await ask(REGISTER, { input: { kind: 'fixture', name: 'crm', config: {}, secrets: { apiKey: 'short' } } });
    expect(tooShort.data!.registerConnector.problems).toEqual([{ path: 'secrets.apiKey', message: 'an API key has at least 8 characters' }]);
    expect(await stored()).toEqual([]);
  });

  it('names the known kinds when the kind is unknown', async () => {
    const answer = await ask(REGISTER, { input: { kind: 'oracle', name: 'erp', config: {} } });
    expect(answer.data!.registerConnector).toEqual({
      __typename: 'ValidationError',
      message: 'Unknown connector kind "oracle"; known kinds: fileshare, fixture, hubspot, manual, salesforce, sql',
      problems: [{ path: 'kind', message: 'unknown kind "oracle"' }],
    });
    const kinds = await ask(/* GraphQL */ `{ connectorKinds { kind displayName } }`);
    expect(kinds.data!.connectorKinds.map((k: { kind: string }) => k.kind)).toEqual(['fileshare', 'fixture', 'hubspot', 'manual', 'salesforce', 'sql']);
    expect(await stored()).toEqual([]);
  });

  it('answers an unreachable system with a ConnectorError and stores nothing', async () => {
    const answer = await ask(REGISTER, { input: { kind: 'fixture', name: 'crm', config: { unreachable: true } } });
    expect(answer.data!.registerConnector).toEqual({
      __typename: 'ConnectorError',
      message: 'crm.example.test:443 does not answer',
      failure: 'UNREACHABLE',
      retryable: true,
    });
    expect(await stored()).toEqual([]);
  });

  it('refuses a second connector with the same name', async () => {
    await ask(REGISTER, { input: { kind: 'fixture', name: 'crm', config: {} } });
    const again = await ask(REGISTER, { input: { kind: 'fixture', name: 'crm', config: { delayMs: 5 } } });
    expect(again.data!.registerConnector).toMatchObject({ __typename: 'ValidationError', message: 'A connector named "crm" already exists' });
  });
});

describe('managing connectors', () => {
  it('tests, disables, enables and removes a connector, each change audited', async () => {
    const id = (await ask(REGISTER, { input: { kind: 'fixture', name: 'crm', config: {} } })).data!.registerConnector.id;
    const tested = await ask(/* GraphQL */ `mutation { testConnector(id: "crm") { __typename ... on Connector { lastCheck { ok reachable message at } } } }`);
    expect(tested.data!.testConnector.lastCheck).toMatchObject({ ok: true, reachable: true, message: 'reachable' });
    expect(Date.parse(tested.data!.testConnector.lastCheck.at)).toBeGreaterThan(Date.now() - 60_000);

    const SET = /* GraphQL */ `mutation Set($id: ID!, $on: Boolean!) { setConnectorEnabled(id: $id, enabled: $on) { __typename ... on Connector { enabled } } }`;
    expect((await ask(SET, { id, on: false })).data!.setConnectorEnabled).toEqual({ __typename: 'Connector', enabled: false });
    expect((await services.catalog.get(id)).enabled).toBe(false);
    expect((await ask(SET, { id, on: true })).data!.setConnectorEnabled.enabled).toBe(true);

    const REMOVE = /* GraphQL */ `mutation Remove($id: ID!) { removeConnector(id: $id) { __typename ... on Connector { name } ... on NotFound { message } } }`;
    expect((await ask(REMOVE, { id })).data!.removeConnector).toEqual({ __typename: 'Connector', name: 'crm' });
    expect((await ask(REMOVE, { id })).data!.removeConnector).toEqual({ __typename: 'NotFound', message: `Connector ${id} does not exist` });
    expect(await stored()).toEqual([]);

    const actions: string[] = [];
    for await (const entry of services.storage.db.collection('audit').find({ 'systems.connectorId': id }).sort({ seq: 1 })) actions.push(entry.action);
    expect(actions).toEqual(['connector.register', 'connector.disable', 'connector.enable', 'connector.remove']);
  });

  it('answers NotFound for testing or switching an unknown connector', async () => {
    const test = await ask(/* GraphQL */ `mutation { testConnector(id: "ghost") { __typename ... on NotFound { message } } }`);
    expect(test.data!.testConnector).toEqual({ __typename: 'NotFound', message: 'Connector ghost does not exist' });
    const set = await ask(/* GraphQL */ `mutation { setConnectorEnabled(id: "ghost", enabled: true) { __typename } }`);
    expect(set.data!.setConnectorEnabled.__typename).toBe('NotFound');
  });
});
