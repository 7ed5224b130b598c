/** Test-only: services on a fresh database of the test stack's MongoDB, tokens, and a GraphQL client for `gateway.fetch`. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Role } from '../../../core/actor.js';
import { loadConfig } from '../../../core/config.js';
import { issueToken } from '../../../gateway/auth.js';
import { createServices, type Services } from '../../../gateway/services.js';
import { testRegistry } from '../connectors/registry.js';

export interface TestServices extends Services {
  tokens: Record<Role, string>;
  /** Closes the services and drops their database. */
  dispose(): Promise<void>;
}

export async function startTestServices(env: Record<string, string> = {}): Promise<TestServices> {
  const mongo = process.env.MONGODB_URI;
  if (!mongo) throw new Error('MONGODB_URI must point at the test stack (vitest globalSetup sets it)');
  const home = mkdtempSync(path.join(tmpdir(), 'gardien-gateway-'));
  const config = loadConfig({
    GARDIEN_HOME: home,
    NODE_ENV: 'test',
    GARDIEN_SECRET_KEY: `test:${randomBytes(32).toString('base64')}`,
    GARDIEN_TOKEN_SECRET: randomBytes(32).toString('hex'),
    MONGODB_URI: mongo,
    MONGODB_DB: `gw_${randomBytes(6).toString('hex')}`,
    CONNECTOR_TIMEOUT_MS: '1500',
    ...env,
  });
  const services = await createServices(config, { registry: testRegistry() });
  const token = (role: Role) => issueToken(config.tokenSecret, { role, sub: `${role}-tester`, ...(role === 'subject' ? { email: 'lea.martin@example.org' } : {}) });
  const tokens = { dpo: await token('dpo'), it: await token('it'), agent: await token('agent'), subject: await token('subject'), integration: await token('integration') };
  return Object.assign(services, {
    tokens,
    async dispose() {
      await services.catalog.closeAll();
      await services.storage.db.dropDatabase();
      await services.close();
      rmSync(home, { recursive: true, force: true });
    },
  });
}

/** Answers are read loosely in tests: the assertions say what they expect. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnswerData = Record<string, any>;

export interface GraphQLAnswer<T = AnswerData> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** POSTs one operation to a fetch handler (Yoga's `fetch`, the router, or a real URL with global fetch). */
export async function graphql<T = AnswerData>(
  fetcher: (request: Request) => Promise<Response> | Response,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
  url = 'http://gardien.test/graphql',
): Promise<GraphQLAnswer<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetcher(new Request(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) }));
  return { status: response.status, ...((await response.json()) as object) };
}
