/** Notes, exports, letters, PDFs and emails: what is found where, and what each kind of erasure does to the file. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseIdentity } from '../../core/identity.js';
import type { Storage } from '../../core/storage/mongo.js';
import { collect } from '../sdk/testkit/expectations.js';
import { docxBytes, emlBytes, pdfBytes, writeFiles } from '../../devstack/demo/documents.js';
import { openShare, openTestShare } from '../../test/support/fileshare/share.js';

let storage: Storage;
let root: string;
let close: () => Promise<void>;
let n = 0;

beforeAll(async () => {
  ({ storage, dir: root, close } = await openTestShare('fileshare_docs'));
});
afterAll(async () => close?.());

async function share(files: Record<string, string | Buffer>, config: Record<string, unknown> = {}) {
  const dir = path.join(root, `share-${++n}`);
  await writeFiles(dir, files);
  const connector = await openShare(storage, { roots: [dir], ...config }, { context: { connectorId: `conn_docs_${n}` } });
  await connector.crawl();
  return { dir, connector };
}

const camille = normaliseIdentity({ email: 'camille.durand@example.fr' });
const amina = normaliseIdentity({ email: 'amina.benali@example.fr' });

describe('text and Markdown notes', () => {
  const note = '# Réunion commerciale du 12 mars\n\n- Camille Durand <camille.durand@example.fr> : renouvellement annuel\n- Amina Benali (amina.benali@example.fr) veut la doc RGPD\r\n- Budget validé\n';

  it('reads the line with the name written beside the address, and redacts only that line', async () => {
    const { dir, connector } = await share({ 'notes/reunion.md': note });
    const refs = await connector.locate(camille);
    const [record] = await collect(connector.read(refs));
    expect(record!.fields).toMatchObject({ location: 'line 3', name: 'Camille Durand', email: 'camille.durand@example.fr', content: '- Camille Durand <camille.durand@example.fr> : renouvellement annuel' });
    expect(record!.ref.object).toBe('md');
    expect((await connector.erase(refs, {})).map((o) => o.action)).toEqual(['anonymised']);
    expect(await fs.readFile(path.join(dir, 'notes/reunion.md'), 'utf8')).toBe(
      '# Réunion commerciale du 12 mars\n\n[redacted]\n- Amina Benali (amina.benali@example.fr) veut la doc RGPD\r\n- Budget validé\n',
    );
    const [other] = await collect(connector.read(await connector.locate(amina)));
    expect(other!.fields).toMatchObject({ location: 'line 4', name: 'Amina Benali' });
  });
});

describe('JSON exports', () => {
  const exported = {
    exportedAt: '2024-03-01',
    accountId: 0, // written as 12345678901234567890 below: more digits than a JavaScript number keeps
    contacts: [
      { id: 1, name: 'Camille Durand', emails: ['Camille.Durand@Example.fr'], address: { city: 'Lyon', zip: '69002' }, tags: ['vip'] },
      { id: 2, name: 'Amina Benali', emails: ['amina.benali@example.fr'], address: { city: 'Marseille' }, referredBy: { name: 'Élise Fontaine', email: 'elise.fontaine@example.fr' } },
    ],
  };
  // Written by hand so the big number is exactly as a source system would write it.
  const text = JSON.stringify(exported, null, 2).replace(/"accountId": \d+/, '"accountId": 12345678901234567890');

  it('reads the object that holds the identifier, with a nested person as a record of their own', async () => {
    const { connector } = await share({ 'export.json': text });
    const [record] = await collect(connector.read(await connector.locate(amina)));
    expect(record!.fields).toMatchObject({ location: '$.contacts[1]', name: 'Amina Benali', content: { id: 2, name: 'Amina Benali', emails: ['amina.benali@example.fr'], address: { city: 'Marseille' } } });
    const [referrer] = await collect(connector.read(await connector.locate(normaliseIdentity({ email: 'elise.fontaine@example.fr' }))));
    expect(referrer!.fields).toMatchObject({ location: '$.contacts[1].referredBy', name: 'Élise Fontaine' });
  });

  it('sets the person\'s values to null and keeps everything else character for character', async () => {
    const { dir, connector } = await share({ 'export.json': text });
    expect((await connector.erase(await connector.locate(camille), {})).map((o) => o.action)).toEqual(['anonymised']);
    const after = await fs.readFile(path.join(dir, 'export.json'), 'utf8');
    expect(after).toContain('"accountId": 12345678901234567890');
    const parsed = JSON.parse(after) as typeof exported;
    expect(parsed.contacts[0]).toEqual({ id: null, name: null, emails: [null], address: { city: null, zip: null }, tags: [null] });
    expect(parsed.contacts[1]).toEqual(exported.contacts[1]);
    expect(await connector.locate(camille)).toEqual([]);
  });
});

describe('email files', () => {
  const message = () =>
    emlBytes({
      from: { name: 'Camille Durand', address: 'Camille.Durand@example.fr' },
      to: [{ name: 'Service commercial', address: 'ventes@gardien.example' }, { name: 'Amina Benali', address: 'amina.benali@example.fr' }],
      subject: 'Renouvellement de mon abonnement',
      text: 'Bonjour,\nje souhaite renouveler mon abonnement.\nMerci de me rappeler au 06 12 34 56 78.\nCamille Durand\n',
      html: '<p>Bonjour,</p><p>je souhaite renouveler mon abonnement.</p><p>Merci de me rappeler au 06 12 34 56 78.</p><p>Camille Durand</p>',
      headers: { 'X-Mailer': 'Thunderbird', 'Return-Path': '<Camille.Durand@example.fr>' },
      messageId: '<renouvellement-42@example.fr>',
      date: new Date('2024-03-12T09:30:00Z'),
      attachments: [{ filename: 'bon-de-commande.txt', content: 'Commande 2024-118' }],
    });

  it('finds the sender, the recipients and the body lines, each where it is', async () => {
    const { connector } = await share({ 'mail/renouvellement.eml': await message() });
    const records = await collect(connector.read(await connector.locate(normaliseIdentity({ email: 'camille.durand@example.fr', phone: '+33612345678' }))));
    expect(records.map((r) => [r.fields.location, r.fields.name, r.ref.matchedOn]).sort()).toEqual([
      ['body line 3', null, 'phone'],
      ['from header', 'Camille Durand', 'email'],
    ]);
    const [recipient] = await collect(connector.read(await connector.locate(amina)));
    expect(recipient!.fields).toMatchObject({ location: 'to header, address 2', name: 'Amina Benali' });
  });

  it('rebuilds the message without the person: other recipients, headers and attachments kept', async () => {
    const { dir, connector } = await share({ 'mail/renouvellement.eml': await message() });
    const outcomes = await connector.erase(await connector.locate(normaliseIdentity({ email: 'camille.durand@example.fr', phone: '+33612345678' })), {});
    expect(outcomes.map((o) => o.action)).toEqual(['anonymised', 'anonymised']);
    const raw = await fs.readFile(path.join(dir, 'mail/renouvellement.eml'));
    expect(raw.toString('latin1').toLowerCase()).not.toContain('camille');
    const mail = await simpleParser(raw);
    expect(mail.from?.value).toEqual([{ address: 'redacted@redacted.invalid', name: '' }]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual(['ventes@gardien.example', 'amina.benali@example.fr']);
    expect(mail.subject).toBe('Renouvellement de mon abonnement');
    expect(mail.text?.trim()).toBe('Bonjour,\nje souhaite renouveler mon abonnement.\n[redacted]\n[redacted]');
    expect(mail.html).not.toContain('06 12 34 56 78');
    expect(mail.messageId).toBe('<renouvellement-42@example.fr>');
    expect(mail.headers.get('x-mailer')).toBe('Thunderbird');
    expect(mail.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['bon-de-commande.txt', 'Commande 2024-118']]);
    expect(await connector.locate(camille)).toEqual([]);
    expect(await connector.locate(amina)).toHaveLength(1);
  });
});

describe('Word letters and PDFs: never rewritten', () => {
  const letter = () => docxBytes(['Lyon, le 3 mars 2024', 'Madame Élise Fontaine, elise.fontaine@example.fr', 'Objet : devis formation DPO', 'Veuillez trouver ci-joint notre proposition.']);
  const invoice = () => pdfBytes([['Facture 2024-118', 'Total : 1 800 EUR'], ['Client : Amina Benali <amina.benali@example.fr>', 'Tél. +33 6 98 76 54 32']]);

  it('reads a DOCX paragraph and a PDF line with their location', async () => {
    const { connector } = await share({ 'courrier/devis.docx': await letter(), 'factures/2024-118.pdf': await invoice() });
    const [paragraph] = await collect(connector.read(await connector.locate(normaliseIdentity({ email: 'elise.fontaine@example.fr' }))));
    expect(paragraph!.fields).toMatchObject({ location: 'paragraph 2', name: 'Élise Fontaine', content: 'Madame Élise Fontaine, elise.fontaine@example.fr' });
    const lines = await collect(connector.read(await connector.locate(normaliseIdentity({ email: 'amina.benali@example.fr', phone: '+33698765432' }))));
    expect(lines.map((l) => [l.ref.object, l.fields.location, l.fields.content])).toEqual(
      expect.arrayContaining([
        ['pdf', 'page 2, line 1', 'Client : Amina Benali <amina.benali@example.fr>'],
        ['pdf', 'page 2, line 2', 'Tél. +33 6 98 76 54 32'],
      ]),
    );
  });

  it('hands them to a person by default, and the files stay as they were', async () => {
    const { dir, connector } = await share({ 'devis.docx': await letter(), 'facture.pdf': await invoice() });
    const before = await fs.readFile(path.join(dir, 'facture.pdf'));
    const outcomes = await connector.erase(await connector.locate(amina), {});
    expect(outcomes.map((o) => [o.action, o.detail])).toEqual([['manual', `Erase by hand in ${await fs.realpath(dir)}/facture.pdf (page 2, line 1): this format is erased by a person`]]);
    expect(await fs.readFile(path.join(dir, 'facture.pdf'))).toEqual(before);
    expect(await connector.locate(amina)).toHaveLength(1);
  });

  it('deletes or quarantines the whole file when configured or planned', async () => {
    const quarantine = path.join(root, `quarantine-${n + 1}`);
    const { dir, connector } = await share({ 'devis.docx': await letter(), 'facture.pdf': await invoice() }, { erasure: { pdf: 'quarantine' }, quarantineDir: quarantine });
    const pdf = await connector.erase(await connector.locate(amina), {});
    expect(pdf.map((o) => [o.action, o.detail])).toEqual([['deleted', 'the file was moved to the quarantine folder']]);
    const [moved] = await fs.readdir(quarantine);
    expect(await fs.readdir(path.join(quarantine, moved!))).toEqual(['facture.pdf']);
    const elise = normaliseIdentity({ email: 'elise.fontaine@example.fr' });
    const refs = await connector.locate(elise);
    expect((await connector.erase(refs, { objects: { docx: { strategy: 'delete' } } })).map((o) => o.action)).toEqual(['deleted']);
    expect(await fs.readdir(dir)).toEqual([]);
    expect(await connector.locate(elise)).toEqual([]);
    expect((await connector.erase(refs, { objects: { docx: { strategy: 'delete' } } })).map((o) => o.action)).toEqual(['already_absent']);
  });

  it('keeps a record under a legal hold when the plan says so', async () => {
    const { connector } = await share({ 'facture.pdf': await invoice() });
    const hold = { basis: 'Code de commerce L123-22: pièces comptables conservées 10 ans' };
    const outcomes = await connector.erase(await connector.locate(amina), { objects: { pdf: { strategy: 'retain', legalHold: hold } } });
    expect(outcomes.map((o) => [o.action, o.legalHold])).toEqual([['retained', hold]]);
  });
});
