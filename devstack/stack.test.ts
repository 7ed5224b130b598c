import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { MongoClient, MongoServerError } from 'mongodb';
import mysql from 'mysql2/promise';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, inject, it, vi } from 'vitest';
import { createMariaDatabase, createPostgresDatabase, dropMariaDatabase, dropPostgresDatabase, mongoTestDb, uniqueName } from '../test/support/stack/db.js';
import { caughtMails, waitForMail } from '../test/support/stack/mail.js';
import { startMailCatcher } from './mailcatcher.js';
import { startMongo } from './mongo.js';
import { startTemporal } from './temporal.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'gardien-stack-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => {
  vi.unstubAllEnvs();
});

async function describeNamespace(address: string, namespace: string): Promise<string | null | undefined> {
  const connection = await Connection.connect({ address, connectTimeout: 2_000 });
  try {
    return (await connection.workflowService.describeNamespace({ namespace })).namespaceInfo?.name;
  } finally {
    await connection.close();
  }
}

async function pingable(uri: string): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500 });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close();
  }
}

describe('the shared test stack', () => {
  it('has a Temporal frontend that describes its namespace', async () => {
    expect(process.env.TEMPORAL_ADDRESS).toBe(inject('temporalAddress'));
    expect(await describeNamespace(inject('temporalAddress'), inject('temporalNamespace'))).toBe(inject('temporalNamespace'));
  });

  it('has a MongoDB-protocol server doing CRUD, unique indexes and findOneAndUpdate', async () => {
    const { db, drop } = await mongoTestDb('stack');
    try {
      const people = db.collection<{ email: string; visits: number }>('people');
      await people.createIndex({ email: 1 }, { unique: true });
      await people.insertOne({ email: 'ada@example.test', visits: 1 });
      await expect(people.insertOne({ email: 'ada@example.test', visits: 9 })).rejects.toSatisfy((e) => e instanceof MongoServerError && e.code === 11000);

      const after = await people.findOneAndUpdate({ email: 'ada@example.test' }, { $inc: { visits: 1 } }, { returnDocument: 'after' });
      expect(after?.visits).toBe(2);
      await people.deleteOne({ email: 'ada@example.test' });
      expect(await people.find({}).toArray()).toEqual([]);
    } finally {
      await drop();
    }
  });

  it('catches a mail sent over SMTP and shows it to waitForMail and the HTML view', async () => {
    const to = `${uniqueName('subject')}@example.test`;
    const transport = nodemailer.createTransport(inject('smtpUrl'));
    await transport.sendMail({ from: 'dpo@gardien.test', to, subject: 'Your request was received', text: 'Code: 482913' });
    transport.close();

    const mail = await waitForMail({ to, subjectIncludes: 'received' }, 10_000);
    expect(mail).toMatchObject({ from: 'dpo@gardien.test', to: [to], subject: 'Your request was received' });
    expect(mail.text).toContain('482913');
    expect(await caughtMails({ to, subjectIncludes: 'no such subject' })).toEqual([]);
    const page = await (await fetch(inject('mailcatcherUrl'), { headers: { accept: 'text/html' } })).text();
    expect(page).toContain('Your request was received');
  });
});

describe('throw-away SQL databases for tests', () => {
  it('creates a PostgreSQL database one can connect to, and drops it', async () => {
    const { name, url } = await createPostgresDatabase(uniqueName('stack'));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    expect((await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db).toBe(name);
    await client.end();
    await dropPostgresDatabase(name);
    await expect(connectPostgres(url)).rejects.toThrow(/does not exist/);
  });

  it('creates a MariaDB database one can connect to, and drops it', async () => {
    const { name, url } = await createMariaDatabase(uniqueName('stack'));
    const connection = await mysql.createConnection(url);
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT DATABASE() AS db');
    expect(rows[0]?.db).toBe(name);
    await connection.end();
    await dropMariaDatabase(name);
    await expect(mysql.createConnection(url)).rejects.toThrow(/Unknown database/);
  });
});

async function connectPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.end();
}

describe('starting servers', () => {
  it('keeps MongoDB data across a restart on the same data directory', async () => {
    vi.stubEnv('MONGODB_URI', '');
    const dataDir = path.join(scratch, 'mongo-restart');
    const first = await startMongo({ dataDir });
    try {
      const client = await MongoClient.connect(first.uri);
      await client.db('kept').collection('requests').insertOne({ requestId: 'req-1', status: 'received' });
      await client.close();
    } finally {
      await first.stop();
    }

    const second = await startMongo({ dataDir });
    try {
      const client = await MongoClient.connect(second.uri);
      const found = await client.db('kept').collection('requests').findOne({ requestId: 'req-1' });
      await client.close();
      expect(found?.status).toBe('received');
    } finally {
      await second.stop();
    }
  });

  it('starts a Temporal dev server with its own namespace and Web UI, and stops it', async () => {
    vi.stubEnv('TEMPORAL_ADDRESS', '');
    const temporal = await startTemporal({ namespace: 'gardien-stack-test', dbFile: path.join(scratch, 'temporal.db') });
    try {
      expect(temporal.external).toBe(false);
      expect(await describeNamespace(temporal.address, 'gardien-stack-test')).toBe('gardien-stack-test');
      expect((await fetch(String(temporal.uiUrl))).status).toBe(200);
    } finally {
      await temporal.stop();
    }
    await expect(describeNamespace(temporal.address, 'gardien-stack-test')).rejects.toThrow();
  });

  it('stops the servers it started when the Node process that started them is killed', async () => {
    const script = path.join(scratch, 'orphan.mts');
    writeFileSync(script, `import { startMongo } from ${JSON.stringify(new URL('./mongo.ts', import.meta.url).href)};\nconsole.log((await startMongo()).uri);\nsetInterval(() => {}, 1000);\n`);
    const parent = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, MONGODB_URI: '' }, stdio: ['ignore', 'pipe', 'inherit'] });
    const uri = await new Promise<string>((resolve, reject) => {
      parent.stdout.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
      parent.on('exit', (code) => reject(new Error(`the starter exited (${code}) before printing a URI`)));
    });
    expect(await pingable(uri)).toBe(true);

    parent.kill('SIGKILL');
    await expect.poll(() => pingable(uri), { timeout: 10_000, interval: 200 }).toBe(false);
  });

  it('uses TEMPORAL_ADDRESS and MONGODB_URI when set, starting nothing', async () => {
    vi.stubEnv('TEMPORAL_ADDRESS', 'temporal.example.test:7233');
    vi.stubEnv('MONGODB_URI', 'mongodb://mongo.example.test:27017/');
    expect(await startTemporal()).toMatchObject({ address: 'temporal.example.test:7233', external: true });
    expect(await startMongo()).toMatchObject({ uri: 'mongodb://mongo.example.test:27017/', kind: 'external' });
  });

  it('keeps caught mails across a restart of the catcher when given a store file', async () => {
    const storeFile = path.join(scratch, 'mail.jsonl');
    const first = await startMailCatcher({ storeFile });
    const transport = nodemailer.createTransport(first.smtpUrl);
    const waiting = first.waitFor((m) => m.subject === 'Erasure completed', 5_000);
    await transport.sendMail({ from: 'dpo@gardien.test', to: 'bob@example.test', bcc: 'audit@gardien.test', subject: 'Erasure completed', html: '<p>Done</p>' });
    transport.close();
    expect((await waiting).to).toEqual(['bob@example.test', 'audit@gardien.test']);
    await first.stop();

    const second = await startMailCatcher({ storeFile });
    try {
      expect(second.messages().map((m) => [m.subject, m.html?.trim()])).toEqual([['Erasure completed', '<p>Done</p>']]);
      second.clear();
      expect(second.messages()).toEqual([]);
    } finally {
      await second.stop();
    }
    const third = await startMailCatcher({ storeFile });
    await third.stop();
    expect(third.messages()).toEqual([]);
  });
});
