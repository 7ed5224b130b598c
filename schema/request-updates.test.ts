/**
 * requestUpdated over server-sent events through yoga.fetch, on the test
 * stack's FerretDB: the read model is changed step by step (as the workflow
 * would) and each change arrives once, in order, until the request ends.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyCounts } from '../core/requests.js';
import { newRequestId, type RequestDoc } from '../core/storage/requests.js';
import { startTestServices, type TestServices } from '../test/support/gateway/services.js';
import { createGateway, type Gateway } from '../gateway/yoga.js';

const TOKEN = 'the-access-token-handed-out-at-submission';
const WATCH = `subscription ($id: ID!, $token: String) { requestUpdated(id: $id, accessToken: $token) {
  status statusReason reportUrl systems { name status located exported } } }`;

interface Update {
  status: string;
  reportUrl: string | null;
  systems: { name: string; status: string; located: number; exported: number }[];
}
type Event = { data: { requestUpdated: Update } | null; errors?: { message: string; extensions?: { code?: string } }[] } | 'complete';

/** Reads a text/event-stream answer event by event. */
async function* events(response: Response): AsyncGenerator<Event> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += value;
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (/^event: complete$/m.test(block)) yield 'complete';
      const data = block.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5)).join('\n').trim();
      if (data) yield JSON.parse(data) as Event;
    }
  }
}

async function all(stream: AsyncGenerator<Event>): Promise<Event[]> {
  const out: Event[] = [];
  for await (const event of stream) out.push(event);
  return out;
}

describe('requestUpdated (server-sent events)', () => {
  let services: TestServices;
  let gateway: Gateway;

  beforeAll(async () => {
    services = await startTestServices({ PUBLIC_URL: 'http://gardien.test' });
    gateway = createGateway(services);
  });
  afterAll(() => services?.dispose());

  async function fileRequest(): Promise<string> {
    const now = new Date();
    const id = newRequestId();
    const doc: RequestDoc = {
      _id: id, type: 'ACCESS', status: 'RECEIVED', statusReason: null, identity: { email: 'camille.roux@example.org' }, language: 'fr', details: null,
      accessTokenHash: createHash('sha256').update(TOKEN).digest('hex'), workflowId: `dsr-${id}`, receivedAt: now, dueAt: now,
      verifiedAt: null, verificationMethod: null, completedAt: null, updatedAt: now, reportId: null, exportId: null,
    };
    await services.dsr.requests.insert(doc);
    return id;
  }

  const watch = (id: string, token: string | null, bearer?: string) =>
    gateway.fetch(
      new Request('http://gardien.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body: JSON.stringify({ query: WATCH, variables: { id, token } }),
      }),
    );

  it('sends each change once, in order, and ends when the request completes', async () => {
    const id = await fileRequest();
    const repo = services.dsr.requests;
    const system = { connectorId: 'con_billing', name: 'billing', kind: 'sql', counts: emptyCounts(), error: null, updatedAt: new Date() };
    // The next change to make once the previous one was seen (what the workflow does, step by step).
    const steps: (() => Promise<unknown>)[] = [
      () => repo.update(id, { status: 'AWAITING_VERIFICATION' }),
      () => repo.update(id, { status: 'IN_PROGRESS', verifiedAt: new Date() }).then(() => repo.setSystem(id, { ...system, status: 'PENDING' })),
      () => repo.patchSystem(id, 'con_billing', { status: 'RUNNING', counts: { located: 4 } }),
      () => repo.patchSystem(id, 'con_billing', { status: 'DONE', counts: { exported: 4 } }),
      () => repo.update(id, { status: 'COMPLETED', completedAt: new Date(), reportId: 'rep_x' }),
    ];
    const response = await watch(id, TOKEN);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const seen: string[] = [];
    let ended = false;
    for await (const event of events(response)) {
      if (event === 'complete') {
        ended = true;
        break;
      }
      expect(event.errors).toBeUndefined();
      const update = event.data!.requestUpdated;
      seen.push([update.status, ...update.systems.map((s) => `${s.name}:${s.status}:${s.located}/${s.exported}`)].join(' '));
      if (update.status === 'COMPLETED') expect(update.reportUrl).toBe('http://gardien.test/reports/rep_x');
      await steps.shift()?.();
    }
    expect(seen).toEqual([
      'RECEIVED',
      'AWAITING_VERIFICATION',
      'IN_PROGRESS billing:PENDING:0/0',
      'IN_PROGRESS billing:RUNNING:4/0',
      'IN_PROGRESS billing:DONE:4/4',
      'COMPLETED billing:DONE:4/4',
    ]);
    expect(ended).toBe(true);
  }, 30_000);

  it('refuses a watcher without the access token, and tells an unknown request', async () => {
    const id = await fileRequest();
    for (const token of [null, 'not-the-token']) {
      const [first, ...rest] = await all(events(await watch(id, token)));
      expect(first).toMatchObject({ errors: [{ message: 'Give the access token received when the request was filed', extensions: { code: 'FORBIDDEN' } }] });
      expect(rest).toEqual(['complete']);
    }
    const [unknown] = await all(events(await watch('req_nope', TOKEN)));
    expect(unknown).toMatchObject({ errors: [{ message: 'Request req_nope does not exist' }] });
  });

  it('lets the dpo watch without the access token, and not the it role', async () => {
    const id = await fileRequest();
    await services.dsr.requests.update(id, { status: 'REJECTED', statusReason: 'identity not verified' });
    const dpo = await all(events(await watch(id, null, services.tokens.dpo)));
    expect(dpo).toEqual([{ data: { requestUpdated: expect.objectContaining({ status: 'REJECTED' }) } }, 'complete']);
    const [it] = await all(events(await watch(id, null, services.tokens.it)));
    expect(it).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
  });
});
