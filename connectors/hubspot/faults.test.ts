/** HubSpot failing: rate limits are waited out, outages are retryable, missing scopes and bad tokens are named. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../core/errors.js';
import { normaliseIdentity } from '../../core/identity.js';
import { ALL_SCOPES, startHubspotEmulator, type HubspotEmulator } from '../../devstack/emulators/hubspot/server.js';
import { callsTo, openHubspot } from '../../test/support/hubspot/connector.js';

const LUCAS = normaliseIdentity({ email: 'lucas.moreau@example.fr' });
const SEARCH = /\/crm\/v3\/objects\/contacts\/search/;

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('HubSpot connector under faults', () => {
  let hubspot: HubspotEmulator;
  beforeAll(async () => {
    hubspot = await startHubspotEmulator({ rateLimits: false });
  });
  afterAll(() => hubspot.stop());

  it('waits as long as a 429 asks, then goes on', async () => {
    const connector = await openHubspot(hubspot);
    hubspot.faults.add({ path: SEARCH, status: 429, retryAfter: 1 });
    const started = Date.now();
    const refs = await connector.locate(LUCAS);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(refs.map((r) => r.object)).toEqual(['contacts', 'notes', 'calls']);
    expect(callsTo(hubspot, 'POST', SEARCH).slice(-2).map((c) => c.status)).toEqual([429, 200]);
    await connector.close();
  });

  it('gives up with a retryable rate_limited error when HubSpot asks to wait longer than a call may', async () => {
    const connector = await openHubspot(hubspot);
    hubspot.faults.add({ path: SEARCH, status: 429, retryAfter: 120 });
    const error = await failure(connector.locate(LUCAS));
    expect(error).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 120_000 });
    await connector.close();
  });

  it('retries a 5xx once, then fails with a retryable error', async () => {
    const connector = await openHubspot(hubspot);
    hubspot.faults.add({ path: /\/crm\/v3\/objects\/notes\/batch\/read/, status: 503 });
    const refs = await connector.locate(LUCAS);
    const records = [];
    for await (const record of connector.read(refs)) records.push(record);
    expect(records).toHaveLength(3);
    hubspot.faults.add({ path: /\/crm\/v3\/objects\/notes\/batch\/read/, status: 502, times: 2 });
    const error = await failure((async () => {
      for await (const record of connector.read(refs)) void record;
    })());
    expect(error).toMatchObject({ kind: 'vendor', retryable: true });
    expect(error.message).toMatch(/HubSpot failed while reading notes \(502\).*temporary/);
    await connector.close();
  });

  it('names the scope a 403 says is missing, and check() lists every missing scope', async () => {
    hubspot.addToken('pat-eu1-no-tickets', ALL_SCOPES.filter((s) => s !== 'tickets' && !s.startsWith('communication_preferences.write') && s !== 'communication_preferences.read_write'));
    const connector = await openHubspot(hubspot, {}, { token: 'pat-eu1-no-tickets' });
    const error = await failure(connector.locate(LUCAS));
    expect(error).toMatchObject({ kind: 'permission', retryable: false });
    expect(error.message).toMatch(/^The private app lacks the scope tickets needed for reading the properties of tickets: add it under the app's Scopes in HubSpot/);
    const check = await connector.check();
    expect(check).toMatchObject({ ok: false, reachable: true, authenticated: true, permissions: { ok: false, missing: ['tickets', 'communication_preferences.write'] } });
    expect(check.message).toMatch(/tickets missing; communication_preferences.write missing\. Add the scopes to the private app/);
    await connector.close();
  });

  it('probes reads when the token is not a private app token, naming the missing read scope', async () => {
    hubspot.addToken('oauth-like-token', ['crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.objects.deals.read', 'communication_preferences.read_write']);
    hubspot.faults.add({ path: /access-token-info/, status: 400, body: { status: 'error', message: 'Not a private app token', correlationId: 'x', category: 'VALIDATION_ERROR' } });
    const connector = await openHubspot(hubspot, {}, { token: 'oauth-like-token' });
    const check = await connector.check();
    expect(check).toMatchObject({ ok: false, authenticated: true, permissions: { missing: ['tickets'] } });
    await connector.close();
  });

  it('reports a rejected token as an authentication failure', async () => {
    hubspot.addToken('pat-eu1-rotated', ALL_SCOPES);
    const connector = await openHubspot(hubspot, {}, { token: 'pat-eu1-rotated' });
    expect((await connector.check()).ok).toBe(true);
    hubspot.revokeToken('pat-eu1-rotated');
    const check = await connector.check();
    expect(check).toMatchObject({ ok: false, reachable: true, authenticated: false });
    expect(check.message).toMatch(/HubSpot refused the access token .*401 INVALID_AUTHENTICATION.*was rotated/);
    expect(await failure(connector.locate(LUCAS))).toMatchObject({ kind: 'authentication', retryable: false });
    await connector.close();
  });

  it('reports an unreachable or slow HubSpot as retryable', async () => {
    const gone = await startHubspotEmulator({ rateLimits: false });
    const connector = await openHubspot(gone);
    await gone.stop();
    const check = await connector.check();
    expect(check).toMatchObject({ ok: false, reachable: false, authenticated: false });
    expect(check.message).toMatch(/^Cannot reach HubSpot at http:\/\/127\.0\.0\.1:\d+ while reading the account details/);
    expect(await failure(connector.locate(LUCAS))).toMatchObject({ kind: 'unreachable', retryable: true });
    await connector.close();

    const slow = await openHubspot(hubspot, {}, { context: { timeoutMs: 300 } });
    hubspot.faults.add({ path: SEARCH, delayMs: 1_000 });
    expect(await failure(slow.locate(LUCAS))).toMatchObject({ kind: 'timeout', retryable: true });
    await slow.close();
  });
});
