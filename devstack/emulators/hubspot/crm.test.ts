/** Contract: CRM objects, search, batch reads, associations and properties have HubSpot's documented shapes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubspotEmulator, type HubspotEmulator } from './server.js';
import { hubspotCall } from '../../../test/support/hubspot/wire.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const byEmail = (value: string, operator = 'EQ') => ({ filterGroups: [{ filters: [{ propertyName: 'email', operator, value }] }], properties: ['email', 'phone', 'firstname'] });

describe('HubSpot emulator: CRM objects', () => {
  let hs: HubspotEmulator;
  let call: (method: string, path: string, body?: unknown) => ReturnType<typeof hubspotCall>;
  let camilleId: string;
  beforeAll(async () => {
    hs = await startHubspotEmulator({ rateLimits: false });
    call = (method, path, body) => hubspotCall(hs.url, hs.token, method, path, body);
    camilleId = (await call('POST', '/crm/v3/objects/contacts/search', byEmail('camille.durand@example.fr'))).body.results[0].id;
  });
  afterAll(() => hs.stop());

  it('search answers { total, results: [{ id, properties, createdAt, updatedAt, archived }] } and ignores the case of text', async () => {
    const answer = await call('POST', '/crm/v3/objects/contacts/search', byEmail('Camille.DURAND@Example.fr'));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      total: 1,
      results: [
        {
          id: expect.stringMatching(/^\d{11}$/),
          properties: { email: 'camille.durand@example.fr', phone: '06 12 34 56 78', firstname: 'Camille' },
          createdAt: expect.stringMatching(ISO),
          updatedAt: expect.stringMatching(ISO),
          archived: false,
        },
      ],
    });
  });

  it('search pages with after and paging.next.after, up to 200 a page', async () => {
    const all = { filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'HAS_PROPERTY' }] }], limit: 2 };
    const first = await call('POST', '/crm/v3/objects/contacts/search', all);
    expect(first.body.total).toBe(4);
    expect(first.body.paging.next.after).toBe('2');
    const second = await call('POST', '/crm/v3/objects/contacts/search', { ...all, after: first.body.paging.next.after });
    expect(second.body.paging).toBeUndefined();
    const ids = [...first.body.results, ...second.body.results].map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(4);
    const tooMany = await call('POST', '/crm/v3/objects/contacts/search', { ...all, limit: 201 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
  });

  it('search filters with IN, CONTAINS_TOKEN wildcards, the searchable phone and OR between groups', async () => {
    const inList = await call('POST', '/crm/v3/objects/contacts/search', {
      filterGroups: [{ filters: [{ propertyName: 'email', operator: 'IN', values: ['sofia.ricci@example.it', 'lucas.moreau@example.fr'] }] }],
    });
    expect(inList.body.total).toBe(2);
    expect((await call('POST', '/crm/v3/objects/contacts/search', byEmail('*@example.fr', 'CONTAINS_TOKEN'))).body.total).toBe(2);
    const phone = await call('POST', '/crm/v3/objects/contacts/search', {
      filterGroups: [
        { filters: [{ propertyName: 'hs_searchable_calculated_phone_number', operator: 'EQ', value: '701020304' }] },
        { filters: [{ propertyName: 'hs_searchable_calculated_mobile_number', operator: 'EQ', value: '701020304' }] },
      ],
      properties: ['mobilephone'],
    });
    expect(phone.body.results.map((r: { properties: { mobilephone: string } }) => r.properties.mobilephone)).toEqual(['+33 7 01 02 03 04']);
    const unknown = await call('POST', '/crm/v3/objects/contacts/search', { filterGroups: [{ filters: [{ propertyName: 'no_such_thing', operator: 'EQ', value: 'x' }] }] });
    expect(unknown.status).toBe(400);
  });

  it('lists records page by page with paging.next.after', async () => {
    const first = await call('GET', '/crm/v3/objects/notes?limit=2&properties=hs_note_body');
    expect(first.body.results).toHaveLength(2);
    expect(Object.keys(first.body.results[0].properties)).toEqual(['hs_note_body']);
    const next = await call('GET', `/crm/v3/objects/notes?limit=2&after=${first.body.paging.next.after}`);
    expect(next.body.results[0].id).not.toBe(first.body.results[1].id);
    expect(Object.keys(next.body.results[0].properties).sort()).toEqual(['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id']);
  });

  it('reads one record, by id or by email, and answers 404 OBJECT_NOT_FOUND for an unknown one', async () => {
    const byId = await call('GET', `/crm/v3/objects/contacts/${camilleId}?properties=city&associations=notes`);
    expect(byId.body.properties.city).toBe('Lyon');
    expect(byId.body.associations.notes.results[0]).toEqual({ id: expect.stringMatching(/^\d+$/), type: 'contact_to_note' });
    expect((await call('GET', '/crm/v3/objects/contacts/JAMES.whitfield@example.co.uk?idProperty=email')).body.properties.firstname).toBe('James');
    const missing = await call('GET', '/crm/v3/objects/contacts/12345');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND', correlationId: expect.any(String) });
  });

  it('batch read answers 207 with an OBJECT_NOT_FOUND error naming the ids it could not find', async () => {
    const answer = await call('POST', '/crm/v3/objects/contacts/batch/read', { inputs: [{ id: camilleId }, { id: '999' }], properties: ['email'], propertiesWithHistory: [] });
    expect(answer.status).toBe(207);
    expect(answer.body).toMatchObject({ status: 'COMPLETE', numErrors: 1, results: [{ id: camilleId, properties: { email: 'camille.durand@example.fr' } }] });
    expect(answer.body.errors[0]).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND', context: { ids: ['999'] } });
    const tooMany = await call('POST', '/crm/v3/objects/contacts/batch/read', { inputs: Array.from({ length: 101 }, (_, i) => ({ id: String(i) })), properties: [] });
    expect(tooMany.status).toBe(400);
  });

  it('updates properties and refuses unknown, read-only or malformed values with VALIDATION_ERROR', async () => {
    const updated = await call('PATCH', `/crm/v3/objects/contacts/${camilleId}`, { properties: { city: 'Villeurbanne' } });
    expect(updated.body.properties.city).toBe('Villeurbanne');
    for (const properties of [{ shoe_size: '42' }, { hs_object_id: '1' }, { email: 'not-an-email' }, { hs_language: 'klingon' }]) {
      const refused = await call('PATCH', `/crm/v3/objects/contacts/${camilleId}`, { properties });
      expect(refused.status).toBe(400);
      expect(refused.body.category).toBe('VALIDATION_ERROR');
      expect(refused.body.message).toMatch(/^Property values were not valid: /);
    }
    expect(hs.state.get('contacts', camilleId)?.properties.email).toBe('camille.durand@example.fr');
  });

  it('lists associations (v4) page by page, with HubSpot-defined type ids', async () => {
    const first = await call('GET', `/crm/v4/objects/contacts/${camilleId}/associations/notes?limit=2`);
    expect(first.body.results).toHaveLength(2);
    expect(first.body.results[0]).toEqual({ toObjectId: expect.any(Number), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 201, label: null }] });
    const rest = await call('GET', `/crm/v4/objects/contacts/${camilleId}/associations/notes?limit=2&after=${first.body.paging.next.after}`);
    expect(rest.body.results).toHaveLength(1);
    const back = await call('POST', '/crm/v4/associations/notes/contacts/batch/read', { inputs: [{ id: String(rest.body.results[0].toObjectId) }, { id: '1' }] });
    expect(back.status).toBe(207);
    expect(back.body.results[0].to.map((t: { toObjectId: number }) => t.toObjectId)).toHaveLength(2);
    expect(back.body.errors[0].subCategory).toBe('crm.associations.NO_ASSOCIATIONS_FOUND');
  });

  it('describes each object type with its properties: name, label, type, fieldType, groupName', async () => {
    for (const type of ['contacts', 'notes', 'emails', 'calls', 'tickets', 'deals']) {
      const answer = await call('GET', `/crm/v3/properties/${type}`);
      expect(answer.status).toBe(200);
      for (const p of answer.body.results) expect(p).toMatchObject({ name: expect.any(String), label: expect.any(String), type: expect.any(String), fieldType: expect.any(String), groupName: expect.any(String) });
    }
    const body = await call('GET', '/crm/v3/properties/notes/hs_note_body');
    expect(body.body).toMatchObject({ name: 'hs_note_body', type: 'string', fieldType: 'html', modificationMetadata: { readOnlyValue: false } });
  });
});
