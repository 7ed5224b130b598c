/**
 * What a client learns when something breaks, and what production hides: no
 * stack traces or internal hosts in answers (even with NODE_ENV=development
 * in the process), none on the subject's status page, no introspection or
 * GraphiQL in production.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN, failedSystem, storedRequest } from '../test/support/security/requests.js';
import type { Services } from './services.js';
import { graphql, startTestServices, type TestServices } from '../test/support/gateway/services.js';
import { createGateway } from './yoga.js';

const INTERNAL = 'connect ECONNREFUSED 10.20.30.40:27017 (mongo-primary.corp.internal)';
const HOST_FAILURE = 'PostgreSQL at billing-db.corp.internal:5432/billing cannot be reached (ECONNREFUSED): is the host up and the port right?';

let services: TestServices;
beforeAll(async () => {
  services = await startTestServices();
});
afterAll(() => services?.dispose());

/** Runs `call` as in a process started with NODE_ENV=development (Yoga reads it, at each error, to decide whether to send stack traces). */
async function inDevelopment<T>(call: () => Promise<T>): Promise<T> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'development';
  try {
    return await call();
  } finally {
    process.env.NODE_ENV = before;
  }
}

describe('masked errors', () => {
  it('answers an unexpected failure without its stack, message or the hosts in it', async () => {
    const requests = Object.assign(Object.create(services.requests) as Services['requests'], {
      get: async () => {
        throw new Error(INTERNAL);
      },
    });
    const gateway = createGateway({ ...services, requests });
    const answer = await inDevelopment(() => graphql(gateway.fetch, services.tokens.dpo, '{ request(id: "req_1") { __typename } }'));
    const text = JSON.stringify(answer);
    expect(answer.errors).toEqual([{ message: 'Unexpected error.', locations: expect.any(Array), path: ['request'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    for (const leak of ['ECONNREFUSED', '10.20.30.40', 'corp.internal', 'stack', 'at ', '.ts:']) expect(text).not.toContain(leak);
  });

  it('keeps our own expected errors readable', async () => {
    const answer = await inDevelopment(() => graphql(createGateway(services).fetch, null, '{ request(id: "req_404", accessToken: "x") { __typename ... on NotFound { message } } }'));
    expect(answer.data?.request).toEqual({ __typename: 'NotFound', message: 'Request req_404 does not exist' });
  });
});

describe('the status page (request by access token)', () => {
  const QUERY = 'query ($id: ID!, $t: String) { request(id: $id, accessToken: $t) { ... on Request { waitingFor systems { name status error } } } }';

  it('tells the subject a system failed without the words that name internal hosts; the DPO still reads them', async () => {
    const doc = await storedRequest(services);
    await failedSystem(services, doc._id, HOST_FAILURE);
    const gateway = createGateway(services);
    const subject = await graphql(gateway.fetch, null, QUERY, { id: doc._id, t: ACCESS_TOKEN });
    expect(subject.data?.request).toEqual({ waitingFor: 'billing failed: the DPO may retry it or resolve it with evidence', systems: [{ name: 'billing', status: 'FAILED', error: null }] });
    expect(JSON.stringify(subject)).not.toContain('corp.internal');
    const bySubjectToken = await graphql(gateway.fetch, services.tokens.subject, QUERY, { id: doc._id });
    expect(JSON.stringify(bySubjectToken)).not.toContain('corp.internal');
    const dpo = await graphql(gateway.fetch, services.tokens.dpo, QUERY, { id: doc._id });
    expect(dpo.data?.request.systems[0].error).toBe(HOST_FAILURE);
    expect(dpo.data?.request.waitingFor).toContain('billing-db.corp.internal');
  });
});

describe('in production (NODE_ENV=production)', () => {
  let production: TestServices;
  beforeAll(async () => {
    production = await startTestServices({ NODE_ENV: 'production' });
  });
  afterAll(() => production?.dispose());

  it('refuses introspection and does not suggest field names; development answers both', async () => {
    const introspection = '{ __schema { queryType { name } } }';
    const prod = createGateway(production);
    const refused = await graphql(prod.fetch, production.tokens.dpo, introspection);
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.[0]?.message).toContain('introspection');
    const typo = await graphql(prod.fetch, production.tokens.dpo, '{ requestz { totalCount } }');
    expect(typo.errors?.[0]?.message).not.toContain('Did you mean');
    const dev = createGateway(services);
    expect((await graphql(dev.fetch, services.tokens.dpo, introspection)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await graphql(dev.fetch, services.tokens.dpo, '{ requestz { totalCount } }')).errors?.[0]?.message).toContain('Did you mean');
  });

  it('serves no GraphiQL; development does', async () => {
    const page = (fetcher: (r: Request) => Response | Promise<Response>) => fetcher(new Request('http://gardien.test/graphql', { headers: { accept: 'text/html' } }));
    const prod = await page(createGateway(production).fetch);
    expect(await prod.text()).not.toContain('GraphiQL');
    const dev = await page(createGateway(services).fetch);
    expect(dev.headers.get('content-type')).toContain('text/html');
  });
});
