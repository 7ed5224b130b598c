/** What a DPO sees of a Salesforce org: the data map, lookups by each identifier, rectification, restriction and consent. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseIdentity } from '../../core/identity.js';
import type { ConnectorDescription } from '../sdk/contract.js';
import { emulatedOrg, openConnector, personId, type EmulatedOrg } from '../../test/support/salesforce/org.js';

describe('Salesforce connector: behaviour on the demo org', () => {
  let org: EmulatedOrg;
  let description: ConnectorDescription;
  const locate = (input: Parameters<typeof normaliseIdentity>[0]) => org.connector.locate(normaliseIdentity(input));
  const summary = async (input: Parameters<typeof normaliseIdentity>[0]) =>
    (await locate(input)).map((r) => `${r.object}:${r.matchedOn}`).sort();
  beforeAll(async () => {
    org = await emulatedOrg({ objects: { Contact: { categories: { Title: 'other' } }, Case: { erasure: { strategy: 'retain', legalHold: { basis: 'Support tickets kept 3 years (contract, art. 12)' } } } } });
    description = await org.connector.describe();
  });
  afterAll(() => org.stop());

  it('describes the objects from Salesforce metadata, with categories guessed and overridden, identifiers and free text marked', () => {
    const object = (name: string) => description.objects.find((o) => o.name === name)!;
    expect(description.objects.map((o) => o.name)).toEqual(['Contact', 'Lead', 'Individual', 'Case', 'Task', 'Note', 'CampaignMember']);
    const field = (o: string, f: string) => object(o).fields.find((x) => x.name === f);
    expect(field('Contact', 'Email')).toMatchObject({ type: 'email', category: 'contact', identifier: 'email' });
    expect(field('Contact', 'MobilePhone')).toMatchObject({ category: 'contact', identifier: 'phone' });
    expect(field('Contact', 'Id')).toMatchObject({ identifier: 'externalId', key: true, category: 'technical' });
    expect(field('Contact', 'Description')).toMatchObject({ category: 'communication', freeText: true });
    expect(field('Contact', 'MailingCity')).toMatchObject({ category: 'location' });
    expect(field('Contact', 'MailingStreet')?.freeText).toBeUndefined();
    expect(field('Contact', 'Birthdate')).toMatchObject({ category: 'identity' });
    expect(field('Contact', 'Title')).toMatchObject({ category: 'other' });
    expect(field('Contact', 'MailingAddress')).toBeUndefined();
    expect(field('Note', 'Body')).toMatchObject({ category: 'communication', freeText: true });
    expect(field('Individual', 'HasOptedOutProcessing')).toMatchObject({ category: 'behavioural' });
    expect(object('Task').relation).toEqual({ parent: 'Contact', via: 'WhoId' });
    expect(object('Contact').erasure).toEqual({ strategy: 'anonymise', fields: expect.arrayContaining(['Email', 'MobilePhone', 'Description', 'LastName']) });
    expect(object('Case').erasure).toEqual({ strategy: 'retain', legalHold: { basis: 'Support tickets kept 3 years (contract, art. 12)' } });
    expect(object('CampaignMember').erasure.strategy).toBe('delete');
  });

  it('finds a person by email whatever its case, in contacts, leads and web cases', async () => {
    expect(await summary({ email: 'JAMES.whitfield@example.co.uk' })).toEqual([
      'CampaignMember:relation', 'Case:relation', 'Contact:email', 'Individual:relation', 'Lead:email', 'Note:relation', 'Task:relation', 'Task:relation',
    ]);
    expect(await summary({ email: 'elise.fontaine@example.fr' })).toContain('Case:email');
  });

  it('escapes what it is given: a quote in an email finds nothing and breaks no query', async () => {
    expect(await locate({ email: "o'brien@example.ie" })).toEqual([]);
    expect(await locate({ email: "x'or'1'='1@example.ie" })).toEqual([]);
  });

  it('finds a person by phone however Salesforce stores it', async () => {
    expect(await summary({ phone: '06 12 34 56 78' })).toContain('Contact:phone');
    expect(await summary({ phone: '+33 1 45 67 89 01' })).toContain('Contact:phone');
    expect(await summary({ phone: '+33698765432' })).toContain('Lead:phone');
    expect(await summary({ phone: '+33 6 98 76 54 33' })).toEqual([]);
  });

  it('finds a record by its Salesforce id, 15 or 18 characters, and only for this system', async () => {
    const id = personId(org.sf, 'Lead', 'Benali');
    expect(await summary({ externalId: id.slice(0, 15) })).toContain('Lead:externalId');
    expect(await summary({ externalId: id, externalSystem: 'salesforce-under-test' })).toContain('Lead:externalId');
    expect(await summary({ externalId: id, externalSystem: 'billing-db' })).toEqual([]);
    expect(await summary({ externalId: '0035g0000000999ZZZ' })).toEqual([]);
  });

  it('rectifies writable fields and says why it skips the others', async () => {
    const ref = (await locate({ email: 'camille.durand@example.fr' })).find((r) => r.object === 'Contact')!;
    const outcome = await org.connector.rectify(ref, [
      { object: 'Contact', field: 'MailingCity', value: 'Villeurbanne' },
      { object: 'Contact', field: 'Name', value: 'C. Durand' },
      { object: 'Contact', field: 'Shoe_Size__c', value: 38 },
      { object: 'Lead', field: 'Company', value: 'x' },
    ]);
    expect(outcome.applied).toEqual(['MailingCity']);
    expect(outcome.skipped.map((s) => `${s.field}: ${s.reason}`)).toEqual([
      'Name: read-only for the integration user', 'Shoe_Size__c: Contact has no field Shoe_Size__c', 'Company: belongs to Lead, not Contact',
    ]);
    expect(org.sf.state.find(ref.id)!.MailingCity).toBe('Villeurbanne');
  });

  it('restricts processing on the Individual (creating one when missing) and stops email, then reports it as consent state', async () => {
    const lead = personId(org.sf, 'Lead', 'Whitfield');
    expect(org.sf.state.find(lead)!.IndividualId).toBeNull();
    const refs = await locate({ email: 'james.whitfield@example.co.uk' });
    const people = refs.filter((r) => r.object === 'Contact' || r.object === 'Lead');
    expect((await org.connector.consent(refs)).map((c) => c.marketing)).toEqual(['unknown', 'unknown']);
    const outcomes = await org.connector.restrict(refs, true);
    expect(outcomes).toHaveLength(refs.length);
    expect(outcomes.every((o) => o.restricted)).toBe(true);
    // Written: the people and the Individual found; the Case, Tasks and Notes are covered by it.
    expect(outcomes.filter((o) => o.changed).map((o) => o.ref.object).sort()).toEqual(['Contact', 'Individual', 'Lead']);
    const created = org.sf.state.find(String(org.sf.state.find(lead)!.IndividualId))!;
    expect(created).toMatchObject({ LastName: 'Whitfield', HasOptedOutProcessing: true });
    expect(await org.connector.consent(refs)).toEqual(people.map((ref) => ({ ref, marketing: 'denied', processingRestricted: true })));
    const writes = org.sf.calls.length;
    expect((await org.connector.restrict(refs, true)).some((o) => o.changed)).toBe(false);
    expect(org.sf.calls.slice(writes).filter((c) => c.method !== 'GET')).toEqual([]);
    const lifted = await org.connector.restrict(refs, false);
    expect(lifted.filter((o) => o.changed).map((o) => o.ref.object)).toEqual(['Individual']); // the Lead's new Individual is not among the refs
    // Lifted, processing goes on; the email stays stopped (it may be his objection, and consent is not given back for him).
    expect(await org.connector.consent(refs)).toEqual(people.map((ref) => ({ ref, marketing: 'denied', processingRestricted: false })));
  });

  it('keeps an objection when a later restriction is lifted', async () => {
    const refs = await locate({ email: 'camille.durand@example.fr' });
    const contact = personId(org.sf, 'Contact', 'Durand');
    await org.connector.optOut(refs);
    await org.connector.restrict(refs, true);
    await org.connector.restrict(refs, false);
    expect(org.sf.state.find(contact)).toMatchObject({ HasOptedOutOfEmail: true, DoNotCall: true });
    expect(org.sf.state.find(String(org.sf.state.find(contact)!.IndividualId))).toMatchObject({ HasOptedOutProcessing: false, HasOptedOutSolicit: true });
  });

  it('logs in with the username-password flows too', async () => {
    const { username, password, securityToken, clientId, clientSecret } = org.sf.credentials;
    for (const secrets of [{ username, password, securityToken }, { username, password, securityToken, clientId, clientSecret }]) {
      const connector = await openConnector(org.sf, {}, secrets);
      expect((await connector.check()).message).toMatch(secrets.clientId ? /OAuth username-password flow/ : /SOAP login/);
      await connector.close();
    }
  });
});
