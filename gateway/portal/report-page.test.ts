/** The readable report page, through the gateway's router, on the test stack's FerretDB with real signing keys. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flipPayloadByte, sampleReport } from '../../test/support/report/samples.js';
import { buildReport, type CompletionReport, type SystemReport } from '../../core/report/report.js';
import { createHttpHandler, type FetchHandler } from '../router.js';
import { startTestServices, type TestServices } from '../../test/support/gateway/services.js';
import { reportBody } from './report-page.js';
import { visibleText } from '../../test/support/portal/visible-text.js';

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
    // One report per request: each sample gets a request of its own.
    await services.dsr.reports.saveOnce({ _id: report.reportId, requestId: `req_of_${report.reportId}`, kid, jws: tamper ? flipPayloadByte(jws) : jws, report, createdAt: new Date() });
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
    const text = visibleText(page.text);
    expect(text).toContain('rentals (sql) Done');
    expect(text).toContain('Counts found: 3, exported: 3');
    expect(text).toContain('Action Copy of the data (export)');
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

const at = (iso: string) => new Date(iso);
const system = (over: Partial<SystemReport> & Pick<SystemReport, 'connectorId' | 'name' | 'kind'>): SystemReport => ({
  action: 'rectify', status: 'DONE', counts: { located: 0, exported: 0 }, startedAt: null, finishedAt: null, exports: [], error: null, attempts: 1, ...over,
});

/** A rectification in three systems: one corrected after a failed first run, one paper archive, one settled by hand; the deadline was extended once. */
function rectificationReport(): CompletionReport {
  return buildReport({
    reportId: 'rep_rect',
    issuer: 'https://privacy.example.org',
    issuedAt: at('2025-06-20T09:30:00Z'),
    request: {
      id: 'req_rect', type: 'RECTIFICATION', status: 'COMPLETED', receivedAt: at('2025-05-01T08:00:00Z'), dueAt: at('2025-07-01T08:00:00Z'),
      verifiedAt: at('2025-05-01T08:05:00Z'), verification: 'email_code',
      extensions: [{ months: 1, at: at('2025-05-20T10:00:00Z'), previousDueAt: at('2025-06-01T08:00:00Z'), dueAt: at('2025-07-01T08:00:00Z') }],
    },
    subjectRef: 'ab'.repeat(32),
    systems: [
      system({
        connectorId: 'conn_sf', name: 'crm', kind: 'salesforce', counts: { located: 2, exported: 0, changed: 2, verified: 1 }, attempts: 2, error: 'Salesforce answered 503',
        amendment: {
          action: 'rectify', changed: 2, unchanged: 0, missing: 1, fields: { Contact: ['LastName', 'MobilePhone'], Lead: ['Phone'] },
          skipped: [{ object: 'Contact', field: 'Email', reason: 'read-only <b>field</b>', records: 1 }, { object: 'Task', field: null, reason: 'no field to correct', records: 31 }],
          verifiedBy: 'read_back', verified: 1, unverified: 1,
        },
      }),
      system({
        connectorId: 'conn_paper', name: 'paper-archive', kind: 'manual',
        manual: { taskId: 'mt_1', reason: 'manual_system', completedBy: 'archivist@corp.example', completedAt: '2025-06-19T15:00:00Z', evidenceSha256: '12'.repeat(32), records: 4 },
      }),
      system({
        connectorId: 'conn_sql', name: 'billing', kind: 'sql', error: 'connect ETIMEDOUT',
        manual: { taskId: 'mt_2', reason: 'resolution', completedBy: 'dpo@corp.example', completedAt: '2025-06-18T11:00:00Z', evidenceSha256: '34'.repeat(32), records: null },
      }),
    ],
    export: null,
  });
}

/** A portability request withdrawn by the subject while its only system waited. */
function cancelledPortability(): CompletionReport {
  return buildReport({
    reportId: 'rep_port',
    issuer: 'https://privacy.example.org',
    issuedAt: at('2025-05-03T12:00:00Z'),
    request: {
      id: 'req_port', type: 'PORTABILITY', status: 'CANCELLED', receivedAt: at('2025-05-01T08:00:00Z'), dueAt: at('2025-06-01T08:00:00Z'),
      verifiedAt: at('2025-05-01T08:05:00Z'), verification: 'email_code', cancellation: { by: 'subject', at: at('2025-05-03T11:59:00Z') },
    },
    subjectRef: 'cd'.repeat(32),
    systems: [system({ connectorId: 'conn_crm', name: 'crm', kind: 'hubspot', action: 'export', status: 'CANCELLED', counts: { located: 1, exported: 1 }, exports: [{ id: 'exp_crm', sha256: 'ef'.repeat(32), bytes: 300 }] })],
    export: { id: 'exp_port_zip', sha256: '56'.repeat(32), bytes: 4096 },
    package: { format: 'zip', encrypted: true },
  });
}

const readable = (report: CompletionReport, language: 'en' | 'fr') =>
  reportBody(report, 'kid-1', { valid: true }, '/reports/x', 'https://privacy.example.org/.well-known/jwks.json', language).html;
const words = visibleText;

describe('the report page says what each system did', () => {
  it('a correction: fields written per object, what was not done and why, the read-back, the retried run', () => {
    const text = words(readable(rectificationReport(), 'en'));
    expect(text).toContain('crm (salesforce) Done');
    expect(text).toContain('Action Correction');
    expect(text).toContain('Counts found: 2, exported: 0, changed: 2, checked as asked: 1');
    expect(text).toContain('Records changed 2 Already as asked 0 Gone before the change 1');
    expect(text).toContain('Fields written Contact: LastName, MobilePhone Lead: Phone');
    expect(text).toContain('Not done, and why Contact, field Email: read-only &lt;b&gt;field&lt;/b&gt;');
    expect(text).toContain('Task: no field to correct (31 records)');
    expect(text).toContain('Checked afterwards By reading the records back: 1 as asked, 1 not as asked. The data protection officer must look into it.');
    expect(text).toContain('Attempts Failed, then retried: done at run 2.');
    expect(text).not.toContain('Package the subject downloads');
    expect(text).toContain('Last failure Salesforce answered 503');
    expect(text).not.toContain('Error Salesforce');
  });

  it('work done by hand: who, when, the evidence fingerprint and the records; a failed system settled by hand', () => {
    const text = words(readable(rectificationReport(), 'en'));
    expect(text).toContain('paper-archive (manual) Done');
    expect(text).toContain('Done by a person This system is handled by people: the work was done by hand. Task mt_1 Done by archivist@corp.example On 19 June 2025 at 15:00 UTC');
    expect(text).toContain(`Evidence (SHA-256 fingerprint) ${'12'.repeat(32)} Records found or handled 4`);
    expect(text).toContain('Done by a person The system failed: it was settled by hand. Task mt_2 Done by dpo@corp.example');
    expect(text).toContain('Records found or handled — Attempts Failed (1 run(s)), then settled by hand. Last failure connect ETIMEDOUT');
    expect(text).toContain('Deadline extended By 1 month(s) on 20 May 2025 at 10:00 UTC: from 1 June 2025 at 08:00 UTC to 1 July 2025 at 08:00 UTC.');
    expect(text).toContain('Identity verified 1 May 2025 at 08:05 UTC (by the code emailed to the person)');
  });

  it('a withdrawn portability request: who withdrew it and when, each system stopped, the package a ZIP encrypted with the passphrase', () => {
    const text = words(readable(cancelledPortability(), 'en'));
    expect(text).toContain('Status Cancelled');
    expect(text).toContain('Closed 3 May 2025 at 12:00 UTC');
    expect(text).toContain('Withdrawn By the person concerned, on 3 May 2025 at 11:59 UTC.');
    expect(text).toContain('crm (hubspot) Stopped (request cancelled)');
    expect(text).toContain(`Package the subject downloads A ZIP archive, encrypted (AES-256) with the passphrase the person chose exp_port_zip — 4096 B ${'56'.repeat(32)}`);
    const plain = cancelledPortability();
    plain.package = { format: 'zip', encrypted: false };
    expect(words(readable(plain, 'en'))).toContain('A ZIP archive, not encrypted');
  });

  it('in French too', () => {
    const rect = words(readable(rectificationReport(), 'fr'));
    expect(rect).toContain('Action Correction');
    expect(rect).toContain('Comptes trouvés : 2, exportés : 0, modifiés : 2, vérifiés conformes : 1');
    expect(rect).toContain('Champs écrits Contact : LastName, MobilePhone Lead : Phone');
    expect(rect).toContain('Non fait, et pourquoi Contact, champ Email : read-only &lt;b&gt;field&lt;/b&gt;');
    expect(rect).toContain('Task : no field to correct (31 enregistrements)');
    expect(rect).toContain('Vérification après coup En relisant les enregistrements : 1 conformes, 1 non conformes.');
    expect(rect).toContain('Tentatives En échec, puis relancé : fait à la tentative 2.');
    expect(rect).toContain('Fait par une personne Ce système est tenu par des personnes : le travail a été fait à la main. Tâche mt_1 Faite par archivist@corp.example Le 19 juin 2025');
    expect(rect).toContain('Le système était en échec : il a été réglé à la main.');
    expect(rect).toContain('Délai prolongé De 1 mois le 20 mai 2025');
    const port = words(readable(cancelledPortability(), 'fr'));
    expect(port).toContain('Retirée Par la personne concernée, le 3 mai 2025');
    expect(port).toContain('Une archive ZIP, chiffrée (AES-256) avec la phrase secrète choisie par la personne');
    expect(port).toContain('crm (hubspot) Arrêté (demande annulée)');
  });

  it('an erasure: what was done, what was kept and why, and what the check found', () => {
    const report = sampleReport();
    report.request.type = 'ERASURE';
    report.systems[0] = system({
      connectorId: 'conn_1', name: 'rentals', kind: 'sql', action: 'erase', counts: { located: 5, exported: 0, erased: 3, retained: 2, remaining: 2 },
      erasure: {
        actions: { deleted: 2, anonymised: 1, retained: 2 },
        retained: [{ object: 'payment', records: 2, basis: 'Code de commerce L123-22 <10 ans>', retainUntil: '2035-05-02' }],
        verification: { checkedAt: '2025-05-02T09:59:00Z', remaining: 3, retained: 2, anonymised: 1, unexpected: [] },
      },
    });
    const text = words(readable(report, 'en'));
    expect(text).toContain('Action Erasure');
    expect(text).toContain('What was done to the records 2 deleted, 1 anonymised, 2 kept');
    expect(text).toContain('Kept, and why 2 × payment: Code de commerce L123-22 &lt;10 ans&gt; (until 2 May 2035)');
    expect(text).toContain('Checked afterwards 3 still found on 2 May 2025 at 09:59 UTC: 2 kept, 1 anonymised.');
    expect(text).not.toContain('Exported files');
  });
});
