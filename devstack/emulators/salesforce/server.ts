/**
 * A local Salesforce: one HTTP server playing both the login server and the
 * org's instance, answering what jsforce calls, with faults on demand.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_SALESFORCE_CREDENTIALS, Sessions, soapEndpoint, tokenEndpoint, type SalesforceCredentials } from './auth.js';
import { Faults, type CallRecord } from '../faults.js';
import { SfError, defaultFaultBody, invalidSession, notFound } from './errors.js';
import { OrgState } from './org.js';
import { API_VERSIONS, Cursors, handleData, versionsList } from './rest.js';
import { seedBulk, seedDemoOrg } from './seed.js';

export interface SalesforceEmulatorOptions {
  port?: number;
  host?: string;
  credentials?: SalesforceCredentials;
  /** Seed the demo people (default true). */
  seed?: boolean;
}

export interface SalesforceEmulator {
  /** Both the login URL and the instance URL. */
  url: string;
  credentials: SalesforceCredentials;
  state: OrgState;
  faults: Faults;
  /** Every call answered, in order (auth calls included). */
  calls: CallRecord[];
  /** Ends every session: the next API call gets 401 INVALID_SESSION_ID. */
  expireSessions(): void;
  /** Adds n Tasks and n Notes to a contact (or lead); returns their ids. */
  seedBulk(parentId: string, n: number): { taskIds: string[]; noteIds: string[] };
  stop(): Promise<void>;
}

type Reply = { status: number; headers?: Record<string, string>; contentType?: string; body?: unknown; raw?: string };

export async function startSalesforceEmulator(options: SalesforceEmulatorOptions = {}): Promise<SalesforceEmulator> {
  const org = new OrgState();
  const sessions = new Sessions(org);
  const faults = new Faults(defaultFaultBody);
  const cursors = new Cursors();
  const calls: CallRecord[] = [];
  const credentials = options.credentials ?? DEMO_SALESFORCE_CREDENTIALS;
  if (options.seed !== false) seedDemoOrg(org);

  async function answer(req: IncomingMessage, url: URL, raw: string): Promise<Reply> {
    const method = req.method ?? 'GET';
    const instanceUrl = `http://${req.headers.host ?? 'localhost'}`;
    const path = url.pathname.replace(/\/+$/, '');
    if (method === 'POST' && path === '/services/oauth2/token') {
      const a = tokenEndpoint(new URLSearchParams(raw), instanceUrl, org, sessions, credentials);
      return { status: a.status, contentType: a.contentType, raw: a.body };
    }
    if (method === 'POST' && path === '/services/oauth2/revoke') {
      sessions.revoke(new URLSearchParams(raw).get('token') ?? '');
      return { status: 200, raw: '' };
    }
    const soap = /^\/services\/Soap\/u\/(\d+\.\d)(?:\/.*)?$/.exec(path);
    if (method === 'POST' && soap) {
      const a = soapEndpoint(raw, soap[1]!, instanceUrl, org, sessions, credentials);
      return { status: a.status, contentType: a.contentType, raw: a.body };
    }
    if (path === '/services/data') return { status: 200, body: versionsList() };
    const data = /^\/services\/data\/v(\d+\.\d)(?:\/(.*))?$/.exec(path);
    if (!data || !API_VERSIONS.includes(data[1]!)) throw notFound();
    if (!sessions.valid(req.headers.authorization)) throw invalidSession();
    org.apiRequests++;
    if (org.apiRequests > org.apiRequestLimit) throw new SfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    let body: unknown;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        throw new SfError(400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON');
      }
    }
    const segments = (data[2] ?? '').split('/').filter(Boolean).map(decodeURIComponent);
    return handleData(org, cursors, { method, segments, version: data[1]!, query: url.searchParams, headers: req.headers, body });
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let reply: Reply;
    const fault = faults.take(method, safeDecode(url.pathname + url.search));
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.status !== undefined) {
      reply = { status: fault.status, headers: fault.headers, body: fault.body };
    } else {
      try {
        reply = await answer(req, url, raw);
      } catch (error) {
        if (!(error instanceof SfError)) throw error;
        reply = { status: error.status, body: error.body() };
      }
      if (fault) reply.headers = { ...reply.headers, ...fault.headers };
    }
    const body = jsonBody(raw);
    calls.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), ...(body === undefined ? {} : { body }), status: reply.status, faulted: fault?.status !== undefined, at: Date.now() });
    const headers: Record<string, string> = { ...reply.headers };
    if (url.pathname.startsWith('/services/data/')) headers['Sforce-Limit-Info'] = `api-usage=${org.apiRequests}/${org.apiRequestLimit}`;
    if (reply.status === 204) {
      res.writeHead(204, headers).end();
      return;
    }
    const text = reply.raw ?? JSON.stringify(reply.body);
    headers['Content-Type'] = reply.contentType ?? 'application/json;charset=UTF-8';
    res.writeHead(reply.status, headers).end(text);
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json;charset=UTF-8' });
      res.end(JSON.stringify([{ message, errorCode: 'UNKNOWN_EXCEPTION' }]));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    credentials,
    state: org,
    faults,
    calls,
    expireSessions: () => sessions.expireAll(),
    seedBulk: (parentId, n) => seedBulk(org, parentId, n),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The JSON a call sent, for the call log (form and SOAP logins are left out: they carry credentials). */
function jsonBody(raw: string): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
