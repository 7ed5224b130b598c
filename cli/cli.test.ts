import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacySqlite, type LegacySqlite } from '../test/support/sql/sqlite.js';
import { loadConfig } from '../core/config.js';
import { SigningKeyStore } from '../core/report/keys.js';
import { ReportSigner } from '../core/report/sign.js';
import { verifyReport } from '../core/report/verify.js';
import { Storage } from '../core/storage/mongo.js';
import { verifyToken } from '../gateway/auth.js';
import { legacyConnectorConfig } from '../test/fixtures/legacy-schema.js';
import { main } from './main.js';

const BIN = fileURLToPath(new URL('../bin/gardien.mjs', import.meta.url));

let home: string;
let env: NodeJS.ProcessEnv;
let legacy: LegacySqlite;
beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'gardien-cli-'));
  env = {
    GARDIEN_HOME: home,
    NODE_ENV: 'test',
    MONGODB_URI: process.env.MONGODB_URI,
    MONGODB_DB: `cli_${randomBytes(6).toString('hex')}`,
    GARDIEN_SECRET_KEY: randomBytes(32).toString('base64'),
    GARDIEN_TOKEN_SECRET: randomBytes(32).toString('hex'),
  };
  legacy = await legacySqlite();
});
afterAll(async () => {
  const client = await MongoClient.connect(env.MONGODB_URI!);
  await client.db(env.MONGODB_DB!).dropDatabase();
  await client.close();
  legacy?.remove();
  rmSync(home, { recursive: true, force: true });
});

async function gardien(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (l) => out.push(l), stderr: (l) => err.push(l) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('gardien token', () => {
  it('prints a token the gateway accepts, signed with the configured secret', async () => {
    const dpo = await gardien('token', '--role', 'dpo', '--sub', 'claire@acme.example', '--ttl', '1h');
    expect(dpo.code).toBe(0);
    expect(await verifyToken(env.GARDIEN_TOKEN_SECRET!, dpo.out)).toEqual({ sub: 'claire@acme.example', role: 'dpo' });
    const subject = await gardien('token', '--role', 'subject', '--email', 'Lea.Martin@example.org');
    expect(await verifyToken(env.GARDIEN_TOKEN_SECRET!, subject.out)).toMatchObject({ role: 'subject', email: 'lea.martin@example.org' });
    const integration = await gardien('token', '--role', 'integration', '--sub', 'newsletter-tool');
    expect(await verifyToken(env.GARDIEN_TOKEN_SECRET!, integration.out)).toEqual({ sub: 'newsletter-tool', role: 'integration' });
  });

  it('says what is wrong, with exit code 2 for usage and 1 for a value it refuses', async () => {
    expect(await gardien('token')).toMatchObject({ code: 2, err: expect.stringContaining('gardien token: --role is required\nusage: gardien token --role') });
    expect(await gardien('token', '--role', 'boss')).toEqual({ code: 1, out: '', err: 'gardien token: Unknown role "boss"; one of dpo, it, agent, subject, integration' });
    expect(await gardien('token', '--role', 'subject')).toMatchObject({ code: 1, err: 'gardien token: A subject token needs the email of the person holding it\n  email: required for role subject' });
    expect(await gardien('launch')).toMatchObject({ code: 2, err: expect.stringContaining('gardien: unknown command "launch"') });
  });

  it('runs from bin/gardien.mjs, the `npx gardien` entry point', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'token', '--role', 'it'], { env: { ...process.env, ...env } });
    expect(await verifyToken(env.GARDIEN_TOKEN_SECRET!, stdout.trim())).toEqual({ sub: 'it@local', role: 'it' });
    const failed = await promisify(execFile)(process.execPath, [BIN, 'token', '--role', 'boss'], { env: { ...process.env, ...env } }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('Unknown role "boss"') });
  }, 30_000);
});

describe('gardien connectors', () => {
  it('adds, lists, tests, disables and removes a SQLite database', async () => {
    const added = await gardien('connectors', 'add', '--kind', 'sql', '--name', 'billing', '--config', JSON.stringify(legacyConnectorConfig(legacy.url)));
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/^registered billing \(sql\) as conn_[0-9a-f]+\nholds personal data in: .*people/);

    const listed = await gardien('connectors', 'list');
    expect(listed.out).toMatch(/^billing\tsql\tenabled\tconn_[0-9a-f]+\tlast check ok$/);
    const json = JSON.parse((await gardien('connectors', 'list', '--json')).out);
    expect(json).toEqual([expect.objectContaining({ name: 'billing', kind: 'sql', enabled: true, secretNames: [] })]);

    expect(await gardien('connectors', 'test', 'billing')).toMatchObject({ code: 0, out: expect.stringMatching(/^billing: ok — /) });
    expect((await gardien('connectors', 'disable', 'billing')).out).toBe('disabled billing');
    expect((await gardien('connectors', 'list')).out).toContain('\tdisabled\t');
    expect((await gardien('connectors', 'remove', 'billing')).out).toMatch(/^removed billing \(conn_[0-9a-f]+\); the system itself was not touched$/);
    expect((await gardien('connectors', 'list')).out).toBe('no connectors registered');
  });

  it('explains a bad configuration, an unknown kind and bad JSON, and stores nothing', async () => {
    const badTable = await gardien('connectors', 'add', '--kind', 'sql', '--name', 'x', '--config', JSON.stringify({ url: legacy.url, subjects: [{ table: 'clients', identity: { email: 'email' } }] }));
    expect(badTable.code).toBe(1);
    expect(badTable.err).toContain('clients');
    const unknownKind = await gardien('connectors', 'add', '--kind', 'oracle', '--name', 'x', '--config', '{}');
    expect(unknownKind).toMatchObject({ code: 1, err: expect.stringContaining('Unknown connector kind "oracle"; known kinds: fileshare, hubspot, manual, salesforce, sql') });
    const badJson = await gardien('connectors', 'add', '--kind', 'sql', '--name', 'x', '--config', '{url:');
    expect(badJson).toMatchObject({ code: 2, err: expect.stringContaining('--config is not valid JSON') });
    const missing = await gardien('connectors', 'test', 'nowhere');
    expect(missing).toMatchObject({ code: 1, err: 'gardien connectors: Connector nowhere does not exist' });
    expect((await gardien('connectors', 'list')).out).toBe('no connectors registered');
  });
});

describe('gardien keys', () => {
  it('rotates the signing key; reports signed before still verify against the published keys', async () => {
    const { secretKeys } = loadConfig(env);
    const storage = await Storage.open(env.MONGODB_URI!, env.MONGODB_DB!);
    try {
      const before = new SigningKeyStore(storage, secretKeys);
      const old = await new ReportSigner(before).sign({ version: 1, reportId: 'rep_old' } as never);
      const rotated = await gardien('keys', 'rotate');
      expect(rotated.code).toBe(0);
      const [announce, ...listed] = rotated.out.split('\n');
      expect(announce).toMatch(/^signing with gardien-\S+ from now on; earlier keys stay in the JWKS$/);
      expect(listed).toEqual([expect.stringMatching(/^gardien-\S+ {2}\(signs new reports\)$/), old.kid]);
      const after = new SigningKeyStore(storage, secretKeys);
      expect((await new ReportSigner(after).sign({ version: 1, reportId: 'rep_new' } as never)).kid).not.toBe(old.kid);
      expect((await verifyReport(old.jws, await after.jwks())).report).toMatchObject({ reportId: 'rep_old' });
      expect(await gardien('keys', 'burn')).toMatchObject({ code: 2, err: expect.stringContaining('unknown action "burn"') });
    } finally {
      await storage.close();
    }
  });
});
