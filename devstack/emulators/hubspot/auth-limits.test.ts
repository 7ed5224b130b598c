/** Contract: authentication, scopes, rate limits and injected faults answer as HubSpot documents them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubspotEmulator, type HubspotEmulator } from './server.js';
import { hubspotCall } from '../../../test/support/hubspot/wire.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SEARCH_ALL = { filterGroups: [], limit: 1 };

describe('HubSpot emulator: auth, scopes, limits, faults', () => {
  let hs: HubspotEmulator;
  beforeAll(async () => {
    hs = await startHubspotEmulator({ rateLimits: { searchSecondly: 2, tenSecondly: 1_000 } });
  });
  afterAll(() => hs.stop());

  it('refuses a missing or unknown token with 401 INVALID_AUTHENTICATION and a correlation id', async () => {
    for (const token of [undefined, 'pat-eu1-00000000-0000-0000-0000-000000000000']) {
      const answer = await hubspotCall(hs.url, token, 'GET', '/crm/v3/objects/contacts');
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({
        status: 'error',
        message: expect.stringMatching(/^Authentication credentials not found/),
        correlationId: expect.stringMatching(UUID),
        category: 'INVALID_AUTHENTICATION',
      });
      expect(answer.headers.get('x-hubspot-correlation-id')).toBe(answer.body.correlationId);
    }
  });

  it('a revoked token stops working', async () => {
    hs.addToken('pat-eu1-revoked', ['crm.objects.contacts.read']);
    expect((await hubspotCall(hs.url, 'pat-eu1-revoked', 'GET', '/crm/v3/objects/contacts')).status).toBe(200);
    hs.revokeToken('pat-eu1-revoked');
    expect((await hubspotCall(hs.url, 'pat-eu1-revoked', 'GET', '/crm/v3/objects/contacts')).status).toBe(401);
  });

  it('names the missing scope in a 403 MISSING_SCOPES', async () => {
    hs.addToken('pat-eu1-readonly', ['crm.objects.contacts.read']);
    const [contact] = (await hubspotCall(hs.url, hs.token, 'GET', '/crm/v3/objects/contacts?limit=1')).body.results;
    const answer = await hubspotCall(hs.url, 'pat-eu1-readonly', 'PATCH', `/crm/v3/objects/contacts/${contact.id}`, { properties: { city: 'Paris' } });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ status: 'error', category: 'MISSING_SCOPES', correlationId: expect.stringMatching(UUID) });
    expect(answer.body.errors[0].context.requiredGranularScopes).toEqual(['crm.objects.contacts.write']);
    const tickets = await hubspotCall(hs.url, 'pat-eu1-readonly', 'GET', '/crm/v3/objects/tickets');
    expect(tickets.body.errors[0].context.requiredGranularScopes).toEqual(['tickets']);
  });

  it('tells a token its portal and scopes', async () => {
    hs.addToken('pat-eu1-two-scopes', ['tickets', 'crm.objects.contacts.read']);
    const answer = await hubspotCall(hs.url, undefined, 'POST', '/oauth/v2/private-apps/get/access-token-info', { tokenKey: 'pat-eu1-two-scopes' });
    expect(answer.body).toEqual({ userId: expect.any(Number), hubId: hs.state.portalId, appId: expect.any(Number), scopes: ['crm.objects.contacts.read', 'tickets'] });
    const details = await hubspotCall(hs.url, hs.token, 'GET', '/account-info/v3/details');
    expect(details.body).toMatchObject({ portalId: hs.state.portalId, timeZone: expect.any(String), dataHostingLocation: 'eu1' });
  });

  it('sends the rate limit headers, then 429 SECONDLY with Retry-After past the searches allowed per second', async () => {
    const list = await hubspotCall(hs.url, hs.token, 'GET', '/crm/v3/objects/contacts?limit=1');
    expect(list.headers.get('x-hubspot-ratelimit-max')).toBe('1000');
    expect(Number(list.headers.get('x-hubspot-ratelimit-remaining'))).toBeLessThan(1000);
    expect(list.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    expect(list.headers.get('x-hubspot-ratelimit-daily')).toBeTruthy();
    const answers = await Promise.all([1, 2, 3].map(() => hubspotCall(hs.url, hs.token, 'POST', '/crm/v3/objects/contacts/search', SEARCH_ALL)));
    const refused = answers.find((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
    expect(refused?.body).toEqual({ status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', correlationId: expect.stringMatching(UUID), policyName: 'SECONDLY' });
    expect(refused?.headers.get('retry-after')).toBe('1');
    await new Promise((r) => setTimeout(r, 1_050));
    expect((await hubspotCall(hs.url, hs.token, 'POST', '/crm/v3/objects/contacts/search', SEARCH_ALL)).status).toBe(200);
  });

  it('answers 429 TEN_SECONDLY_ROLLING once the ten-second window is used up', async () => {
    const tight = await startHubspotEmulator({ rateLimits: { tenSecondly: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await hubspotCall(tight.url, tight.token, 'GET', '/crm/v3/objects/notes?limit=1')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await hubspotCall(tight.url, tight.token, 'GET', '/crm/v3/objects/notes?limit=1');
      expect(refused.body.policyName).toBe('TEN_SECONDLY_ROLLING');
      expect(refused.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await tight.stop();
    }
  });

  it('injects faults on one endpoint, a given number of times, and logs them', async () => {
    hs.faults.add({ path: /\/crm\/v3\/objects\/deals/, status: 503, times: 2 });
    hs.faults.add({ path: /\/crm\/v3\/objects\/tickets/, status: 429, retryAfter: 3 });
    hs.faults.add({ path: /\/crm\/v3\/objects\/calls/, delayMs: 300 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await hubspotCall(hs.url, hs.token, 'GET', '/crm/v3/objects/deals')).status);
    expect(statuses).toEqual([503, 503, 200]);
    const limited = await hubspotCall(hs.url, hs.token, 'GET', '/crm/v3/objects/tickets');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.body).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'SECONDLY' });
    const started = Date.now();
    expect((await hubspotCall(hs.url, hs.token, 'GET', '/crm/v3/objects/calls')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(hs.faults.pending()).toBe(0);
    const deals = hs.calls.filter((c) => c.path === '/crm/v3/objects/deals');
    expect(deals.map((c) => [c.status, c.faulted])).toEqual([[503, true], [503, true], [200, false]]);
  });
});
