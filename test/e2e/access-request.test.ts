/**
 * The access request end to end, as people meet it: IT registers two legacy
 * databases (SQLite, PostgreSQL) through GraphQL; a customer files a request
 * with no account, receives a code, verifies, follows the progress; the
 * worker collects both systems on the real Temporal dev server; the customer
 * downloads the export through the emailed link (which expires) and anyone
 * verifies the signed report against the published JWKS.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../gateway/server.js';
import type { TestServices } from '../support/gateway/services.js';
import { flipPayloadByte } from '../support/report/samples.js';
import { AesGcmPayloadCodec } from '../../workflows/runtime/codec.js';
import { startRequestStack, type RequestStack } from '../support/stack/request-stack.js';
import { codeFrom, mailAbout } from '../support/workflows/harness.js';
import { personalDataIn } from '../support/workflows/history.js';

const EMAIL = 'aurelie.marchand@example.fr'; // typed Aurelie.Marchand@Example.FR in the legacy databases
const LINK_TTL_SECONDS = 15;

const BIN = new URL('../../bin/gardien.mjs', import.meta.url).pathname;

/** `npx gardien …`, as a person would run it. */
function gardien(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const REQUEST_FIELDS = `id type status statusReason dueAt verifiedAt reportUrl subject { email }
  systems { name kind status located exported error }`;

interface RequestAnswer {
  id: string;
  status: string;
  statusReason: string | null;
  reportUrl: string | null;
  accessToken?: string | null;
  systems: { name: string; kind: string; status: string; located: number; exported: number; error: string | null }[];
}

describe('access request, end to end through GraphQL and HTTP', () => {
  let stack: RequestStack;
  let services: TestServices;
  let gateway: RunningGateway;
  const dir = mkdtempSync(path.join(tmpdir(), 'gardien-e2e-'));
  const ask = <T>(token: string | null, query: string, variables: Record<string, unknown> = {}) => stack.ask<T>(token, query, variables);

  beforeAll(async () => {
    stack = await startRequestStack(['sqlite', 'postgres'], { EXPORT_LINK_TTL_DAYS: String(LINK_TTL_SECONDS / 86_400) });
    ({ services, gateway } = stack);
  }, 180_000);

  afterAll(() => stack?.close());

  it('takes a customer from submission to a verified report and a download that expires', async () => {
    // Submit, with no token: the answer carries the access token to follow the request.
    const submitted = await ask<{ submitRequest: RequestAnswer & { __typename: string } }>(
      null,
      `mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) {
        __typename ... on Request { ${REQUEST_FIELDS} accessToken } ... on ValidationError { message problems { path message } } } }`,
      { input: { type: 'ACCESS', identity: { email: 'Aurelie.Marchand@example.fr', name: 'Aurélie Marchand', phone: '06 12 34 56 78' }, language: 'EN' } },
    );
    const request = submitted.data!.submitRequest;
    expect(request).toMatchObject({ __typename: 'Request', status: 'RECEIVED', systems: [], reportUrl: null });
    const { id, accessToken } = request;
    expect(accessToken).toMatch(/^[\w-]{32}$/);

    const follow = async () => (await ask<{ request: RequestAnswer }>(null, `query ($id: ID!, $t: String) { request(id: $id, accessToken: $t) { ... on Request { ${REQUEST_FIELDS} } } }`, { id, t: accessToken })).data!.request;
    const stranger = await ask(null, 'query ($id: ID!) { request(id: $id) { ... on Request { id subject { email } } } }', { id });
    expect(stranger.errors?.[0]).toMatchObject({ message: 'Give the access token received when the request was filed', extensions: { code: 'FORBIDDEN' } });

    // The code arrives by email; a wrong one is refused as data and changes nothing.
    const code = codeFrom((await mailAbout(id, EMAIL, 'Your verification code')).text);
    const verify = (value: string) =>
      ask<{ verifyRequest: { __typename: string; status?: string; message?: string } }>(
        null,
        'mutation ($id: ID!, $code: String!) { verifyRequest(id: $id, code: $code) { __typename ... on Request { status } ... on Error { message } } }',
        { id, code: value },
      );
    expect((await verify(code === '123456' ? '654321' : '123456')).data!.verifyRequest).toEqual({ __typename: 'ValidationError', message: 'Wrong code; 4 attempts left' });
    expect((await follow()).status).toBe('AWAITING_VERIFICATION');
    expect((await verify(code)).data!.verifyRequest).toEqual({ __typename: 'Request', status: 'IN_PROGRESS' });

    // Progress is visible per system until the request completes.
    let current = await follow();
    const seen = new Map<string, string[]>(); // each system's statuses, in the order observed
    for (const until = Date.now() + 60_000; ; current = await follow()) {
      for (const s of current.systems) if (seen.get(s.name)?.at(-1) !== s.status) seen.set(s.name, [...(seen.get(s.name) ?? []), s.status]);
      if (current.status === 'COMPLETED' || Date.now() > until) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(current.status).toBe('COMPLETED');
    for (const statuses of seen.values()) {
      // Only ever forwards: PENDING → RUNNING → DONE (polling may miss the short-lived ones).
      expect(statuses.map((s) => ['PENDING', 'RUNNING', 'DONE'].indexOf(s))).toEqual([...statuses.map((s) => ['PENDING', 'RUNNING', 'DONE'].indexOf(s))].sort());
      expect(statuses.at(-1)).toBe('DONE');
    }
    expect(current.systems.map((s) => [s.name, s.kind, s.status, s.error])).toEqual([
      ['billing-postgres', 'sql', 'DONE', null],
      ['billing-sqlite', 'sql', 'DONE', null],
    ]);
    expect(current.systems[0]!.exported).toBeGreaterThanOrEqual(5); // her person row, address, orders, lines, invoice
    expect(current.systems[0]!.exported).toBe(current.systems[1]!.exported);

    // The completion email links the export and the report.
    const mail = await mailAbout(id, EMAIL, 'is complete');
    const downloadUrl = /(http:\/\/\S+\/exports\/\S+)/.exec(mail.text)![1]!;
    const reportUrl = [...mail.text.matchAll(/http:\/\/\S+\/reports\/\S+/g)].map((m) => m[0]).find((url) => !url.endsWith('.html'))!;
    expect(mail.text).toContain(`${reportUrl}.html`); // the readable page too
    expect(reportUrl).toBe(current.reportUrl);

    // The signed report verifies offline against the published JWKS, and not once a byte changed.
    const reportText = await (await fetch(reportUrl)).text();
    const parsed = JSON.parse(reportText) as { jws: string; report: { export: { sha256: string; bytes: number } } };

    // The download works while the link lives (it lives seconds here: it is fetched before the slower CLI checks).
    // It is the file the report hashes, holds her data and nobody else's.
    const download = await fetch(downloadUrl);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="exp_/);
    const body = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(body).digest('hex')).toBe(parsed.report.export.sha256);
    expect(body.length).toBe(parsed.report.export.bytes);
    const text = body.toString('utf8');
    expect(text).toContain('C-1001');
    expect(text).toContain('F2023-0412');
    expect(text).not.toContain('Ferreira');
    expect((await fetch(downloadUrl.replace(/token=[^&]+/, 'token=0.abc'))).status).toBe(403);

    const reportFile = path.join(dir, 'report.json');
    writeFileSync(reportFile, reportText);
    writeFileSync(path.join(dir, 'jwks.json'), await (await fetch(`${gateway.url}/.well-known/jwks.json`)).text());
    const valid = await gardien(['report', 'verify', reportFile, '--jwks', `${gateway.url}/.well-known/jwks.json`]);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toMatch(/^valid, signed by kid gardien-\S+ at \d{4}-\d\d-\d\dT/);
    const tampered = path.join(dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify({ ...parsed, jws: flipPayloadByte(parsed.jws) }));
    const invalid = await gardien(['report', 'verify', tampered, '--jwks', path.join(dir, 'jwks.json')]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^INVALID: signature does not match/);

    // The link expires.
    const expiry = parseInt(decodeURIComponent(/token=([^&.]+)/.exec(downloadUrl)![1]!), 36);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiry - Date.now()) + 1000));
    const expired = await fetch(downloadUrl);
    expect([expired.status, await expired.json()]).toEqual([410, { error: 'This download link has expired' }]);

    // No personal data in Temporal history, raw or decrypted.
    const client = services.temporal.client;
    const handles = [client.workflow.getHandle(`dsr-${id}`), ...(await services.requests.systems(id)).map((s) => client.workflow.getHandle(`dsr-${id}-${s.connectorId}`))];
    const needles = [EMAIL, 'Aurelie', 'Aurélie', 'Marchand', '+33612345678', '06 12 34 56 78', 'C-1001', 'Tanneurs'];
    expect(await personalDataIn(handles, needles, new AesGcmPayloadCodec(services.config.secretKeys))).toEqual([]);
  }, 180_000);

  it('lets the dpo list requests, and not the it role', async () => {
    const listed = await ask<{ requests: { edges: { node: { id: string; subject: { email: string } } }[] } }>(services.tokens.dpo, '{ requests(first: 5) { edges { node { id subject { email } } } } }');
    expect(listed.data!.requests.edges.map((e) => e.node.subject.email)).toContain(EMAIL);
    const refused = await ask(services.tokens.it, '{ requests(first: 5) { edges { node { id } } } }');
    expect(refused.errors?.[0]?.message).toBe('The it role may not read Query.requests');
  });

  it('answers an unknown request id and a malformed identity with clear errors', async () => {
    const unknown = await ask<{ verifyRequest: { __typename: string; message: string } }>(null, 'mutation { verifyRequest(id: "req_nope", code: "123456") { __typename ... on Error { message } } }');
    expect(unknown.data!.verifyRequest).toEqual({ __typename: 'NotFound', message: 'Request req_nope does not exist' });
    const bad = await ask<{ submitRequest: { __typename: string; problems: { path: string; message: string }[] } }>(
      null,
      'mutation { submitRequest(input: { type: ACCESS, identity: { email: "not-an-email" } }) { __typename ... on ValidationError { problems { path message } } } }',
    );
    expect(bad.data!.submitRequest).toEqual({ __typename: 'ValidationError', problems: [{ path: 'email', message: '"not-an-email" is not an email address' }] });
  });
});
