/**
 * The authorisation matrix, checked against the live schema and route table:
 * every root field and route has a row in authorization-matrix.ts, and each
 * row is called with every credential through the gateway's handler, which
 * must allow exactly the credentials the row names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLinkToken, writeExportPackage } from '../../core/exports.js';
import { sampleReport } from '../support/report/samples.js';
import { issueToken } from '../../gateway/auth.js';
import { ROUTES } from '../../gateway/routes.js';
import { createHttpHandler, type FetchHandler } from '../../gateway/router.js';
import { startTestServices, type TestServices } from '../support/gateway/services.js';
import { schema } from '../../schema/index.js';
import { stackEnv } from '../support/workflows/harness.js';
import { uniqueName } from '../support/stack/db.js';
import { ACCESS_TOKEN, storedRequest } from '../support/security/requests.js';
import { CREDENTIALS, GRAPHQL_MATRIX, ROUTE_MATRIX, type Credential, type MatrixFixture } from './authorization-matrix.js';

const WHERE = 'test/security/authorization-matrix.ts';

/** Every root field of the live schema, as `Query.field`. */
function schemaOperations(): string[] {
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) => (type ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : []));
}

describe('every operation has a row', () => {
  it('in GRAPHQL_MATRIX for each Query, Mutation and Subscription field', () => {
    const missing = schemaOperations().filter((op) => !(op in GRAPHQL_MATRIX));
    expect(missing, `${missing.join(', ')} has no row: add one to GRAPHQL_MATRIX in ${WHERE} saying who may call it (${CREDENTIALS.join(', ')}) and its smallest call`).toEqual([]);
    const stale = Object.keys(GRAPHQL_MATRIX).filter((op) => !schemaOperations().includes(op));
    expect(stale, `${stale.join(', ')} is no longer in the schema: remove its row from ${WHERE}`).toEqual([]);
  });

  it('in ROUTE_MATRIX for each HTTP route', () => {
    const routes = ROUTES.map((r) => `${r.method} ${r.path}`);
    const missing = routes.filter((key) => !(key in ROUTE_MATRIX));
    expect(missing, `${missing.join(', ')} has no row: add one to ROUTE_MATRIX in ${WHERE} saying who may call it`).toEqual([]);
    const stale = Object.keys(ROUTE_MATRIX).filter((key) => !routes.includes(key.replace(/ \(.*\)$/, '')));
    expect(stale, `${stale.join(', ')} is no longer a route: remove its row from ${WHERE}`).toEqual([]);
  });
});

let services: TestServices;
let handle: FetchHandler;
let fixture: MatrixFixture;
const bearer = {} as Record<Credential, string | null>;

beforeAll(async () => {
  services = await startTestServices({ TEMPORAL_ADDRESS: stackEnv().temporal, TEMPORAL_TASK_QUEUE: uniqueName('matrix') });
  handle = createHttpHandler(services);
  const request = await storedRequest(services, { status: 'COMPLETED', completedAt: new Date() });
  const report = { ...sampleReport(), reportId: 'rep_matrixAAAAAAAAAAAAAAAAAA', request: { ...sampleReport().request, id: request._id } };
  const { kid, jws } = await services.dsr.signer.sign(report);
  await services.dsr.reports.saveOnce({ _id: report.reportId, requestId: request._id, kid, jws, report, createdAt: new Date() });
  const pkg = await writeExportPackage(services.dsr.exports, { requestId: request._id, type: 'ACCESS', exportedAt: new Date(), partIds: [] });
  const integration = { role: 'integration' as const, sub: 'matrix-integration' };
  await services.consents.purposes.declare({ id: 'lettre-matrice', name: 'Lettre de la matrice', description: 'Nouvelles mensuelles' }, { role: 'dpo', sub: 'dpo@matrice.example' });
  const [link] = await services.consents.unsubscribeLinks({ purpose: 'lettre-matrice', channel: 'email', language: 'fr', recipients: [{ email: request.identity.email! }] }, integration);
  fixture = {
    requestId: request._id,
    reportId: report.reportId,
    exportId: pkg._id,
    exportLinkToken: exportLinkToken(pkg._id, new Date(Date.now() + 3_600_000), services.config.tokenSecret),
    unsubscribeToken: new URL(link!.url).pathname.split('/').at(-1)!,
  };
  Object.assign(bearer, services.tokens, { accessToken: null, anonymous: null, integration: await issueToken(services.config.tokenSecret, integration) });
});
afterAll(() => services?.dispose());

interface GraphqlAnswer {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** The JSON answer, or the first event of a stream. */
async function answerOf(response: Response): Promise<GraphqlAnswer> {
  if (!response.headers.get('content-type')?.includes('text/event-stream')) return (await response.json()) as GraphqlAnswer;
  const reader = response.body!.getReader();
  let text = '';
  while (!/^data: ?\S/m.test(text)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  await reader.cancel();
  return JSON.parse(/^data: ?(.*)$/m.exec(text)![1]!) as GraphqlAnswer;
}

async function callGraphql(operation: string, credential: Credential): Promise<'allowed' | 'refused'> {
  const row = GRAPHQL_MATRIX[operation]!;
  const variables: Record<string, unknown> = { ...row.variables?.(fixture) };
  if (credential === 'accessToken' && row.document.includes('$accessToken')) variables.accessToken = ACCESS_TOKEN;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: operation.startsWith('Subscription.') ? 'text/event-stream' : 'application/json' };
  if (bearer[credential]) headers.authorization = `Bearer ${bearer[credential]}`;
  const response = await handle(new Request('http://gardien.test/graphql', { method: 'POST', headers, body: JSON.stringify({ query: row.document, variables }) }));
  if (response.status === 401 || response.status === 403) return 'refused';
  const answer = await answerOf(response);
  const codes = (answer.errors ?? []).map((e) => e.extensions?.code);
  if (codes.some((code) => code === 'UNAUTHENTICATED' || code === 'FORBIDDEN')) return 'refused';
  // The smallest call must pass cleanly: an unexpected error would say nothing about authorisation.
  expect(answer.errors ?? [], `${operation} as ${credential}`).toEqual([]);
  return 'allowed';
}

async function callRoute(key: string, credential: Credential): Promise<'allowed' | 'refused'> {
  const row = ROUTE_MATRIX[key]!;
  const headers: Record<string, string> = bearer[credential] ? { authorization: `Bearer ${bearer[credential]}` } : {};
  if (row.method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded';
  const response = await handle(new Request(`http://gardien.test${row.url(fixture)}`, { method: row.method ?? 'GET', headers, body: row.body }));
  await response.body?.cancel();
  if (response.status === 401 || response.status === 403 || response.status === row.refusedWith) return 'refused';
  expect(response.status, `${key} as ${credential}`).toBeLessThan(400);
  return 'allowed';
}

describe('each GraphQL operation allows exactly the credentials of its row', () => {
  it.each(Object.keys(GRAPHQL_MATRIX))('%s', async (operation) => {
    const outcomes: Record<string, string> = {};
    for (const credential of CREDENTIALS) outcomes[credential] = await callGraphql(operation, credential);
    const expected = Object.fromEntries(CREDENTIALS.map((c) => [c, GRAPHQL_MATRIX[operation]!.allowed.includes(c) ? 'allowed' : 'refused']));
    expect(outcomes, `${operation}: what the gateway did vs. ${WHERE}`).toEqual(expected);
  });
});

describe('each HTTP route allows exactly the credentials of its row', () => {
  it.each(Object.keys(ROUTE_MATRIX))('%s', async (key) => {
    const outcomes: Record<string, string> = {};
    for (const credential of CREDENTIALS) outcomes[credential] = await callRoute(key, credential);
    const expected = Object.fromEntries(CREDENTIALS.map((c) => [c, ROUTE_MATRIX[key]!.allowed.includes(c) ? 'allowed' : 'refused']));
    expect(outcomes, `${key}: what the gateway did vs. ${WHERE}`).toEqual(expected);
  });
});
