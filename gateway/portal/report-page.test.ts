/** The readable report page, through the gateway's router, on the test stack's FerretDB with real signing keys. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flipPayloadByte, sampleReport } from '../../core/report/testing.js';
import type { CompletionReport } from '../../core/report/report.js';
import { createHttpHandler, type FetchHandler } from '../router.js';
import { startTestServices, type TestServices } from '../testing.js';

describe('GET /reports/:id.html', () => {
  let services: TestServices;
  let handle: FetchHandler;

  beforeAll(async () => {
    services = await startTestServices({ PUBLIC_URL: 'https://privacy.example.org' });
    handle = createHttpHandler(services);
  });
  afterAll(() => services?.dispose());

  async function store(report: CompletionReport, tamper = false): Promise<void> {
    const { kid, jws } = await services.dsr.signer.sign(report);
    await services.dsr.reports.saveOnce({ _id: report.reportId, requestId: report.request.id, kid, jws: tamper ? flipPayloadByte(jws) : jws, report, createdAt: new Date() });
  }

  const get = async (path: string, language = 'en') => {
    const response = await handle(new Request(`http://gardien.test${path}`, { headers: { 'accept-language': language } }));
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };

  it('shows each system, the hashes, the key and how to verify offline; the JSON stays at /reports/:id', async () => {
    const report = sampleReport();
    // What a later report version adds per system is shown too.
    Object.assign(report.systems[0]!, { retained: [{ object: 'invoice', count: 2, basis: 'Code de commerce L123-22', until: '2035-01-01' }] });
    await store(report);
    const page = await get('/reports/rep_1.html');
    expect([page.status, page.type]).toEqual([200, 'text/html; charset=utf-8']);
    const text = page.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('rentals (sql) Done');
    expect(text).toContain('Counts located: 3, exported: 3');
    expect(text).toContain(`exp_1 — 120 B ${'cd'.repeat(32)}`);
    expect(text).toContain('Code de commerce L123-22');
    expect(text).toContain('The signature was checked by this server against the published keys: valid.');
    expect(text).toContain('npx gardien report verify rep_1.json --jwks https://privacy.example.org/.well-known/jwks.json');
    expect((await get('/reports/rep_1')).type).toBe('application/json; charset=utf-8');
    expect((await get('/reports/rep_1.html', 'fr-FR,fr;q=0.9')).text).toContain('<h1>Rapport de fin</h1>');
  });

  it('says so when the stored signature does not match', async () => {
    await store({ ...sampleReport(), reportId: 'rep_2' }, true);
    const page = await get('/reports/rep_2.html');
    expect(page.text).toContain('The signature does NOT verify against the published keys: signature does not match');
  });

  it('answers an unknown report with a page saying so', async () => {
    const page = await get('/reports/rep_nope.html');
    expect([page.status, page.type]).toEqual([404, 'text/html; charset=utf-8']);
    expect(page.text).toContain('There is no such report.');
  });
});
