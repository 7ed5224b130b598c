import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.js';

type JsonPayload = { metadata: Record<string, string>; data: string };

const BIN = fileURLToPath(new URL('../bin/gardien.mjs', import.meta.url));
const home = mkdtempSync(path.join(tmpdir(), 'gardien-cli-codec-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('gardien codec-server', () => {
  it('serves the codec protocol with the configured key and token until Ctrl-C', async () => {
    const token = randomBytes(24).toString('base64url');
    const env = { ...process.env, GARDIEN_HOME: home, GARDIEN_SECRET_KEY: `ops:${randomBytes(32).toString('base64')}`, GARDIEN_TOKEN_SECRET: randomBytes(32).toString('hex'), CODEC_AUTH_TOKEN: token };
    const child = spawn(process.execPath, [BIN, 'codec-server', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const lines = createInterface({ input: child.stdout });
      const [first] = (await new Promise<string>((resolve) => lines.once('line', resolve))).match(/http:\/\/127\.0\.0\.1:\d+/) ?? [];
      expect(first).toBeDefined();
      const payload: JsonPayload = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('{"requestId":"req_7"}').toString('base64') };
      const call = (action: string, body: unknown, authorization?: string) =>
        fetch(`${first}/${action}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify(body) });

      expect((await call('encode', { payloads: [payload] })).status).toBe(401);
      const encoded = (await (await call('encode', { payloads: [payload] }, `Bearer ${token}`)).json()) as { payloads: JsonPayload[] };
      expect(Buffer.from(encoded.payloads[0]!.metadata['encryption-key-id']!, 'base64').toString()).toBe('ops');
      const decoded = (await (await call('decode', encoded, `Bearer ${token}`)).json()) as { payloads: JsonPayload[] };
      expect(decoded.payloads).toEqual([payload]);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 30_000);

  it('refuses a port that is not one', async () => {
    const err: string[] = [];
    const code = await main(['codec-server', '--port', 'eighty'], { stdout: () => undefined, stderr: (l) => err.push(l) }, { GARDIEN_HOME: home });
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('gardien codec-server: --port is a number from 0 to 65535\nusage: gardien codec-server [--port');
  });
});
