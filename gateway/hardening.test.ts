/**
 * GraphQL hardening, attack by attack, through the gateway's own handler (the
 * router in front of Yoga, as gateway/server.ts serves it) on the test stack:
 * each refused call is shown to have stored nothing and started no workflow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackEnv } from '../test/support/workflows/harness.js';
import { uniqueName } from '../test/support/stack/db.js';
import { until } from '../test/support/stack/poll.js';
import { collectionCounts, workflowsStarted } from '../test/support/security/requests.js';
import { createHttpHandler, type FetchHandler } from './router.js';
import { startTestServices, type TestServices } from '../test/support/gateway/services.js';

const URL_ = 'http://gardien.test/graphql';
const SUBMIT = (n: number) => `submitRequest(input: { type: ERASURE, identity: { email: "victime${n}@example.fr" } }) { __typename }`;

let services: TestServices;
let handle: FetchHandler;

beforeAll(async () => {
  services = await startTestServices({ TEMPORAL_ADDRESS: stackEnv().temporal, TEMPORAL_TASK_QUEUE: uniqueName('hardening'), CORS_ORIGINS: 'https://privacy.example.fr' });
  handle = createHttpHandler(services);
});
afterAll(() => services?.dispose());

const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => handle(new Request(URL_, { method: 'POST', headers, body }));
const json = (query: string, extra: Record<string, string> = {}) => post(JSON.stringify({ query }), { 'content-type': 'application/json', ...extra });
const messages = async (response: Response) => ((await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] }).errors ?? [];

describe('cross-site requests (CSRF)', () => {
  it('refuses a form-encoded POST, as an HTML form on another site would send it, and files nothing', async () => {
    const before = await collectionCounts(services);
    const form = new URLSearchParams({ query: `mutation { ${SUBMIT(0)} }` }).toString();
    const response = await post(form, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(403);
    expect((await messages(response))[0]!.message).toBe('Required CSRF header(s) not present');
    expect(await collectionCounts(services)).toEqual(before);
  });

  it('refuses text/plain and multipart posts and a GET without the CSRF header; JSON, or the header, passes', async () => {
    expect((await post(JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'text/plain' })).status).toBe(403);
    expect((await post('--x\r\n', { 'content-type': 'multipart/form-data; boundary=x' })).status).toBe(403);
    expect((await handle(new Request(`${URL_}?query=${encodeURIComponent('{ __typename }')}`))).status).toBe(403);
    expect((await handle(new Request(`${URL_}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'x-graphql-yoga-csrf': '1' } }))).status).toBe(200);
    expect((await json('{ __typename }')).status).toBe(200);
  });
});

describe('CORS allow-list (CORS_ORIGINS)', () => {
  it('gives no CORS headers to an origin not on the list, so its pages cannot read answers', async () => {
    const response = await json('{ __typename }', { origin: 'https://evil.example' });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await handle(new Request(URL_, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } }));
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows a listed origin, without credentials', async () => {
    const response = await json('{ __typename }', { origin: 'https://privacy.example.fr' });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://privacy.example.fr');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('document limits', () => {
  it('refuses a body larger than HTTP_MAX_BODY_BYTES with 413, before parsing it', async () => {
    const huge = JSON.stringify({ query: `mutation { ${SUBMIT(1)} }`, variables: { pad: 'x'.repeat(300_000) } });
    const response = await post(huge);
    expect(response.status).toBe(413);
    expect((await messages(response))[0]!.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a document nested deeper than GRAPHQL_MAX_DEPTH (8)', async () => {
    const deep = '{ __type(name: "Query") { fields { type { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } }';
    expect((await messages(await json(deep)))[0]!.message).toContain('Query depth limit of 8 exceeded, found 9');
  });

  it('refuses more aliases than GRAPHQL_MAX_ALIASES (10), more tokens than GRAPHQL_MAX_TOKENS (1000), a cost above GRAPHQL_MAX_COST (10000)', async () => {
    const aliases = `{ ${Array.from({ length: 11 }, (_, i) => `a${i}: request(id: "req_${i}") { __typename }`).join(' ')} }`;
    expect((await messages(await json(aliases)))[0]!.message).toContain('Aliases limit of 10 exceeded, found 11');
    const tokens = `{ ${'__typename '.repeat(1000)}}`;
    expect((await messages(await json(tokens)))[0]!.message).toContain('Token limit of 1000 exceeded');
    const sys = 'connectorId name kind status located exported erased retained remaining changed verified error manualTaskId updatedAt';
    const costly = `{ requests(first: 100) { edges { node { id type status statusReason dueAt overdue waitingFor reportUrl systems { ${sys} } extensions { months reason at previousDueAt dueAt } subject { email phone } } } } }`;
    expect((await messages(await json(costly, { authorization: `Bearer ${services.tokens.dpo}` })))[0]!.message).toContain('Query Cost limit of 10000 exceeded');
  });
});

describe('one request with 100 aliased submitRequest fields', () => {
  it('creates no request and starts no workflow, nor does a JSON batch of 100 operations', async () => {
    const before = await collectionCounts(services);
    const aliased = `mutation { ${Array.from({ length: 100 }, (_, i) => `r${i}: ${SUBMIT(i)}`).join(' ')} }`;
    const answer = (await (await json(aliased)).json()) as { data?: unknown; errors: { message: string }[] };
    expect(answer.data).toBeUndefined();
    expect(answer.errors[0]!.message).toMatch(/Token limit of 1000 exceeded|Aliases limit of 10 exceeded/);
    const batch = Array.from({ length: 100 }, (_, i) => ({ query: `mutation { ${SUBMIT(i)} }` }));
    expect((await post(JSON.stringify(batch))).status).toBeGreaterThanOrEqual(400);
    expect(await collectionCounts(services)).toEqual(before);
    expect(await workflowsStarted(services)).toBe(0);
  });

  it('is refused for its mutation fields even where aliases are allowed (GRAPHQL_MAX_MUTATION_FIELDS, 1)', async () => {
    const lenient = await startTestServices({ TEMPORAL_ADDRESS: stackEnv().temporal, TEMPORAL_TASK_QUEUE: uniqueName('hardening'), GRAPHQL_MAX_ALIASES: '500', GRAPHQL_MAX_TOKENS: '100000', GRAPHQL_MAX_COST: '1000000' });
    try {
      const call = (query: string) => createHttpHandler(lenient)(new Request(URL_, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) }));
      const aliased = await call(`mutation { ${Array.from({ length: 100 }, (_, i) => `r${i}: ${SUBMIT(i)}`).join(' ')} }`);
      expect((await messages(aliased))[0]).toMatchObject({ message: 'A mutation may select at most 1 fields (found 100); send one operation per action', extensions: { code: 'TOO_MANY_MUTATIONS' } });
      expect(await lenient.storage.db.collection('requests').countDocuments()).toBe(0);
      expect(await workflowsStarted(lenient)).toBe(0);
      // The same call with one field files one request and starts its workflow: what the counts above would have seen.
      const one = (await (await call(`mutation { ${SUBMIT(1)} }`)).json()) as { data: { submitRequest: { __typename: string } } };
      expect(one.data.submitRequest.__typename).toBe('Request');
      expect(await lenient.storage.db.collection('requests').countDocuments()).toBe(1);
      await until('the one workflow to show in Temporal', async () => (await workflowsStarted(lenient)) === 1);
    } finally {
      await lenient.dispose();
    }
  });
});
