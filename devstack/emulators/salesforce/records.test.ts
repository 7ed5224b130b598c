/** Contract: describe, sObject rows and sObject collections answer with the REST API's shapes, errors and permissions. */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { objectOfId, toLongId } from '../../../connectors/salesforce/ids.js';
import { dataApi, q, sessionFor } from '../../../test/support/salesforce/wire.js';
import { startSalesforceEmulator, type SalesforceEmulator } from './server.js';

describe('Salesforce emulator: describe and records', () => {
  let sf: SalesforceEmulator;
  let api: ReturnType<typeof dataApi>;
  let camille: string;
  beforeEach(async () => {
    await sf?.stop();
    sf = await startSalesforceEmulator();
    const token = await sessionFor(sf);
    api = dataApi(sf, () => token);
    camille = (await api('GET', q("SELECT Id FROM Contact WHERE LastName = 'Durand'"))).body.records[0].Id;
  });
  afterAll(() => sf.stop());

  it('describeGlobal lists each object with its key prefix, rights and URLs', async () => {
    const answer = await api('GET', '/sobjects');
    expect(answer.body).toMatchObject({ encoding: 'UTF-8', maxBatchSize: 200 });
    const prefixes = Object.fromEntries(answer.body.sobjects.map((o: { name: string; keyPrefix: string }) => [o.name, o.keyPrefix]));
    expect(prefixes).toMatchObject({ Account: '001', Contact: '003', Lead: '00Q', Case: '500', Task: '00T', Note: '002', CampaignMember: '00v', Individual: '0PK' });
    expect(answer.body.sobjects.find((o: { name: string }) => o.name === 'Individual')).toMatchObject({
      queryable: true, retrieveable: true, updateable: true, deletable: true, createable: true, custom: false,
      urls: { sobject: '/services/data/v60.0/sobjects/Individual', describe: '/services/data/v60.0/sobjects/Individual/describe', rowTemplate: '/services/data/v60.0/sobjects/Individual/{ID}' },
    });
  });

  it('describes an object: fields with type, length, nillable, updateable, references, picklists; child relationships', async () => {
    const answer = await api('GET', '/sobjects/Contact/describe');
    expect(answer.status).toBe(200);
    const field = (name: string) => answer.body.fields.find((f: { name: string }) => f.name === name);
    expect(field('Email')).toMatchObject({ type: 'email', length: 80, nillable: true, updateable: true, soapType: 'xsd:string' });
    expect(field('Id')).toMatchObject({ type: 'id', nillable: false, updateable: false, createable: false, idLookup: true });
    expect(field('IndividualId')).toMatchObject({ type: 'reference', referenceTo: ['Individual'], relationshipName: 'Individual' });
    expect(field('Salutation').picklistValues).toContainEqual({ active: true, defaultValue: false, label: 'Dr.', validFor: null, value: 'Dr.' });
    expect(field('MailingAddress')).toMatchObject({ type: 'address', updateable: false });
    expect(field('MailingCity')).toMatchObject({ compoundFieldName: 'MailingAddress' });
    expect(answer.body.childRelationships).toContainEqual(expect.objectContaining({ childSObject: 'Case', field: 'ContactId' }));
    expect((await api('GET', '/sobjects/Shoe__c/describe')).body).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
  });

  it('creates (201 { id, success, errors }), reads, updates (204) and deletes (204) a record; deleted ones answer ENTITY_IS_DELETED', async () => {
    const created = await api('POST', '/sobjects/Note', { ParentId: camille, Title: 'Rappel', Body: 'Rappeler jeudi.' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), success: true, errors: [] });
    const id = created.body.id as string;
    expect(objectOfId(id)).toBe('Note');
    expect(toLongId(id)).toBe(id);
    expect((await api('GET', `/sobjects/Note/${id}?fields=Title,Body`)).body).toEqual({
      attributes: { type: 'Note', url: `/services/data/v60.0/sobjects/Note/${id}` }, Title: 'Rappel', Body: 'Rappeler jeudi.',
    });
    expect((await api('PATCH', `/sobjects/Note/${id}`, { Body: 'Rappeler vendredi.' })).status).toBe(204);
    expect((await api('GET', `/sobjects/Note/${id.slice(0, 15)}`)).body.Body).toBe('Rappeler vendredi.');
    expect((await api('DELETE', `/sobjects/Note/${id}`)).status).toBe(204);
    const again = await api('DELETE', `/sobjects/Note/${id}`);
    expect(again.status).toBe(404);
    expect(again.body).toEqual([{ message: 'entity is deleted', errorCode: 'ENTITY_IS_DELETED' }]);
  });

  it('validates writes: required, read-only and unknown fields, bad emails', async () => {
    const missing = await api('POST', '/sobjects/Contact', { FirstName: 'Sans' });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual([{ message: 'Required fields are missing: [LastName]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] }]);
    expect((await api('PATCH', `/sobjects/Contact/${camille}`, { Name: 'X' })).body[0]).toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['Name'] });
    expect((await api('PATCH', `/sobjects/Contact/${camille}`, { Shoe_Size__c: 42 })).body[0].errorCode).toBe('INVALID_FIELD');
    expect((await api('PATCH', `/sobjects/Contact/${camille}`, { Email: 'not-an-email' })).body[0].errorCode).toBe('INVALID_EMAIL_ADDRESS');
  });

  it('refuses to delete a contact that cases point at, and cascades notes, tasks and memberships when it may', async () => {
    const blocked = await api('DELETE', `/sobjects/Contact/${camille}`);
    expect(blocked.status).toBe(400);
    expect(blocked.body[0].errorCode).toBe('DELETE_FAILED');
    const cases = (await api('GET', q(`SELECT Id FROM Case WHERE ContactId = '${camille}'`))).body.records.map((r: { Id: string }) => r.Id);
    for (const id of cases) await api('DELETE', `/sobjects/Case/${id}`);
    expect((await api('DELETE', `/sobjects/Contact/${camille}`)).status).toBe(204);
    for (const object of ['Task WHERE WhoId', 'Note WHERE ParentId', 'CampaignMember WHERE ContactId']) {
      expect((await api('GET', q(`SELECT Id FROM ${object} = '${camille}'`))).body.totalSize, object).toBe(0);
    }
  });

  it('runs sObject collections: one result per record, failures as { success: false, errors: [{ statusCode, message, fields }] }', async () => {
    const notes = (await api('POST', '/composite/sobjects', {
      allOrNone: false,
      records: [{ attributes: { type: 'Note' }, ParentId: camille, Title: 'A' }, { attributes: { type: 'Note' }, ParentId: camille, Title: 'B' }],
    })).body.map((r: { id: string }) => r.id) as string[];
    const updated = await api('PATCH', '/composite/sobjects', { allOrNone: false, records: [{ attributes: { type: 'Note' }, id: notes[0], Body: 'x' }, { attributes: { type: 'Note' }, id: notes[1], Title: null }] });
    expect(updated.body).toEqual([
      { id: notes[0], success: true, errors: [] },
      { id: notes[1], success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Title]', fields: ['Title'] }] },
    ]);
    const deleted = await api('DELETE', `/composite/sobjects?ids=${notes.join(',')},${notes[0]}&allOrNone=false`);
    expect(deleted.body).toEqual([
      { id: notes[0], success: true, errors: [] },
      { id: notes[1], success: true, errors: [] },
      { id: notes[0], success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }] },
    ]);
  });

  it('rolls everything back for allOrNone when one record fails', async () => {
    const answer = await api('POST', '/composite/sobjects', {
      allOrNone: true,
      records: [{ attributes: { type: 'Note' }, ParentId: camille, Title: 'kept?' }, { attributes: { type: 'Note' }, ParentId: camille }],
    });
    expect(answer.body[0]).toMatchObject({ success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' }] });
    expect((await api('GET', q("SELECT Id FROM Note WHERE Title = 'kept?'"))).body.totalSize).toBe(0);
  });

  it('hides an object the profile cannot read and refuses writes it cannot make', async () => {
    sf.state.setAccess('Individual', { read: false });
    sf.state.setAccess('Task', { delete: false });
    const global = await api('GET', '/sobjects');
    expect(global.body.sobjects.map((o: { name: string }) => o.name)).not.toContain('Individual');
    expect((await api('GET', q('SELECT Id FROM Individual'))).body[0].errorCode).toBe('INVALID_TYPE');
    const task = (await api('GET', q('SELECT Id FROM Task LIMIT 1'))).body.records[0].Id;
    const refused = await api('DELETE', `/sobjects/Task/${task}`);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual([{ message: 'insufficient access rights on object Task', errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' }]);
  });

  it('reports the daily API request count in /limits', async () => {
    const answer = await api('GET', '/limits');
    expect(answer.body.DailyApiRequests).toEqual({ Max: 100000, Remaining: 100000 - sf.state.apiRequests });
  });
});
