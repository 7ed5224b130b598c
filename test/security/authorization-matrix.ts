/**
 * Who may call what: every GraphQL root field and every HTTP route, one row
 * each, with the credentials allowed and the smallest call that shows it.
 * `authorization-matrix.test.ts` calls every row with every credential and
 * fails for a field or route missing here: add its row to this file.
 *
 * Credentials: the bearer tokens of the people's roles (`subject` names the
 * email of the fixture's request), `accessToken` (no bearer token, the
 * request's access token as argument), `integration` (the token of a form,
 * mailing tool or CRM: it records consents, asks `canContact` and gets
 * unsubscribe links, nothing else), and `anonymous` (nothing at all).
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
  /** A one-click unsubscribe link's token, for a declared purpose. */
  unsubscribeToken: string;
}

export interface GraphqlRow {
  /** A document with one root field; `$accessToken`, when declared, gets the request's access token for the `accessToken` credential only. */
  document: string;
  variables?: (fixture: MatrixFixture) => Record<string, unknown>;
  allowed: readonly Credential[];
}

export interface RouteRow {
  url: (fixture: MatrixFixture) => string;
  /** GET when absent; a POST sends `body` as a form. */
  method?: 'POST';
  body?: string;
  allowed: readonly Credential[];
  /** Where the URL is the credential, a forged one is refused with this status (a page saying so) rather than 401/403. */
  refusedWith?: number;
}

/** Public GraphQL fields: anyone, with or without a person's token; an integration acts for a tool, not a person, and files no request. */
const EVERYONE = ['dpo', 'it', 'agent', 'subject', 'accessToken', 'anonymous'] as const;
/** Public routes ignore a token they cannot read. */
const ANYONE = [...CREDENTIALS];
const CONNECTOR_STAFF = ['dpo', 'it'] as const;
const REQUEST_STAFF = ['dpo', 'agent'] as const;
/** The request's own people: staff who work on requests, the subject (by token or access token). */
const REQUEST_READERS = ['dpo', 'agent', 'subject', 'accessToken'] as const;
/** The processing register: the DPO keeps it, IT maps its connectors to it, agents read it (README, Roles). */
const REGISTER_READERS = ['dpo', 'it', 'agent'] as const;
/** The consent ledger's writers: the DPO and forms, mailing tools and CRMs (README, Consent). */
const CONSENT_RECORDERS = ['dpo', 'integration'] as const;
const MISSING = { id: 'conn_missing' };
const LEA = 'identity: { email: "lea.martin@example.org" }';
/** The ledger knows no such purpose: an allowed caller gets a ValidationError and nothing is recorded. */
const NO_PURPOSE = 'purpose: "no-such-purpose"';
/** The link with one character changed in its middle (a changed spare bit of the last one would not count). */
const forged = (token: string) => `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`;
const FORM = 'source: { kind: WEB_FORM, name: "matrice", version: "v1" }, capturedAt: "2026-05-02T10:00:00Z"';

/** Keyed `Query.field`, `Mutation.field`, `Subscription.field`. */
export const GRAPHQL_MATRIX: Record<string, GraphqlRow> = {
  'Query.canContact': { document: `{ canContact(${LEA}, ${NO_PURPOSE}, channel: "email") { __typename } }`, allowed: CONSENT_RECORDERS },
  'Query.connector': { document: 'query ($id: ID!) { connector(id: $id) { __typename } }', variables: () => MISSING, allowed: CONNECTOR_STAFF },
  'Query.connectorKinds': { document: '{ connectorKinds { kind } }', allowed: CONNECTOR_STAFF },
  'Query.connectors': { document: '{ connectors(first: 1) { edges { node { id } } } }', allowed: CONNECTOR_STAFF },
  // Purposes name what people consent to, so forms know what to record; who consented (`people`) is the DPO's only.
  'Query.consentPurpose': { document: '{ consentPurpose(id: "no-such-purpose") { __typename } }', allowed: CONSENT_RECORDERS },
  'Query.consentPurposes': { document: '{ consentPurposes { id } }', allowed: CONSENT_RECORDERS },
  // A person's consents and history: the DPO only; an integration records, it does not read the ledger.
  'Query.consents': { document: `{ consents(${LEA}) { __typename } }`, allowed: ['dpo'] },
  'Query.controller': { document: '{ controller { name } }', allowed: REGISTER_READERS },
  'Query.manualTask': { document: '{ manualTask(id: "task_missing") { __typename } }', allowed: REQUEST_STAFF },
  'Query.manualTasks': { document: '{ manualTasks(first: 1) { edges { node { id } } } }', allowed: REQUEST_STAFF },
  'Query.processing': { document: '{ processing(id: "TRT-ABSENT") { __typename } }', allowed: REGISTER_READERS },
  'Query.processingMappings': { document: '{ processingMappings { object } }', allowed: REGISTER_READERS },
  'Query.processingTemplates': { document: '{ processingTemplates { key } }', allowed: REGISTER_READERS },
  'Query.processings': { document: '{ processings(first: 1) { edges { node { id } } } }', allowed: REGISTER_READERS },
  'Query.register': { document: '{ register { generatedAt } }', allowed: REGISTER_READERS },
  'Query.registerGaps': { document: '{ registerGaps { kind } }', allowed: REGISTER_READERS },
  'Query.request': {
    document: 'query ($id: ID!, $accessToken: String) { request(id: $id, accessToken: $accessToken) { __typename } }',
    variables: (f) => ({ id: f.requestId }),
    allowed: REQUEST_READERS,
  },
  'Query.requests': { document: '{ requests(first: 1) { edges { node { id } } } }', allowed: ['dpo', 'agent', 'subject'] },
  'Query.subject': { document: '{ subject(identity: { email: "lea.martin@example.org" }) { systems { name } } }', allowed: ['dpo'] },

  'Mutation.archiveProcessing': { document: 'mutation { archiveProcessing(id: "proc_missing", version: 1) { __typename } }', allowed: ['dpo'] },
  'Mutation.cancelRequest': {
    // The fixture's request is finished: an allowed caller is told so, nothing changes.
    document: 'mutation ($id: ID!, $accessToken: String) { cancelRequest(id: $id, accessToken: $accessToken) { __typename } }',
    variables: (f) => ({ id: f.requestId }),
    allowed: ['dpo', 'subject', 'accessToken'],
  },
  'Mutation.completeManualTask': { document: 'mutation { completeManualTask(id: "task_missing", evidence: "Boîte 12 détruite") { __typename } }', allowed: REQUEST_STAFF },
  // An unknown template: an allowed caller gets a ValidationError and nothing is stored.
  'Mutation.createProcessing': { document: 'mutation { createProcessing(input: { template: "no-such-template" }) { __typename } }', allowed: ['dpo'] },
  'Mutation.crawlConnector': { document: 'mutation { crawlConnector(id: "conn_missing") { __typename } }', allowed: CONNECTOR_STAFF },
  // An unknown time zone: an allowed caller gets a ValidationError and nothing is recorded.
  'Mutation.declareConsentProfile': { document: `mutation { declareConsentProfile(${LEA}, input: { timezone: "Mars/Olympus", ${FORM} }) { __typename } }`, allowed: CONSENT_RECORDERS },
  // The DPO declares purposes (README, Consent); an invalid id: ValidationError, nothing stored.
  'Mutation.declareConsentPurpose': { document: 'mutation { declareConsentPurpose(input: { id: "Pas un id !", name: "Lettre", description: "Nouvelles" }) { __typename } }', allowed: ['dpo'] },
  'Mutation.extendDeadline': { document: 'mutation { extendDeadline(id: "req_missing", months: 1, reason: "Demande complexe") { __typename } }', allowed: ['dpo'] },
  'Mutation.issueUnsubscribeLinks': { document: `mutation { issueUnsubscribeLinks(input: { ${NO_PURPOSE}, channel: "email", recipients: [{ email: "lea.martin@example.org" }] }) { __typename } }`, allowed: CONSENT_RECORDERS },
  // IT maps its connectors' objects to processings (README, Roles); unknown connector and processing: ValidationError.
  'Mutation.mapToProcessing': { document: 'mutation { mapToProcessing(input: { connector: "conn_missing", object: "payment", processing: "TRT-ABSENT" }) { __typename } }', allowed: ['dpo', 'it'] },
  'Mutation.recordConsent': { document: `mutation { recordConsent(${LEA}, input: { ${NO_PURPOSE}, channel: "email", status: WITHDRAWN, ${FORM} }) { __typename } }`, allowed: CONSENT_RECORDERS },
  'Mutation.recordContactAttempt': {
    document: `mutation { recordContactAttempt(identity: { phone: "06 12 34 56 78" }, input: { ${NO_PURPOSE}, channel: "phone", outcome: NO_ANSWER, attemptedAt: "2026-05-02T10:00:00Z" }) { __typename } }`,
    allowed: CONSENT_RECORDERS,
  },
  'Mutation.recordObjection': { document: `mutation { recordObjection(${LEA}, input: { ${NO_PURPOSE}, ${FORM} }) { __typename } }`, allowed: CONSENT_RECORDERS },
  'Mutation.registerConnector': {
    // An unknown kind: an allowed caller gets a ValidationError and nothing is stored.
    document: 'mutation { registerConnector(input: { kind: "no-such-kind", name: "matrice", config: {} }) { __typename } }',
    allowed: CONNECTOR_STAFF,
  },
  'Mutation.rejectRequest': { document: 'mutation { rejectRequest(id: "req_missing", reason: "Infondée") { __typename } }', allowed: ['dpo'] },
  'Mutation.removeConnector': { document: 'mutation { removeConnector(id: "conn_missing") { __typename } }', allowed: CONNECTOR_STAFF },
  'Mutation.resolveSystem': { document: 'mutation { resolveSystem(requestId: "req_missing", connectorId: "conn_missing", evidence: "Fait à la main") { __typename } }', allowed: ['dpo'] },
  'Mutation.restoreProcessing': { document: 'mutation { restoreProcessing(id: "proc_missing", version: 1) { __typename } }', allowed: ['dpo'] },
  'Mutation.retrySystem': { document: 'mutation { retrySystem(requestId: "req_missing", connectorId: "conn_missing") { __typename } }', allowed: REQUEST_STAFF },
  'Mutation.setConnectorEnabled': { document: 'mutation { setConnectorEnabled(id: "conn_missing", enabled: false) { __typename } }', allowed: CONNECTOR_STAFF },
  // No name: an allowed caller gets a ValidationError and the register's head is unchanged.
  'Mutation.setController': { document: 'mutation { setController(input: { name: "", dpo: {} }) { __typename } }', allowed: ['dpo'] },
  'Mutation.submitRequest': {
    // Public: customers have no account. The address is the subject's own (the code goes there).
    document: 'mutation { submitRequest(input: { type: ACCESS, identity: { email: "lea.martin@example.org" } }) { __typename } }',
    allowed: EVERYONE,
  },
  'Mutation.testConnector': { document: 'mutation { testConnector(id: "conn_missing") { __typename } }', allowed: CONNECTOR_STAFF },
  'Mutation.unmapFromProcessing': { document: 'mutation { unmapFromProcessing(input: { connector: "conn_missing", object: "payment", processing: "TRT-ABSENT" }) { __typename } }', allowed: ['dpo', 'it'] },
  'Mutation.updateProcessing': { document: 'mutation { updateProcessing(id: "proc_missing", version: 1, changes: { note: "Revu" }) { __typename } }', allowed: ['dpo'] },
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
  // The encrypted link is the only credential, as withdrawing must be as easy as consenting: GET shows a page, POST withdraws.
  'GET /unsubscribe/:token': { url: (f) => `/unsubscribe/${f.unsubscribeToken}`, allowed: ANYONE },
  'POST /unsubscribe/:token': { url: (f) => `/unsubscribe/${f.unsubscribeToken}`, method: 'POST', body: 'List-Unsubscribe=One-Click', allowed: ANYONE },
  'POST /unsubscribe/:token (forged link)': { url: (f) => `/unsubscribe/${forged(f.unsubscribeToken)}`, method: 'POST', body: 'List-Unsubscribe=One-Click', allowed: [], refusedWith: 404 },
};
