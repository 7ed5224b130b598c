/**
 * The DPO's work queue through GraphQL over HTTP, with the real worker: a
 * manual system's task listed and completed, a deadline extended, requests
 * verified by attestation, refused and withdrawn — each action only for the
 * roles allowed, bad input answered as data with nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../support/stack/poll.js';
import { startRequestStack, type RequestStack } from '../support/stack/request-stack.js';
import { codeFrom, mailAbout } from '../support/workflows/harness.js';

const REQUEST = 'id status statusReason waitingFor dueAt extensions { months reason dueAt } cancellation { by reason } systems { name status manualTaskId }';

describe('the DPO’s actions on requests, through GraphQL', () => {
  let stack: RequestStack;
  let dpo: string;
  let agent: string;
  let it_: string;
  beforeAll(async () => {
    stack = await startRequestStack(['sqlite']);
    ({ dpo, agent, it: it_ } = stack.services.tokens);
    const archive = await stack.ask<{ registerConnector: { __typename: string } }>(
      it_,
      'mutation ($input: RegisterConnectorInput!) { registerConnector(input: $input) { __typename } }',
      { input: { kind: 'manual', name: 'paper-archive', config: { assignee: 'archives@corp.example', objects: [{ name: 'letters', fields: [{ name: 'body', category: 'communication', freeText: true }] }] } } },
    );
    expect(archive.data?.registerConnector.__typename).toBe('Connector');
  }, 180_000);
  afterAll(() => stack?.close());

  async function file(type: string, email: string): Promise<{ id: string; accessToken: string }> {
    const answer = await stack.ask<{ submitRequest: { id: string; accessToken: string } }>(null, 'mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { ... on Request { id accessToken } } }', {
      input: { type, identity: { email }, language: 'EN' },
    });
    return answer.data!.submitRequest;
  }

  async function verify(id: string, email: string): Promise<void> {
    const code = codeFrom((await mailAbout(id, email, 'Your verification code')).text);
    await stack.ask(null, 'mutation ($id: ID!, $code: String!) { verifyRequest(id: $id, code: $code) { __typename } }', { id, code });
  }

  const request = async (id: string) => (await stack.ask<{ request: Record<string, never> }>(dpo, `query ($id: ID!) { request(id: $id) { ... on Request { ${REQUEST} } } }`, { id })).data!.request as unknown as {
    status: string;
    waitingFor: string | null;
    dueAt: string;
    extensions: { months: number; reason: string; dueAt: string }[];
    cancellation: { by: string; reason: string | null } | null;
    systems: { name: string; status: string; manualTaskId: string | null }[];
  };

  it('lists the manual task for the DPO and agents, not IT, and completes the request once an agent gives evidence', async () => {
    const email = 'aurelie.marchand@example.fr';
    const { id } = await file('ACCESS', email);
    await verify(id, email);
    const waiting = await until('the archive waiting', async () => {
      const r = await request(id);
      return r.systems.find((s) => s.name === 'paper-archive')?.status === 'WAITING_MANUAL' ? r : null;
    });
    expect(waiting.waitingFor).toMatch(/^paper-archive waits for manual task task_/);

    const list = 'query { manualTasks(status: OPEN, first: 10) { edges { node { id requestId system reason assignee instructions } } pageInfo { hasNextPage } } }';
    const forIt = await stack.ask(it_, list);
    expect(forIt.errors?.[0]?.message).toBe('The it role may not read Query.manualTasks');
    const tasks = (await stack.ask<{ manualTasks: { edges: { node: { id: string; requestId: string; system: string; reason: string; assignee: string; instructions: string } }[] } }>(agent, list)).data!.manualTasks.edges.map((e) => e.node);
    const task = tasks.find((t) => t.requestId === id)!;
    expect(task).toMatchObject({ system: 'paper-archive', reason: 'MANUAL_SYSTEM', assignee: 'archives@corp.example' });
    expect(task.instructions).toContain(email);

    const complete = 'mutation ($id: ID!, $evidence: String!, $records: Int) { completeManualTask(id: $id, evidence: $evidence, records: $records) { __typename ... on ManualTask { status evidenceSha256 } ... on ValidationError { message problems { path } } } }';
    const empty = await stack.ask<{ completeManualTask: { __typename: string; problems: { path: string }[] } }>(agent, complete, { id: task.id, evidence: ' ' });
    expect(empty.data!.completeManualTask).toMatchObject({ __typename: 'ValidationError', problems: [{ path: 'evidence' }] });
    const negative = await stack.ask<{ completeManualTask: { __typename: string; problems: { path: string }[] } }>(agent, complete, { id: task.id, evidence: 'Found one letter', records: -1 });
    expect(negative.data!.completeManualTask).toMatchObject({ __typename: 'ValidationError', problems: [{ path: 'records' }] });
    const done = await stack.ask<{ completeManualTask: { __typename: string; status: string } }>(agent, complete, { id: task.id, evidence: 'One letter of 2022 found, scanned, sent to the DPO', records: 1 });
    expect(done.data!.completeManualTask).toMatchObject({ __typename: 'ManualTask', status: 'DONE' });
    const finished = await until('completed', async () => ((await request(id)).status === 'COMPLETED' ? request(id) : null));
    expect(finished.waitingFor).toBeNull();
    expect(finished.systems.map((s) => [s.name, s.status])).toEqual([['billing-sqlite', 'DONE'], ['paper-archive', 'DONE']]);
  }, 120_000);

  it('extends the deadline for the DPO only, with the reason emailed; refuses a third month', async () => {
    const email = 'jean.dupont@example.fr';
    const { id } = await file('ACCESS', email);
    await verify(id, email);
    const extend = 'mutation ($id: ID!, $months: Int!, $reason: String!) { extendDeadline(id: $id, months: $months, reason: $reason) { __typename ... on Request { dueAt } ... on ValidationError { message problems { path } } } }';
    const byAgent = await stack.ask(agent, extend, { id, months: 1, reason: 'Busy' });
    expect(byAgent.errors?.[0]?.message).toBe('The agent role may not read Mutation.extendDeadline');
    const before = await request(id);
    const answer = await stack.ask<{ extendDeadline: { __typename: string; dueAt: string } }>(dpo, extend, { id, months: 2, reason: 'The paper archive is in another city' });
    expect(answer.data!.extendDeadline.__typename).toBe('Request');
    expect(new Date(answer.data!.extendDeadline.dueAt).getTime()).toBeGreaterThan(new Date(before.dueAt).getTime() + 55 * 86_400_000);
    expect((await mailAbout(id, email, 'More time needed')).text).toContain('The paper archive is in another city');
    const third = await stack.ask<{ extendDeadline: { __typename: string; message: string; problems: { path: string }[] } }>(dpo, extend, { id, months: 1, reason: 'Still busy' });
    expect(third.data!.extendDeadline).toMatchObject({ __typename: 'ValidationError', problems: [{ path: 'months' }] });
    expect((await request(id)).extensions).toEqual([{ months: 2, reason: 'The paper archive is in another city', dueAt: answer.data!.extendDeadline.dueAt }]);
  }, 120_000);

  it('lets the subject withdraw with the access token, and nobody without it', async () => {
    const email = 'lea.martin@example.org';
    const { id, accessToken } = await file('ERASURE', email);
    await verify(id, email);
    const cancel = 'mutation ($id: ID!, $t: String, $reason: String) { cancelRequest(id: $id, accessToken: $t, reason: $reason) { __typename ... on Request { status cancellation { by reason } } ... on ValidationError { message } } }';
    const stranger = await stack.ask(null, cancel, { id, t: 'not-the-token' });
    expect(stranger.errors?.[0]?.message).toBe('Give the access token received when the request was filed');
    const byAgent = await stack.ask(agent, cancel, { id });
    expect(byAgent.errors?.[0]?.message).toBe('Only the subject or the DPO may cancel a request');
    const answer = await stack.ask<{ cancelRequest: { __typename: string; cancellation: { by: string; reason: string } } }>(null, cancel, { id, t: accessToken, reason: 'Sent by mistake' });
    expect(answer.data!.cancelRequest).toMatchObject({ __typename: 'Request', cancellation: { by: 'subject', reason: 'Sent by mistake' } });
    const ended = await until('cancelled', async () => ((await request(id)).status === 'CANCELLED' ? request(id) : null));
    expect(ended.systems.find((s) => s.name === 'paper-archive')?.status).toBe('CANCELLED');
    const again = await stack.ask<{ cancelRequest: { __typename: string; message: string } }>(null, cancel, { id, t: accessToken });
    expect(again.data!.cancelRequest).toMatchObject({ __typename: 'ValidationError', message: 'This request is cancelled' });
    expect((await mailAbout(id, email, 'was cancelled')).text).toContain(id);
  }, 120_000);

  it('verifies by attestation or refuses, for the DPO only, before the request runs', async () => {
    const { id: attested } = await file('ACCESS', 'paul.martin@example.fr');
    const attest = 'mutation ($id: ID!, $j: String!) { verifyRequestManually(id: $id, justification: $j) { __typename ... on Request { status } ... on ValidationError { message } } }';
    expect((await stack.ask(agent, attest, { id: attested, j: 'Seen in person' })).errors?.[0]?.message).toBe('The agent role may not read Mutation.verifyRequestManually');
    const ok = await stack.ask<{ verifyRequestManually: { __typename: string; status: string } }>(dpo, attest, { id: attested, j: 'Came to the front desk with an identity card' });
    expect(ok.data!.verifyRequestManually).toEqual({ __typename: 'Request', status: 'IN_PROGRESS' });

    const email = 'nadia.haddad@example.fr';
    const { id: refused } = await file('ERASURE', email);
    const reject = 'mutation ($id: ID!, $reason: String!) { rejectRequest(id: $id, reason: $reason) { __typename ... on Request { status } ... on ValidationError { message } } }';
    const tooLate = await stack.ask<{ rejectRequest: { __typename: string; message: string } }>(dpo, reject, { id: attested, reason: 'No' });
    expect(tooLate.data!.rejectRequest).toEqual({ __typename: 'ValidationError', message: 'This request is in progress' });
    await stack.ask(dpo, reject, { id: refused, reason: 'This address is not one of our customers’' });
    await until('rejected', async () => (await request(refused)).status === 'REJECTED');
    expect((await mailAbout(refused, email, 'was declined')).text).toContain('This address is not one of our customers’');
    const unknown = await stack.ask<{ rejectRequest: { __typename: string } }>(dpo, reject, { id: 'req_nope', reason: 'x' });
    expect(unknown.data!.rejectRequest.__typename).toBe('NotFound');
  }, 120_000);
});
