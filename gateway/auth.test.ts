import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidTokenError, issueToken, verifyToken } from './auth.js';
import { graphql, startTestServices, type TestServices } from '../test/support/gateway/services.js';
import { createGateway, type Gateway } from './yoga.js';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';

describe('tokens', () => {
  it('carries role, subject and, for a subject, the normalised email', async () => {
    expect(await verifyToken(SECRET, await issueToken(SECRET, { role: 'dpo', sub: 'claire@acme.example' }))).toEqual({ sub: 'claire@acme.example', role: 'dpo' });
    expect(await verifyToken(SECRET, await issueToken(SECRET, { role: 'it' }))).toEqual({ sub: 'it@local', role: 'it' });
    expect(await verifyToken(SECRET, await issueToken(SECRET, { role: 'subject', email: ' Lea.Martin@Example.ORG ' }))).toEqual({
      sub: 'subject@local',
      role: 'subject',
      email: 'lea.martin@example.org',
    });
  });

  it('refuses to issue a token for an unknown role, a subject without email, or a lifetime it cannot read', async () => {
    await expect(issueToken(SECRET, { role: 'root' as never })).rejects.toThrow('Unknown role "root"; one of dpo, it, agent, subject, integration');
    await expect(issueToken(SECRET, { role: 'subject' })).rejects.toThrow('A subject token needs the email of the person holding it');
    await expect(issueToken(SECRET, { role: 'dpo', ttl: 'forever' })).rejects.toThrow('"forever" is not a lifetime; use seconds or e.g. 30m, 12h, 30d');
  });

  it('rejects a token signed with another secret, an expired one, and one with an unknown role', async () => {
    const other = await issueToken('another-secret-of-at-least-thirty-two-chars', { role: 'dpo' });
    await expect(verifyToken(SECRET, other)).rejects.toThrow(new InvalidTokenError('The token is not valid'));
    const expired = await new SignJWT({ role: 'dpo' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer('gardien').setExpirationTime(Math.floor(Date.now() / 1000) - 10).sign(new TextEncoder().encode(SECRET));
    await expect(verifyToken(SECRET, expired)).rejects.toThrow('The token has expired');
    const root = await new SignJWT({ role: 'root' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer('gardien').setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
    await expect(verifyToken(SECRET, root)).rejects.toThrow('The token does not name a known role');
    const noExpiry = await new SignJWT({ role: 'dpo' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer('gardien').sign(new TextEncoder().encode(SECRET));
    await expect(verifyToken(SECRET, noExpiry)).rejects.toThrow('The token is not valid');
  });

  it('expires after its lifetime', async () => {
    const token = await issueToken(SECRET, { role: 'dpo', ttl: 1 });
    await expect(verifyToken(SECRET, token)).resolves.toMatchObject({ role: 'dpo' });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await expect(verifyToken(SECRET, token)).rejects.toThrow('The token has expired');
  });
});

describe('roles at the GraphQL endpoint', () => {
  let services: TestServices;
  let gateway: Gateway;
  beforeAll(async () => {
    services = await startTestServices();
    gateway = createGateway(services);
    await services.catalog.register({ kind: 'fixture', name: 'crm', config: {} });
  });
  afterAll(() => services?.dispose());

  const LOOKUP = /* GraphQL */ `{ subject(identity: { email: "lea.martin@example.org" }) { systems { name records { id } } } }`;
  const CONNECTORS = /* GraphQL */ `{ connectors { edges { node { name } } } }`;
  const REGISTER = /* GraphQL */ `mutation { registerConnector(input: { kind: "fixture", name: "extra", config: {} }) { __typename } }`;

  it('lets the dpo look people up and see connectors', async () => {
    const lookup = await graphql(gateway.fetch, services.tokens.dpo, LOOKUP);
    expect(lookup.data!.subject.systems).toEqual([{ name: 'crm', records: [{ id: 'p1' }, { id: 'p1-0' }] }]);
    expect((await graphql(gateway.fetch, services.tokens.dpo, CONNECTORS)).data!.connectors.edges).toEqual([{ node: { name: 'crm' } }]);
  });

  it('lets it manage connectors but not look anyone up, and audits nothing for the refused lookup', async () => {
    const before = (await services.audit.verifyChain()).entries;
    const lookup = await graphql(gateway.fetch, services.tokens.it, LOOKUP);
    expect(lookup.data).toBeNull();
    expect(lookup.errors).toEqual([expect.objectContaining({ message: 'The it role may not read Query.subject', extensions: { code: 'FORBIDDEN' } })]);
    expect((await services.audit.verifyChain()).entries).toBe(before);
    expect((await graphql(gateway.fetch, services.tokens.it, CONNECTORS)).data!.connectors.edges).toEqual([{ node: { name: 'crm' } }]);
    expect((await graphql(gateway.fetch, services.tokens.it, REGISTER)).data!.registerConnector.__typename).toBe('Connector');
    await services.catalog.remove('extra');
  });

  it('gives agents and subjects neither lookups nor connectors', async () => {
    for (const role of ['agent', 'subject'] as const) {
      const token = services.tokens[role];
      expect((await graphql(gateway.fetch, token, LOOKUP)).errors?.[0]?.message).toBe(`The ${role} role may not read Query.subject`);
      expect((await graphql(gateway.fetch, token, CONNECTORS)).errors?.[0]?.message).toBe(`The ${role} role may not read Query.connectors`);
      expect((await graphql(gateway.fetch, token, REGISTER)).errors?.[0]?.message).toBe(`The ${role} role may not read Mutation.registerConnector`);
    }
    expect(await services.catalog.list()).toHaveLength(1);
  });

  it('answers 401 and no data without a token', async () => {
    for (const query of [LOOKUP, CONNECTORS, REGISTER]) {
      const answer = await graphql(gateway.fetch, null, query);
      expect(answer.status).toBe(401);
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(await services.catalog.list()).toHaveLength(1);
  });

  it('answers 401 for a token that is not valid, whatever is asked', async () => {
    const forged = await issueToken('not-the-gateway-secret-but-long-enough', { role: 'dpo' });
    for (const token of [forged, 'garbage']) {
      const response = await gateway.fetch(
        new Request('http://gardien.test/graphql', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) }),
      );
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="gardien"');
      expect(await response.json()).toEqual({ errors: [{ message: 'The token is not valid', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    const basic = await gateway.fetch(new Request('http://gardien.test/graphql', { method: 'POST', headers: { authorization: 'Basic Zm9vOmJhcg==', 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }));
    expect(basic.status).toBe(401);
  });
});
