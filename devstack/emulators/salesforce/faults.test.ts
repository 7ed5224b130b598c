/** Faults on demand and the call log, and that jsforce — used unchanged — works against the emulator. */
import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataApi, q, sessionFor } from '../../../test/support/salesforce/wire.js';
import { startSalesforceEmulator, type SalesforceEmulator } from './server.js';

describe('Salesforce emulator: faults and call log', () => {
  let sf: SalesforceEmulator;
  let api: ReturnType<typeof dataApi>;
  beforeAll(async () => {
    sf = await startSalesforceEmulator();
    const token = await sessionFor(sf);
    api = dataApi(sf, () => token);
  });
  afterAll(() => sf.stop());

  it('answers a 429 with Retry-After and REQUEST_LIMIT_EXCEEDED the given number of times, then normally', async () => {
    sf.faults.add({ path: /\/query\?q=SELECT Id FROM Lead/, status: 429, times: 2, retryAfter: 3 });
    for (let i = 0; i < 2; i++) {
      const limited = await api('GET', q('SELECT Id FROM Lead'));
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('3');
      expect(limited.body).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    }
    expect((await api('GET', q('SELECT Id FROM Lead'))).status).toBe(200);
    expect(sf.faults.pending()).toBe(0);
  });

  it('sends Salesforce-shaped bodies for 500 and 503, or the body given, only for the matching method', async () => {
    sf.faults.add({ path: /\/sobjects$/, method: 'GET', status: 503 });
    sf.faults.add({ path: /\/limits$/, status: 500, body: [{ message: 'boom', errorCode: 'UNKNOWN_EXCEPTION' }] });
    expect((await api('GET', '/sobjects')).body).toEqual([{ message: expect.any(String), errorCode: 'SERVER_UNAVAILABLE' }]);
    expect((await api('GET', '/limits')).body).toEqual([{ message: 'boom', errorCode: 'UNKNOWN_EXCEPTION' }]);
  });

  it('slows an answer down without changing it', async () => {
    sf.faults.add({ path: /\/limits$/, delayMs: 300 });
    const started = Date.now();
    const answer = await api('GET', '/limits');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(answer.status).toBe(200);
  });

  it('logs every call with method, path, query, JSON body and status', async () => {
    const before = sf.calls.length;
    await api('GET', q('SELECT Id FROM Case'));
    await api('DELETE', '/sobjects/Case/5005g0000000099AAA');
    const update = { allOrNone: false, records: [{ attributes: { type: 'Case' }, id: '5005g0000000099AAA', Subject: '[anonymised]' }] };
    await api('PATCH', '/composite/sobjects', update);
    await sessionFor(sf);
    expect(sf.calls.slice(before)).toEqual([
      expect.objectContaining({ method: 'GET', path: '/services/data/v60.0/query', query: { q: 'SELECT Id FROM Case' }, status: 200, faulted: false }),
      expect.objectContaining({ method: 'DELETE', path: '/services/data/v60.0/sobjects/Case/5005g0000000099AAA', query: {}, status: 404 }),
      expect.objectContaining({ method: 'PATCH', path: '/services/data/v60.0/composite/sobjects', body: update, status: 200 }),
      // A login's form (the client secret) is not kept.
      expect.not.objectContaining({ body: expect.anything() }),
    ]);
    expect(sf.calls.at(-1)).toMatchObject({ method: 'POST', path: '/services/oauth2/token', status: 200 });
  });

  it('serves jsforce unchanged: SOAP and OAuth logins, autoFetch queries, CRUD, describe and search', async () => {
    const { username, password, securityToken, clientId, clientSecret } = sf.credentials;
    const soap = new Connection({ loginUrl: sf.url, version: '60.0' });
    await soap.loginBySoap(username, password + securityToken);
    expect(soap.instanceUrl).toBe(sf.url);
    const conn = new Connection({ loginUrl: sf.url, version: '60.0', oauth2: { loginUrl: sf.url, clientId, clientSecret } });
    await conn.authorize({ grant_type: 'client_credentials' });
    const lead = (await conn.query<{ Id: string }>("SELECT Id FROM Lead WHERE LastName = 'Benali'")).records[0]!;
    sf.seedBulk(lead.Id, 2100);
    const all = await conn.query(`SELECT Id FROM Note WHERE ParentId = '${lead.Id}'`).autoFetch(true).maxFetch(5000).run();
    expect(all.records).toHaveLength(2101);
    const created = await conn.sobject('Task').create({ WhoId: lead.Id, Subject: 'Rappel', Status: 'Not Started', Priority: 'Normal' });
    expect(created).toMatchObject({ success: true });
    const id = (created as { id: string }).id;
    await conn.sobject('Task').update({ Id: id, Description: 'Relancer la semaine prochaine.' });
    expect(await conn.sobject('Task').retrieve(id)).toMatchObject({ Description: 'Relancer la semaine prochaine.' });
    expect(await conn.sobject('Task').destroy([id])).toEqual([{ id, success: true, errors: [] }]);
    expect((await conn.describe('Individual')).fields.map((f) => f.name)).toEqual(expect.arrayContaining(['ShouldForget', 'HasOptedOutProcessing']));
    const found = await conn.search('FIND {amina.benali@example.fr} IN EMAIL FIELDS RETURNING Lead(Id)');
    expect(found.searchRecords.map((r) => r.Id)).toEqual([lead.Id]);
  });
});
