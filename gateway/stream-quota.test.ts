/**
 * One token cannot hold open more `requestUpdated` streams than
 * GRAPHQL_MAX_STREAMS_PER_TOKEN: each one polls storage every second. The cap
 * is per gateway process (streams are per connection); a closed stream frees
 * its place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from './auth.js';
import { ACCESS_TOKEN, storedRequest } from '../test/support/security/requests.js';
import { startTestServices, type TestServices } from '../test/support/gateway/services.js';
import { createGateway, type Gateway } from './yoga.js';

const WATCH = 'subscription ($id: ID!, $t: String) { requestUpdated(id: $id, accessToken: $t) { status } }';
const MAX = 3;

let services: TestServices;
let gateway: Gateway;
beforeAll(async () => {
  services = await startTestServices({ GRAPHQL_MAX_STREAMS_PER_TOKEN: String(MAX) });
  gateway = createGateway(services);
});
afterAll(() => services?.dispose());

interface Stream {
  first: { data?: { requestUpdated: { status: string } } | null; errors?: { message: string; extensions?: { code?: string } }[] };
  close(): Promise<void>;
}

/** Opens a stream and reads its first event (the request, or the refusal). */
async function watch(id: string, bearer: string | null, accessToken: string | null = null): Promise<Stream> {
  const abort = new AbortController();
  const response = await gateway.fetch(
    new Request('http://gardien.test/graphql', {
      method: 'POST',
      signal: abort.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query: WATCH, variables: { id, t: accessToken } }),
    }),
  );
  // Read directly: a cancel through pipeThrough reaches the gateway only later.
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  while (!/^data:/m.test(buffer)) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
  }
  const data = /^data: ?(.*)$/m.exec(buffer)![1]!;
  return {
    first: JSON.parse(data) as Stream['first'],
    close: async () => {
      await reader.cancel();
      abort.abort();
      await new Promise((resolve) => setTimeout(resolve, 50)); // the gateway sees the client leave
    },
  };
}

describe('open requestUpdated streams per token', () => {
  it(`refuses the ${MAX + 1}th stream of one bearer token with a clear error, and takes one again once another closes`, async () => {
    const requests = await Promise.all(Array.from({ length: MAX + 1 }, () => storedRequest(services)));
    const open = [];
    for (const doc of requests.slice(0, MAX)) open.push(await watch(doc._id, services.tokens.dpo));
    expect(open.map((s) => s.first.data?.requestUpdated.status)).toEqual(Array(MAX).fill('IN_PROGRESS'));

    const refused = await watch(requests[MAX]!._id, services.tokens.dpo);
    expect(refused.first.data ?? null).toBeNull();
    expect(refused.first.errors?.[0]).toMatchObject({ message: expect.stringContaining(`At most ${MAX} requestUpdated streams`), extensions: { code: 'TOO_MANY_STREAMS' } });
    await refused.close();

    // Another token (another DPO) has its own allowance.
    const other = await watch(requests[MAX]!._id, await issueToken(services.config.tokenSecret, { role: 'dpo', sub: 'other-dpo' }));
    expect(other.first.data?.requestUpdated.status).toBe('IN_PROGRESS');
    await other.close();

    await open.shift()!.close();
    const again = await watch(requests[MAX]!._id, services.tokens.dpo);
    expect(again.first.data?.requestUpdated.status).toBe('IN_PROGRESS');
    await Promise.all([...open, again].map((s) => s.close()));
  });

  it('counts the streams of a request followed with its access token, without a bearer token', async () => {
    const doc = await storedRequest(services);
    const open = [];
    for (let i = 0; i < MAX; i++) open.push(await watch(doc._id, null, ACCESS_TOKEN));
    const refused = await watch(doc._id, null, ACCESS_TOKEN);
    expect(refused.first.errors?.[0]?.extensions?.code).toBe('TOO_MANY_STREAMS');
    await Promise.all([...open, refused].map((s) => s.close()));
    const after = await watch(doc._id, null, ACCESS_TOKEN);
    expect(after.first.data?.requestUpdated.status).toBe('IN_PROGRESS');
    await after.close();
  });

  it('frees the place of a stream whose request ended', async () => {
    const doc = await storedRequest(services, { status: 'COMPLETED', completedAt: new Date() });
    for (let i = 0; i < MAX + 2; i++) {
      const ended = await watch(doc._id, null, ACCESS_TOKEN);
      expect(ended.first.data?.requestUpdated.status).toBe('COMPLETED');
      await ended.close();
    }
  });
});
