/** The codec server over real HTTP: history from a real Temporal Web UI decrypted, CORS, bearer protection, clear errors. */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { freePort } from '../../devstack/ports.js';
import { startTemporal, type TemporalServer } from '../../devstack/temporal.js';
import type { CodecProbeActivities } from '../../test/fixtures/codec-probe.workflow.js';
import { quietTemporal } from '../../test/support/workflows/harness.js';
import { AesGcmPayloadCodec } from './codec.js';
import { codecServerOptions, startCodecServer, type RunningCodecServer } from './codec-server.js';
import { createDataConverter } from './data-converter.js';

type JsonPayload = { metadata: Record<string, string>; data: string };

const keys = [{ kid: 'ops-2025', key: randomBytes(32) }];
/** Enough for loadConfig without touching the repository's .gardien/. */
const baseEnv = { GARDIEN_HOME: path.join(tmpdir(), 'gardien-codec-test'), GARDIEN_SECRET_KEY: `${keys[0]!.kid}:${keys[0]!.key.toString('base64')}`, GARDIEN_TOKEN_SECRET: randomBytes(32).toString('hex') };
const b64 = (text: string) => Buffer.from(text).toString('base64');
const text = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');
const plain = (value: unknown): JsonPayload => {
  const p = defaultPayloadConverter.toPayload(value)!;
  return { metadata: Object.fromEntries(Object.entries(p.metadata!).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])), data: Buffer.from(p.data!).toString('base64') };
};

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { payloads: JsonPayload[]; error?: string } };
}

describe('the codec server, behind a real Temporal Web UI', () => {
  let uiOrigin: string;
  let codec: RunningCodecServer;
  let temporal: TemporalServer;

  beforeAll(async () => {
    const uiPort = await freePort();
    uiOrigin = `http://127.0.0.1:${uiPort}`;
    codec = await startCodecServer(codecServerOptions(loadConfig({ ...baseEnv, TEMPORAL_UI_ORIGINS: uiOrigin })), { port: 0 });
    vi.stubEnv('TEMPORAL_ADDRESS', ''); // our own dev server, with its Web UI, rather than the headless shared one
    temporal = await startTemporal({ uiPort, uiCodecEndpoint: codec.url });
    vi.unstubAllEnvs();
  });
  afterAll(async () => {
    await temporal?.stop();
    await codec?.close();
  });

  it('is the codec endpoint of the Web UI that `startTemporal` starts', async () => {
    const settings = (await (await fetch(`${temporal.uiUrl}/api/v1/settings`)).json()) as { Codec: { Endpoint: string } };
    expect(settings.Codec.Endpoint).toBe(codec.url);
  });

  it("decrypts a workflow's input, result and failure message as the Web UI fetches them from history", async () => {
    quietTemporal();
    const connection = await NativeConnection.connect({ address: temporal.address });
    const client = new Client({ connection: await Connection.connect({ address: temporal.address }), dataConverter: createDataConverter(keys) });
    try {
      const activities: CodecProbeActivities = {
        refuse: async (note) => {
          throw new Error(`The archive refused: ${note}`);
        },
      };
      const worker = await Worker.create({
        connection,
        taskQueue: 'codec-probe',
        workflowsPath: fileURLToPath(new URL('../../test/fixtures/codec-probe.workflow.ts', import.meta.url)),
        activities,
        dataConverter: createDataConverter(keys),
      });
      const input = { caseId: 'case_17', note: 'camille.durand@example.fr asked twice' };
      const result = await worker.runUntil(client.workflow.execute('codecProbeWorkflow', { taskQueue: 'codec-probe', workflowId: 'codec-probe-1', args: [input] }));
      expect(result).toEqual({ caseId: 'case_17', outcome: 'refused' });

      // What the Web UI's own API returns: proto3 JSON, every payload encrypted.
      const history = (await (await fetch(`${temporal.uiUrl}/api/v1/namespaces/default/workflows/codec-probe-1/history`)).json()) as {
        history: { events: Record<string, { input?: { payloads: JsonPayload[] }; result?: { payloads: JsonPayload[] }; failure?: { message: string; encodedAttributes: JsonPayload } }>[] };
      };
      const attributes = (name: string) => history.history.events.find((e) => e[name])![name]!;
      const started = attributes('workflowExecutionStartedEventAttributes').input!.payloads;
      const completed = attributes('workflowExecutionCompletedEventAttributes').result!.payloads;
      const failure = attributes('activityTaskFailedEventAttributes').failure!;
      for (const payload of [...started, ...completed, failure.encodedAttributes]) {
        expect(text(payload.metadata.encoding!)).toBe('binary/encrypted');
        expect(text(payload.metadata['encryption-key-id']!)).toBe('ops-2025');
      }
      expect(JSON.stringify(history)).not.toContain('camille');
      expect(failure.message).toBe('Encoded failure');

      const decoded = await post(`${codec.url}/decode`, { payloads: [...started, ...completed, failure.encodedAttributes] }, { origin: uiOrigin });
      expect(decoded.status).toBe(200);
      expect(decoded.headers.get('access-control-allow-origin')).toBe(uiOrigin);
      expect(decoded.body.payloads.map((p) => text(p.metadata.encoding!))).toEqual(['json/plain', 'json/plain', 'json/plain']);
      const [decodedInput, decodedResult, decodedFailure] = decoded.body.payloads.map((p) => JSON.parse(text(p.data)));
      expect(decodedInput).toEqual(input);
      expect(decodedResult).toEqual({ caseId: 'case_17', outcome: 'refused' });
      expect(decodedFailure).toMatchObject({ message: 'The archive refused: camille.durand@example.fr asked twice', stack_trace: expect.stringContaining('refuse') });
    } finally {
      await client.connection.close();
      await connection.close();
    }
  });
});

describe('the codec server protocol', () => {
  let codec: RunningCodecServer;
  let guarded: RunningCodecServer;
  const ui = 'http://127.0.0.1:8233';
  const token = randomBytes(24).toString('base64url');

  beforeAll(async () => {
    const options = codecServerOptions({ secretKeys: keys, codecServer: { uiOrigins: [ui, 'http://localhost:8233'], authToken: undefined } });
    codec = await startCodecServer(options, { port: 0 });
    guarded = await startCodecServer({ ...options, authToken: token }, { port: 0 });
  });
  afterAll(async () => {
    await codec?.close();
    await guarded?.close();
  });

  it('encodes with the current key and decodes back, also under a /{namespace}/ prefix, leaving plain payloads alone', async () => {
    const payload = plain({ requestId: 'req_42' });
    const encoded = await post(`${codec.url}/encode`, { payloads: [payload] });
    expect(encoded.status).toBe(200);
    expect(text(encoded.body.payloads[0]!.metadata.encoding!)).toBe('binary/encrypted');
    expect(text(encoded.body.payloads[0]!.data)).not.toContain('req_42');
    const decoded = await post(`${codec.url}/default/decode`, encoded.body);
    expect(decoded.body.payloads).toEqual([payload]);
    expect((await post(`${codec.url}/decode`, { payloads: [payload] })).body.payloads).toEqual([payload]);
    expect(decoded.headers.get('cache-control')).toBe('no-store');
  });

  it('says which payload it cannot decrypt and why: a key it does not hold, a payload altered', async () => {
    const [retired] = await new AesGcmPayloadCodec([{ kid: 'retired-2023', key: randomBytes(32) }]).encode([defaultPayloadConverter.toPayload('x')!]);
    const unknownKey = { metadata: { encoding: b64('binary/encrypted'), 'encryption-key-id': b64('retired-2023') }, data: Buffer.from(retired!.data!).toString('base64') };
    const answer = await post(`${codec.url}/decode`, { payloads: [plain('fine'), unknownKey] });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('Payload 1 could not be decoded: No key "retired-2023" to decrypt a Temporal payload; set it in GARDIEN_SECRET_KEY');

    const [mine] = (await post(`${codec.url}/encode`, { payloads: [plain('secret')] })).body.payloads;
    const altered = Buffer.from(mine!.data, 'base64');
    altered[20] = altered[20]! ^ 1;
    const tampered = await post(`${codec.url}/decode`, { payloads: [{ ...mine, data: altered.toString('base64') }] });
    expect(tampered.status).toBe(400);
    expect(tampered.body.error).toMatch(/^Payload 0 could not be decoded: /);
  });

  it('refuses what is not a payload list, and anything but POST /decode or /encode', async () => {
    expect(await post(`${codec.url}/decode`, '{"payloads": [')).toMatchObject({ status: 400, body: { error: 'The body is not JSON' } });
    expect(await post(`${codec.url}/decode`, { payloads: [{ data: 'not base64!' }] })).toMatchObject({ status: 400, body: { error: expect.stringContaining('payloads.0.data must be base64') } });
    expect(await post(`${codec.url}/decode`, { items: [] })).toMatchObject({ status: 400 });
    expect((await fetch(`${codec.url}/decode`)).status).toBe(405);
    expect((await post(`${codec.url}/download`, { payloads: [] })).status).toBe(404);
  });

  it("answers the Web UI's preflight from an allowed origin, and no other origin", async () => {
    const preflight = (url: string, origin: string) =>
      fetch(`${url}/decode`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace,authorization' } });
    for (const server of [codec, guarded]) {
      const allowed = await preflight(server.url, 'http://localhost:8233');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:8233');
      expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
      expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase().split(', ')).toEqual(expect.arrayContaining(['content-type', 'x-namespace', 'authorization']));
      expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    }
    const foreign = await preflight(codec.url, 'https://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const sneaky = await post(`${codec.url}/decode`, { payloads: [] }, { origin: 'https://evil.example' });
    expect(sneaky).toMatchObject({ status: 403, body: { error: 'Origin https://evil.example may not call this codec server; add it to TEMPORAL_UI_ORIGINS' } });
    expect(sneaky.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('with CODEC_AUTH_TOKEN, asks for the bearer token and refuses a wrong one', async () => {
    const body = { payloads: [plain('x')] };
    const missing = await post(`${guarded.url}/decode`, body, { origin: ui });
    expect(missing).toMatchObject({ status: 401, body: { error: 'Authorization: Bearer <CODEC_AUTH_TOKEN> is required' } });
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="gardien-codec"');
    expect(missing.headers.get('access-control-allow-origin')).toBe(ui); // so the UI can tell why
    expect(await post(`${guarded.url}/decode`, body, { authorization: `Bearer ${token}x` })).toMatchObject({ status: 401, body: { error: 'Wrong bearer token' } });
    expect(await post(`${guarded.url}/decode`, body, { authorization: token })).toMatchObject({ status: 401 });
    expect(await post(`${guarded.url}/decode`, body, { authorization: `Bearer ${token}`, origin: ui })).toMatchObject({ status: 200, body: { payloads: body.payloads } });
  });

  it('takes its origins and token from TEMPORAL_UI_ORIGINS and CODEC_AUTH_TOKEN, and says what is wrong with them', () => {
    const env = baseEnv;
    expect(loadConfig(env).codecServer).toEqual({ uiOrigins: ['http://127.0.0.1:8233', 'http://localhost:8233'], authToken: undefined });
    expect(loadConfig({ ...env, TEMPORAL_UI_ORIGINS: 'https://temporal.example.com/, http://10.0.0.5:8080', CODEC_AUTH_TOKEN: token }).codecServer).toEqual({
      uiOrigins: ['https://temporal.example.com', 'http://10.0.0.5:8080'],
      authToken: token,
    });
    expect(() => loadConfig({ ...env, TEMPORAL_UI_ORIGINS: 'https://temporal.example.com/ui' })).toThrow('TEMPORAL_UI_ORIGINS: comma-separated origins such as');
    expect(() => loadConfig({ ...env, TEMPORAL_UI_ORIGINS: '*' })).toThrow('TEMPORAL_UI_ORIGINS');
    expect(() => loadConfig({ ...env, CODEC_AUTH_TOKEN: 'short' })).toThrow('CODEC_AUTH_TOKEN: must be at least 16 characters');
    expect(() => loadConfig({ ...env, CODEC_AUTH_TOKEN: 'sixteen chars and spaces' })).toThrow('CODEC_AUTH_TOKEN: printable characters, no spaces');
  });
});
