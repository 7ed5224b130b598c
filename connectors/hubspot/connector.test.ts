/** What a DPO and IT see of a HubSpot portal: its data map, lookups, rectification, restriction and consent. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseIdentity } from '../../core/identity.js';
import { startHubspotEmulator, type HubspotEmulator } from '../../devstack/emulators/hubspot/server.js';
import { collect } from '../sdk/testkit/expectations.js';
import { hubspotConfigSchema } from './config.js';
import type { HubspotConnector } from './connector.js';
import { openHubspot } from '../../test/support/hubspot/connector.js';

describe('HubSpot connector', () => {
  let hubspot: HubspotEmulator;
  let connector: HubspotConnector;
  beforeAll(async () => {
    hubspot = await startHubspotEmulator({ rateLimits: false });
    connector = await openHubspot(hubspot, { objects: { notes: { categories: { hs_note_body: 'special' } } } });
  });
  afterAll(async () => {
    await connector.close();
    await hubspot.stop();
  });
  const contactId = (email: string) => hubspot.state.findContactByEmail(email)!.id;

  it('maps the portal from its properties API: categories, identifiers, free text, erasure', async () => {
    const description = await connector.describe();
    expect(description.objects.map((o) => o.name)).toEqual(['contacts', 'notes', 'emails', 'calls', 'tickets', 'deals']);
    const field = (object: string, name: string) => description.objects.find((o) => o.name === object)!.fields.find((f) => f.name === name);
    expect(field('contacts', 'email')).toMatchObject({ category: 'contact', identifier: 'email' });
    expect(field('contacts', 'mobilephone')).toMatchObject({ category: 'contact', identifier: 'phone' });
    expect(field('contacts', 'hs_object_id')).toMatchObject({ identifier: 'externalId', key: true });
    expect(field('contacts', 'firstname')?.category).toBe('identity');
    expect(field('contacts', 'message')).toMatchObject({ category: 'communication', freeText: true });
    expect(field('notes', 'hs_note_body')).toMatchObject({ category: 'special', freeText: true });
    expect(field('tickets', 'content')).toMatchObject({ freeText: true });
    expect(field('deals', 'description')).toMatchObject({ freeText: true });
    expect(field('deals', 'amount')?.category).toBe('financial');
    expect(description.objects.find((o) => o.name === 'contacts')!.erasure).toEqual({ strategy: 'vendor_delete' });
    expect(description.objects.find((o) => o.name === 'deals')!.erasure).toMatchObject({ strategy: 'retain', legalHold: { basis: expect.stringContaining('accounting') } });
  });

  it('locates by email in any case, then the notes, emails, tickets and deals of the contact', async () => {
    const refs = await connector.locate(normaliseIdentity({ email: 'CAMILLE.Durand@example.fr' }));
    expect(refs[0]).toEqual({ object: 'contacts', id: contactId('camille.durand@example.fr'), matchedOn: 'email' });
    expect(refs.filter((r) => r.matchedOn === 'relation').map((r) => r.object).sort()).toEqual(['deals', 'emails', 'notes', 'notes', 'notes', 'tickets']);
    for (const ref of refs.slice(1)) expect(ref.parent).toEqual({ object: 'contacts', id: refs[0]!.id });
  });

  it('locates by a secondary email address too', async () => {
    const refs = await connector.locate(normaliseIdentity({ email: 'James@Whitfield-Sons.example' }));
    expect(refs[0]).toEqual({ object: 'contacts', id: contactId('james.whitfield@example.co.uk'), matchedOn: 'email' });
  });

  it('locates by phone whatever way it was typed in HubSpot', async () => {
    // Camille's is typed "06 12 34 56 78" in `phone`; Lucas's "+33 7 01 02 03 04" in `mobilephone`.
    const camille = await connector.locate(normaliseIdentity({ phone: '+33 6 12 34 56 78' }));
    expect(camille[0]).toMatchObject({ id: contactId('camille.durand@example.fr'), matchedOn: 'phone' });
    const lucas = await connector.locate(normaliseIdentity({ phone: '07 01 02 03 04' }));
    expect(lucas[0]).toMatchObject({ id: contactId('lucas.moreau@example.fr'), matchedOn: 'phone' });
    expect(lucas.map((r) => r.object)).toEqual(['contacts', 'notes', 'calls']);
    // Same national digits, another country: not the same person.
    expect(await connector.locate(normaliseIdentity({ phone: '+32 470 12 34 56' }))).toEqual([]);
  });

  it('locates by external id (the HubSpot record id), unless it names another system', async () => {
    const id = contactId('sofia.ricci@example.it');
    expect((await connector.locate({ externalId: id }))[0]).toEqual({ object: 'contacts', id, matchedOn: 'externalId' });
    expect((await connector.locate({ externalId: id, externalSystem: 'crm-hubspot' })).length).toBeGreaterThan(0);
    expect(await connector.locate({ externalId: id, externalSystem: 'billing-db' })).toEqual([]);
  });

  it('locates by a configured external id property, and says when the portal has no such property', async () => {
    const byErp = await openHubspot(hubspot, { externalIdProperty: 'customer_number' });
    expect((await byErp.locate({ externalId: 'ERP-20190042' }))[0]).toEqual({ object: 'contacts', id: contactId('camille.durand@example.fr'), matchedOn: 'externalId' });
    await byErp.close();
    const misnamed = await openHubspot(hubspot, { externalIdProperty: 'erp_id' });
    expect((await misnamed.check()).message).toMatch(/externalIdProperty "erp_id" is not a contact property of this portal/);
    await expect(misnamed.locate({ externalId: 'ERP-20190042' })).rejects.toMatchObject({ kind: 'configuration' });
    await misnamed.close();
  });

  it('reads the records with every property that has a value', async () => {
    const refs = await connector.locate(normaliseIdentity({ email: 'james.whitfield@example.co.uk' }));
    const records = await collect(connector.read(refs));
    expect(records.find((r) => r.ref.object === 'contacts')!.fields).toMatchObject({ firstname: 'James', phone: '+44 7911 123456', city: 'Manchester', jobtitle: 'Operations Director' });
    const notes = records.filter((r) => r.ref.object === 'notes').map((r) => r.fields.hs_note_body);
    expect(notes).toContainEqual(expect.stringContaining('knee operation'));
    expect(records.find((r) => r.ref.object === 'emails')!.fields).toMatchObject({ hs_email_subject: 'Re: Quote for 25 seats', hs_email_direction: 'INCOMING_EMAIL' });
    for (const record of records) expect(Object.values(record.fields)).not.toContain(null);
  });

  it('rectifies writable properties and says why it skips the others', async () => {
    const ref = { object: 'contacts', id: contactId('sofia.ricci@example.it') };
    const outcome = await connector.rectify(ref, [
      { object: 'contacts', field: 'city', value: 'Torino' },
      { object: 'contacts', field: 'hs_object_id', value: '1' },
      { object: 'contacts', field: 'shoe_size', value: 42 },
      { object: 'notes', field: 'hs_note_body', value: 'x' },
    ]);
    expect(outcome.applied).toEqual(['city']);
    expect(outcome.skipped.map((s) => s.field)).toEqual(['hs_object_id', 'shoe_size', 'hs_note_body']);
    expect(hubspot.state.get('contacts', ref.id)!.properties.city).toBe('Torino');
    const refused = await connector.rectify(ref, [{ object: 'contacts', field: 'email', value: 'sofia at example' }]);
    expect(refused.applied).toEqual([]);
    expect(refused.skipped[0]!.reason).toMatch(/INVALID_EMAIL/);
    expect(refused.skipped[0]!.reason).not.toContain('sofia at example');
    expect((await connector.rectify({ object: 'contacts', id: '999' }, [{ object: 'contacts', field: 'city', value: 'Rome' }])).skipped[0]!.reason).toBe('the record no longer exists');
  });

  it('restricts processing: every email subscription stopped, the restriction property set; consent reflects it', async () => {
    const refs = await connector.locate(normaliseIdentity({ email: 'james.whitfield@example.co.uk' }));
    const contact = refs.filter((r) => r.object === 'contacts');
    expect(await connector.consent(contact)).toEqual([{ ref: contact[0], marketing: 'granted', processingRestricted: false }]);
    const [outcome] = await connector.restrict(contact, true);
    expect(outcome).toMatchObject({ restricted: true, changed: true, detail: expect.stringContaining('unsubscribed from 2 email subscription(s)') });
    expect(await connector.consent(contact)).toEqual([{ ref: contact[0], marketing: 'denied', processingRestricted: true }]);
    // Restricted again, nothing is written (reads go by POST too: searches and batch reads).
    const writes = () => hubspot.calls.filter((c) => c.method !== 'GET' && !/\/(search|batch\/read)$/.test(c.path)).length;
    const before = writes();
    expect((await connector.restrict(contact, true))[0]).toMatchObject({ changed: false, detail: expect.stringContaining('no email subscription to stop') });
    expect(writes()).toBe(before);
    const [lifted] = await connector.restrict(contact, false);
    expect(lifted).toMatchObject({ restricted: false, changed: true, detail: expect.stringContaining('must opt in again') });
    expect(await connector.consent(contact)).toEqual([{ ref: contact[0], marketing: 'denied', processingRestricted: false }]);
  });

  it('refuses a config that cannot work, saying why', () => {
    const problems = (config: unknown) => {
      const parsed = hubspotConfigSchema.safeParse(config);
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(problems({ accessToken: 'pat-eu1-x' })[0]).toMatch(/goes in secrets\.accessToken/);
    expect(problems({ basePath: 'ftp://hubspot' })[0]).toMatch(/^basePath: must be an http\(s\) URL/);
    expect(problems({ objects: { contacts: { skip: true } } })[0]).toMatch(/contacts cannot be skipped/);
    expect(problems({ objects: { deals: { erasure: { strategy: 'retain' } } } })[0]).toMatch(/legalHold/);
    expect(problems({ objects: { notes: { categories: { hs_note_body: 'gossip' } } } })).toHaveLength(1);
  });
});
