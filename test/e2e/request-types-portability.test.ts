/**
 * Portability (GDPR Art. 20) end to end through GraphQL on the real stack: the
 * demo billing database, the Salesforce and HubSpot emulators registered by
 * IT; the customer downloads a ZIP from the emailed link, with each system's
 * objects as JSON and CSV and a manifest whose hashes and counts match; with a
 * passphrase the ZIP is AES-encrypted and the passphrase is kept nowhere.
 */
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithZipJs, type PackageManifest } from '../support/portability/packages.js';
import { DEMO_PEOPLE, type DemoPerson } from '../../devstack/demo/people.js';
import { caughtMails } from '../support/stack/mail.js';
import type { RequestStack } from '../support/stack/request-stack.js';
import { needlesOf, requestFlow, startDemoStack, type LookupAnswer, type RequestFlow } from './request-flow.js';

const person = (key: string): DemoPerson => DEMO_PEOPLE.find((p) => p.key === key)!;
const CAMILLE = person('camille');
const JAMES = person('james');
const PASSPHRASE = 'Marmelade de coings 1987';
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('portability request, end to end through GraphQL', () => {
  let stack: RequestStack;
  let flow: RequestFlow;

  beforeAll(async () => {
    stack = await startDemoStack();
    flow = requestFlow(stack);
  }, 180_000);
  afterAll(() => stack?.close());

  /** Files, verifies and follows a portability request; the download's bytes, the signed report and what the DPO saw beforehand. */
  async function portability(subject: DemoPerson, language: 'EN' | 'FR', extra: Record<string, unknown> = {}) {
    const seen = await flow.lookup({ email: subject.email });
    const { id, accessToken } = await flow.file('PORTABILITY', { email: subject.email }, language, extra);
    if (extra.passphrase) {
      // Until the package is made the passphrase waits in the request, sealed.
      const filed = await stack.services.requests.get(id);
      expect(filed.passphrase).toBeTruthy();
      expect(JSON.stringify(filed)).not.toContain(String(extra.passphrase));
    }
    await flow.verify(id, subject.email, language);
    const done = await flow.follow(id, accessToken);
    expect(done).toMatchObject({ type: 'PORTABILITY', status: 'COMPLETED', statusReason: null, waitingFor: null });
    for (const system of done.systems) {
      const records = seen.systems[system.name]!.records.length;
      expect(system, system.name).toMatchObject({ status: 'DONE', error: null, located: records, exported: records });
    }
    const mail = await flow.subjectMails(id, subject.email, language, done, true);
    const download = await fetch(/(http:\/\/\S+\/exports\/\S+)/.exec(mail.text)![1]!);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/zip');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="gardien-${id}.zip"`);
    const zip = Buffer.from(await download.arrayBuffer());
    const report = await flow.signedReport(done.reportUrl!);
    expect(report.request).toMatchObject({ id, type: 'PORTABILITY', status: 'COMPLETED', verification: 'email_code' });
    expect(report.export).toEqual({ id: expect.any(String), sha256: sha256(zip), bytes: zip.length });
    expect(Object.fromEntries(report.systems.map((s) => [s.name, [s.action, s.status, s.counts.exported]]))).toEqual(
      Object.fromEntries(done.systems.map((s) => [s.name, ['export', 'DONE', s.exported]])),
    );
    return { id, done, seen, zip, report, mail };
  }

  /** Opens the package and checks it against itself and against what the systems exported. */
  async function checkPackage(zip: Buffer, seen: LookupAnswer, exported: Record<string, number>, password?: string) {
    const opened = await openWithZipJs(zip);
    const manifest = JSON.parse((await opened.read('manifest.json', password)).toString('utf8')) as PackageManifest;
    expect(manifest).toMatchObject({ format: 'gardien-portability/1', request: { type: 'PORTABILITY' } });
    // Every file the manifest lists is in the ZIP with that SHA-256 and size, and the ZIP holds nothing else.
    expect(opened.entries.map((e) => e.filename).sort()).toEqual([...manifest.files.map((f) => f.path), 'manifest.json'].sort());
    const files = new Map<string, Buffer>();
    for (const file of manifest.files) {
      const bytes = await opened.read(file.path, file.path === 'README.txt' ? undefined : password);
      expect({ path: file.path, sha256: sha256(bytes), bytes: bytes.length }).toEqual({ path: file.path, sha256: file.sha256, bytes: file.bytes });
      files.set(file.path, bytes);
    }
    // Per system, the objects and their record counts are what the lookup found and the system exported.
    expect(Object.fromEntries(manifest.systems.map((s) => [s.connector.name, s.objects.reduce((n, o) => n + o.records, 0)]))).toEqual(exported);
    for (const system of manifest.systems) {
      const found: Record<string, number> = {};
      for (const record of seen.systems[system.connector.name]!.records) found[record.object] = (found[record.object] ?? 0) + 1;
      expect(Object.fromEntries(system.objects.map((o) => [o.name, o.records])), system.connector.name).toEqual(found);
      for (const object of system.objects) {
        const json = JSON.parse(files.get(object.files.json)!.toString('utf8')) as { object: string; records: { id: string }[] };
        expect([json.object, json.records.length]).toEqual([object.name, object.records]);
        const csv = parse(files.get(object.files.csv)!, { columns: true, bom: true }) as Record<string, string>[];
        expect(csv.length, object.files.csv).toBe(object.records);
        expect(Object.keys(csv[0] ?? {})).toEqual(object.columns.map((c) => c.name));
      }
    }
    return { manifest, files, opened };
  }

  it('emails a link to a ZIP of her data per system and object, as JSON and CSV, with a manifest that matches', async () => {
    const { id, done, seen, zip, report } = await portability(CAMILLE, 'FR');
    expect(report.package).toEqual({ format: 'zip', encrypted: false });
    const exported = Object.fromEntries(done.systems.map((s) => [s.name, s.exported]));
    expect(Object.keys(exported).sort()).toEqual(['billing-db', 'crm-hubspot', 'crm-salesforce']);
    const { manifest, files, opened } = await checkPackage(zip, seen, exported);
    expect(manifest.encryption).toBeNull();
    expect(opened.entries.every((e) => !e.encrypted)).toBe(true);
    const folders = Object.fromEntries(manifest.systems.map((s) => [s.connector.name, s.objects.map((o) => o.files.json.split('/')[0])]));
    for (const [name, paths] of Object.entries(folders)) expect(new Set(paths)).toEqual(new Set([name]));
    // Her own records, and nobody else's.
    const text = [...files.values()].map((b) => b.toString('utf8')).join('\n');
    const contact = JSON.parse(files.get(manifest.systems.find((s) => s.connector.name === 'crm-salesforce')!.objects.find((o) => o.name === 'Contact')!.files.json)!.toString('utf8')) as { records: { fields: Record<string, unknown> }[] };
    expect(contact.records[0]!.fields).toMatchObject({ Email: CAMILLE.email, LastName: 'Durand' });
    for (const other of DEMO_PEOPLE.filter((p) => p !== CAMILLE)) expect(text.toLowerCase()).not.toContain(other.email);
    await flow.noPersonalData(id, needlesOf(CAMILLE, 'Camille.Durand', '06 12 34 56 78', 'CUST-1001', 'ERP-20190042'));
  }, 150_000);

  it('encrypts the ZIP with his passphrase, which then is stored nowhere', async () => {
    const { id, done, seen, zip, report, mail } = await portability(JAMES, 'EN', { passphrase: PASSPHRASE });
    expect(report.package).toEqual({ format: 'zip', encrypted: true });
    expect(mail.text).toContain('The ZIP file opens with the passphrase you chose');

    // Without the passphrase only the README opens; a wrong one is refused; his opens every file.
    const opened = await openWithZipJs(zip);
    expect(opened.entries.filter((e) => !e.encrypted).map((e) => e.filename)).toEqual(['README.txt']);
    expect((await opened.read('README.txt')).toString('utf8')).toMatch(/passphrase/i);
    await expect(opened.read('manifest.json')).rejects.toThrow(/encrypted/i);
    await expect(opened.read('manifest.json', 'not the passphrase')).rejects.toThrow(/password/i);
    const { manifest } = await checkPackage(zip, seen, Object.fromEntries(done.systems.map((s) => [s.name, s.exported])), PASSPHRASE);
    expect(manifest.encryption).toEqual({ method: 'AES-256', format: 'WinZip AE-2', unencrypted: ['README.txt'] });

    // The passphrase is gone from the request once the package is made, is in no email and not in Temporal.
    const doc = await stack.services.requests.get(id);
    expect(doc).not.toHaveProperty('passphrase');
    const mails = await caughtMails({ to: JAMES.email, textIncludes: id });
    expect(mails.length).toBeGreaterThanOrEqual(4);
    for (const caught of mails) expect(`${caught.subject}\n${caught.text}`).not.toContain(PASSPHRASE);
    await flow.noPersonalData(id, [...needlesOf(JAMES, 'James.Whitfield', '07911 123456', 'CUST-1002'), PASSPHRASE]);
  }, 150_000);

  it('refuses a passphrase that is too short, or on another request type, and stores nothing', async () => {
    const before = (await stack.services.requests.list({ first: 100 })).items.length;
    const submit = (type: string, passphrase: string) =>
      stack.ask<{ submitRequest: { __typename: string; problems?: { path: string; message: string }[] } }>(
        null,
        'mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { __typename ... on ValidationError { problems { path message } } } }',
        { input: { type, identity: { email: JAMES.email }, passphrase } },
      );
    expect((await submit('PORTABILITY', 'short')).data!.submitRequest).toEqual({ __typename: 'ValidationError', problems: [{ path: 'passphrase', message: 'The passphrase must have between 8 and 256 characters' }] });
    expect((await submit('ACCESS', PASSPHRASE)).data!.submitRequest).toEqual({ __typename: 'ValidationError', problems: [{ path: 'passphrase', message: 'only for PORTABILITY' }] });
    expect((await stack.services.requests.list({ first: 100 })).items.length).toBe(before);
  });
});
