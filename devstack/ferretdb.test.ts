/** Our FerretDB launcher: lookups by _id search an index instead of scanning the collection, and FerretDB works as before. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MongoServer, startFerretdb } from './mongo.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'gardien-ferretdb-test-'));
let server: MongoServer;
let client: MongoClient;
afterAll(async () => {
  await client?.close();
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});
beforeAll(async () => {
  server = await startFerretdb(path.join(scratch, 'data'));
  client = await MongoClient.connect(server.uri);
});

/** FerretDB's own account of how it runs a find: the SQLite query plan of the statement it sends. */
async function planOf(db: Db, collection: string, filter: object): Promise<string> {
  const explained = await db.command({ explain: { find: collection, filter } });
  return (explained.queryPlanner as { Plan: string[] }).Plan.join('\n');
}

// The index appears within a second or so of a collection's creation; SQLite connections see it once they next run a statement.
const searchesByIndex = (db: Db, collection: string, id: unknown) =>
  expect.poll(async () => (await db.collection(collection).findOne({ _id: id as never }), planOf(db, collection, { _id: id })), { timeout: 15_000, interval: 250 });
const BY_INDEX = /SEARCH \S+ USING INDEX \S+_gardien_id \(<expr>=\?\)/;

describe('the FerretDB launcher', () => {
  it('finds a document by _id among 100,000 through an index, not by scanning them', async () => {
    const db = client.db('lookups');
    const things = db.collection<{ _id: string; n: number }>('things');
    for (let chunk = 0; chunk < 10; chunk++) {
      await things.insertMany(Array.from({ length: 10_000 }, (_, i) => ({ _id: `thing-${chunk * 10_000 + i}`, n: chunk * 10_000 + i })));
    }
    await searchesByIndex(db, 'things', 'thing-54321').toMatch(BY_INDEX);
    expect(await things.findOne({ _id: 'thing-54321' })).toEqual({ _id: 'thing-54321', n: 54321 });
    // Anything but an exact _id is still FerretDB's full scan: the file share index is built for that.
    expect(await planOf(db, 'things', { n: 54321 })).toMatch(/^id=\d+ parent=\d+ notused=\d+ detail=SCAN \S+$/);

    await things.updateOne({ _id: 'thing-7' }, { $set: { n: -7 } });
    await things.deleteOne({ _id: 'thing-8' });
    expect(await things.find({ _id: { $in: ['thing-7', 'thing-8'] } }).toArray()).toEqual([{ _id: 'thing-7', n: -7 }]);
    expect(await things.countDocuments()).toBe(99_999);
  });

  it('leaves FerretDB unaware of the index: listIndexes, index drops, renames, drops and dropDatabase behave as before', async () => {
    const db = client.db('housekeeping');
    await db.collection('drafts').insertOne({ _id: 'a', tag: 'x' } as never);
    await searchesByIndex(db, 'drafts', 'a').toMatch(BY_INDEX);
    await db.collection('drafts').createIndex({ tag: 1 });
    expect((await db.collection('drafts').listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'tag_1']);
    await db.collection('drafts').dropIndexes();
    expect((await db.collection('drafts').listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);

    await db.collection('drafts').rename('notes');
    await searchesByIndex(db, 'notes', 'a').toMatch(BY_INDEX);
    expect(await db.collection('notes').findOne({ _id: 'a' as never })).toEqual({ _id: 'a', tag: 'x' });

    expect(await db.collection('notes').drop()).toBe(true);
    expect(await db.listCollections().toArray()).toEqual([]);
    await db.collection('notes').insertOne({ _id: 'b' } as never);
    await searchesByIndex(db, 'notes', 'b').toMatch(BY_INDEX);
    expect(await db.collection('notes').find().toArray()).toEqual([{ _id: 'b' }]);

    await db.dropDatabase();
    expect((await client.db().admin().listDatabases()).databases.map((d) => d.name)).not.toContain('housekeeping');
    await db.collection('notes').insertOne({ _id: 'c' } as never);
    expect(await db.collection('notes').find().toArray()).toEqual([{ _id: 'c' }]);
  });

  it('keeps the index across a restart on the same data directory', async () => {
    const dataDir = path.join(scratch, 'restart');
    const first = await startFerretdb(dataDir);
    try {
      const c = await MongoClient.connect(first.uri);
      await c.db('kept').collection('requests').insertOne({ _id: 'req-1', status: 'received' } as never);
      await searchesByIndex(c.db('kept'), 'requests', 'req-1').toMatch(BY_INDEX);
      await c.close();
    } finally {
      await first.stop();
    }
    const second = await startFerretdb(dataDir);
    try {
      const c = await MongoClient.connect(second.uri);
      expect(await planOf(c.db('kept'), 'requests', { _id: 'req-1' })).toMatch(BY_INDEX);
      expect(await c.db('kept').collection('requests').findOne({ _id: 'req-1' as never })).toEqual({ _id: 'req-1', status: 'received' });
      await c.close();
    } finally {
      await second.stop();
    }
  });
});
