/**
 * The DPO's lookup end to end: a real HTTP server on a free port, real fetch,
 * connectors registered through GraphQL over a SQLite file of our own and, when
 * the sample is here, Pagila loaded into PostgreSQL.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacySqlite, type LegacySqlite } from '../support/sql/sqlite.js';
import { startGateway, type RunningGateway } from '../../gateway/server.js';
import { graphql, startTestServices, type AnswerData, type TestServices } from '../support/gateway/services.js';
import { legacyConnectorConfig } from '../fixtures/legacy-schema.js';
import { loadPagila, rentalConnectorConfig, samplePresence, type SampleDatabase } from '../support/sql/sample-data.js';

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterConnectorInput!) {
    registerConnector(input: $input) {
      __typename
      ... on Connector { id name kind secretNames description { objects { name } } }
      ... on ValidationError { message problems { path message } }
      ... on ConnectorError { message failure }
    }
  }
`;
const LOOKUP = /* GraphQL */ `
  query Lookup($identity: IdentityInput!) {
    subject(identity: $identity) {
      identity { email phone }
      systems { connectorId name status error durationMs records { object id matchedOn fields { name value category sensitive freeText } } }
      sensitiveFindings { connector object field category }
    }
  }
`;

const pagila = samplePresence('pagila');
let services: TestServices;
let gateway: RunningGateway;
let legacy: LegacySqlite;
let pagilaDb: SampleDatabase | undefined;

/** GraphQL over real HTTP. */
const ask = (token: string | null, query: string, variables?: Record<string, unknown>) => graphql(fetch, token, query, variables, gateway.graphqlUrl);
const register = async (input: Record<string, unknown>): Promise<AnswerData> => (await ask(services.tokens.it, REGISTER, { input })).data!.registerConnector;
const systemNamed = (view: AnswerData, name: string) => view.systems.find((s: { name: string }) => s.name === name);

beforeAll(async () => {
  services = await startTestServices({ CONNECTOR_TIMEOUT_MS: '20000' });
  gateway = await startGateway(services, { port: 0, host: '127.0.0.1' });
  legacy = await legacySqlite();
  if (pagila.present) pagilaDb = await loadPagila(pagila);
}, 180_000);
afterAll(async () => {
  await gateway?.close();
  await services?.dispose();
  legacy?.remove();
  await pagilaDb?.drop();
});

describe('the gateway over HTTP', () => {
  it('answers /health without a token, and nothing else', async () => {
    const health = await fetch(`${gateway.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', storage: 'ok' });
    const anonymous = await ask(null, LOOKUP, { identity: { email: 'mary.smith@sakilacustomer.org' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.data ?? null).toBeNull();
    const connectors = await ask(null, '{ connectors { edges { node { name config } } } }');
    expect(connectors.status).toBe(401);
    expect((await fetch(`${gateway.url}/admin`)).status).toBe(404);
  });

  it('registers the SQLite database through GraphQL, described table by table', async () => {
    const connector = await register({ kind: 'sql', name: 'billing', config: legacyConnectorConfig(legacy.url) });
    expect(connector).toMatchObject({ __typename: 'Connector', name: 'billing', kind: 'sql' });
    expect(connector.description.objects.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(['people', 'orders', 'invoices']));
  });

  it('answers bad registrations with errors as data and stores nothing', async () => {
    const before = (await services.catalog.list()).length;
    const unknownTable = await register({ kind: 'sql', name: 'typo', config: { url: legacy.url, subjects: [{ table: 'peeple', identity: { email: 'email' } }] } });
    expect(unknownTable).toMatchObject({ __typename: 'ConnectorError', failure: 'CONFIGURATION' });
    expect(unknownTable.message).toContain('table "peeple" does not exist');
    expect(unknownTable.message).toContain('did you mean "people"?');

    const noSubjects = await register({ kind: 'sql', name: 'empty', config: { url: legacy.url, subjects: [] } });
    expect(noSubjects).toMatchObject({ __typename: 'ValidationError', problems: [{ path: 'config.subjects', message: 'name at least one table that holds people' }] });

    const passwordInUrl = await register({ kind: 'sql', name: 'leaky', config: { url: 'postgres://app:hunter22@127.0.0.1:5432/x', subjects: [{ table: 't', identity: { email: 'e' } }] } });
    expect(passwordInUrl.__typename).toBe('ValidationError');
    expect(passwordInUrl.problems[0].message).toContain('put it in secrets.password');

    const unreachable = await register({ kind: 'sql', name: 'gone', config: { url: 'postgres://127.0.0.1:1/nothing', subjects: [{ table: 't', identity: { email: 'e' } }] } });
    expect(unreachable).toMatchObject({ __typename: 'ConnectorError', failure: 'UNREACHABLE' });

    const wrongPassword = await register({
      kind: 'sql', name: 'locked', config: { url: 'mysql://root@127.0.0.1:3306/mysql', subjects: [{ table: 'user', identity: { email: 'User' } }] }, secrets: { password: 'not-the-password' },
    });
    expect(wrongPassword).toMatchObject({ __typename: 'ConnectorError', failure: 'AUTHENTICATION' });

    const unknownKind = await register({ kind: 'mainframe', name: 'cobol', config: {} });
    expect(unknownKind).toMatchObject({ __typename: 'ValidationError', problems: [{ path: 'kind', message: 'unknown kind "mainframe"' }] });
    expect(unknownKind.message).toContain('known kinds: fileshare, fixture, hubspot, manual, salesforce, sql');

    expect(await services.catalog.list()).toHaveLength(before);
  });

  it('finds a person on the SQLite database by a phone number in another form, compared in E.164', async () => {
    const answer = await ask(services.tokens.dpo, LOOKUP, { identity: { phone: '06 12 34 56 78' } });
    expect(answer.data!.subject.identity.phone).toBe('+33612345678');
    const billing = systemNamed(answer.data!.subject, 'billing');
    expect(billing.status).toBe('OK');
    const person = billing.records.find((r: { object: string }) => r.object === 'people');
    expect(person).toMatchObject({ id: '1', matchedOn: 'PHONE' });
    const field = (name: string) => person.fields.find((f: { name: string }) => f.name === name);
    expect(field('last_name')).toMatchObject({ value: 'Marchand', category: 'IDENTITY' });
    expect(field('notes')).toMatchObject({ value: 'Prefers deliveries after 6pm', freeText: true });
    expect(billing.records.map((r: { object: string }) => r.object)).toEqual(expect.arrayContaining(['orders', 'invoices']));
  });
});

describe.runIf(pagila.present)('Mary Smith on Pagila (PostgreSQL)', () => {
  let rentals: number;
  let payments: number;
  beforeAll(async () => {
    const connector = await register({ kind: 'sql', name: 'rentals', config: rentalConnectorConfig(pagilaDb!.url) });
    expect(connector.__typename).toBe('Connector');
    const client = new pg.Client({ connectionString: pagilaDb!.url });
    await client.connect();
    rentals = Number((await client.query('SELECT count(*) AS n FROM rental WHERE customer_id = 1')).rows[0].n);
    payments = Number((await client.query('SELECT count(*) AS n FROM payment WHERE customer_id = 1')).rows[0].n);
    await client.end();
  }, 60_000);

  it('returns her customer row, address, rentals and payments, classified, from an email in another case', async () => {
    const answer = await ask(services.tokens.dpo, LOOKUP, { identity: { email: 'Mary.Smith@SakilaCustomer.org' } });
    expect(answer.errors).toBeUndefined();
    const view = answer.data!.subject;
    expect(view.identity.email).toBe('mary.smith@sakilacustomer.org');
    const system = systemNamed(view, 'rentals');
    expect(system).toMatchObject({ status: 'OK', error: null });
    const records = (object: string) => system.records.filter((r: { object: string }) => r.object === object);
    expect(records('customer')).toHaveLength(1);
    expect(records('customer')[0]).toMatchObject({ id: '1', matchedOn: 'EMAIL' });
    expect(records('address')).toHaveLength(1);
    expect(records('rental')).toHaveLength(rentals);
    expect(records('payment')).toHaveLength(payments);
    const category = (object: string, field: string) => records(object)[0].fields.find((f: { name: string }) => f.name === field)?.category;
    expect(category('customer', 'email')).toBe('CONTACT');
    expect(category('customer', 'first_name')).toBe('IDENTITY');
    expect(category('address', 'phone')).toBe('CONTACT');
    expect(category('payment', 'amount')).toBe('FINANCIAL');
    // Not in the billing database: that system answers with nothing rather than failing.
    expect(systemNamed(view, 'billing')).toMatchObject({ status: 'OK', records: [] });
    expect(system.durationMs).toBeGreaterThan(0);
  });

  it('finds her neighbour by the phone on their address, written without its +', async () => {
    const answer = await ask(services.tokens.dpo, LOOKUP, { identity: { phone: '+380657522649' } });
    const system = systemNamed(answer.data!.subject, 'rentals');
    expect(system.records.find((r: { object: string }) => r.object === 'customer')).toMatchObject({ id: '9', matchedOn: 'PHONE' });
  });

  it('audits each lookup with a keyed hash of the identity and the systems that answered', async () => {
    await ask(services.tokens.dpo, LOOKUP, { identity: { email: 'MARY.SMITH@sakilacustomer.org' } });
    const entry = (await services.audit.forSubject({ email: 'mary.smith@sakilacustomer.org' })).at(-1)!;
    expect(entry).toMatchObject({ action: 'subject.lookup', actor: { sub: 'dpo-tester', role: 'dpo' } });
    expect(entry.subjectHash).toMatch(/^[0-9a-f]{64}$/);
    const ids = Object.fromEntries((await services.catalog.list()).map((c) => [c.name, c._id]));
    expect(entry.systems).toEqual(expect.arrayContaining([{ connectorId: ids.rentals, status: 'OK' }, { connectorId: ids.billing, status: 'OK' }]));
    const raw = JSON.stringify(await services.storage.db.collection('audit').find().toArray());
    expect(raw.toLowerCase()).not.toContain('mary');
    expect(await services.audit.verifyChain()).toMatchObject({ ok: true });
  });

  it('lets the dpo look her up but not it, and no one without a token', async () => {
    const identity = { email: 'mary.smith@sakilacustomer.org' };
    const it = await ask(services.tokens.it, LOOKUP, { identity });
    expect(it.data).toBeNull();
    expect(it.errors?.[0]).toMatchObject({ message: 'The it role may not read Query.subject', extensions: { code: 'FORBIDDEN' } });
    expect((await ask(null, LOOKUP, { identity })).status).toBe(401);
    expect((await ask(services.tokens.dpo, LOOKUP, { identity })).data!.subject.systems).toHaveLength(2);
  });
});
