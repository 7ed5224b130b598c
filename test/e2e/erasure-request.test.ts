/** The erasure request through GraphQL over HTTP, on SQLite and PostgreSQL, with the real Temporal worker. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRequestStack, type RequestStack } from '../support/stack/request-stack.js';
import { codeFrom, mailAbout } from '../support/workflows/harness.js';

const EMAIL = 'aurelie.marchand@example.fr';
const FIELDS = 'id status reportUrl systems { name status located erased retained remaining error }';

interface Answer {
  id: string;
  status: string;
  reportUrl: string | null;
  accessToken?: string;
  systems: { name: string; status: string; located: number; erased: number | null; retained: number | null; remaining: number | null; error: string | null }[];
}

describe('erasure request, end to end through GraphQL', () => {
  let stack: RequestStack;
  beforeAll(async () => {
    stack = await startRequestStack(['sqlite', 'postgres']);
  }, 180_000);
  afterAll(() => stack?.close());

  it('erases her in both databases and shows what was kept by law and what the verification pass found', async () => {
    const submitted = await stack.ask<{ submitRequest: Answer }>(
      null,
      `mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { ... on Request { ${FIELDS} accessToken } } }`,
      { input: { type: 'ERASURE', identity: { email: EMAIL }, language: 'EN' } },
    );
    const { id, accessToken } = submitted.data!.submitRequest;
    const code = codeFrom((await mailAbout(id, EMAIL, 'Your verification code')).text);
    await stack.ask(null, 'mutation ($id: ID!, $code: String!) { verifyRequest(id: $id, code: $code) { __typename } }', { id, code });

    const follow = async () => (await stack.ask<{ request: Answer }>(null, `query ($id: ID!, $t: String) { request(id: $id, accessToken: $t) { ... on Request { ${FIELDS} } } }`, { id, t: accessToken })).data!.request;
    let current = await follow();
    for (const until = Date.now() + 60_000; current.status !== 'COMPLETED' && Date.now() < until; current = await follow()) await new Promise((r) => setTimeout(r, 200));
    expect(current.status).toBe('COMPLETED');
    for (const system of current.systems) {
      expect(system).toMatchObject({ status: 'DONE', error: null, retained: 1 });
      expect(system.erased).toBe(system.located - 1);
      expect(system.remaining).toBeGreaterThanOrEqual(1);
    }
    expect(current.reportUrl).toMatch(/\/reports\//);
    expect((await mailAbout(id, EMAIL, 'is complete')).text).toContain('/reports/');
  }, 180_000);
});
