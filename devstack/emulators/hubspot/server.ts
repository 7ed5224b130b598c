/**
 * A local HubSpot: one HTTP server answering what `@hubspot/api-client` calls
 * (CRM v3 objects, v4 associations, properties, communication preferences,
 * account details), with private-app bearer tokens and their scopes, HubSpot's
 * rate limits, injected faults, and a log of every call.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAccountInfo, tokenInfo } from './account.js';
import { handleBatchAssociations, handleObjectAssociations, handleProperties } from './associations.js';
import { HsError, invalidAuthentication, missingScopes, resourceNotFound } from './errors.js';
import { Faults, type CallRecord } from './faults.js';
import type { ApiRequest, Reply } from './http.js';
import { handleObjects } from './objects.js';
import { PortalState } from './portal.js';
import { handlePreferences } from './preferences.js';
import { HUBSPOT_RATE_LIMITS, RateLimiter, type RateLimits } from './ratelimit.js';
import { seedBulk, seedDemoPortal } from './seed.js';

/** Every scope the emulated private app can be granted. */
export const ALL_SCOPES: readonly string[] = [
  'crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.objects.deals.read', 'crm.objects.deals.write',
  'crm.schemas.contacts.read', 'crm.schemas.deals.read', 'tickets', 'communication_preferences.read',
  'communication_preferences.write', 'communication_preferences.read_write',
];

/** The demo private app's token, stable across starts so a registered demo connector keeps working. */
export const DEMO_HUBSPOT_TOKEN = 'pat-eu1-5f0c1d2e-7a43-4b9e-8c61-2d7f3e9a0b14';

export interface HubspotEmulatorOptions {
  port?: number;
  host?: string;
  /** The private app token that works (default DEMO_HUBSPOT_TOKEN). */
  token?: string;
  /** Scopes granted to that token (default ALL_SCOPES). */
  scopes?: readonly string[];
  /** Seed the demo people (default true). */
  seed?: boolean;
  /** HubSpot's limits by default; lower them to provoke 429s, or `false` for none. */
  rateLimits?: Partial<RateLimits> | false;
}

export interface HubspotEmulator {
  url: string;
  token: string;
  state: PortalState;
  faults: Faults;
  /** Every call answered, in order. */
  calls: CallRecord[];
  /** Another private app on the same portal, with its own scopes. */
  addToken(token: string, scopes: readonly string[]): void;
  /** The token stops working (rotated or the app deleted): 401 from then on. */
  revokeToken(token: string): void;
  /** Adds n notes to a contact; returns their ids. */
  seedBulk(contactId: string, n: number): string[];
  stop(): Promise<void>;
}

type Handler = (req: ApiRequest) => Reply;

export async function startHubspotEmulator(options: HubspotEmulatorOptions = {}): Promise<HubspotEmulator> {
  const portal = new PortalState();
  const faults = new Faults();
  const calls: CallRecord[] = [];
  const token = options.token ?? DEMO_HUBSPOT_TOKEN;
  const tokens = new Map<string, Set<string>>([[token, new Set(options.scopes ?? ALL_SCOPES)]]);
  const limiter = new RateLimiter(options.rateLimits === false ? false : { ...HUBSPOT_RATE_LIMITS, ...options.rateLimits });
  if (options.seed !== false) seedDemoPortal(portal);

  const routes: [RegExp, Handler][] = [
    [/^\/crm\/v3\/objects\/(.+)$/, (req) => handleObjects(portal, req)],
    [/^\/crm\/v4\/objects\/(.+)$/, (req) => handleObjectAssociations(portal, req)],
    [/^\/crm\/v4\/associations\/(.+)$/, (req) => handleBatchAssociations(portal, req)],
    [/^\/crm\/v3\/properties\/(.+)$/, (req) => handleProperties(req)],
    [/^\/communication-preferences\/v3\/(.+)$/, (req) => handlePreferences(portal, req)],
    [/^\/account-info\/v3\/(.+)$/, (req) => handleAccountInfo(portal, req)],
  ];

  function answer(req: IncomingMessage, url: URL, body: unknown, headers: Record<string, string>): Reply {
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '');
    if (method === 'POST' && path === '/oauth/v2/private-apps/get/access-token-info') return tokenInfo(portal, tokens, body);
    const route = routes.find(([pattern]) => pattern.test(path));
    if (!route) throw resourceNotFound();
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const scopes = bearer ? tokens.get(bearer) : undefined;
    if (!bearer || !scopes) throw invalidAuthentication();
    const admission = limiter.admit(bearer, method === 'POST' && path.endsWith('/search'));
    Object.assign(headers, admission.headers);
    if (!admission.admitted) return { status: admission.status, body: admission.body };
    const segments = route[0].exec(path)![1]!.split('/').map(decodeURIComponent);
    return route[1]({
      method,
      segments,
      query: url.searchParams,
      body,
      baseUrl: `http://${req.headers.host ?? 'localhost'}`,
      require(anyOf) {
        if (!anyOf.some((s) => scopes.has(s))) throw missingScopes(anyOf);
      },
    });
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const correlationId = randomUUID();
    const headers: Record<string, string> = { 'X-HubSpot-Correlation-Id': correlationId };
    let body: unknown;
    let reply: Reply;
    const fault = faults.take(method, safeDecode(url.pathname + url.search));
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    try {
      body = raw ? JSON.parse(raw) : undefined;
      reply = fault?.status !== undefined ? { status: fault.status, body: fault.body } : answer(req, url, body, headers);
    } catch (error) {
      if (error instanceof SyntaxError) reply = { status: 400, body: new HsError(400, 'VALIDATION_ERROR', `Invalid input JSON: ${error.message}`).body(correlationId) };
      else if (error instanceof HsError) reply = { status: error.status, body: error.body(correlationId) };
      else throw error;
    }
    Object.assign(headers, fault?.headers, reply.headers);
    calls.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), ...(body === undefined ? {} : { body }), status: reply.status, faulted: fault?.status !== undefined, at: Date.now() });
    if (reply.status === 204 || reply.body === undefined) {
      res.writeHead(reply.status, headers).end();
      return;
    }
    res.writeHead(reply.status, { ...headers, 'Content-Type': 'application/json;charset=utf-8' }).end(JSON.stringify(reply.body));
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json;charset=utf-8' });
      res.end(JSON.stringify(new HsError(500, 'INTERNAL_ERROR', error instanceof Error ? error.message : String(error)).body()));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    token,
    state: portal,
    faults,
    calls,
    addToken: (key, scopes) => void tokens.set(key, new Set(scopes)),
    revokeToken: (key) => void tokens.delete(key),
    seedBulk: (contactId, n) => seedBulk(portal, contactId, n),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
