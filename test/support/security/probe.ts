/**
 * Test-only: one hostile call through the gateway's handler, checked as a user
 * would notice it: never a 5xx nor a masked crash, and a refused call leaves
 * the documents of the collections it touches as they were.
 */
import { isInterfaceType } from 'graphql';
import { expect } from 'vitest';
import type { FetchHandler } from '../../../gateway/router.js';
import type { Services } from '../../../gateway/services.js';
import { schema } from '../../../schema/index.js';

export interface Probe {
  services: Services;
  handle: FetchHandler;
}

/** Runs per property: HOSTILE_RUNS (default 100) divided among `share` operations sharing one property; HOSTILE_SEED replays a failure. */
export function hostileRuns(share = 1): { numRuns: number; seed: number | undefined } {
  const runs = Number(process.env.HOSTILE_RUNS ?? 100);
  return { numRuns: Math.max(1, Math.round(runs * share)), seed: process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : undefined };
}

/** Every type that implements the schema's `Error` interface: an answer of one of these is a refusal. */
const ERROR_TYPES = (() => {
  const error = schema.getType('Error');
  return new Set(isInterfaceType(error) ? schema.getImplementations(error).objects.map((t) => t.name) : []);
})();

export async function countDocuments(services: Services, collections: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of collections) counts[name] = await services.storage.db.collection(name).countDocuments();
  return counts;
}

/** How each operation answered the hostile calls, e.g. `submitRequest` → { accepted: 12, VALIDATION: 80, BAD_USER_INPUT: 8 }. */
export const OUTCOMES = new Map<string, Map<string, number>>();

function tally(operation: string, outcome: string): void {
  const counts = OUTCOMES.get(operation) ?? new Map<string, number>();
  counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  OUTCOMES.set(operation, counts);
}

/** One line per operation: calls, and how they were answered. */
export function outcomeReport(): string {
  return [...OUTCOMES].map(([operation, counts]) => {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    return `${operation.padEnd(22)} ${String(total).padStart(6)} calls: ${[...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`;
  }).join('\n');
}

interface Answer {
  data?: Record<string, { __typename?: string } | null> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Sends one operation; returns whether it was refused (after checking the refusal changed nothing). */
export async function checkGraphql(
  probe: Probe,
  call: { document: string; variables: Record<string, unknown>; token?: string; collections: readonly string[] },
): Promise<boolean> {
  const before = await countDocuments(probe.services, call.collections);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  const response = await probe.handle(new Request('http://gardien.test/graphql', { method: 'POST', headers, body: JSON.stringify({ query: call.document, variables: call.variables }) }));
  expect(response.status, 'no 5xx').toBeLessThan(500);
  const answer = (await response.json()) as Answer;
  const crashes = (answer.errors ?? []).filter((e) => e.message === 'Unexpected error.' || e.extensions?.code === 'INTERNAL_SERVER_ERROR');
  expect(crashes, 'no unexpected (masked) error: the gateway log says what broke').toEqual([]);
  const results = Object.values(answer.data ?? {});
  const refused = (answer.errors?.length ?? 0) > 0 || results.length === 0 || results.some((r) => r === null || (r.__typename !== undefined && ERROR_TYPES.has(r.__typename)));
  const typename = results.find((r) => r?.__typename && ERROR_TYPES.has(r.__typename))?.__typename;
  tally(/\{\s*(\w+)/.exec(call.document)?.[1] ?? '?', response.status === 413 ? 'PAYLOAD_TOO_LARGE' : (answer.errors?.[0]?.extensions?.code ?? typename ?? (refused ? 'invalid GraphQL input' : 'accepted')));
  if (refused) expect(await countDocuments(probe.services, call.collections), 'a refused call changes nothing').toEqual(before);
  return refused;
}

/** GETs `path` (raw: not encoded further) with `headers`, tallied under the route's `label`; never a 5xx, and a GET changes no document. */
export async function checkGet(probe: Probe, label: string, path: string, headers: Record<string, string>, collections: readonly string[]): Promise<number> {
  const before = await countDocuments(probe.services, collections);
  let request: Request;
  try {
    request = new Request(`http://gardien.test${path}`, { headers });
  } catch {
    return 0; // a URL or header no client could send
  }
  const response = await probe.handle(request);
  await response.body?.cancel();
  tally(`GET ${label}`, String(response.status));
  expect(response.status, `no 5xx for GET ${path.slice(0, 200)}`).toBeLessThan(500);
  expect(await countDocuments(probe.services, collections), 'a GET changes nothing').toEqual(before);
  return response.status;
}
