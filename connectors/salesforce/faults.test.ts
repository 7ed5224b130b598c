/**
 * What the connector does when Salesforce misbehaves: waits as told on a rate
 * limit, logs in again once on an expired session, hands a 5xx back as a
 * retryable error, and names the missing permission on a 403.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../core/errors.js';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../devstack/emulators/salesforce/server.js';
import type { SalesforceConnector } from './connector.js';
import { openConnector } from '../../test/support/salesforce/org.js';

const camille = { email: 'camille.durand@example.fr' };

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('Salesforce connector: faults', () => {
  let sf: SalesforceEmulator;
  let connector: SalesforceConnector;
  const calls = (pattern: RegExp, method = 'GET') => sf.calls.filter((c) => c.method === method && pattern.test(c.path + JSON.stringify(c.query)));
  beforeEach(async () => {
    await connector?.close();
    await sf?.stop();
    sf = await startSalesforceEmulator();
    connector = await openConnector(sf);
    await connector.describe();
  });
  afterAll(async () => {
    await connector.close();
    await sf.stop();
  });

  it('waits as long as Retry-After says on a 429, then goes on', async () => {
    const expected = await connector.locate(camille);
    // Two seconds: longer than the connector's own first backoff (one second), so the wait shows whose it was.
    sf.faults.add({ path: /\/query\?q=SELECT Id FROM Contact WHERE Email/, status: 429, retryAfter: 2 });
    sf.faults.add({ path: /\/query\?q=SELECT Id FROM Lead WHERE Email/, status: 429, retryAfter: 1 });
    const started = Date.now();
    expect(await connector.locate(camille)).toEqual(expected);
    const contact = calls(/\/query.*FROM Contact WHERE Email/).slice(-2);
    const lead = calls(/\/query.*FROM Lead WHERE Email/).slice(-2);
    expect([...contact, ...lead].map((c) => c.status)).toEqual([429, 200, 429, 200]);
    expect(contact[1]!.at - contact[0]!.at).toBeGreaterThanOrEqual(1_990);
    expect(lead[1]!.at - lead[0]!.at).toBeGreaterThanOrEqual(990);
    expect(lead[1]!.at - lead[0]!.at).toBeLessThan(1_900);
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it('backs off on REQUEST_LIMIT_EXCEEDED without Retry-After, and gives a long wait back to the caller', async () => {
    sf.faults.add({ path: /\/query/, status: 403, body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }] });
    expect((await connector.locate(camille)).length).toBeGreaterThan(0);
    sf.faults.add({ path: /\/query/, status: 429, retryAfter: 600 });
    const error = await failure(connector.locate(camille));
    expect(error).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 600_000 });
    expect(error.message).toMatch(/API request limit/);
  });

  it('stops quickly when the org has used its daily API requests, and check() says so', async () => {
    sf.state.apiRequestLimit = sf.state.apiRequests;
    const started = Date.now();
    const error = await failure(connector.locate(camille));
    expect(error).toMatchObject({ kind: 'rate_limited', retryable: true });
    expect(Date.now() - started).toBeLessThan(2_500);
    const check = await connector.check();
    expect(check).toMatchObject({ ok: false, reachable: true, authenticated: true });
    expect(check.message).toMatch(/API request limit is reached \(REQUEST_LIMIT_EXCEEDED\)/);
    expect(sf.calls.at(-1)).toMatchObject({ status: 403 });
  });

  it('logs in again once when the session has expired, and retries the call', async () => {
    const logins = () => sf.calls.filter((c) => c.path === '/services/oauth2/token').length;
    const before = logins();
    sf.expireSessions();
    expect((await connector.locate(camille)).length).toBeGreaterThan(0);
    expect(logins()).toBe(before + 1);
    const first = calls(/\/query.*FROM Contact WHERE Email/).slice(-2);
    expect(first.map((c) => c.status)).toEqual([401, 200]);
  });

  it('does not loop when Salesforce keeps refusing the new session: one new login, then an authentication error', async () => {
    const logins = () => sf.calls.filter((c) => c.path === '/services/oauth2/token').length;
    const before = logins();
    sf.faults.add({ path: /\/services\/data\/v60\.0\/query/, status: 401, times: 50 });
    const error = await failure(connector.locate(camille));
    expect(error.kind).toBe('authentication');
    expect(logins()).toBe(before + 1);
    expect(sf.faults.pending()).toBe(48);
  });

  it('hands a 5xx back at once as a retryable vendor error, without retries of its own', async () => {
    sf.faults.add({ path: /\/query/, status: 503, times: 10 });
    const error = await failure(connector.locate(camille));
    expect(error).toMatchObject({ kind: 'vendor', retryable: true });
    expect(error.message).toMatch(/SERVER_UNAVAILABLE.*trying again later may work/);
    expect(sf.faults.pending()).toBe(9);
    sf.faults.clear();
    const refs = await connector.locate(camille);
    sf.faults.add({ path: /\/composite\/sobjects/, method: 'PATCH', status: 500 });
    expect(await failure(connector.erase(refs, {}))).toMatchObject({ kind: 'vendor', retryable: true });
  });

  it('names the missing permission on a 403', async () => {
    const refs = await connector.locate(camille);
    sf.faults.add({ path: /\/composite\/sobjects/, method: 'DELETE', status: 403 });
    const error = await failure(connector.erase(refs, {}));
    expect(error).toMatchObject({ kind: 'permission', retryable: false });
    expect(error.message).toMatch(/^The integration user cannot delete CampaignMember: grant Delete on CampaignMember/);
  });

  it('says which object it cannot read when the profile hides one, in check() and in a lookup', async () => {
    sf.state.setAccess('Individual', { read: false });
    sf.state.setAccess('Task', { delete: false });
    const check = await connector.check();
    expect(check).toMatchObject({ ok: false, reachable: true, authenticated: true, permissions: { ok: false, missing: ['cannot read Individual'] } });
    expect(check.message).toMatch(/^The integration user cannot read Individual: grant Read on Individual in its profile or a permission set/);
    const strict = await openConnector(sf, { erasure: { strategy: 'delete' } });
    expect((await strict.check()).permissions.missing).toEqual(['cannot read Individual', 'cannot delete Task']);
    const error = await failure(strict.locate(camille));
    expect(error.kind).toBe('permission');
    expect(error.message).toMatch(/cannot read Individual/);
    const without = await openConnector(sf, { objects: { Individual: { skip: true }, Task: { erasure: { strategy: 'anonymise' } } }, erasure: { strategy: 'delete' } });
    expect(await without.check()).toMatchObject({ ok: true });
    expect((await without.locate(camille)).map((r) => r.object)).not.toContain('Individual');
  });

  it('refuses wrong credentials and an unreachable login server with the reason', async () => {
    const wrong = await failure(openConnector(sf, {}, { username: sf.credentials.username, password: 'nope' }));
    expect(wrong.kind).toBe('authentication');
    expect(wrong.message).toMatch(/refused the SOAP login .*wrong username, password or security token/);
    const app = await failure(openConnector(sf, {}, { clientId: sf.credentials.clientId, clientSecret: 'nope' }));
    expect(app.message).toMatch(/refused the connected app .*invalid_client/);
    const down = await failure(openConnector(sf, { loginUrl: 'http://127.0.0.1:9' }));
    expect(down.kind).toBe('unreachable');
  });

  it('gives up on a slow answer after the connector timeout', async () => {
    const hasty = await openConnector(sf, {}, undefined, { timeoutMs: 300 });
    await hasty.describe();
    sf.faults.add({ path: /\/query/, delayMs: 1_000 });
    expect(await failure(hasty.locate(camille))).toMatchObject({ kind: 'timeout', retryable: true });
  });
});
