/** Contract: the GDPR delete and communication preferences behave as HubSpot documents; the official client reads the emulator. */
import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubspotEmulator, type HubspotEmulator } from './server.js';
import { hubspotCall } from '../../../test/support/hubspot/wire.js';

describe('HubSpot emulator: GDPR delete and communication preferences', () => {
  let hs: HubspotEmulator;
  let call: (method: string, path: string, body?: unknown) => ReturnType<typeof hubspotCall>;
  beforeAll(async () => {
    hs = await startHubspotEmulator({ rateLimits: false });
    call = (method, path, body) => hubspotCall(hs.url, hs.token, method, path, body);
  });
  afterAll(() => hs.stop());

  const contactOf = (email: string) => hs.state.findContactByEmail(email)!;

  it('GDPR delete removes the contact and the engagements it alone held; a second call is 404', async () => {
    const camille = contactOf('camille.durand@example.fr');
    const james = contactOf('james.whitfield@example.co.uk');
    const notes = hs.state.associated('contacts', camille.id, 'notes');
    const shared = notes.find((n) => hs.state.associated('notes', n, 'contacts').includes(james.id))!;
    const [deal] = hs.state.associated('contacts', camille.id, 'deals');

    expect((await call('POST', '/crm/v3/objects/contacts/gdpr-delete', { objectId: camille.id })).status).toBe(204);
    expect((await call('GET', `/crm/v3/objects/contacts/${camille.id}`)).status).toBe(404);
    for (const note of notes.filter((n) => n !== shared)) expect(hs.state.get('notes', note)).toBeUndefined();
    expect(hs.state.associated('notes', shared, 'contacts')).toEqual([james.id]);
    expect(hs.state.get('deals', deal!)).toBeDefined();
    expect(hs.state.associated('deals', deal!, 'contacts')).toEqual([]);
    const search = await call('POST', '/crm/v3/objects/contacts/search', { filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: 'camille.durand@example.fr' }] }] });
    expect(search.body.total).toBe(0);

    const again = await call('POST', '/crm/v3/objects/contacts/gdpr-delete', { objectId: camille.id });
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND' });
  });

  it('GDPR delete by email blocklists the address, even when no contact holds it', async () => {
    const answer = await call('POST', '/crm/v3/objects/contacts/gdpr-delete', { objectId: 'someone.unknown@example.org', idProperty: 'email' });
    expect(answer.status).toBe(204);
    expect(hs.state.blocklist.has('someone.unknown@example.org')).toBe(true);
    const subscribe = await call('POST', '/communication-preferences/v3/subscribe', { emailAddress: 'someone.unknown@example.org', subscriptionId: '87294215' });
    expect(subscribe.status).toBe(400);
    expect(subscribe.body.message).toMatch(/permanently deleted/);
  });

  it('reports, changes and refuses to repeat email subscription changes', async () => {
    const status = await call('GET', '/communication-preferences/v3/status/email/james.whitfield@example.co.uk');
    expect(status.body.recipient).toBe('james.whitfield@example.co.uk');
    expect(status.body.subscriptionStatuses.find((s: { id: string }) => s.id === '87294215')).toMatchObject({
      name: 'Newsletter', status: 'SUBSCRIBED', sourceOfStatus: 'SUBSCRIPTION_STATUS', legalBasis: 'CONSENT_WITH_NOTICE',
    });
    const unsubscribe = { emailAddress: 'james.whitfield@example.co.uk', subscriptionId: '87294215' };
    expect((await call('POST', '/communication-preferences/v3/unsubscribe', unsubscribe)).body).toMatchObject({ id: '87294215', status: 'NOT_SUBSCRIBED' });
    const twice = await call('POST', '/communication-preferences/v3/unsubscribe', unsubscribe);
    expect(twice.status).toBe(400);
    expect(twice.body.message).toMatch(/already unsubscribed/);
    const definitions = await call('GET', '/communication-preferences/v3/definitions');
    expect(definitions.body.subscriptionDefinitions.map((d: { name: string }) => d.name)).toContain('Newsletter');
  });

  it('keeps the legal basis and explanation given with an unsubscribe, and refuses to resubscribe the email that opted out', async () => {
    const email = 'lucas.moreau@example.fr';
    const events = { emailAddress: email, subscriptionId: '87294216' };
    const unsubscribed = await call('POST', '/communication-preferences/v3/unsubscribe', { ...events, legalBasis: 'LEGITIMATE_INTEREST_PQL', legalBasisExplanation: 'Objected to direct marketing' });
    expect(unsubscribed.body).toMatchObject({ id: '87294216', status: 'NOT_SUBSCRIBED', legalBasis: 'LEGITIMATE_INTEREST_PQL', legalBasisExplanation: 'Objected to direct marketing' });
    const again = await call('POST', '/communication-preferences/v3/subscribe', events);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', message: expect.stringMatching(/opted out of subscription 87294216/) });
    // A type the email never had a status for can still be subscribed to.
    expect((await call('POST', '/communication-preferences/v3/subscribe', { emailAddress: email, subscriptionId: '87294215' })).body).toMatchObject({ status: 'SUBSCRIBED' });
  });

  it('is read by the official client, pointed at it through basePath', async () => {
    const client = new Client({ accessToken: hs.token, basePath: hs.url });
    const page = await client.crm.objects.searchApi.doSearch('contacts', {
      filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ' as never, value: 'LUCAS.moreau@example.fr' }] }],
      properties: ['firstname', 'mobilephone'],
      limit: 10,
      after: '0',
      sorts: [],
    });
    expect(page.total).toBe(1);
    expect(page.results[0]!.properties).toMatchObject({ firstname: 'Lucas', mobilephone: '+33 7 01 02 03 04' });
    expect(page.results[0]!.createdAt).toBeInstanceOf(Date);
    const notes = await client.crm.associations.v4.basicApi.getPage('contacts', page.results[0]!.id, 'notes');
    expect(notes.results).toHaveLength(1);
    await expect(new Client({ accessToken: 'pat-eu1-wrong', basePath: hs.url }).crm.objects.basicApi.getPage('contacts')).rejects.toMatchObject({
      code: 401,
      body: { category: 'INVALID_AUTHENTICATION' },
    });
  });
});
