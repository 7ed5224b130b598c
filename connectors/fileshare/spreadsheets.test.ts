/** Spreadsheets and tables: one person found, read and erased among several; the others and the file itself intact. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseIdentity } from '../../core/identity.js';
import type { Storage } from '../../core/storage/mongo.js';
import { collect } from '../sdk/testkit/expectations.js';
import { writeFiles, xlsxBytes } from '../../devstack/demo/documents.js';
import { openShare, openTestShare } from '../../test/support/fileshare/share.js';
import { xlsxRows } from '../../test/support/fileshare/documents.js';

let storage: Storage;
let root: string;
let close: () => Promise<void>;
let n = 0;

beforeAll(async () => {
  ({ storage, dir: root, close } = await openTestShare('fileshare_sheets'));
});
afterAll(async () => close?.());

/** A fresh share folder and connector per test, so tests do not see each other's files. */
async function share(files: Record<string, string | Buffer>, config: Record<string, unknown> = {}) {
  const dir = path.join(root, `share-${++n}`);
  await writeFiles(dir, files);
  const connector = await openShare(storage, { roots: [dir], ...config }, { context: { connectorId: `conn_sheets_${n}` } });
  await connector.crawl();
  return { dir, connector };
}

const noah = normaliseIdentity({ email: 'noah.schmidt@example.de' });
const camille = normaliseIdentity({ email: 'camille.durand@example.fr' });

describe('an XLSX attendee list holding several people', () => {
  const attendees = () =>
    xlsxBytes([
      {
        name: 'Attendees',
        rows: [
          ['Name', 'Email', 'Phone', 'Company'],
          ['Camille Durand', 'camille.durand@example.fr', '06 12 34 56 78', 'Ateliers Durand'],
          ['Noah Schmidt', { text: 'Noah.Schmidt@Example.de', hyperlink: 'mailto:Noah.Schmidt@Example.de' }, '+49 151 12345678', 'Schmidt GmbH'],
          ['Amina Benali', 'amina.benali@example.fr', '+33 6 98 76 54 32', 'Benali Conseil'],
        ],
      },
      { name: 'Follow-up', rows: [['Who', 'Next step'], ['noah.schmidt@example.de', 'send the brochure']] },
    ]);

  it('locates the person on every sheet, and reads their rows with column names', async () => {
    const { dir, connector } = await share({ 'events/trade-fair-2023.xlsx': await attendees() });
    const refs = await connector.locate(noah);
    expect(refs.map((r) => [r.object, r.matchedOn])).toEqual([
      ['xlsx', 'email'],
      ['xlsx', 'email'],
    ]);
    const records = await collect(connector.read(refs));
    const rows = records.map((r) => r.fields).sort((a, b) => String(a.location).localeCompare(String(b.location)));
    expect(rows).toEqual([
      { file: path.join(await fs.realpath(dir), 'events/trade-fair-2023.xlsx'), location: 'sheet Attendees, row 3', email: 'Noah.Schmidt@Example.de', phone: '+49 151 12345678', name: 'Noah Schmidt', content: { Name: 'Noah Schmidt', Email: 'Noah.Schmidt@Example.de', Phone: '+49 151 12345678', Company: 'Schmidt GmbH' } },
      { file: path.join(await fs.realpath(dir), 'events/trade-fair-2023.xlsx'), location: 'sheet Follow-up, row 2', email: 'noah.schmidt@example.de', phone: null, name: null, content: { Who: 'noah.schmidt@example.de', 'Next step': 'send the brochure' } },
    ]);
  });

  it('erases one person: their rows emptied, everyone else and the workbook intact', async () => {
    const { dir, connector } = await share({ 'trade-fair.xlsx': await attendees() });
    const camilleBefore = await collect(connector.read(await connector.locate(camille)));
    const refs = await connector.locate(noah);
    const outcomes = await connector.erase(refs, {});
    expect(outcomes.map((o) => o.action)).toEqual(['anonymised', 'anonymised']);

    const sheets = await xlsxRows(await fs.readFile(path.join(dir, 'trade-fair.xlsx')));
    expect(sheets.Attendees).toEqual([
      ['Name', 'Email', 'Phone', 'Company'],
      ['Camille Durand', 'camille.durand@example.fr', '06 12 34 56 78', 'Ateliers Durand'],
      ['', '', '', ''],
      ['Amina Benali', 'amina.benali@example.fr', '+33 6 98 76 54 32', 'Benali Conseil'],
    ]);
    expect(sheets['Follow-up']).toEqual([
      ['Who', 'Next step'],
      ['', ''],
    ]);
    expect(await connector.locate(noah)).toEqual([]);
    expect(await collect(connector.read(await connector.locate(camille)))).toEqual(camilleBefore);
    // Again: nothing changes, the same outcome is reported.
    const bytes = await fs.readFile(path.join(dir, 'trade-fair.xlsx'));
    expect((await connector.erase(refs, {})).map((o) => o.action)).toEqual(['anonymised', 'anonymised']);
    expect(await fs.readFile(path.join(dir, 'trade-fair.xlsx'))).toEqual(bytes);
  });

  it('finds a person by the phone number written in any local format', async () => {
    const { connector } = await share({ 'list.xlsx': await attendees() });
    const refs = await connector.locate(normaliseIdentity({ phone: '+33612345678' }));
    expect(refs).toHaveLength(1);
    expect(refs[0]!.matchedOn).toBe('phone');
    const [record] = await collect(connector.read(refs));
    expect(record!.fields).toMatchObject({ name: 'Camille Durand', phone: '06 12 34 56 78', location: 'sheet Attendees, row 2' });
  });
});

describe('CSV and TSV exports', () => {
  const csv = [
    'Nom;Prénom;E-mail;Téléphone;Remarque\r\n',
    'Durand;Camille;Camille.Durand@Example.fr;06 12 34 56 78;"rappeler ; avant avril"\r\n',
    'Benali;Amina;amina.benali@example.fr;+33 6 98 76 54 32;"Vivatech ""RGPD"""\r\n',
    'Fontaine;Élise;elise.fontaine@example.fr;01 45 67 89 01;\r\n',
  ];

  it('empties the person\'s row in place and leaves every other byte as it was', async () => {
    const { dir, connector } = await share({ 'crm-export.csv': csv.join('') });
    const refs = await connector.locate(normaliseIdentity({ email: 'amina.benali@example.fr' }));
    const [record] = await collect(connector.read(refs));
    expect(record!.fields).toMatchObject({ location: 'row 3', name: 'Benali Amina', content: { Nom: 'Benali', Prénom: 'Amina', 'E-mail': 'amina.benali@example.fr', Téléphone: '+33 6 98 76 54 32', Remarque: 'Vivatech "RGPD"' } });
    expect((await connector.erase(refs, {})).map((o) => o.action)).toEqual(['anonymised']);
    expect(await fs.readFile(path.join(dir, 'crm-export.csv'), 'utf8')).toBe([csv[0], csv[1], ';;;;\r\n', csv[3]].join(''));
    expect(await connector.locate(normaliseIdentity({ email: 'amina.benali@example.fr' }))).toEqual([]);
    expect(await connector.locate(normaliseIdentity({ phone: '+33145678901' }))).toHaveLength(1);
  });

  it('reads a Latin-1 TSV and keeps its encoding when redacting', async () => {
    const tsv = Buffer.from('name\temail\tcity\nÉlise Fontaine\telise.fontaine@example.fr\tParis\nNoah Schmidt\tnoah.schmidt@example.de\tBerlin\n', 'latin1');
    const { dir, connector } = await share({ 'visitors.tsv': tsv });
    const refs = await connector.locate(normaliseIdentity({ email: 'noah.schmidt@example.de' }));
    expect((await connector.erase(refs, {})).map((o) => o.action)).toEqual(['anonymised']);
    const after = await fs.readFile(path.join(dir, 'visitors.tsv'));
    expect(after).toEqual(Buffer.from('name\temail\tcity\nÉlise Fontaine\telise.fontaine@example.fr\tParis\n\t\t\n', 'latin1'));
    const [elise] = await collect(connector.read(await connector.locate(normaliseIdentity({ email: 'elise.fontaine@example.fr' }))));
    expect(elise!.fields.name).toBe('Élise Fontaine');
  });
});
