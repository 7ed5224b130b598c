/** Nothing outside the roots is read or written; broken, huge and hostile files are skipped with a reason; a crash mid-rewrite loses nothing. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../core/errors.js';
import { normaliseIdentity } from '../../core/identity.js';
import type { Storage } from '../../core/storage/mongo.js';
import { collect } from '../sdk/testkit/expectations.js';
import { fileshareConfigSchema } from './config.js';
import { ShareRoots } from './roots.js';
import type { IndexEntry } from './store.js';
import { writeFiles, xlsxBytes } from '../../devstack/demo/documents.js';
import { openShare, openTestShare } from '../../test/support/fileshare/share.js';
import { zipBytes } from '../../test/support/fileshare/zips.js';

let storage: Storage;
let root: string;
let close: () => Promise<void>;
let n = 0;

beforeAll(async () => {
  ({ storage, dir: root, close } = await openTestShare('fileshare_safety'));
});
afterAll(async () => close?.());

const secretOutside = 'Nathalie Roux <nathalie.roux@example.fr> : dossier disciplinaire\n';
const nathalie = normaliseIdentity({ email: 'nathalie.roux@example.fr' });
const camille = normaliseIdentity({ email: 'camille.durand@example.fr' });

/** A share folder next to an `outside` folder holding a file about someone. */
async function shareWithOutside(files: Record<string, string | Buffer>, config: Record<string, unknown> = {}) {
  const base = path.join(root, `case-${++n}`);
  const dir = path.join(base, 'share');
  const outside = path.join(base, 'outside');
  await writeFiles(outside, { 'secret.txt': secretOutside });
  await writeFiles(dir, files);
  const connector = await openShare(storage, { roots: [dir], ...config }, { context: { connectorId: `conn_safety_${n}` } });
  return { dir: await fs.realpath(dir), outside: await fs.realpath(outside), connector };
}

const reasons = async (connector: Awaited<ReturnType<typeof shareWithOutside>>['connector']) =>
  Object.fromEntries((await connector.skipped()).map((s) => [path.basename(s.file), s.reason]));

describe('the share boundary', () => {
  it('does not follow symbolic links, and records those leaving the share as refused', async () => {
    const { dir, outside, connector } = await shareWithOutside({ 'notes.txt': 'Camille Durand <camille.durand@example.fr>\n' });
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(dir, 'looks-harmless.txt'));
    await fs.symlink(outside, path.join(dir, 'archive'));
    await fs.symlink(path.join(dir, 'notes.txt'), path.join(dir, 'notes-link.txt'));
    const progress = await connector.crawl();
    expect(progress).toMatchObject({ filesSeen: 4, filesRead: 1, filesSkipped: 3, done: true });
    expect(await reasons(connector)).toEqual({ 'looks-harmless.txt': 'symlink_outside', archive: 'symlink_outside', 'notes-link.txt': 'symlink' });
    expect(await connector.locate(nathalie)).toEqual([]);
    expect(await connector.locate(camille)).toHaveLength(1);
  });

  it('refuses ".." in roots and in paths, even from a tampered index, and changes nothing outside', async () => {
    const { dir, outside, connector } = await shareWithOutside({ 'notes.txt': 'Camille Durand <camille.durand@example.fr>\n' });
    expect(fileshareConfigSchema.safeParse({ roots: [`${dir}/../outside`] }).error?.issues.map((i) => i.message)).toEqual(['must not contain ".." segments']);
    const roots = await ShareRoots.open([dir]);
    await expect(roots.resolve(`${dir}/../outside/secret.txt`)).rejects.toThrow('A path outside the share was refused');
    await expect(roots.resolve(path.join(outside, 'secret.txt'))).rejects.toThrow('A path outside the share was refused');

    await connector.crawl();
    const poisoned: IndexEntry = { _id: 'poison', connector: connector.store.connector, file: `${dir}/../outside/secret.txt`, format: 'txt', locId: 'poisoned0000', at: 'line:1', where: 'line 1', kind: 'email', hash: 'x' };
    await storage.collection<IndexEntry>('file_index').insertOne(poisoned);
    const ref = { object: 'txt', id: 'poisoned0000', matchedOn: 'email' as const };
    await expect(connector.erase([ref], {})).rejects.toThrow(ConnectorError);
    await expect(collect(connector.read([ref]))).rejects.toThrow('A path outside the share was refused');
    expect(await fs.readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe(secretOutside);
  });

  it('refuses to erase through a file swapped for a link leading outside after the crawl', async () => {
    const { dir, outside, connector } = await shareWithOutside({ 'contacts.txt': 'Nathalie Roux <nathalie.roux@example.fr>\n' });
    await connector.crawl();
    const refs = await connector.locate(nathalie);
    expect(refs).toHaveLength(1);
    await fs.rm(path.join(dir, 'contacts.txt'));
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(dir, 'contacts.txt'));
    await expect(connector.erase(refs, {})).rejects.toThrow('A symbolic link leading elsewhere was refused');
    expect(await fs.readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe(secretOutside);
  });
});

describe('files the crawl cannot or must not read', () => {
  it('skips oversized, zip-bomb, unsafe and malformed files with a reason, and indexes the rest', async () => {
    const sheet = (data: Buffer) => [
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data },
    ];
    const { connector } = await shareWithOutside(
      {
        'good.csv': 'name,email\nCamille Durand,camille.durand@example.fr\n',
        'huge.txt': `camille.durand@example.fr\n${'x'.repeat(100_000)}`,
        'bomb.xlsx': zipBytes(sheet(Buffer.alloc(20 * 1024 * 1024, 0x20))),
        'escape.docx': zipBytes([{ name: '../../../tmp/evil.xml', data: Buffer.from('<w/>') }]),
        'truncated.xlsx': (await xlsxBytes([{ name: 'S', rows: [['camille.durand@example.fr']] }])).subarray(0, 300),
        'broken.json': '{"email": "camille.durand@example.fr", ',
        'not-really.pdf': '%PDF-1.7 this is not a PDF camille.durand@example.fr',
        'photo.jpg': Buffer.from([0xff, 0xd8, 0xff]),
      },
      { maxFileBytes: 64 * 1024 },
    );
    const progress = await connector.crawl();
    expect(progress).toMatchObject({ filesSeen: 8, filesRead: 1, filesSkipped: 7, done: true });
    expect(await reasons(connector)).toEqual({
      'huge.txt': 'too_large',
      'bomb.xlsx': 'archive_bomb',
      'escape.docx': 'unsafe_archive',
      'truncated.xlsx': 'malformed',
      'broken.json': 'malformed',
      'not-really.pdf': 'malformed',
      'photo.jpg': 'unsupported',
    });
    const refs = await connector.locate(camille);
    expect(refs.map((r) => r.object)).toEqual(['csv']);
  });
});

describe('a crash in the middle of a rewrite', () => {
  it('leaves the original file whole and the index unchanged, and a leftover temporary file is never indexed', async () => {
    const note = 'Camille Durand <camille.durand@example.fr> : rappeler\nNathalie Roux <nathalie.roux@example.fr>\n';
    const base = path.join(root, `crash-${++n}`);
    await writeFiles(base, { 'note.txt': note });
    const crashing = await openShare(storage, { roots: [base] }, {
      context: { connectorId: `conn_crash_${n}` },
      hooks: {
        beforeRename: () => {
          throw new Error('power cut');
        },
      },
    });
    await crashing.crawl();
    await expect(crashing.erase(await crashing.locate(camille), {})).rejects.toThrow('power cut');
    expect(await fs.readFile(path.join(base, 'note.txt'), 'utf8')).toBe(note);
    expect(await fs.readdir(base)).toEqual(['note.txt']);
    expect(await crashing.locate(camille)).toHaveLength(1);

    // A real crash leaves the temporary file behind: the next crawl ignores it.
    await writeFiles(base, { '.note.txt.gardien-0a1b2c3d4e5f.tmp': 'Camille Durand <camille.durand@example.fr>\n' });
    expect(await crashing.crawl()).toMatchObject({ filesSeen: 1, filesUnchanged: 1 });
    expect(await crashing.locate(camille)).toHaveLength(1);

    const recovered = await openShare(storage, { roots: [base] }, { context: { connectorId: `conn_crash_${n}` } });
    expect((await recovered.erase(await recovered.locate(camille), {})).map((o) => o.action)).toEqual(['anonymised']);
    expect(await fs.readFile(path.join(base, 'note.txt'), 'utf8')).toBe('[redacted]\nNathalie Roux <nathalie.roux@example.fr>\n');
  });
});
