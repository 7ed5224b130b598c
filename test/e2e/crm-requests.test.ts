/**
 * Requests across SQL, Salesforce and HubSpot, end to end: IT registers the
 * demo billing database, the Salesforce org and the HubSpot portal (their
 * local emulators, seeded with the demo people) and a legacy PostgreSQL
 * database through GraphQL; customers with no account file an access and an
 * erasure request, verify by the emailed code and follow them; the worker
 * carries them out on the real Temporal dev server, through a rate limit, an
 * expired session and retried activities; the emulators' call logs show that
 * each record was deleted once.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionReport } from '../../core/report/report.js';
import { DEMO_PEOPLE, type DemoPerson } from '../../devstack/demo/people.js';
import type { CallRecord } from '../../devstack/emulators/faults.js';
import { AesGcmPayloadCodec } from '../../workflows/runtime/codec.js';
import { gardien } from '../support/stack/cli.js';
import { startRequestStack, type RequestStack } from '../support/stack/request-stack.js';
import { hubspotDeletes, salesforceDeletes } from './crm-calls.js';
import { codeFrom, mailAbout } from '../support/workflows/harness.js';
import { personalDataIn } from '../support/workflows/history.js';

const person = (key: string): DemoPerson => DEMO_PEOPLE.find((p) => p.key === key)!;
const CAMILLE = person('camille'); // files the access requests
const JAMES = person('james'); // erasure
const ELISE = person('elise'); // erasure retried halfway (she is in SQL and Salesforce only)

const FIELDS = 'id status statusReason reportUrl systems { name kind status located exported erased retained remaining error }';
const LOOKUP = 'query ($identity: IdentityInput!) { subject(identity: $identity) { systems { name status error records { object id fields { name value } } } } }';
const RUNNING = ['RECEIVED', 'AWAITING_VERIFICATION', 'IN_PROGRESS'];

interface SystemAnswer { name: string; kind: string; status: string; located: number; exported: number; erased: number | null; retained: number | null; remaining: number | null; error: string | null }
interface RequestAnswer { id: string; status: string; statusReason: string | null; reportUrl: string | null; systems: SystemAnswer[] }
interface LookupRecord { object: string; id: string; fields: { name: string; value: unknown }[] }
interface LookupAnswer { systems: { name: string; status: string; error: string | null; records: LookupRecord[] }[] }
interface ExportPackage { systems: { connector: { name: string }; records: { object: string; id: string; fields: Record<string, unknown> }[] }[] }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const byName = <T extends { name: string }>(items: T[]) => Object.fromEntries(items.map((item) => [item.name, item]));
const objectsOf = (records: { object: string }[]) => records.map((r) => r.object).sort();
/** The person's own words and numbers, as they would leak. */
const needles = (p: DemoPerson, ...more: string[]) => [p.email, p.firstName, p.lastName, p.phone, p.company, ...more];

describe('requests across SQL, Salesforce and HubSpot, end to end', () => {
  let stack: RequestStack;
  const dir = mkdtempSync(path.join(tmpdir(), 'gardien-crm-e2e-'));

  beforeAll(async () => {
    // The company deletes in Salesforce rather than anonymise; HubSpot uses its GDPR delete; the billing database keeps invoices by law.
    stack = await startRequestStack(['postgres'], {}, { demo: { salesforce: { erasure: { strategy: 'delete' } } } });
  }, 180_000);
  afterAll(() => stack?.close());

  const crm = () => stack.demo!;

  async function file(type: 'ACCESS' | 'ERASURE', identity: Record<string, string>): Promise<{ id: string; accessToken: string }> {
    const answer = await stack.ask<{ submitRequest: { __typename: string; id: string; accessToken: string } }>(
      null,
      'mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { __typename ... on Request { id accessToken } ... on ValidationError { message } } }',
      { input: { type, identity, language: 'EN' } },
    );
    expect(answer.data!.submitRequest.__typename).toBe('Request');
    return answer.data!.submitRequest;
  }

  async function verify(id: string, email: string): Promise<void> {
    const code = codeFrom((await mailAbout(id, email, 'Your verification code')).text);
    const answer = await stack.ask<{ verifyRequest: unknown }>(
      null,
      'mutation ($id: ID!, $code: String!) { verifyRequest(id: $id, code: $code) { __typename ... on Request { status } ... on Error { message } } }',
      { id, code },
    );
    expect(answer.data!.verifyRequest).toEqual({ __typename: 'Request', status: 'IN_PROGRESS' });
  }

  /** Follows the request as the customer does, until it is no longer under way. */
  async function followToTheEnd(id: string, accessToken: string): Promise<RequestAnswer> {
    const follow = async () =>
      (await stack.ask<{ request: RequestAnswer }>(null, `query ($id: ID!, $t: String) { request(id: $id, accessToken: $t) { ... on Request { ${FIELDS} } } }`, { id, t: accessToken })).data!.request;
    let current = await follow();
    for (const until = Date.now() + 90_000; RUNNING.includes(current.status) && Date.now() < until; current = await follow()) await sleep(200);
    return current;
  }

  const lookup = async (email: string): Promise<Record<string, LookupAnswer['systems'][number]>> =>
    byName((await stack.ask<{ subject: LookupAnswer }>(stack.services.tokens.dpo, LOOKUP, { identity: { email } })).data!.subject.systems);

  async function signedReport(reportUrl: string): Promise<CompletionReport> {
    const text = await (await fetch(reportUrl)).text();
    const file = path.join(dir, `${path.basename(reportUrl)}.json`);
    writeFileSync(file, text);
    const verified = await gardien(['report', 'verify', file, '--jwks', `${stack.gateway.url}/.well-known/jwks.json`]);
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringMatching(/^valid, signed by kid gardien-\S+ at \d{4}-/) });
    return (JSON.parse(text) as { report: CompletionReport }).report;
  }

  /** The request's workflow and its children, one per system. */
  async function workflowsOf(id: string): Promise<Record<string, WorkflowHandle>> {
    const client = stack.services.temporal.client;
    const names = new Map((await stack.services.catalog.list()).map((c) => [c._id, c.name]));
    const children = (await stack.services.requests.systems(id)).map((s) => [names.get(s.connectorId)!, client.workflow.getHandle(`dsr-${id}-${s.connectorId}`)] as const);
    return { request: client.workflow.getHandle(`dsr-${id}`), ...Object.fromEntries(children) };
  }

  const noPersonalData = async (id: string, words: string[]) =>
    expect(await personalDataIn(Object.values(await workflowsOf(id)), words, new AesGcmPayloadCodec(stack.services.config.secretKeys))).toEqual([]);

  /** How many times Temporal ran an activity in a workflow (history keeps the last attempt's start, with its number). */
  async function attempts(handle: WorkflowHandle, activity: string): Promise<number[]> {
    const events = (await handle.fetchHistory()).events ?? [];
    const scheduled = new Map(events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activity).map((e) => [String(e.eventId), e]));
    return events.filter((e) => scheduled.has(String(e.activityTaskStartedEventAttributes?.scheduledEventId))).map((e) => e.activityTaskStartedEventAttributes!.attempt ?? 0);
  }

  it('collects her records from the billing database, Salesforce and HubSpot into one export and a signed report', async () => {
    const seen = await lookup(CAMILLE.email); // what the DPO sees of her, system by system
    const { id, accessToken } = await file('ACCESS', { email: 'Camille.Durand@Example.FR', name: 'Camille Durand' });
    await verify(id, CAMILLE.email);
    const done = await followToTheEnd(id, accessToken);
    expect(done).toMatchObject({ status: 'COMPLETED', statusReason: null });
    const systems = byName(done.systems);
    expect(Object.keys(systems).sort()).toEqual(['billing-db', 'billing-postgres', 'crm-hubspot', 'crm-salesforce']);
    for (const system of done.systems) {
      expect(system).toMatchObject({ status: 'DONE', error: null, located: seen[system.name]!.records.length, exported: seen[system.name]!.records.length });
    }
    expect(systems['billing-postgres']!.located).toBe(0); // she is not in the legacy database

    // The completion email links the export and the report; the download holds her records from every system, and nobody else's.
    const mail = await mailAbout(id, CAMILLE.email, 'is complete');
    expect(mail.text.match(/http:\/\/\S+\/reports\/\S+/g)).toContain(done.reportUrl);
    const download = await fetch(/(http:\/\/\S+\/exports\/\S+)/.exec(mail.text)![1]!);
    expect(download.status).toBe(200);
    const body = Buffer.from(await download.arrayBuffer());
    const records = (name: string) => (JSON.parse(body.toString('utf8')) as ExportPackage).systems.find((s) => s.connector.name === name)?.records ?? [];
    expect(objectsOf(records('crm-salesforce'))).toEqual(['CampaignMember', 'Case', 'Contact', 'Individual', 'Note', 'Task', 'Task']);
    expect(records('crm-salesforce').find((r) => r.object === 'Contact')!.fields).toMatchObject({ Email: CAMILLE.email, FirstName: 'Camille', LastName: 'Durand', MobilePhone: '+33 6 12 34 56 78' });
    expect(objectsOf(records('crm-hubspot'))).toEqual(['contacts', 'deals', 'emails', 'notes', 'notes', 'notes', 'tickets']);
    expect(records('crm-hubspot').find((r) => r.object === 'contacts')!.fields).toMatchObject({ email: CAMILLE.email, firstname: 'Camille', lastname: 'Durand', customer_number: 'ERP-20190042' });
    expect(objectsOf(records('billing-db'))).toEqual(['addresses', 'customers', 'invoices', 'orders', 'orders']);
    expect(records('billing-db').find((r) => r.object === 'customers')!.fields).toMatchObject({ customer_number: 'CUST-1001', email: 'Camille.Durand@example.fr', phone: '06 12 34 56 78' });
    expect(records('billing-postgres')).toEqual([]);
    for (const other of DEMO_PEOPLE.filter((p) => p !== CAMILLE)) expect(body.toString('utf8').toLowerCase()).not.toContain(other.email);
    expect(body.toString('utf8')).not.toContain('Marchand'); // the legacy database's customer

    // The signed report verifies offline, names every system and hashes the download.
    const report = await signedReport(done.reportUrl!);
    expect(report.request).toMatchObject({ id, type: 'ACCESS', status: 'COMPLETED' });
    expect(report.systems.map((s) => [s.name, s.kind, s.action, s.status, s.counts.exported])).toEqual([
      ['billing-db', 'sql', 'export', 'DONE', systems['billing-db']!.exported],
      ['billing-postgres', 'sql', 'export', 'DONE', 0],
      ['crm-hubspot', 'hubspot', 'export', 'DONE', systems['crm-hubspot']!.exported],
      ['crm-salesforce', 'salesforce', 'export', 'DONE', systems['crm-salesforce']!.exported],
    ]);
    expect(report.export).toEqual({ id: expect.any(String), sha256: createHash('sha256').update(body).digest('hex'), bytes: body.length });

    await noPersonalData(id, needles(CAMILLE, 'Camille.Durand', '06 12 34 56 78', '+33 6 12 34 56 78', 'CUST-1001', 'ERP-20190042'));
  }, 120_000);

  it('completes through a HubSpot rate limit, an expired Salesforce session and a Salesforce outage that Temporal retries', async () => {
    const { salesforce, hubspot } = crm();
    const [sfFrom, hsFrom] = [salesforce.calls.length, hubspot.calls.length];
    const { id, accessToken } = await file('ACCESS', { email: CAMILLE.email });
    hubspot.faults.add({ method: 'POST', path: /^\/crm\/v3\/objects\/contacts\/search/, status: 429, retryAfter: 1 });
    salesforce.faults.add({ path: /^\/services\/data\/v60\.0\/query/, status: 401 });
    // Reading her Contact (not locating it) fails once: the export activity fails and Temporal runs it again.
    salesforce.faults.add({ path: /\/query\?q=SELECT Id, .*\bEmail\b.* FROM Contact WHERE Id IN/, status: 503 });
    await verify(id, CAMILLE.email);
    const done = await followToTheEnd(id, accessToken);
    expect(done).toMatchObject({ status: 'COMPLETED', statusReason: null });
    expect(salesforce.faults.pending() + hubspot.faults.pending()).toBe(0);
    const systems = byName(done.systems);
    expect(systems['crm-salesforce']).toMatchObject({ status: 'DONE', located: 7, exported: 7 }); // the retried read exported nothing twice
    expect(systems['crm-hubspot']).toMatchObject({ status: 'DONE', located: 7, exported: 7 });

    // HubSpot answered the search 429 with Retry-After: 1; the connector asked the same again no sooner.
    const hs = hubspot.calls.slice(hsFrom);
    const limited = hs.findIndex((c) => c.faulted);
    expect(hs[limited]).toMatchObject({ method: 'POST', path: '/crm/v3/objects/contacts/search', status: 429 });
    const searchedAgain = hs.slice(limited + 1).find((c) => sameCall(c, hs[limited]!));
    expect(searchedAgain).toMatchObject({ status: 200, faulted: false });
    expect(searchedAgain!.at - hs[limited]!.at).toBeGreaterThanOrEqual(1000);

    // Salesforce: the expired session, a new login, the same query answered; then the outage and its retry.
    const sf = salesforce.calls.slice(sfFrom);
    const expired = sf.findIndex((c) => c.faulted && c.status === 401);
    expect(expired).toBeGreaterThanOrEqual(0);
    const login = sf.findIndex((c, i) => i > expired && c.method === 'POST' && c.path === '/services/oauth2/token');
    expect(sf[login]).toMatchObject({ status: 200 });
    expect(sf.slice(login + 1).find((c) => sameCall(c, sf[expired]!))).toMatchObject({ status: 200, faulted: false });
    const outage = sf.findIndex((c) => c.faulted && c.status === 503);
    expect(sf.slice(outage + 1).find((c) => sameCall(c, sf[outage]!))).toMatchObject({ status: 200, faulted: false });
    const workflows = await workflowsOf(id);
    expect(await attempts(workflows['crm-salesforce']!, 'collectExport')).toEqual([2]);
    expect(await attempts(workflows['crm-salesforce']!, 'locateSubject')).toEqual([1]); // the expired session was renewed inside the call
  }, 120_000);

  it('erases him in every system, keeps only what the plans retain and why, and deletes each record once', async () => {
    const { salesforce, hubspot } = crm();
    const seen = await lookup(JAMES.email);
    const hers = new Set((await lookup(CAMILLE.email))['crm-hubspot']!.records.map((r) => r.id));
    const shared = seen['crm-hubspot']!.records.filter((r) => hers.has(r.id)); // the note of a call with both of them
    expect(objectsOf(shared)).toEqual(['notes']);
    const deals = seen['crm-hubspot']!.records.filter((r) => r.object === 'deals');
    const invoices = seen['billing-db']!.records.filter((r) => r.object === 'invoices');
    expect([deals.length, invoices.length]).toEqual([1, 1]);
    const [sfFrom, hsFrom] = [salesforce.calls.length, hubspot.calls.length];

    const { id, accessToken } = await file('ERASURE', { email: JAMES.email, phone: '+44 7911 123456' });
    await verify(id, JAMES.email);
    const done = await followToTheEnd(id, accessToken);
    expect(done).toMatchObject({ status: 'COMPLETED', statusReason: null });
    const systems = byName(done.systems);
    const located = (name: string) => seen[name]!.records.length;
    expect(systems['crm-salesforce']).toMatchObject({ status: 'DONE', error: null, located: 8, erased: 8, retained: 0, remaining: 0 });
    expect(systems['crm-hubspot']).toMatchObject({ status: 'DONE', error: null, located: located('crm-hubspot'), erased: located('crm-hubspot') - 1, retained: 1, remaining: 0 });
    expect(systems['billing-db']).toMatchObject({ status: 'DONE', error: null, located: located('billing-db'), erased: located('billing-db') - 1, retained: 1, remaining: 0 });
    expect(systems['billing-postgres']).toMatchObject({ status: 'DONE', error: null, located: 0, erased: 0, retained: 0, remaining: 0 });

    // A new lookup finds nothing of him in either CRM.
    const after = await lookup(JAMES.email);
    for (const name of ['crm-salesforce', 'crm-hubspot']) expect(after[name]).toMatchObject({ status: 'OK', error: null, records: [] });

    // What was kept, and why, is in the signed report's erasure section.
    const report = byName((await signedReport(done.reportUrl!)).systems);
    const tenYears = new Date(Date.now() + 3650 * 86_400_000).toISOString().slice(0, 10); // both plans keep them 3650 days
    expect(report['crm-hubspot']!.erasure).toMatchObject({
      actions: { vendor_deleted: 1, anonymised: 1, deleted: located('crm-hubspot') - 3, retained: 1 },
      retained: [{ object: 'deals', records: 1, basis: expect.stringContaining('accounting and tax'), retainUntil: tenYears }],
      verification: { remaining: 0, unexpected: [] },
    });
    expect(report['billing-db']!.erasure).toMatchObject({
      retained: [{ object: 'invoices', records: 1, basis: 'Invoices are kept 10 years (French Commercial Code, art. L123-22)', retainUntil: tenYears }],
      verification: { unexpected: [] },
    });
    expect(report['crm-salesforce']!.erasure).toMatchObject({ actions: { deleted: 8 }, retained: [], verification: { remaining: 0, unexpected: [] } });

    // Each of his records was deleted once: every Salesforce one; in HubSpot all but the deal kept by law and the note Camille shares.
    const once = (records: LookupRecord[]) => Object.fromEntries(records.map((r) => [r.id, 1]));
    expect(Object.fromEntries(salesforceDeletes(salesforce.calls.slice(sfFrom)))).toEqual(once(seen['crm-salesforce']!.records));
    expect(salesforce.calls.slice(sfFrom).filter((c) => c.path.startsWith('/services/data/') && c.method !== 'GET' && c.method !== 'DELETE')).toEqual([]); // deleted, not anonymised
    const kept = new Set([...deals, ...shared].map((r) => r.id));
    expect(Object.fromEntries(hubspotDeletes(hubspot.calls.slice(hsFrom)))).toEqual(once(seen['crm-hubspot']!.records.filter((r) => !kept.has(r.id))));
    const gdprDeletes = hubspot.calls.slice(hsFrom).filter((c) => c.path === '/crm/v3/objects/contacts/gdpr-delete');
    expect(gdprDeletes.map((c) => [c.status, c.body])).toEqual([[204, { objectId: seen['crm-hubspot']!.records.find((r) => r.object === 'contacts')!.id }]]);

    // Camille keeps her records, and the note she shares with him, its text cleared.
    const camille = await lookup(CAMILLE.email);
    expect(camille['crm-salesforce']!.records.map((r) => r.object)).toContain('Contact');
    const note = camille['crm-hubspot']!.records.find((r) => r.id === shared[0]!.id)!;
    expect(note.fields.find((f) => f.name === 'hs_note_body')?.value ?? null).toBeNull();

    await noPersonalData(id, needles(JAMES, 'James.Whitfield', '+44 7911 123456', '07911 123456', 'CUST-1002'));
  }, 120_000);

  it('deletes nothing twice when the erasure fails halfway and Temporal runs it again', async () => {
    const { salesforce } = crm();
    const seen = await lookup(ELISE.email);
    const sfFrom = salesforce.calls.length;
    const { id, accessToken } = await file('ERASURE', { email: ELISE.email });
    // Her Note, Task and Cases go first; deleting her Contact then fails once, after those deletes.
    salesforce.faults.add({ method: 'DELETE', path: /\/composite\/sobjects\?ids=003/, status: 503 });
    await verify(id, ELISE.email);
    const done = await followToTheEnd(id, accessToken);
    expect(done).toMatchObject({ status: 'COMPLETED', statusReason: null });
    expect(salesforce.faults.pending()).toBe(0);
    expect(await attempts((await workflowsOf(id))['crm-salesforce']!, 'eraseSubject')).toEqual([2]);

    const records = seen['crm-salesforce']!.records;
    expect(objectsOf(records)).toEqual(['Case', 'Case', 'Contact', 'Individual', 'Note', 'Task']);
    expect(byName(done.systems)['crm-salesforce']).toMatchObject({ status: 'DONE', error: null, located: records.length, retained: 0, remaining: 0 });
    expect(Object.fromEntries(salesforceDeletes(salesforce.calls.slice(sfFrom)))).toEqual(Object.fromEntries(records.map((r) => [r.id, 1])));
    expect((await lookup(ELISE.email))['crm-salesforce']).toMatchObject({ status: 'OK', records: [] });
    // The second attempt finds what the first deleted already gone: every record is accounted for, none found again.
    const erasure = byName((await signedReport(done.reportUrl!)).systems)['crm-salesforce']!.erasure!;
    expect((erasure.actions.deleted ?? 0) + (erasure.actions.already_absent ?? 0)).toBe(records.length);
    expect(erasure.verification).toMatchObject({ remaining: 0, unexpected: [] });

    await noPersonalData(id, needles(ELISE, 'Elise', 'Fontaine', '01 45 67 89 01'));
  }, 120_000);
});

/** The same call again: method, path, query and body. */
function sameCall(a: CallRecord, b: CallRecord): boolean {
  return a !== b && a.method === b.method && a.path === b.path && JSON.stringify(a.query) === JSON.stringify(b.query) && JSON.stringify(a.body) === JSON.stringify(b.body);
}
