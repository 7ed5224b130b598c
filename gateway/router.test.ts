import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors.js';
import { exportLinkToken, writeExportPackage, writeSystemExport } from '../core/exports.js';
import { packageExportId } from '../core/storage/export-ids.js';
import { writePortabilityPackage } from '../core/portability.js';
import { openWithZipJs, sha256, type PackageManifest } from '../test/support/portability/packages.js';
import { ROUTES, type Route } from './routes.js';
import { createHttpHandler, type FetchHandler } from './router.js';
import { startTestServices, type TestServices } from '../test/support/gateway/services.js';

let services: TestServices;
let handle: FetchHandler;

const echo: Route = {
  method: 'GET',
  path: '/things/:id/parts/:part',
  access: ['dpo', 'agent'],
  handle: (_request, { params, actor }) => Response.json({ params, actor }),
};
const open: Route = { method: 'POST', path: '/open', access: 'public', handle: (_request, { actor }) => Response.json({ actor }) };
const picky: Route = {
  method: 'GET',
  path: '/picky',
  access: 'public',
  handle: () => {
    throw new ValidationError('The id is not one of ours', [{ path: 'id', message: 'unknown' }]);
  },
};

beforeAll(async () => {
  services = await startTestServices();
  handle = createHttpHandler(services, { routes: [...ROUTES, echo, open, picky] });
});
afterAll(() => services?.dispose());

const get = (path: string, token?: string, init: RequestInit = {}) =>
  handle(new Request(`http://gardien.test${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as object) } }));

describe('the route table', () => {
  it('passes path params and the actor to a route whose roles match', async () => {
    const response = await get('/things/42/parts/caf%C3%A9', services.tokens.agent);
    expect(await response.json()).toEqual({ params: { id: '42', part: 'café' }, actor: { sub: 'agent-tester', role: 'agent' } });
  });

  it('answers 401 without a valid token and 403 for a role the route does not allow', async () => {
    const missing = await get('/things/1/parts/2');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="gardien"');
    expect((await get('/things/1/parts/2', 'forged')).status).toBe(401);
    const forbidden = await get('/things/1/parts/2', services.tokens.it);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: 'The it role may not use /things/1/parts/2' });
  });

  it('lets anyone call a public route, naming the actor when a valid token comes along', async () => {
    expect(await (await get('/open', undefined, { method: 'POST' })).json()).toEqual({ actor: null });
    expect(await (await get('/open', services.tokens.dpo, { method: 'POST' })).json()).toEqual({ actor: { sub: 'dpo-tester', role: 'dpo' } });
  });

  it('says 404 for an unknown path, 405 with Allow for a wrong method, 400 with problems for bad input', async () => {
    expect((await get('/nothing/here')).status).toBe(404);
    const wrongMethod = await get('/open');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const bad = await get('/picky');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'The id is not one of ours', problems: [{ path: 'id', message: 'unknown' }] });
  });

  it('serves /health without a token and hands /graphql to Yoga (GraphiQL opens without a token in development)', async () => {
    expect(await (await get('/health')).json()).toEqual({ status: 'ok', storage: 'ok' });
    const graphiql = await get('/graphql', undefined, { headers: { accept: 'text/html' } });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toContain('<title>Gardien</title>');
  });
});

describe('export downloads', () => {
  async function* contact() {
    yield { ref: { object: 'Contact', id: '003A', matchedOn: 'email' }, fields: { Email: 'lea.martin@example.org', FirstName: 'Léa' } };
  }
  const link = (id: string, expiresAt = new Date(Date.now() + 60_000)) => `/exports/${id}?token=${exportLinkToken(id, expiresAt, services.config.tokenSecret)}`;

  it('serves the portability ZIP as application/zip named for the request, and the JSON package as before', async () => {
    const store = services.dsr.exports;
    const exportedAt = new Date('2025-05-02T09:30:00Z');
    const part = await writeSystemExport(store, { requestId: 'req_dl1', connector: { id: 'conn_crm', kind: 'salesforce', name: 'Salesforce CRM' }, exportedAt, records: contact() });
    const zip = await writePortabilityPackage(store, { requestId: 'req_dl1', exportedAt, partIds: [part.file._id], descriptions: {}, passphrase: 'cheval agrafe 42' });

    const response = await get(link(zip._id));
    expect(response.status).toBe(200);
    expect(Object.fromEntries(['content-type', 'content-disposition', 'content-length', 'x-content-sha256', 'cache-control'].map((h) => [h, response.headers.get(h)]))).toEqual({
      'content-type': 'application/zip',
      'content-disposition': 'attachment; filename="gardien-req_dl1.zip"',
      'content-length': String(zip.bytes),
      'x-content-sha256': zip.sha256,
      'cache-control': 'private, no-store',
    });
    const body = new Uint8Array(await response.arrayBuffer());
    expect(sha256(body)).toBe(zip.sha256);
    const opened = await openWithZipJs(body);
    const manifest = JSON.parse((await opened.read('manifest.json', 'cheval agrafe 42')).toString('utf8')) as PackageManifest;
    expect(manifest.files.map((f) => f.path)).toEqual(['README.txt', 'salesforce-crm/Contact.json', 'salesforce-crm/Contact.csv']);

    const json = await writeExportPackage(store, { requestId: 'req_dl1', type: 'ACCESS', exportedAt, partIds: [part.file._id] });
    expect(json._id).toBe(packageExportId('req_dl1'));
    const jsonResponse = await get(link(json._id));
    expect(jsonResponse.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(jsonResponse.headers.get('content-disposition')).toBe(`attachment; filename="${json._id}.json"`);
    expect(((await jsonResponse.json()) as { systems: unknown[] }).systems).toHaveLength(1);

    expect((await get(link(zip._id, new Date(Date.now() - 1000)))).status).toBe(410);
    expect((await get(`/exports/${zip._id}?token=${exportLinkToken(json._id, new Date(Date.now() + 60_000), services.config.tokenSecret)}`)).status).toBe(403);
  });
});
