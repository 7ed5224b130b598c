/**
 * Hostile input at every input of the public API, property by property
 * (fast-check), through the gateway's handler on the test stack: no 5xx, no
 * masked crash ("Unexpected error."), and a refused call changes no document
 * of the collections it touches and starts no workflow. HOSTILE_RUNS sets the
 * runs per property (default 100), HOSTILE_SEED replays a failure: fast-check
 * prints the seed and the smallest failing input.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpHandler, type FetchHandler } from '../../gateway/router.js';
import { startTestServices, type TestServices } from '../support/gateway/services.js';
import { stackEnv } from '../support/workflows/harness.js';
import { uniqueName } from '../support/stack/db.js';
import { until } from '../support/stack/poll.js';
import { hostileConfig, hostileHeaderValue, hostileIdentity, hostileNumber, hostileObject, hostileString, KINDS, typeConfused } from '../support/security/hostile.js';
import { storedRequest, workflowsStarted } from '../support/security/requests.js';
import { checkGet, checkGraphql, countDocuments, hostileRuns, outcomeReport, type Probe } from '../support/security/probe.js';

let services: TestServices;
let handle: FetchHandler;
let probe: Probe;
let finished: string;

beforeAll(async () => {
  services = await startTestServices({ TEMPORAL_ADDRESS: stackEnv().temporal, TEMPORAL_TASK_QUEUE: uniqueName('hostile') });
  handle = createHttpHandler(services);
  finished = (await storedRequest(services, { status: 'COMPLETED', completedAt: new Date() }))._id;
  probe = { services, handle };
});
afterAll(async () => {
  if (process.env.HOSTILE_REPORT) process.stdout.write(`\nHostile calls per operation (runs ${hostileRuns().numRuns}, seed ${hostileRuns().seed ?? 'random'}):\n${outcomeReport()}\n`);
  await services?.dispose();
});

/** A hostile id, or the id of a real (finished) request, so checks past the lookup run too. */
const anId = () => fc.oneof(hostileString, fc.constant(finished));
const REQUEST_TYPES = typeConfused(fc.constantFrom('ACCESS', 'PORTABILITY', 'ERASURE', 'RECTIFICATION', 'RESTRICTION', 'OBJECTION'));
function encodedOrNull(text: string): string | null {
  try {
    return encodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Runs `check` on generated values; `examples` (inputs that once broke something) run first, every time. */
function property<T>(arbitrary: fc.Arbitrary<T>, check: (value: T) => Promise<void>, options: { share?: number; examples?: T[] } = {}): Promise<void> {
  const runs = hostileRuns(options.share);
  return fc.assert(fc.asyncProperty(arbitrary, check), { numRuns: runs.numRuns, seed: runs.seed, examples: (options.examples ?? []).map((e) => [e] as [T]) });
}

/** Enough time for the configured runs on a loaded machine (the default suits 100). */
const TIME = Math.max(60_000, hostileRuns().numRuns * 1_500);

describe('hostile input to the public API (fast-check)', () => {
  it('submitRequest: identities, types, details, rectifications and passphrases', async () => {
    // Mostly what the portal sends (a type and an email, hostile words beside them), sometimes every field at once.
    const email = fc.oneof({ arbitrary: fc.emailAddress(), weight: 2 }, { arbitrary: hostileString, weight: 1 });
    const identity = fc.oneof({ arbitrary: fc.record({ email, name: hostileString }, { requiredKeys: ['email'] }), weight: 3 }, { arbitrary: typeConfused(hostileIdentity), weight: 2 });
    const bare = fc.record({ type: REQUEST_TYPES, identity, language: typeConfused(fc.constantFrom('EN', 'FR')), details: typeConfused(hostileString) }, { requiredKeys: ['type', 'identity'] });
    const full = fc.record({
      type: REQUEST_TYPES,
      identity,
      rectification: typeConfused(fc.array(fc.record({ attribute: typeConfused(fc.constantFrom('EMAIL', 'PHONE', 'BIRTH_DATE', 'POSTAL_CODE')), value: hostileString }), { maxLength: 3 })),
      liftRestriction: typeConfused(fc.boolean()),
      passphrase: typeConfused(hostileString),
    }, { requiredKeys: ['type', 'identity'] });
    const input = fc.oneof({ arbitrary: bare, weight: 3 }, { arbitrary: full, weight: 1 });
    await property(input, async (value) => {
      const workflows = await workflowsStarted(services);
      const refused = await checkGraphql(probe, {
        document: 'mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { __typename } }',
        variables: { input: value },
        collections: ['requests', 'verifications', 'outbox', 'audit'],
      });
      // Accepted: its one workflow shows in Temporal (visibility lags), so the next refusal is counted against it.
      if (!refused) await until('the accepted request\'s workflow', async () => (await workflowsStarted(services)) === workflows + 1, 10_000);
      expect(await workflowsStarted(services)).toBe(refused ? workflows : workflows + 1);
    });
  }, TIME);

  it('verifyRequest, request, cancelRequest: ids, codes, access tokens and reasons', async () => {
    const call = fc.record({ id: anId(), code: hostileString, accessToken: hostileString, reason: hostileString, which: fc.constantFrom(0, 1, 2) });
    await property(call, async ({ id, code, accessToken, reason, which }) => {
      const documents = [
        'mutation ($id: ID!, $code: String!) { verifyRequest(id: $id, code: $code) { __typename } }',
        'query ($id: ID!, $accessToken: String) { request(id: $id, accessToken: $accessToken) { __typename } }',
        'mutation ($id: ID!, $accessToken: String, $reason: String) { cancelRequest(id: $id, accessToken: $accessToken, reason: $reason) { __typename } }',
      ];
      await checkGraphql(probe, { document: documents[which]!, variables: { id, code, accessToken, reason }, collections: ['requests', 'verifications', 'outbox', 'audit'] });
    });
  }, TIME);

  it('subject (the DPO lookup): identities', async () => {
    await property(typeConfused(hostileIdentity), async (identity) => {
      await checkGraphql(probe, {
        token: services.tokens.dpo,
        document: 'query ($identity: IdentityInput!) { subject(identity: $identity) { __typename } }',
        variables: { identity },
        collections: ['audit', 'requests'],
      });
    });
  }, TIME);

  it('registerConnector: configs and secrets of every built-in kind, names, unknown kinds', async () => {
    const kind = fc.oneof({ arbitrary: fc.constantFrom(...KINDS), weight: 5 }, { arbitrary: hostileString, weight: 1 });
    const input = kind.chain((k) =>
      fc.record({
        kind: fc.constant(k),
        name: fc.oneof({ arbitrary: hostileString, weight: 1 }, { arbitrary: fc.uuid().map((u) => `registre-${u.slice(0, 8)}`), weight: 3 }),
        config: KINDS.includes(k) ? hostileConfig(k) : hostileObject,
        secrets: fc.oneof(
          { arbitrary: fc.constant(undefined), weight: 6 },
          hostileObject,
          fc.record({ password: hostileString }),
          fc.record({ accessToken: hostileString }),
          fc.record({ clientId: hostileString, clientSecret: hostileString }),
        ),
      }),
    );
    await property(input, async (value) => {
      await checkGraphql(probe, {
        token: services.tokens.it,
        document: 'mutation ($input: RegisterConnectorInput!) { registerConnector(input: $input) { __typename } }',
        variables: { input: value },
        collections: ['connectors', 'audit'],
      });
    });
  }, TIME);

  it('connector, request and task actions of staff: ids, numbers, evidence, justifications, cursors', async () => {
    const ACTIONS: [string, string][] = [
      [services.tokens.it, 'mutation ($id: ID!) { testConnector(id: $id) { __typename } }'],
      [services.tokens.it, 'mutation ($id: ID!, $b: Boolean!) { setConnectorEnabled(id: $id, enabled: $b) { __typename } }'],
      [services.tokens.it, 'mutation ($id: ID!) { removeConnector(id: $id) { __typename } }'],
      [services.tokens.it, 'mutation ($id: ID!, $b: Boolean) { crawlConnector(id: $id, restart: $b) { __typename } }'],
      [services.tokens.it, 'query ($id: ID!) { connector(id: $id) { __typename } }'],
      [services.tokens.dpo, 'mutation ($id: ID!, $n: Int!, $s: String!) { extendDeadline(id: $id, months: $n, reason: $s) { __typename } }'],
      [services.tokens.dpo, 'mutation ($id: ID!, $s: String!) { rejectRequest(id: $id, reason: $s) { __typename } }'],
      [services.tokens.dpo, 'mutation ($id: ID!, $s: String!) { verifyRequestManually(id: $id, justification: $s) { __typename } }'],
      [services.tokens.dpo, 'mutation ($id: ID!, $c: ID!, $s: String!, $n: Int) { resolveSystem(requestId: $id, connectorId: $c, evidence: $s, records: $n) { __typename } }'],
      [services.tokens.agent, 'mutation ($id: ID!, $c: ID!) { retrySystem(requestId: $id, connectorId: $c) { __typename } }'],
      [services.tokens.agent, 'mutation ($id: ID!, $s: String!, $n: Int) { completeManualTask(id: $id, evidence: $s, records: $n) { __typename } }'],
      [services.tokens.agent, 'query ($id: ID!) { manualTask(id: $id) { __typename } }'],
      [services.tokens.dpo, 'query ($n: Int, $s: String, $st: RequestStatus) { requests(first: $n, after: $s, status: $st) { edges { cursor } } }'],
      [services.tokens.dpo, 'query ($n: Int, $s: String) { manualTasks(first: $n, after: $s) { edges { cursor } } }'],
      [services.tokens.it, 'query ($n: Int, $s: String) { connectors(first: $n, after: $s) { edges { cursor } } }'],
    ];
    const call = fc.record({ action: fc.nat(ACTIONS.length - 1), id: anId(), c: hostileString, s: hostileString, n: typeConfused(fc.oneof(fc.integer({ min: -5, max: 5 }), hostileNumber)), b: typeConfused(fc.boolean()), st: typeConfused(fc.constantFrom('COMPLETED', 'IN_PROGRESS')) });
    await property(call, async ({ action, ...variables }) => {
      const [token, document] = ACTIONS[action]!;
      await checkGraphql(probe, { token, document, variables, collections: ['connectors', 'requests', 'manual_tasks', 'audit', 'outbox'] });
    }, { share: 3 });
  }, TIME);

  it('whole documents: hostile query text, operation names, variables and extensions, bodies that are not JSON', async () => {
    const body = fc.oneof(
      fc.record({ query: hostileString, operationName: fc.oneof(hostileString, hostileObject), variables: hostileObject, extensions: hostileObject }, { requiredKeys: [] }).map((b) => JSON.stringify(b)),
      hostileString,
      hostileObject.map((o) => JSON.stringify(o) ?? 'null'),
    );
    await property(body, async (text) => {
      const before = await countDocuments(services, ['requests', 'connectors', 'audit']);
      const response = await handle(new Request('http://gardien.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: text }));
      expect(response.status).toBeLessThan(500);
      const answer = (await response.json()) as { errors?: { message: string }[] };
      expect((answer.errors ?? []).filter((e) => e.message === 'Unexpected error.')).toEqual([]);
      expect(await countDocuments(services, ['requests', 'connectors', 'audit'])).toEqual(before);
    });
  }, TIME);

  it('HTTP routes: report and export ids, file names, link tokens, page languages, bearer tokens', async () => {
    const LABELS = ['/reports/:id', '/reports/:id.html', '/exports/:id', '/requests/:id', '/requests/:id/verify', '/portal/:file', '/:page'];
    const PATHS = [(s: string) => `/reports/${s}`, (s: string) => `/reports/${s}.html`, (s: string) => `/exports/${s}`, (s: string) => `/requests/${s}`, (s: string) => `/requests/${s}/verify`, (s: string) => `/portal/${s}`, (s: string) => `/${s}`];
    const call = fc.record({
      path: fc.nat(PATHS.length - 1),
      segment: hostileString.map((s) => s.slice(0, 4000)),
      encode: fc.boolean(),
      query: fc.record({ token: hostileString, lang: hostileString }, { requiredKeys: [] }),
      language: hostileHeaderValue,
      authorization: fc.oneof(fc.constant(null), hostileHeaderValue, hostileHeaderValue.map((v) => `Bearer ${v}`)),
    });
    await property(call, async ({ path, segment, encode, query, language, authorization }) => {
      const search = new URLSearchParams(query as Record<string, string>).toString();
      const headers: Record<string, string> = { 'accept-language': language };
      if (authorization !== null) headers.authorization = authorization;
      const text = encode ? encodedOrNull(segment) : segment;
      if (text === null) return; // a lone surrogate: no client can put it in a URL
      await checkGet(probe, LABELS[path]!, `${PATHS[path]!(text)}${search ? `?${search}` : ''}`, headers, ['requests', 'reports', 'exports', 'audit']);
    }, {
      // Found by this property: malformed percent-encoding in a path segment threw out of the router (500).
      examples: [{ path: 0, segment: '(]%', encode: false, query: {}, language: 'fr', authorization: null }, { path: 2, segment: '%E0%A4%A', encode: false, query: { token: '%' }, language: '', authorization: null }],
    });
  }, TIME);

  it('requestUpdated: ids and access tokens', async () => {
    await property(fc.record({ id: anId(), accessToken: hostileString }), async (variables) => {
      const response = await handle(
        new Request('http://gardien.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
          body: JSON.stringify({ query: 'subscription ($id: ID!, $accessToken: String) { requestUpdated(id: $id, accessToken: $accessToken) { status } }', variables }),
        }),
      );
      expect(response.status).toBeLessThan(500);
      const text = await response.text(); // a refusal is one event, then the stream ends
      expect(text).not.toContain('Unexpected error.');
    }, { share: 0.3 });
  }, TIME);

  it('leaves Object.prototype unpolluted after all of the above', () => {
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, TIME);
});
