/** Contract: SOQL queries, cursors and SOSL search answer with the REST API's documented shapes and errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataApi, q, sessionFor } from '../../../test/support/salesforce/wire.js';
import { startSalesforceEmulator, type SalesforceEmulator } from './server.js';

const ID18 = /^[a-zA-Z0-9]{15}[A-Z0-5]{3}$/;

describe('Salesforce emulator: query and search', () => {
  let sf: SalesforceEmulator;
  let api: ReturnType<typeof dataApi>;
  beforeAll(async () => {
    sf = await startSalesforceEmulator();
    const token = await sessionFor(sf);
    api = dataApi(sf, () => token);
  });
  afterAll(() => sf.stop());

  it('answers { totalSize, done, records: [{ attributes: { type, url }, …fields }] }, comparing text case-insensitively', async () => {
    const answer = await api('GET', q("SELECT Id, Email, MobilePhone FROM Contact WHERE Email = 'CAMILLE.Durand@example.FR'"));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/100000$/);
    expect(answer.body).toEqual({
      totalSize: 1,
      done: true,
      records: [{
        attributes: { type: 'Contact', url: expect.stringMatching(/^\/services\/data\/v60\.0\/sobjects\/Contact\/003\w{15}$/) },
        Id: expect.stringMatching(ID18),
        Email: 'camille.durand@example.fr',
        MobilePhone: '+33 6 12 34 56 78',
      }],
    });
  });

  it('filters with IN, LIKE, AND/OR, parentheses and null, orders and limits', async () => {
    const soql = "SELECT LastName FROM Contact WHERE (Email LIKE '%@example.fr' OR LastName IN ('Whitfield')) AND Birthdate != null ORDER BY LastName DESC LIMIT 5";
    const answer = await api('GET', q(soql));
    expect(answer.body.records.map((r: { LastName: string }) => r.LastName)).toEqual(['Fontaine', 'Durand']);
    const count = await api('GET', q('SELECT COUNT() FROM Lead'));
    expect(count.body).toEqual({ totalSize: 2, done: true, records: [] });
  });

  it('pages with nextRecordsUrl, honouring Sforce-Query-Options batchSize (200 at least)', async () => {
    const contact = (await api('GET', q("SELECT Id FROM Contact WHERE LastName = 'Durand'"))).body.records[0].Id as string;
    sf.seedBulk(contact, 450);
    const headers = { 'Sforce-Query-Options': 'batchSize=100' };
    const first = await api('GET', q(`SELECT Id FROM Task WHERE WhoId = '${contact}'`), undefined, headers);
    expect(first.body).toMatchObject({ totalSize: 452, done: false, nextRecordsUrl: expect.stringMatching(/^\/services\/data\/v60\.0\/query\/01g\w+-200$/) });
    expect(first.body.records).toHaveLength(200);
    const ids = new Set<string>(first.body.records.map((r: { Id: string }) => r.Id));
    let next: string | undefined = first.body.nextRecordsUrl;
    while (next) {
      const page = await api('GET', next.replace('/services/data/v60.0', ''));
      for (const r of page.body.records) ids.add(r.Id);
      next = page.body.done ? undefined : page.body.nextRecordsUrl;
    }
    expect(ids.size).toBe(452);
    const done = await api('GET', first.body.nextRecordsUrl.replace('/services/data/v60.0', '').replace(/-200$/, '-0').replace(/01g\w+/, '01g5g0000Nope0001'));
    expect(done.status).toBe(400);
    expect(done.body).toEqual([{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]);
  });

  it('shows deleted records to queryAll only, with IsDeleted', async () => {
    const task = (await api('GET', q("SELECT Id FROM Task WHERE Subject = 'Call 1' LIMIT 1"))).body.records[0].Id as string;
    expect((await api('DELETE', `/sobjects/Task/${task}`)).status).toBe(204);
    expect((await api('GET', q(`SELECT Id FROM Task WHERE Id = '${task}'`))).body.totalSize).toBe(0);
    const all = await api('GET', `/queryAll?q=${encodeURIComponent(`SELECT Id, IsDeleted FROM Task WHERE Id = '${task}'`)}`);
    expect(all.body.records).toEqual([expect.objectContaining({ Id: task, IsDeleted: true })]);
  });

  it('reports MALFORMED_QUERY, INVALID_FIELD and INVALID_TYPE as 400 error arrays', async () => {
    const malformed = await api('GET', q('SELECT Id FROM Contact WHERE'));
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual([{ errorCode: 'MALFORMED_QUERY', message: expect.stringContaining('ERROR at Row:1:Column:') }]);
    const field = await api('GET', q('SELECT Shoe_Size FROM Contact'));
    expect(field.body).toEqual([{ errorCode: 'INVALID_FIELD', message: expect.stringContaining("No such column 'Shoe_Size' on entity 'Contact'") }]);
    const type = await api('GET', q('SELECT Id FROM Contract'));
    expect(type.body).toEqual([{ errorCode: 'INVALID_TYPE', message: expect.stringContaining("sObject type 'Contract' is not supported") }]);
  });

  it('searches phone fields whatever their formatting, and email fields whatever the case: { searchRecords }', async () => {
    const phone = await api('GET', `/search?q=${encodeURIComponent('FIND {698765432} IN PHONE FIELDS RETURNING Contact(Id), Lead(Id, Phone)')}`);
    expect(phone.body).toEqual({
      searchRecords: [{ attributes: { type: 'Lead', url: expect.stringContaining('/sobjects/Lead/00Q') }, Id: expect.stringMatching(ID18), Phone: '06 98 76 54 32' }],
    });
    const email = await api('GET', `/search?q=${encodeURIComponent('FIND {james.whitfield@example.co.uk} IN EMAIL FIELDS RETURNING Contact(Email), Lead(Email)')}`);
    expect(email.body.searchRecords.map((r: { Email: string }) => r.Email).sort()).toEqual(['James.Whitfield@Example.co.uk', 'james.whitfield@example.co.uk']);
    const bad = await api('GET', `/search?q=${encodeURIComponent('FIND x RETURNING Contact')}`);
    expect(bad.status).toBe(400);
    expect(bad.body[0].errorCode).toBe('MALFORMED_SEARCH');
  });
});
