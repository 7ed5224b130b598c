/**
 * Temporal's remote codec protocol, so an operator holding the key reads the
 * encrypted payloads and failure messages of workflow history in the Web UI or
 * `temporal workflow show --codec-endpoint`: POST …/decode and …/encode with
 * `{"payloads":[{"metadata":{k: base64},"data": base64}]}` (proto3 JSON), the same shape back.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import type { GardienConfig } from '../../core/config.js';
import { errorMessage } from '../../core/errors.js';
import { createLogger } from '../../core/logger.js';
import { AesGcmPayloadCodec } from './codec.js';

const log = createLogger('codec-server');

export interface CodecServerOptions {
  codec: PayloadCodec;
  /** Origins (`scheme://host:port`) of the Web UIs whose pages may call from a browser. */
  allowedOrigins: readonly string[];
  /** When set, every call must carry `Authorization: Bearer <authToken>`. */
  authToken?: string;
  maxBodyBytes?: number;
}

export type CodecHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** The options from the configuration: the payload codec of worker and client, TEMPORAL_UI_ORIGINS, CODEC_AUTH_TOKEN. */
export function codecServerOptions(config: Pick<GardienConfig, 'secretKeys' | 'codecServer'>, extraOrigins: readonly string[] = []): CodecServerOptions {
  return {
    codec: new AesGcmPayloadCodec(config.secretKeys),
    allowedOrigins: [...new Set([...config.codecServer.uiOrigins, ...extraOrigins])],
    authToken: config.codecServer.authToken,
  };
}

const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');
const payloadsBody = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).nullish(), data: base64.nullish() })),
});

const CORS_HEADERS = 'Content-Type, X-Namespace, Authorization';

/** Builds the request handler (no socket): CORS for the allowed origins, the bearer check, then encode or decode. */
export function createCodecHandler(options: CodecServerOptions): CodecHandler {
  const origins = new Set(options.allowedOrigins);
  const maxBody = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const expected = options.authToken ? digest(`Bearer ${options.authToken}`) : null;

  return (req, res) => {
    const origin = req.headers.origin;
    // Credentials allowed too: the UI may be set to "include cross-origin credentials".
    const cors: Record<string, string> = origin && origins.has(origin) ? { vary: 'Origin', 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' } : { vary: 'Origin' };
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...cors, 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }).end(JSON.stringify(body));
    };
    if (origin && !origins.has(origin)) return send(403, { error: `Origin ${origin} may not call this codec server; add it to TEMPORAL_UI_ORIGINS` });

    // The protocol names the action by the last path segment, so `/{namespace}/decode` works too.
    const action = new URL(req.url ?? '/', 'http://codec.local').pathname.split('/').pop();
    if (action !== 'decode' && action !== 'encode') return send(404, { error: 'POST /decode or /encode' });
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'access-control-allow-methods': 'POST, OPTIONS', 'access-control-allow-headers': CORS_HEADERS, 'access-control-max-age': '600' }).end();
      return;
    }
    if (req.method !== 'POST') return send(405, { error: 'Use POST' }, { allow: 'POST, OPTIONS' });
    if (expected) {
      const given = req.headers.authorization;
      if (!given) return send(401, { error: 'Authorization: Bearer <CODEC_AUTH_TOKEN> is required' }, { 'www-authenticate': 'Bearer realm="gardien-codec"' });
      if (!timingSafeEqual(digest(given), expected)) return send(401, { error: 'Wrong bearer token' }, { 'www-authenticate': 'Bearer realm="gardien-codec", error="invalid_token"' });
    }

    readBody(req, maxBody)
      .then(async (text) => {
        if (text === null) return send(413, { error: `The body is larger than ${maxBody} bytes` });
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          return send(400, { error: 'The body is not JSON' });
        }
        const parsed = payloadsBody.safeParse(json);
        if (!parsed.success) return send(400, { error: `Expected {"payloads":[{"metadata":{…},"data":"<base64>"}]}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` });
        const payloads = parsed.data.payloads.map(fromJson);
        const result = await convert(options.codec, action, payloads);
        if ('error' in result) return send(400, { error: result.error });
        log.info(`payloads ${action}d`, { namespace: req.headers['x-namespace'], count: payloads.length });
        send(200, { payloads: result.payloads.map(toJson) });
      })
      .catch((error: unknown) => {
        log.error('codec request failed', { reason: errorMessage(error) });
        if (!res.headersSent) send(500, { error: 'Internal error' });
      });
  };
}

/** One payload at a time, so an error names the payload it is about. */
async function convert(codec: PayloadCodec, action: 'encode' | 'decode', payloads: Payload[]): Promise<{ payloads: Payload[] } | { error: string }> {
  const out: Payload[] = [];
  for (const [index, payload] of payloads.entries()) {
    try {
      out.push(...(await codec[action]([payload])));
    } catch (error) {
      return { error: `Payload ${index} could not be ${action}d: ${errorMessage(error)}` };
    }
  }
  return { payloads: out };
}

export interface RunningCodecServer {
  /** The endpoint to give the Web UI or `--codec-endpoint`, e.g. http://127.0.0.1:8888 */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on `host` (loopback unless told otherwise: it decrypts for whoever can reach it). */
export async function startCodecServer(options: CodecServerOptions, listen: { port?: number; host?: string } = {}): Promise<RunningCodecServer> {
  const host = listen.host ?? '127.0.0.1';
  const server = createServer(createCodecHandler(options));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port ?? 8888, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
  if (!options.authToken && !['127.0.0.1', '::1', 'localhost'].includes(host)) log.warn('codec server reachable beyond this machine without CODEC_AUTH_TOKEN', { host, port });
  log.info('codec server listening', { url });
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped, so the client gets its 413 rather than a reset.
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

type PayloadJson = { metadata?: Record<string, string> | null; data?: string | null };

function fromJson(payload: PayloadJson): Payload {
  const metadata: Record<string, Uint8Array> = {};
  for (const [key, value] of Object.entries(payload.metadata ?? {})) metadata[key] = new Uint8Array(Buffer.from(value, 'base64'));
  return { metadata, data: new Uint8Array(Buffer.from(payload.data ?? '', 'base64')) };
}

function toJson(payload: Payload): { metadata: Record<string, string>; data: string } {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload.metadata ?? {})) if (value) metadata[key] = Buffer.from(value).toString('base64');
  return { metadata, data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') };
}
