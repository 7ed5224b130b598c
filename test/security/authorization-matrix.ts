/**
 * Who may call what: every GraphQL root field and every HTTP route, one row
 * each, with the credentials allowed and the smallest call that shows it.
 * `authorization-matrix.test.ts` calls every row with every credential and
 * fails for a field or route missing here: add its row to this file.
 *
 * Credentials: the four roles' bearer tokens (`subject` names the email of
 * the fixture's request), `accessToken` (no bearer token, the request's access
 * token as argument), `integration` (a bearer token naming that role: while no
 * such role exists the gateway refuses the token itself, so its column says
 * `refused` everywhere — when the role lands, list what it may call), and
 * `anonymous` (nothing at all).
 *
 * "Allowed" means the caller gets past authorisation (an answer, or an
 * expected error such as NotFound for the fixture's made-up ids);
 * "refused" means 401/403 or a FORBIDDEN/UNAUTHENTICATED error.
 */
export const CREDENTIALS = ['dpo', 'it', 'agent', 'subject', 'accessToken', 'integration', 'anonymous'] as const;
export type Credential = (typeof CREDENTIALS)[number];

/** What the runner sets up once: a finished request of the subject, its signed report, an export and its link. */
export interface MatrixFixture {
  requestId: string;
  reportId: string;
  exportId: string;
  exportLinkToken: string;
}

export interface GraphqlRow {
  /** A document with one root field; `$accessToken`, when declared, gets the request's access token for the `accessToken` credential only. */
  document: string;
  variables?: (fixture: MatrixFixture) => Record<string, unknown>;
  allowed: readonly Credential[];
}

export interface RouteRow {
  url: (fixture: MatrixFixture) => string;
  allowed: readonly Credential[];
}

/** Public GraphQL fields. A token naming an unknown role is refused on /graphql as a whole, hence no `integration` until that role exists. */
const EVERYONE = ['dpo', 'it', 'agent', 'subject', 'accessToken', 'anonymous'] as const;
/** Public routes ignore a token they cannot read. */
const ANYONE = [...CREDENTIALS];
const CONNECTOR_STAFF = ['dpo', 'it'] as const;
const REQUEST_STAFF = ['dpo', 'agent'] as const;
/** The request's own people: staff who work on requests, the subject (by token or access token). */
const REQUEST_READERS = ['dpo', 'agent', 'subject', 'accessToken'] as const;
const MISSING = { id: 'conn_missing' };

/** Keyed `Query.field`, `Mutation.field`, `Subscription.field`. */
export const GRAPHQL_MATRIX: Record<string, GraphqlRow> = {
  'Query.connector': { document: 'query ($id: ID!) { connector(id: $id) { __typename } }', variables: () => MISSING, allowed: CONNECTOR_STAFF },
  'Query.connectorKinds': { document: '{ connectorKinds { kind } }', allowed: CONNECTOR_STAFF },
  'Query.connectors': { document: '{ connectors(first: 1) { edges { node { id } } } }', allowed: CONNECTOR_STAFF },
  'Query.manualTask': { document: '{ manualTask(id: "task_missing") { __typename } }', allowed: REQUEST_STAFF },
  'Query.manualTasks': { document: '{ manualTasks(first: 1) { edges { node { id } } } }', allowed: REQUEST_STAFF },
  'Query.request': {
    document: 'query ($id: ID!, $accessToken: String) { request(id: $id, accessToken: $accessToken) { __typename } }',
    variables: (f) => ({ id: f.requestId }),
    allowed: REQUEST_READERS,
  },
  'Query.requests': { document: '{ requests(first: 1) { edges { node { id } } } }', allowed: ['dpo', 'agent', 'subject'] },
  'Query.subject': { document: '{ subject(identity: { email: "lea.martin@example.org" }) { systems { name } } }', allowed: ['dpo'] },

  'Mutation.cancelRequest': {
    // The fixture's request is finished: an allowed caller is told so, nothing changes.
    document: 'mutation ($id: ID!, $accessToken: String) { cancelRequest(id: $id, accessToken: $accessToken) { __typename } }',
    variables: (f) => ({ id: f.requestId }),
    allowed: ['dpo', 'subject', 'accessToken'],
  },
  'Mutation.completeManualTask': { document: 'mutation { completeManualTask(id: "task_missing", evidence: "Boîte 12 détruite") { __typename } }', allowed: REQUEST_STAFF },
  'Mutation.crawlConnector': { document: 'mutation { crawlConnector(id: "conn_missing") { __typename } }', allowed: CONNECTOR_STAFF },
  'Mutation.extendDeadline': { document: 'mutation { extendDeadline(id: "req_missing", months: 1, reason: "Demande complexe") { __typename } }', allowed: ['dpo'] },
  'Mutation.registerConnector': {
    // An unknown kind: an allowed caller gets a ValidationError and nothing is stored.
    document: 'mutation { registerConnector(input: { kind: "no-such-kind", name: "matrice", config: {} }) { __typename } }',
    allowed: CONNECTOR_STAFF,
  },
  'Mutation.rejectRequest': { document: 'mutation { rejectRequest(id: "req_missing", reason: "Infondée") { __typename } }', allowed: ['dpo'] },
  'Mutation.removeConnector': { document: 'mutation { removeConnector(id: "conn_missing") { __typename } }', allowed: CONNECTOR_STAFF },
  'Mutation.resolveSystem': { document: 'mutation { resolveSystem(requestId: "req_missing", connectorId: "conn_missing", evidence: "Fait à la main") { __typename } }', allowed: ['dpo'] },
  'Mutation.retrySystem': { document: 'mutation { retrySystem(requestId: "req_missing", connectorId: "conn_missing") { __typename } }', allowed: REQUEST_STAFF },
  'Mutation.setConnectorEnabled': { document: 'mutation { setConnectorEnabled(id: "conn_missing", enabled: false) { __typename } }', allowed: CONNECTOR_STAFF },
  'Mutation.submitRequest': {
    // Public: customers have no account. The address is the subject's own (the code goes there).
    document: 'mutation { submitRequest(input: { type: ACCESS, identity: { email: "lea.martin@example.org" } }) { __typename } }',
    allowed: EVERYONE,
  },
  'Mutation.testConnector': { document: 'mutation { testConnector(id: "conn_missing") { __typename } }', allowed: CONNECTOR_STAFF },
  'Mutation.verifyRequest': { document: 'mutation { verifyRequest(id: "req_missing", code: "000000") { __typename } }', allowed: EVERYONE },
  'Mutation.verifyRequestManually': { document: 'mutation { verifyRequestManually(id: "req_missing", justification: "Vu en personne") { __typename } }', allowed: ['dpo'] },

  'Subscription.requestUpdated': {
    document: 'subscription ($id: ID!, $accessToken: String) { requestUpdated(id: $id, accessToken: $accessToken) { status } }',
    variables: (f) => ({ id: f.requestId }),
    allowed: REQUEST_READERS,
  },
};

/** Keyed `METHOD /path` as declared in gateway/routes.ts (portal routes included). */
export const ROUTE_MATRIX: Record<string, RouteRow> = {
  'GET /health': { url: () => '/health', allowed: ANYONE },
  'GET /': { url: () => '/', allowed: ANYONE },
  'GET /requests/:id/verify': { url: (f) => `/requests/${f.requestId}/verify`, allowed: ANYONE },
  'GET /requests/:id': { url: (f) => `/requests/${f.requestId}`, allowed: ANYONE },
  // A report holds ids, counts and hashes only; its random id is the capability.
  'GET /reports/:id.html': { url: (f) => `/reports/${f.reportId}.html`, allowed: ANYONE },
  'GET /reports/:id': { url: (f) => `/reports/${f.reportId}`, allowed: ANYONE },
  'GET /portal/portal.js': { url: () => '/portal/portal.js', allowed: ANYONE },
  'GET /portal/file.js': { url: () => '/portal/file.js', allowed: ANYONE },
  'GET /portal/status.js': { url: () => '/portal/status.js', allowed: ANYONE },
  'GET /portal/portal.css': { url: () => '/portal/portal.css', allowed: ANYONE },
  'GET /.well-known/jwks.json': { url: () => '/.well-known/jwks.json', allowed: ANYONE },
  // The signed link from the completion email is the only credential: with it anyone downloads, without it nobody does.
  'GET /exports/:id': { url: (f) => `/exports/${f.exportId}?token=${f.exportLinkToken}`, allowed: ANYONE },
  'GET /exports/:id (without its link token)': { url: (f) => `/exports/${f.exportId}`, allowed: [] },
};
