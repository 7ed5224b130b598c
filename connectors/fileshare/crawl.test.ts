/** The crawl: incremental, resumable, reporting progress; and what check() and locate() say before and after it. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseIdentity } from '../../core/identity.js';
import type { Storage } from '../../core/storage/mongo.js';
import type { CrawlProgress } from './crawl.js';
import { identifierHash } from './identifiers.js';
import { writeFiles } from '../../devstack/demo/documents.js';
import { openShare, openTestShare } from '../../test/support/fileshare/share.js';

let storage: Storage;
let root: string;
let close: () => Promise<void>;
let n = 0;

beforeAll(async () => {
  ({ storage, dir: root, close } = await openTestShare('fileshare_crawl'));
});
afterAll(async () => close?.());

const line = (i: number) => `Contact ${i}: person${i}@example.fr\n`;
const person = (i: number) => normaliseIdentity({ email: `person${i}@example.fr` });

async function share(files: Record<string, string>) {
  const dir = path.join(root, `share-${++n}`);
  await writeFiles(dir, files);
  const connector = await openShare(storage, { roots: [dir] }, { context: { connectorId: `conn_crawl_${n}`, name: 'drive' } });
  return { dir, connector };
}

describe('an incremental crawl', () => {
  it('reads only new and changed files, and drops deleted ones from the index', async () => {
    const { dir, connector } = await share({ 'a.txt': line(1), 'b/b.txt': line(2), 'c.md': line(3) });
    expect(await connector.crawl()).toMatchObject({ filesSeen: 3, filesRead: 3, filesUnchanged: 0, locations: 3 });
    expect(await connector.crawl()).toMatchObject({ filesSeen: 3, filesRead: 0, filesUnchanged: 3, bytesRead: 0 });

    await fs.writeFile(path.join(dir, 'a.txt'), line(4));
    await fs.utimes(path.join(dir, 'a.txt'), new Date(), new Date(Date.now() + 5000));
    await fs.rm(path.join(dir, 'c.md'));
    await writeFiles(dir, { 'b/new.txt': line(5) });
    expect(await connector.crawl()).toMatchObject({ filesSeen: 3, filesRead: 2, filesUnchanged: 1, filesRemoved: 1 });

    expect(await connector.locate(person(1))).toEqual([]);
    expect(await connector.locate(person(3))).toEqual([]);
    for (const i of [2, 4, 5]) expect(await connector.locate(person(i)), `person ${i}`).toHaveLength(1);
  });

  it('resumes an interrupted crawl after the last checkpoint instead of starting over', async () => {
    const files = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`dir${i % 3}/file${i}.txt`, line(i)]));
    const { connector } = await share(files);
    const stop = new AbortController();
    const seen: CrawlProgress[] = [];
    await expect(
      connector.crawl({
        batchSize: 3,
        signal: stop.signal,
        onProgress: (p) => {
          seen.push(p);
          stop.abort(new Error('worker restarted'));
        },
      }),
    ).rejects.toThrow('worker restarted');
    expect(seen.map((p) => [p.filesSeen, p.filesRead, p.done])).toEqual([[3, 3, false]]);
    await expect(connector.locate(person(0)), 'no answer from a half-built index').rejects.toThrow('has not been indexed yet');

    const progress: CrawlProgress[] = [];
    const final = await connector.crawl({ batchSize: 3, onProgress: (p) => void progress.push(p) });
    // Started after the checkpoint: the first three files were not visited again, so none counts as unchanged.
    expect(final).toMatchObject({ resumed: true, done: true, filesSeen: 10, filesRead: 10, filesUnchanged: 0 });
    expect(progress.map((p) => p.filesSeen)).toEqual([6, 9, 10, 10]);
    expect(final.bytesRead).toBe(Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0));
    for (let i = 0; i < 10; i++) expect(await connector.locate(person(i)), `person ${i}`).toHaveLength(1);
    expect(await connector.crawl()).toMatchObject({ resumed: false, filesRead: 0, filesUnchanged: 10 });
  });

  it('resumes a crawl killed after writing a batch’s entries but before recording its files, without indexing them twice', async () => {
    const { connector } = await share({ 'a.txt': line(6), 'b.txt': line(7) });
    const { store } = connector;
    const record = store.saveFileStates.bind(store);
    store.saveFileStates = () => Promise.reject(new Error('worker killed'));
    await expect(connector.crawl()).rejects.toThrow('worker killed');
    store.saveFileStates = record;

    expect(await connector.crawl()).toMatchObject({ resumed: true, done: true, filesRead: 2 });
    expect(await store.size()).toEqual({ entries: 2, files: 2 });
    for (const i of [6, 7]) expect(await connector.locate(person(i)), `person ${i}`).toHaveLength(1);
  });

  it('resumes a crawl killed before recording its files, after they changed, keeping nothing of what they held then', async () => {
    const { dir, connector } = await share({ 'a.txt': line(8), 'b.txt': line(9) });
    const { store } = connector;
    const record = store.saveFileStates.bind(store);
    store.saveFileStates = () => Promise.reject(new Error('worker killed'));
    await expect(connector.crawl()).rejects.toThrow('worker killed');
    store.saveFileStates = record;

    await fs.writeFile(path.join(dir, 'a.txt'), line(10));
    expect(await connector.crawl()).toMatchObject({ resumed: true, done: true, filesRead: 2 });
    expect(await store.size()).toEqual({ entries: 2, files: 2 });
    expect(await connector.locate(person(8))).toEqual([]);
    for (const i of [9, 10]) expect(await connector.locate(person(i)), `person ${i}`).toHaveLength(1);
  });

  it('keeps no hash of an identifier once no file of the share holds it', async () => {
    const { dir, connector } = await share({ 'a.txt': line(11) + line(12), 'b.txt': line(12) });
    await connector.crawl();
    await fs.rm(path.join(dir, 'b.txt'));
    await fs.writeFile(path.join(dir, 'a.txt'), line(12));
    await fs.utimes(path.join(dir, 'a.txt'), new Date(), new Date(Date.now() + 5000));
    expect(await connector.crawl()).toMatchObject({ filesRead: 1, filesRemoved: 1 });

    const index = JSON.stringify(await storage.db.collection('file_index').find({ connector: connector.store.connector }).toArray());
    expect(index).not.toContain(identifierHash('email', 'person11@example.fr'));
    expect(index).toContain(identifierHash('email', 'person12@example.fr'));
    expect(await connector.locate(person(12))).toHaveLength(1);
  });
});

describe('a big export', () => {
  it('is indexed row by row, forgets the rows that went, and leaves nothing behind once deleted', async () => {
    // 5,001 rows: past what one document of the index records for a file; 50 people, each on every 50th row.
    const rows = (n: number) => ['email', ...Array.from({ length: n }, (_, i) => `big${i % 50}@example.fr`)].join('\n');
    const big = (i: number) => normaliseIdentity({ email: `big${i}@example.fr` });
    const { dir, connector } = await share({ 'export.csv': rows(5_001) });
    expect(await connector.crawl()).toMatchObject({ filesRead: 1, locations: 5_001 });
    expect(await connector.locate(big(7))).toHaveLength(100);

    await fs.writeFile(path.join(dir, 'export.csv'), rows(1_000));
    await fs.utimes(path.join(dir, 'export.csv'), new Date(), new Date(Date.now() + 5000));
    expect(await connector.crawl()).toMatchObject({ filesRead: 1, locations: 1_000 });
    expect(await connector.locate(big(7))).toHaveLength(20);
    expect(await connector.store.size()).toEqual({ entries: 1_000, files: 1 });

    await fs.rm(path.join(dir, 'export.csv'));
    expect(await connector.crawl()).toMatchObject({ filesRemoved: 1 });
    expect(await connector.locate(big(7))).toEqual([]);
    expect(await storage.db.collection('file_index').countDocuments({ connector: connector.store.connector })).toBe(0);
  });
});

describe('health', () => {
  it('says when the share is readable and whether it was crawled, and which folder is missing', async () => {
    const { connector } = await share({ 'a.txt': line(1) });
    expect(await connector.check()).toMatchObject({ ok: true, message: '1 folder(s) readable and writable; not crawled yet: lookups answer once the first crawl has finished' });
    await connector.crawl();
    expect((await connector.check()).message).toMatch(/last crawled \d{4}-/);

    const missing = await openShare(storage, { roots: ['/nonexistent/share'] }, { context: { connectorId: 'conn_missing' } });
    expect(await missing.check()).toMatchObject({ ok: false, reachable: false, permissions: { missing: ['read /nonexistent/share'] } });
    await expect(missing.crawl()).rejects.toThrow('The share root /nonexistent/share cannot be opened (ENOENT): is it mounted?');
  });
});
