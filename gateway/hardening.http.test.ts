/**
 * The limits where the transport matters, against gateway/server.ts on a real
 * port: an oversized body is refused whether it declares its length or
 * streams chunked; a browser's cross-site form post is refused; a stream
 * whose client hung up frees its place.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../test/support/stack/poll.js';
import { ACCESS_TOKEN, collectionCounts, storedRequest } from '../test/support/security/requests.js';
import { startGateway, type RunningGateway } from './server.js';
import { startTestServices, type TestServices } from '../test/support/gateway/services.js';

let services: TestServices;
let gateway: RunningGateway;
beforeAll(async () => {
  services = await startTestServices({ HTTP_MAX_BODY_BYTES: '4096', GRAPHQL_MAX_STREAMS_PER_TOKEN: '2' });
  gateway = await startGateway(services, { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await gateway?.close();
  await services?.dispose();
});

/** POSTs `chunks` with node:http: `chunked` leaves Content-Length out, as a streaming client does. */
function rawPost(chunks: string[], chunked: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const length = chunks.reduce((n, c) => n + Buffer.byteLength(c), 0);
    const req = httpRequest(gateway.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': String(length) }) } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

const SUBMIT = JSON.stringify({ query: 'mutation { submitRequest(input: { type: ACCESS, identity: { email: "grand.corps@example.fr" } }) { __typename } }' });

describe('the body size limit over HTTP (HTTP_MAX_BODY_BYTES)', () => {
  it('answers 413 to a body that declares more than the limit, and stores nothing', async () => {
    const before = await collectionCounts(services);
    const padded = `${SUBMIT.slice(0, -1)}, "variables": { "pad": "${'x'.repeat(8000)}" } }`;
    const answer = await rawPost([padded], false);
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('larger than 4096 bytes');
    expect(await collectionCounts(services)).toEqual(before);
  });

  it('answers 413 to a chunked body once it passes the limit', async () => {
    const answer = await rawPost([`${SUBMIT.slice(0, -1)}, "variables": { "pad": "`, ...Array(20).fill('y'.repeat(500)), '" } }'], true);
    expect(answer.status).toBe(413);
  });

  it('serves a body under the limit', async () => {
    const answer = await rawPost([JSON.stringify({ query: '{ __typename }' })], true);
    expect(answer).toEqual({ status: 200, body: '{"data":{"__typename":"Query"}}' });
  });
});

describe('cross-site browsers over HTTP', () => {
  it('refuses the form post another site could make a visitor send, and answers a preflight without allowing it', async () => {
    const form = await fetch(gateway.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, body: 'query={__typename}' });
    expect(form.status).toBe(403);
    const preflight = await fetch(gateway.graphqlUrl, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('requestUpdated streams over HTTP', () => {
  it('frees the place of a stream whose client hung up', async () => {
    const doc = await storedRequest(services);
    const open = async () => {
      const abort = new AbortController();
      const response = await fetch(gateway.graphqlUrl, {
        method: 'POST',
        signal: abort.signal,
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: 'subscription ($id: ID!, $t: String) { requestUpdated(id: $id, accessToken: $t) { status } }', variables: { id: doc._id, t: ACCESS_TOKEN } }),
      });
      const reader = response.body!.getReader();
      let text = '';
      while (!text.includes('data:')) text += new TextDecoder().decode((await reader.read()).value);
      return { text, hangUp: () => abort.abort() };
    };
    // The server learns of a hang-up when the socket closes: wait for the place, within seconds.
    const openWhenFree = () => until('a place freed by a hung-up stream', async () => {
      const stream = await open();
      return stream.text.includes('IN_PROGRESS') ? stream : false;
    }, 10_000);
    for (let round = 0; round < 3; round++) {
      const streams = [await openWhenFree(), await openWhenFree()];
      expect((await open()).text).toContain('TOO_MANY_STREAMS');
      for (const stream of streams) stream.hangUp();
    }
  });
});
