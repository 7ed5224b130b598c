/**
 * A request's life as the end-to-end suites of each request type follow it:
 * the customer files it with no account, verifies with the emailed code and
 * follows it to the end; the DPO looks the person up; anyone verifies the
 * signed report; the emails and the Temporal histories are checked.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { expect } from 'vitest';
import type { CompletionReport } from '../../core/report/report.js';
import type { DemoPerson } from '../../devstack/demo/people.js';
import { AesGcmPayloadCodec } from '../../workflows/runtime/codec.js';
import { gardien } from '../support/stack/cli.js';
import type { CaughtMail } from '../support/stack/mail.js';
import { startRequestStack, type RequestStack } from '../support/stack/request-stack.js';
import { codeFrom, mailAbout } from '../support/workflows/harness.js';
import { personalDataIn } from '../support/workflows/history.js';

export type Language = 'EN' | 'FR';

export interface SystemAnswer {
  connectorId: string;
  name: string;
  kind: string;
  status: string;
  located: number;
  exported: number;
  changed: number | null;
  verified: number | null;
  error: string | null;
  manualTaskId: string | null;
}

export interface RequestAnswer {
  id: string;
  type: string;
  status: string;
  statusReason: string | null;
  waitingFor: string | null;
  reportUrl: string | null;
  systems: SystemAnswer[];
}

export interface LookupRecord {
  object: string;
  id: string;
  fields: { name: string; value: unknown }[];
}

export interface LookupSystem {
  name: string;
  status: string;
  error: string | null;
  restricted: boolean | null;
  records: LookupRecord[];
}

export interface LookupAnswer {
  restricted: boolean;
  restrictedBy: string | null;
  restrictedSince: string | null;
  systems: Record<string, LookupSystem>;
}

const FIELDS = 'id type status statusReason waitingFor reportUrl systems { connectorId name kind status located exported changed verified error manualTaskId }';
const LOOKUP = `query ($identity: IdentityInput!) { subject(identity: $identity) {
  restricted restrictedBy restrictedSince systems { name status error restricted records { object id fields { name value } } } } }`;
const RUNNING = ['RECEIVED', 'AWAITING_VERIFICATION', 'IN_PROGRESS'];

/** The subject lines of the subject's emails, in each language. */
const SUBJECTS: Record<Language, { received: string; code: string; inProgress: string; completed: string }> = {
  EN: { received: 'We received your request', code: 'Your verification code', inProgress: 'We are working on your request', completed: 'is complete' },
  FR: { received: 'Nous avons reçu votre demande', code: 'Votre code de vérification', inProgress: 'Nous traitons votre demande', completed: 'est traitée' },
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const byName = <T extends { name: string }>(items: readonly T[]): Record<string, T> => Object.fromEntries(items.map((item) => [item.name, item]));
/** A record's fields as an object. */
export const fieldsOf = (record: LookupRecord): Record<string, unknown> => Object.fromEntries(record.fields.map((f) => [f.name, f.value]));
/** The person's own words and numbers, as they would leak. */
export const needlesOf = (p: DemoPerson, ...more: string[]) => [p.email, p.firstName, p.lastName, p.phone, p.company, ...more];

/**
 * The demo systems (billing database, Salesforce, HubSpot) registered through
 * GraphQL, a gateway and a worker. Each lookup gets 10 s per system rather than
 * the test default: the machine is shared and a CRM lookup takes several calls.
 */
export function startDemoStack(env: Record<string, string> = {}): Promise<RequestStack> {
  return startRequestStack([], { CONNECTOR_TIMEOUT_MS: '10000', ...env }, { demo: {} });
}

export function requestFlow(stack: RequestStack) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gardien-request-types-'));

  /** Files a request as a customer with no account; `extra` holds the type's own input (rectification, liftRestriction, passphrase). */
  async function file(type: string, identity: Record<string, string>, language: Language, extra: Record<string, unknown> = {}): Promise<{ id: string; accessToken: string }> {
    const answer = await stack.ask<{ submitRequest: { __typename: string; id: string; accessToken: string; problems?: unknown } }>(
      null,
      'mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { __typename ... on Request { id accessToken } ... on ValidationError { problems { path message } } } }',
      { input: { type, identity, language, ...extra } },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.submitRequest.problems).toBeUndefined();
    return answer.data!.submitRequest;
  }

  /** Enters the code from the verification email, as the subject does. */
  async function verify(id: string, email: string, language: Language): Promise<void> {
    const code = codeFrom((await mailAbout(id, email, SUBJECTS[language].code)).text);
    const answer = await stack.ask<{ verifyRequest: unknown }>(
      null,
      'mutation ($id: ID!, $code: String!) { verifyRequest(id: $id, code: $code) { __typename ... on Request { status } ... on Error { message } } }',
      { id, code },
    );
    expect(answer.data!.verifyRequest).toEqual({ __typename: 'Request', status: 'IN_PROGRESS' });
  }

  async function current(id: string, accessToken: string): Promise<RequestAnswer> {
    const answer = await stack.ask<{ request: RequestAnswer }>(null, `query ($id: ID!, $t: String) { request(id: $id, accessToken: $t) { ... on Request { ${FIELDS} } } }`, { id, t: accessToken });
    return answer.data!.request;
  }

  /** Polls the request as the customer does until `done` says so (by default: no longer under way). */
  async function follow(id: string, accessToken: string, done = (r: RequestAnswer) => !RUNNING.includes(r.status), timeoutMs = 90_000): Promise<RequestAnswer> {
    let answer = await current(id, accessToken);
    for (const until = Date.now() + timeoutMs; !done(answer) && Date.now() < until; answer = await current(id, accessToken)) await sleep(200);
    return answer;
  }

  /** The DPO's lookup, systems by name. */
  async function lookup(identity: Record<string, string>): Promise<LookupAnswer> {
    const answer = await stack.ask<{ subject: Omit<LookupAnswer, 'systems'> & { systems: LookupSystem[] } }>(stack.services.tokens.dpo, LOOKUP, { identity });
    expect(answer.errors).toBeUndefined();
    const { systems, ...rest } = answer.data!.subject;
    for (const system of systems) expect(system.error, system.name).toBeNull();
    return { ...rest, systems: byName(systems) };
  }

  /** Downloads the signed report, checks it with `gardien report verify` against the published JWKS, and returns it. */
  async function signedReport(reportUrl: string): Promise<CompletionReport> {
    const text = await (await fetch(reportUrl)).text();
    const saved = path.join(dir, `${path.basename(reportUrl)}.json`);
    writeFileSync(saved, text);
    const verified = await gardien(['report', 'verify', saved, '--jwks', `${stack.gateway.url}/.well-known/jwks.json`]);
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringMatching(/^valid, signed by kid gardien-\S+ at \d{4}-/) });
    return (JSON.parse(text) as { report: CompletionReport }).report;
  }

  /**
   * The subject's four emails, in the request's language: received, the
   * code, in progress, and completed with the report's links (and the
   * download link when there is something to download). Returns the last.
   */
  async function subjectMails(id: string, email: string, language: Language, done: RequestAnswer, download: boolean): Promise<CaughtMail> {
    const words = SUBJECTS[language];
    for (const subject of [words.received, words.code, words.inProgress]) expect((await mailAbout(id, email, subject)).subject).toContain(subject);
    const completed = await mailAbout(id, email, words.completed);
    const links = completed.text.match(/http:\/\/\S+/g) ?? [];
    expect(links).toContain(done.reportUrl);
    expect(links).toContain(`${done.reportUrl}.html`);
    expect(links.some((l) => l.includes('/exports/'))).toBe(download);
    return completed;
  }

  /** The request's workflow and its children, one per system. */
  async function workflowsOf(id: string): Promise<WorkflowHandle[]> {
    const client = stack.services.temporal.client;
    const children = (await stack.services.requests.systems(id)).map((s) => client.workflow.getHandle(`dsr-${id}-${s.connectorId}`));
    return [client.workflow.getHandle(`dsr-${id}`), ...children];
  }

  /** None of `words` in the request's Temporal histories, raw or decrypted by the payload codec. */
  async function noPersonalData(id: string, words: string[]): Promise<void> {
    expect(await personalDataIn(await workflowsOf(id), words, new AesGcmPayloadCodec(stack.services.config.secretKeys))).toEqual([]);
  }

  return { file, verify, current, follow, lookup, signedReport, subjectMails, noPersonalData };
}

export type RequestFlow = ReturnType<typeof requestFlow>;
