import { randomBytes } from 'node:crypto';
import type { Collection } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mongoTestDb, type MongoTestDb } from '../test/support/stack/db.js';
import { AuditTrail, GENESIS_HASH } from './audit.js';
import { AuditRepository } from './storage/audit.js';
import { Storage } from './storage/mongo.js';

const dpo = { sub: 'claire@acme.example', role: 'dpo' as const };
const key = { kid: 'k1', key: randomBytes(32) };

let mongo: MongoTestDb;
const opened: Storage[] = [];
beforeAll(async () => {
  mongo = await mongoTestDb('audit');
});
afterAll(async () => {
  for (const storage of opened) {
    await storage.db.dropDatabase();
    await storage.close();
  }
  await mongo?.drop();
});

/** A trail on a database of its own. */
async function freshTrail(): Promise<{ trail: AuditTrail; repository: AuditRepository; collection: Collection }> {
  const storage = await Storage.open(mongo.uri, `${mongo.name}_${randomBytes(3).toString('hex')}`);
  opened.push(storage);
  const repository = new AuditRepository(storage);
  await repository.ensureIndexes();
  return { trail: new AuditTrail(repository, key), repository, collection: storage.db.collection('audit') };
}

describe('the audit trail', () => {
  it('chains entries: each names the hash of the one before, and the chain verifies', async () => {
    const { trail } = await freshTrail();
    const first = await trail.record({ actor: dpo, action: 'subject.lookup', subject: { email: 'lea.martin@example.org' }, systems: [{ connectorId: 'conn_a', status: 'OK' }] });
    const second = await trail.record({ actor: { sub: 'it@local', role: 'it' }, action: 'connector.register', systems: [{ connectorId: 'conn_b', status: 'OK' }] });
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, actor: dpo, action: 'subject.lookup', systems: [{ connectorId: 'conn_a', status: 'OK' }] });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash, subjectHash: null });
    expect(await trail.verifyChain()).toEqual({ ok: true, entries: 2 });
  });

  it('holds a keyed hash of the subject, the same for the same person however the lookup spelt it, and never the identity', async () => {
    const { trail, repository, collection } = await freshTrail();
    const entry = await trail.record({ actor: dpo, action: 'subject.lookup', subject: { email: 'lea.martin@example.org' } });
    expect(entry.subjectHash).toBe(trail.subjectHash({ email: 'lea.martin@example.org' }));
    expect(entry.subjectHash).not.toBe(trail.subjectHash({ email: 'noah.petit@example.org' }));
    // Another key gives another hash: without the key, nobody can test guesses against the trail.
    const other = new AuditTrail(repository, { kid: 'k2', key: randomBytes(32) });
    expect(other.subjectHash({ email: 'lea.martin@example.org' })).not.toBe(entry.subjectHash);
    const raw = JSON.stringify(await collection.find().toArray());
    expect(raw).not.toContain('lea');
    expect((await trail.forSubject({ email: 'lea.martin@example.org' })).map((e) => e.seq)).toEqual([1]);
  });

  it('shows an entry edited after the fact, and one removed', async () => {
    const { trail, collection } = await freshTrail();
    for (let i = 0; i < 4; i++) await trail.record({ actor: dpo, action: 'subject.lookup', subject: { email: `p${i}@example.org` } });
    await collection.updateOne({ seq: 2 }, { $set: { 'actor.sub': 'someone-else' } });
    expect(await trail.verifyChain()).toEqual({ ok: false, entries: 1, brokenAt: 2, problem: 'entry 2 was altered after it was written' });
    await collection.updateOne({ seq: 2 }, { $set: { 'actor.sub': dpo.sub } });
    expect(await trail.verifyChain()).toEqual({ ok: true, entries: 4 });
    await collection.deleteOne({ seq: 3 });
    expect(await trail.verifyChain()).toEqual({ ok: false, entries: 2, brokenAt: 3, problem: 'entry 3 is missing (found 4 next)' });
  });

  it('shows an entry rewritten with a fresh hash: the next one no longer links to it', async () => {
    const { trail, collection } = await freshTrail();
    for (let i = 0; i < 3; i++) await trail.record({ actor: dpo, action: 'subject.lookup', subject: { email: `p${i}@example.org` } });
    const forged = await (async () => {
      const { trail: scratch } = await freshTrail();
      await scratch.record({ actor: dpo, action: 'subject.lookup', subject: { email: 'p0@example.org' } });
      return scratch.record({ actor: dpo, action: 'connector.remove' });
    })();
    await collection.replaceOne({ seq: 2 }, forged);
    expect(await trail.verifyChain()).toMatchObject({ ok: false, brokenAt: 2, problem: 'entry 2 does not link to entry 1' });
  });

  it('keeps one chain when many lookups append at once', async () => {
    const { trail } = await freshTrail();
    const writers = 25;
    const entries = await Promise.all(
      Array.from({ length: writers }, (_, i) => trail.record({ actor: dpo, action: 'subject.lookup', subject: { email: `person${i}@example.org` } })),
    );
    expect(entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: writers }, (_, i) => i + 1));
    expect(new Set(entries.map((e) => e.prevHash)).size).toBe(writers);
    expect(await trail.verifyChain()).toEqual({ ok: true, entries: writers });
  });
});

describe('several writers on one trail', () => {
  it('keeps one chain when two processes append in turns and at once', async () => {
    const { repository } = await freshTrail();
    const here = new AuditTrail(repository, key);
    const there = new AuditTrail(repository, key);
    await here.record({ actor: dpo, action: 'subject.lookup' });
    await there.record({ actor: dpo, action: 'subject.lookup' });
    // `here` still believes entry 1 ends the chain: it must notice entry 2 and link to it.
    const third = await here.record({ actor: dpo, action: 'subject.lookup' });
    expect(third.seq).toBe(3);
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? here : there).record({ actor: dpo, action: 'subject.lookup' })));
    expect(await here.verifyChain()).toEqual({ ok: true, entries: 13 });
  });
});
