import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStorage } from '../test/support/workflows/harness.js';
import { ValidationError } from './errors.js';
import { writeSystemExport, type ExportRecord } from './exports.js';
import { validatePortabilityPassphrase, writePortabilityPackage, type PortabilityInput } from './portability.js';
import { portabilityExportId } from './storage/export-ids.js';
import { spoolPart, spooledRecords } from './portability/spool.js';
import { extractWith7z, openWithZipJs, sha256, storedBytes, type PackageManifest } from '../test/support/portability/packages.js';
import { ExportStore } from './storage/exports.js';

let storage: Awaited<ReturnType<typeof openTestStorage>>;
let store: ExportStore;
beforeAll(async () => {
  storage = await openTestStorage();
  store = new ExportStore(storage);
});
afterAll(async () => storage?.drop());

const exportedAt = new Date('2025-05-02T09:30:00Z');
const crm = { id: 'conn_crm', kind: 'salesforce', name: 'Salesforce CRM' };
const rentals = { id: 'conn_sql', kind: 'sql', name: 'Locations (légacy)' };

const crmRecords: ExportRecord[] = [
  { ref: { object: 'Contact', id: '003A', matchedOn: 'email' }, fields: { Id: '003A', FirstName: 'Léa', LastName: 'Martin', Email: 'lea.martin@example.org', MailingAddress: { city: 'Lyon', street: '3 rue Mercière' }, HasOptedOutOfEmail: false } },
  { ref: { object: 'Case', id: '500B', matchedOn: 'relation' }, fields: { Id: '500B', Subject: 'Invoice, "wrong" amount', Description: 'Line one\nline two' } },
  { ref: { object: 'Contact', id: '003C', matchedOn: 'email' }, fields: { Id: '003C', FirstName: 'Léa', LastName: 'Martin-Roux', Email: 'lea.roux@example.org', Legacy_Code__c: 'LX-9' } },
  { ref: { object: 'Opportunity', id: '006D', matchedOn: 'relation' }, fields: { Id: '006D', Amount: 1250.5 } },
];
const rentalRecords: ExportRecord[] = [
  { ref: { object: 'customer', id: '7', matchedOn: 'email' }, fields: { customer_id: 7, email: 'lea.martin@example.org', active: true, note: null } },
  { ref: { object: 'rental', id: '70', matchedOn: 'relation' }, fields: { rental_id: 70, customer_id: 7, tags: ['bike', 'weekend'], amount: 35 } },
  { ref: { object: 'rental', id: '71', matchedOn: 'relation' }, fields: { rental_id: 71, customer_id: 7, tags: [], amount: 0 } },
];
const descriptions: PortabilityInput['descriptions'] = {
  conn_crm: {
    objects: [
      { name: 'Contact', fields: [{ name: 'Id', type: 'id', category: 'technical' }, { name: 'FirstName', type: 'string', category: 'identity' }, { name: 'LastName', type: 'string', category: 'identity' }, { name: 'Email', type: 'email', category: 'contact' }, { name: 'Phone', type: 'phone', category: 'contact' }, { name: 'MailingAddress', type: 'address', category: 'location' }] },
      { name: 'Case', fields: [{ name: 'Id', type: 'id', category: 'technical' }, { name: 'Subject', type: 'string', category: 'communication' }, { name: 'Description', type: 'textarea', category: 'communication' }] },
    ],
  },
  conn_sql: {
    objects: [
      { name: 'rental', fields: [{ name: 'rental_id', type: 'integer', category: 'technical' }, { name: 'customer_id', type: 'integer', category: 'technical' }, { name: 'amount', type: 'numeric', category: 'financial' }] },
      { name: 'customer', fields: [{ name: 'customer_id', type: 'integer', category: 'technical' }, { name: 'email', type: 'varchar', category: 'contact' }, { name: 'note', category: 'communication' }] },
    ],
  },
};

async function* each<T>(items: readonly T[]) {
  yield* items;
}

async function twoSystems(requestId: string) {
  const a = await writeSystemExport(store, { requestId, connector: crm, exportedAt, records: each(crmRecords) });
  const b = await writeSystemExport(store, { requestId, connector: rentals, exportedAt, records: each(rentalRecords) });
  return [a.file._id, b.file._id];
}

const expectedPaths = [
  'README.txt',
  'salesforce-crm/Contact.json', 'salesforce-crm/Contact.csv', 'salesforce-crm/Case.json', 'salesforce-crm/Case.csv', 'salesforce-crm/Opportunity.json', 'salesforce-crm/Opportunity.csv',
  'locations-legacy/rental.json', 'locations-legacy/rental.csv', 'locations-legacy/customer.json', 'locations-legacy/customer.csv',
  'manifest.json',
];

/** What a subject finds in the files, checked against what the systems exported. */
function expectFilesHoldTheRecords(read: (path: string) => Buffer, manifest: PackageManifest) {
  for (const file of manifest.files) {
    const data = read(file.path);
    expect({ path: file.path, bytes: data.length, sha256: sha256(data) }).toEqual({ path: file.path, bytes: file.bytes, sha256: file.sha256 });
  }
  const contacts = JSON.parse(read('salesforce-crm/Contact.json').toString('utf8')) as { system: unknown; object: string; records: { id: string; fields: unknown }[] };
  expect(contacts).toMatchObject({ system: crm, object: 'Contact', exportedAt: exportedAt.toISOString() });
  expect(contacts.records).toEqual(crmRecords.filter((r) => r.ref.object === 'Contact').map((r) => ({ id: r.ref.id, fields: r.fields })));
  const rentalsJson = JSON.parse(read('locations-legacy/rental.json').toString('utf8')) as { records: { fields: unknown }[] };
  expect(rentalsJson.records.map((r) => r.fields)).toEqual(rentalRecords.slice(1).map((r) => r.fields));

  const contactCsv = read('salesforce-crm/Contact.csv');
  expect(contactCsv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const contactRows = parse(contactCsv, { bom: true }) as string[][];
  expect(contactRows).toEqual([
    ['Id', 'FirstName', 'LastName', 'Email', 'Phone', 'MailingAddress', 'HasOptedOutOfEmail', 'Legacy_Code__c'],
    ['003A', 'Léa', 'Martin', 'lea.martin@example.org', '', '{"city":"Lyon","street":"3 rue Mercière"}', 'false', ''],
    ['003C', 'Léa', 'Martin-Roux', 'lea.roux@example.org', '', '', '', 'LX-9'],
  ]);
  expect(JSON.parse(contactRows[1]![5]!)).toEqual(crmRecords[0]!.fields.MailingAddress);
  expect(parse(read('salesforce-crm/Case.csv'), { bom: true, columns: true })).toEqual([{ Id: '500B', Subject: 'Invoice, "wrong" amount', Description: 'Line one\nline two' }]);
  expect(parse(read('locations-legacy/rental.csv'), { bom: true })).toEqual([
    ['rental_id', 'customer_id', 'amount', 'tags'],
    ['70', '7', '35', '["bike","weekend"]'],
    ['71', '7', '0', '[]'],
  ]);
  expect(parse(read('locations-legacy/customer.csv'), { bom: true, columns: true })).toEqual([{ customer_id: '7', email: 'lea.martin@example.org', note: '', active: 'true' }]);
}

describe('portability package (FerretDB)', () => {
  it('holds one JSON and one CSV file per system and object, described by a manifest whose hashes match, readable by zip.js and 7z', async () => {
    const partIds = await twoSystems('req_port1');
    const scratchDir = await mkdtemp(path.join(tmpdir(), 'gardien-scratch-'));
    const doc = await writePortabilityPackage(store, { requestId: 'req_port1', exportedAt, partIds, descriptions, scratchDir });
    // The records spooled on local disk while packaging are gone.
    expect(await readdir(scratchDir)).toEqual([]);
    await rm(scratchDir, { recursive: true });
    expect(doc).toMatchObject({ _id: portabilityExportId('req_port1'), requestId: 'req_port1', kind: 'package', contentType: 'application/zip' });
    const zip = await storedBytes(store, doc._id);
    expect({ bytes: zip.length, sha256: sha256(zip) }).toEqual({ bytes: doc.bytes, sha256: doc.sha256 });

    const opened = await openWithZipJs(zip);
    expect(opened.entries.map((e) => e.filename)).toEqual(expectedPaths);
    expect(opened.entries.some((e) => e.encrypted)).toBe(false);
    const files = new Map<string, Buffer>();
    for (const path of expectedPaths) files.set(path, await opened.read(path));
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as PackageManifest;
    expect(manifest.request).toEqual({ id: 'req_port1', type: 'PORTABILITY', exportedAt: '2025-05-02T09:30:00.000Z' });
    expect(manifest.encryption).toBeNull();
    expect(manifest.files.map((f) => [f.path, f.mediaType])).toEqual(expectedPaths.slice(0, -1).map((p) => [p, p.endsWith('.csv') ? 'text/csv' : p.endsWith('.txt') ? 'text/plain' : 'application/json']));
    expect(manifest.systems.map((s) => [s.connector, s.objects.map((o) => [o.name, o.records])])).toEqual([
      [crm, [['Contact', 2], ['Case', 1], ['Opportunity', 1]]],
      [rentals, [['rental', 2], ['customer', 1]]],
    ]);
    const contact = manifest.systems[0]!.objects[0]!;
    expect(contact.files).toEqual({ json: 'salesforce-crm/Contact.json', csv: 'salesforce-crm/Contact.csv' });
    expect(contact.columns.slice(3)).toEqual([
      { name: 'Email', type: 'email', category: 'contact', described: true },
      { name: 'Phone', type: 'phone', category: 'contact', described: true },
      { name: 'MailingAddress', type: 'address', category: 'location', described: true },
      { name: 'HasOptedOutOfEmail', type: null, category: null, described: false },
      { name: 'Legacy_Code__c', type: null, category: null, described: false },
    ]);
    expect(manifest.systems[0]!.objects[2]!.columns).toEqual([{ name: 'Amount', type: null, category: null, described: false }, { name: 'Id', type: null, category: null, described: false }]);
    expectFilesHoldTheRecords((path) => files.get(path)!, manifest);
    const readme = files.get('README.txt')!.toString('utf8');
    expect(readme).toContain('data portability request (GDPR, Article 20)');
    expect(readme).toContain('demande de portabilité (RGPD, article 20)');
    expect(readme).not.toContain('passphrase');

    const sevenZip = await extractWith7z(zip);
    expect(sevenZip.code).toBe(0);
    expect([...sevenZip.files.keys()].sort()).toEqual([...expectedPaths].sort());
    expectFilesHoldTheRecords((path) => sevenZip.files.get(path)!, manifest);
  });

  it('with a passphrase, encrypts every file but the README with AES-256, and opens only with that passphrase', async () => {
    const partIds = await twoSystems('req_port2');
    const passphrase = 'cheval agrafe 42';
    const doc = await writePortabilityPackage(store, { requestId: 'req_port2', exportedAt, partIds, descriptions, passphrase });
    const zip = await storedBytes(store, doc._id);
    expect(zip.includes('lea.martin@example.org')).toBe(false);
    expect(zip.includes('Martin')).toBe(false);

    const opened = await openWithZipJs(zip);
    expect(opened.entries.map((e) => [e.filename, e.encrypted])).toEqual(expectedPaths.map((p) => [p, p !== 'README.txt']));
    await expect(opened.read('salesforce-crm/Contact.json')).rejects.toThrow('File contains encrypted entry');
    await expect(opened.read('manifest.json', 'cheval agrafe 43')).rejects.toThrow('Invalid password');
    expect((await opened.read('README.txt')).toString('utf8')).toContain('encrypted (AES-256) with the passphrase you chose');
    const manifest = JSON.parse((await opened.read('manifest.json', passphrase)).toString('utf8')) as PackageManifest;
    expect(manifest.encryption).toEqual({ method: 'AES-256', format: 'WinZip AE-2', unencrypted: ['README.txt'] });
    const files = new Map<string, Buffer>();
    for (const path of expectedPaths) files.set(path, await opened.read(path, passphrase));
    expectFilesHoldTheRecords((path) => files.get(path)!, manifest);

    const wrong = await extractWith7z(zip, 'not the passphrase');
    expect(wrong.code).not.toBe(0);
    const right = await extractWith7z(zip, passphrase);
    expect(right.code).toBe(0);
    expect(right.listing.match(/^Method = AES-256 Deflate$/gm)).toHaveLength(expectedPaths.length - 1);
    expectFilesHoldTheRecords((path) => right.files.get(path)!, manifest);
  });

  it('refuses a passphrase shorter than 8 characters, at the edge and when writing, and writes nothing', async () => {
    expect(validatePortabilityPassphrase(null)).toBeNull();
    expect(validatePortabilityPassphrase('12345678')).toBe('12345678');
    expect(() => validatePortabilityPassphrase('1234567')).toThrow(ValidationError);
    expect(() => validatePortabilityPassphrase('')).toThrow('The passphrase must have between 8 and 256 characters');
    const partIds = await twoSystems('req_port3');
    const failure = await writePortabilityPackage(store, { requestId: 'req_port3', exportedAt, partIds, descriptions, passphrase: 'short' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).problems).toEqual([{ path: 'passphrase', message: 'The passphrase must have between 8 and 256 characters' }]);
    expect(await store.get(portabilityExportId('req_port3'))).toBeNull();
  });

  it('spools records on local disk encrypted, so a crash leaves nothing readable behind', async () => {
    const [partId] = await twoSystems('req_port5');
    const dir = await mkdtemp(path.join(tmpdir(), 'gardien-spool-'));
    try {
      const { connector, objects } = await spoolPart(store, partId!, { dir, prefix: 'part-0' });
      expect(connector).toEqual(crm);
      expect(objects.map((o) => [o.name, o.records, o.keys])).toEqual([
        ['Contact', 2, ['Email', 'FirstName', 'HasOptedOutOfEmail', 'Id', 'LastName', 'MailingAddress', 'Legacy_Code__c']],
        ['Case', 1, ['Description', 'Id', 'Subject']],
        ['Opportunity', 1, ['Amount', 'Id']],
      ]);
      const onDisk = await readFile(objects[0]!.spool.file);
      expect(onDisk.includes('lea.martin@example.org')).toBe(false);
      expect(onDisk.includes('Email')).toBe(false);
      const back = [];
      for await (const record of spooledRecords(objects[0]!.spool)) back.push(record);
      expect(back).toEqual(crmRecords.filter((r) => r.ref.object === 'Contact').map((r) => ({ id: r.ref.id, fields: r.fields })));
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('packages a part of 20,000 records with memory growth far below the part size', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    async function* many(count: number) {
      for (let i = 0; i < count; i++) {
        yield { ref: { object: i % 4 === 0 ? 'invoice' : 'rental', id: String(i), matchedOn: 'relation' }, fields: { n: i, note: `rental ${i} ${'é'.repeat(1000)}`, items: [{ sku: `S${i}`, qty: i % 7 }], at: new Date(i * 1000).toISOString() } };
      }
    }
    const part = await writeSystemExport(store, { requestId: 'req_port4', connector: rentals, exportedAt, records: many(20_000) });
    // A small package first, so what is measured below is the data, not the code loading and warming up.
    const warmUp = await writeSystemExport(store, { requestId: 'req_port4w', connector: rentals, exportedAt, records: many(100) });
    await writePortabilityPackage(store, { requestId: 'req_port4w', exportedAt, partIds: [warmUp.file._id], descriptions, passphrase: 'long enough' });
    // Live memory (after a full GC) in the JS heap, and with the Buffers outside it.
    const live = () => {
      gc();
      const { heapUsed, arrayBuffers } = process.memoryUsage();
      return { heap: heapUsed, all: heapUsed + arrayBuffers };
    };
    const before = live();
    const peak = { ...before };
    const sampler = setInterval(() => {
      const now = live();
      peak.heap = Math.max(peak.heap, now.heap);
      peak.all = Math.max(peak.all, now.all);
    }, 1000);
    const doc = await writePortabilityPackage(store, { requestId: 'req_port4', exportedAt, partIds: [part.file._id], descriptions, passphrase: 'long enough' }).finally(() => clearInterval(sampler));
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
    console.info(`portability: part ${mib(part.file.bytes)}, package ${mib(doc.bytes)}, peak growth ${mib(peak.heap - before.heap)} in the JS heap, ${mib(peak.all - before.all)} with Buffers`);
    // Parsing the part whole (JSON.parse of its text) grows the heap by about the part's size; buffering it whole, the Buffers.
    expect(peak.heap - before.heap).toBeLessThan(part.file.bytes / 10);
    expect(peak.all - before.all).toBeLessThan(part.file.bytes / 2);

    const opened = await openWithZipJs(await storedBytes(store, doc._id));
    const manifest = JSON.parse((await opened.read('manifest.json', 'long enough')).toString('utf8')) as PackageManifest;
    expect(manifest.systems[0]!.objects.map((o) => [o.name, o.records])).toEqual([['rental', 15_000], ['invoice', 5_000]]);
    const rows = parse(await opened.read('locations-legacy/rental.csv', 'long enough'), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(15_000);
    expect(rows[14_999]).toMatchObject({ n: '19999', items: '[{"qty":0,"sku":"S19999"}]' });
  }, 240_000);
});
