/**
 * Objection to direct marketing (GDPR Art. 21) end to end through GraphQL on
 * the real stack: the billing database's newsletter flag, Salesforce's opt-out
 * flags and HubSpot's email subscriptions are set through each connector's
 * opt-out, as the emulators' state shows; the shared drive, which has no
 * opt-out, holds her and gets a manual task that the DPO completes with
 * evidence, signed into the report. A second objection writes nothing.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileshareConnector } from '../../connectors/fileshare/connector.js';
import { demoFileshareConnectorInput, seedDemoShare } from '../../devstack/demo/fileshare.js';
import { DEMO_PEOPLE, type DemoPerson } from '../../devstack/demo/people.js';
import { waitForMail } from '../support/stack/mail.js';
import type { RequestStack } from '../support/stack/request-stack.js';
import { byName, fieldsOf, needlesOf, requestFlow, startDemoStack, type Language, type LookupAnswer, type RequestAnswer, type RequestFlow } from './request-flow.js';

const person = (key: string): DemoPerson => DEMO_PEOPLE.find((p) => p.key === key)!;
const CAMILLE = person('camille'); // in every system, the shared drive too
const JAMES = person('james'); // not on the shared drive
const DPO_EMAIL = 'dpo.objections@gardien.test';
const EVIDENCE = 'Removed her row from exports/contacts-newsletter.json and marked "no marketing" in ventes/export-crm-2024.csv.';
const TASKS = 'query ($requestId: ID) { manualTasks(status: OPEN, requestId: $requestId) { edges { node { id requestId system type reason status assignee instructions } } } }';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('objection request, end to end through GraphQL', () => {
  let stack: RequestStack;
  let flow: RequestFlow;

  beforeAll(async () => {
    stack = await startDemoStack({ DPO_EMAIL });
    flow = requestFlow(stack);
    // IT registers the shared drive too; its nightly crawl indexes it.
    const share = path.join(mkdtempSync(path.join(tmpdir(), 'gardien-share-')), 'share');
    await seedDemoShare(share);
    const answer = await stack.ask<{ registerConnector: { __typename: string; id: string } }>(stack.services.tokens.it, 'mutation ($input: RegisterConnectorInput!) { registerConnector(input: $input) { __typename ... on Connector { id } } }', { input: demoFileshareConnectorInput(share) });
    expect(answer.data!.registerConnector.__typename).toBe('Connector');
    await ((await stack.services.catalog.open(answer.data!.registerConnector.id)) as FileshareConnector).crawl();
  }, 180_000);
  afterAll(() => stack?.close());

  /** Her marketing flags as each system holds them. */
  function flagsOf(seen: LookupAnswer, subject: DemoPerson) {
    const { salesforce, hubspot } = stack.demo!;
    const contact = salesforce.state.find(seen.systems['crm-salesforce']!.records.find((r) => r.object === 'Contact')!.id)!;
    const individual = salesforce.state.find(String(contact.IndividualId))!;
    return {
      sql: Boolean(fieldsOf(seen.systems['billing-db']!.records.find((r) => r.object === 'customers')!).newsletter),
      salesforce: { contact: [contact.HasOptedOutOfEmail, contact.DoNotCall], individual: [individual.HasOptedOutSolicit, individual.HasOptedOutTracking] },
      hubspot: [...(hubspot.state.subscriptions.get(subject.email)?.values() ?? [])].map((s) => s.status),
    };
  }

  /** Files and verifies an objection; once the systems with an opt-out are done, the shared drive waits for a person (when it holds the subject). */
  async function object(subject: DemoPerson, language: Language): Promise<{ id: string; accessToken: string; waiting: RequestAnswer }> {
    const { id, accessToken } = await flow.file('OBJECTION', { email: subject.email }, language);
    await flow.verify(id, subject.email, language);
    const settled = (r: RequestAnswer) => r.status !== 'IN_PROGRESS' || (r.systems.length === 4 && r.systems.every((s) => s.status === 'DONE' || s.status === 'WAITING_MANUAL'));
    return { id, accessToken, waiting: await flow.follow(id, accessToken, settled) };
  }

  /** The DPO finds the open task, completes it with evidence, and the request completes. */
  async function completeTask(id: string, accessToken: string, taskId: string): Promise<RequestAnswer> {
    const answer = await stack.ask<{ completeManualTask: { __typename: string; status: string; evidenceSha256: string } }>(
      stack.services.tokens.dpo,
      'mutation ($id: ID!, $evidence: String!) { completeManualTask(id: $id, evidence: $evidence, records: 5) { __typename ... on ManualTask { status evidenceSha256 } } }',
      { id: taskId, evidence: `  ${EVIDENCE}\n` },
    );
    expect(answer.data!.completeManualTask).toEqual({ __typename: 'ManualTask', status: 'DONE', evidenceSha256: sha256(EVIDENCE) });
    const done = await flow.follow(id, accessToken);
    expect(done).toMatchObject({ type: 'OBJECTION', status: 'COMPLETED', statusReason: null, waitingFor: null });
    return done;
  }

  it('opts her out in each system that can, and waits for a person on the shared drive', async () => {
    expect(flagsOf(await flow.lookup({ email: CAMILLE.email }), CAMILLE)).toEqual({ sql: true, salesforce: { contact: [false, false], individual: [false, false] }, hubspot: ['SUBSCRIBED', 'SUBSCRIBED'] });
    const { id, accessToken, waiting } = await object(CAMILLE, 'FR');
    const systems = byName(waiting.systems);
    expect(waiting.status).toBe('IN_PROGRESS');
    expect(systems['shared-drive']).toMatchObject({ kind: 'fileshare', status: 'WAITING_MANUAL', located: expect.any(Number), manualTaskId: expect.stringMatching(/^task_/) });
    expect(systems['shared-drive']!.located).toBeGreaterThan(0);
    const taskId = systems['shared-drive']!.manualTaskId!;
    expect(waiting.waitingFor).toBe(`shared-drive waits for manual task ${taskId}`);
    for (const name of ['billing-db', 'crm-salesforce', 'crm-hubspot']) expect(systems[name], name).toMatchObject({ status: 'DONE', error: null });
    expect(flagsOf(await flow.lookup({ email: CAMILLE.email }), CAMILLE)).toEqual({ sql: false, salesforce: { contact: [true, true], individual: [true, true] }, hubspot: ['NOT_SUBSCRIBED', 'NOT_SUBSCRIBED'] });

    // The task is in the DPO's queue, and its assignee was emailed.
    const tasks = (await stack.ask<{ manualTasks: { edges: { node: Record<string, unknown> }[] } }>(stack.services.tokens.dpo, TASKS, {})).data!.manualTasks.edges.map((e) => e.node);
    expect(tasks).toContainEqual({ id: taskId, requestId: id, system: 'shared-drive', type: 'OBJECTION', reason: 'NOT_SUPPORTED', status: 'OPEN', assignee: DPO_EMAIL, instructions: expect.stringContaining(CAMILLE.email) });
    expect((await waitForMail({ to: DPO_EMAIL, textIncludes: taskId })).text).toContain('shared-drive');

    const done = await completeTask(id, accessToken, taskId);
    expect(byName(done.systems)['shared-drive']).toMatchObject({ status: 'DONE', manualTaskId: taskId, error: null });
    const report = byName((await flow.signedReport(done.reportUrl!)).systems);
    expect(report['shared-drive']).toMatchObject({ action: 'opt_out', status: 'DONE', manual: { taskId, reason: 'not_supported', completedBy: 'dpo-tester', evidenceSha256: sha256(EVIDENCE), records: 5 } });
    expect(report['billing-db']!.amendment).toMatchObject({ action: 'opt_out', changed: 1, unchanged: 0, verifiedBy: 'consent', verified: 1, unverified: 0 }); // its newsletter column read back
    expect(report['crm-hubspot']!.amendment).toMatchObject({ action: 'opt_out', changed: 1, unchanged: 0, verifiedBy: 'consent', verified: 1, unverified: 0 });
    expect(report['crm-salesforce']!.amendment).toMatchObject({ action: 'opt_out', changed: 2, unchanged: 0, verifiedBy: 'consent', verified: 1, unverified: 0 }); // her Contact and Individual
    expect(JSON.stringify(report)).not.toContain('newsletter.json');
    await flow.subjectMails(id, CAMILLE.email, 'FR', done, false);
    await flow.noPersonalData(id, [...needlesOf(CAMILLE, 'Camille.Durand', '06 12 34 56 78', 'CUST-1001'), 'contacts-newsletter']);
  }, 180_000);

  it('writes nothing when she objects again, and says so in the report', async () => {
    const { salesforce, hubspot } = stack.demo!;
    const [sfFrom, hsFrom] = [salesforce.calls.length, hubspot.calls.length];
    const { id, accessToken, waiting } = await object(CAMILLE, 'EN');
    const done = await completeTask(id, accessToken, byName(waiting.systems)['shared-drive']!.manualTaskId!);
    const writes = [
      ...salesforce.calls.slice(sfFrom).filter((c) => c.path.startsWith('/services/data/') && c.method !== 'GET'),
      ...hubspot.calls.slice(hsFrom).filter((c) => c.path.startsWith('/communication-preferences/') ? c.method === 'POST' : c.method === 'PATCH' || (c.method === 'POST' && !c.path.endsWith('/search') && !c.path.includes('/batch/read'))),
    ];
    expect(writes.map((c) => `${c.method} ${c.path}`)).toEqual([]);
    expect(flagsOf(await flow.lookup({ email: CAMILLE.email }), CAMILLE)).toEqual({ sql: false, salesforce: { contact: [true, true], individual: [true, true] }, hubspot: ['NOT_SUBSCRIBED', 'NOT_SUBSCRIBED'] });
    const report = byName((await flow.signedReport(done.reportUrl!)).systems);
    for (const name of ['billing-db', 'crm-salesforce', 'crm-hubspot']) expect(report[name]!.amendment, name).toMatchObject({ action: 'opt_out', changed: 0, unverified: 0 });
    expect(report['crm-salesforce']!.amendment!.unchanged).toBe(2);
    await flow.subjectMails(id, CAMILLE.email, 'EN', done, false);
  }, 180_000);

  it('needs no person where the system without an opt-out does not hold him', async () => {
    const { id, accessToken } = await object(JAMES, 'EN');
    const done = await flow.follow(id, accessToken);
    expect(done).toMatchObject({ status: 'COMPLETED', waitingFor: null });
    expect(byName(done.systems)['shared-drive']).toMatchObject({ status: 'DONE', located: 0, manualTaskId: null });
    expect((await stack.ask<{ manualTasks: { edges: unknown[] } }>(stack.services.tokens.dpo, TASKS, { requestId: id })).data!.manualTasks.edges).toEqual([]);
    await flow.subjectMails(id, JAMES.email, 'EN', done, false);
    await flow.noPersonalData(id, needlesOf(JAMES, 'James.Whitfield', '07911 123456', 'CUST-1002'));
  }, 180_000);
});
