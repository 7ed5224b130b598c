/** Objection to direct marketing (Art. 21) on the HubSpot emulator: every subscription stopped, consent denied, nothing written twice, gone contacts reported. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseIdentity } from '../../core/identity.js';
import { startHubspotEmulator, type HubspotEmulator } from '../../devstack/emulators/hubspot/server.js';
import type { HubspotConnector } from './connector.js';
import { callsTo, openHubspot } from '../../test/support/hubspot/connector.js';

describe('HubSpot connector: opt-out', () => {
  let hubspot: HubspotEmulator;
  let connector: HubspotConnector;
  beforeAll(async () => {
    hubspot = await startHubspotEmulator({ rateLimits: false });
    connector = await openHubspot(hubspot);
  });
  afterAll(async () => {
    await connector.close();
    await hubspot.stop();
  });
  const statuses = (email: string) => Object.fromEntries([...(hubspot.state.subscriptions.get(email) ?? new Map())].map(([id, s]) => [id, s.status]));
  const writes = () => [...callsTo(hubspot, 'POST', /^\/communication-preferences\/v3\/(un)?subscribe$/), ...hubspot.calls.filter((c) => c.method === 'PATCH' || c.method === 'PUT')].length;

  it('unsubscribes the contact from every type it was subscribed to, with the reason; consent then says denied, restriction untouched', async () => {
    const refs = await connector.locate(normaliseIdentity({ email: 'james.whitfield@example.co.uk' }));
    expect(statuses('james.whitfield@example.co.uk')).toEqual({ '87294215': 'SUBSCRIBED', '87294216': 'SUBSCRIBED' });
    const outcomes = await connector.optOut(refs);
    expect(outcomes.map((o) => o.ref)).toEqual(refs);
    expect(outcomes.filter((o) => o.optedOut)).toEqual([{ ref: refs[0], optedOut: true, changed: true, detail: 'unsubscribed from 2 of 3 email subscription type(s)' }]);
    expect(outcomes.find((o) => o.ref.object === 'deals')).toMatchObject({ optedOut: false, detail: expect.stringMatching(/not on its deals/) });
    expect(statuses('james.whitfield@example.co.uk')).toEqual({ '87294215': 'NOT_SUBSCRIBED', '87294216': 'NOT_SUBSCRIBED' });
    expect(hubspot.state.subscriptions.get('james.whitfield@example.co.uk')!.get('87294215')).toMatchObject({ legalBasis: 'CONSENT_WITH_NOTICE', legalBasisExplanation: expect.stringMatching(/Art\. 21/) });
    expect(await connector.consent(refs.slice(0, 1))).toEqual([{ ref: refs[0], marketing: 'denied', processingRestricted: false }]);
    expect(hubspot.state.get('contacts', refs[0]!.id)!.properties.gdpr_processing_restricted ?? null).toBeNull();
  });

  it('writes nothing the second time and reports the contact opted out again', async () => {
    const refs = await connector.locate(normaliseIdentity({ email: 'james.whitfield@example.co.uk' }));
    const before = writes();
    const again = await connector.optOut(refs);
    expect(writes()).toBe(before);
    expect(again.find((o) => o.ref.object === 'contacts')).toEqual({ ref: refs[0], optedOut: true, changed: false, detail: 'subscribed to none of 3 email subscription type(s)' });
  });

  it('leaves other people subscribed', () => {
    expect(statuses('camille.durand@example.fr')).toEqual({ '87294215': 'SUBSCRIBED', '87294217': 'SUBSCRIBED' });
  });

  it('reports a contact deleted since the lookup, and one without an email, instead of failing', async () => {
    const [ref] = await connector.locate(normaliseIdentity({ email: 'lucas.moreau@example.fr' }));
    hubspot.state.remove('contacts', ref!.id);
    const nameless = hubspot.state.create('contacts', { firstname: 'Walk-in', lastname: 'Visitor' });
    expect(await connector.optOut([ref!, { object: 'contacts', id: nameless.id }])).toEqual([
      { ref, optedOut: false, detail: 'the contact no longer exists' },
      { ref: { object: 'contacts', id: nameless.id }, optedOut: false, detail: expect.stringMatching(/no email address/) },
    ]);
    expect(statuses('lucas.moreau@example.fr')).toEqual({ '87294216': 'SUBSCRIBED' });
  });

  it('lists opt_out among its capabilities', async () => {
    expect((await connector.describe()).capabilities).toContain('opt_out');
  });
});
