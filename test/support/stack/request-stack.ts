/**
 * A gateway on a real port and a worker on the test stack's Temporal, with
 * the legacy fixture databases registered as SQL connectors through GraphQL:
 * what the end-to-end request suites (GraphQL and browser) start from. On
 * demand, also the demo systems (billing database, Salesforce and HubSpot
 * emulators), registered the same way.
 */
import { NativeConnection, type Worker } from '@temporalio/worker';
import { expect } from 'vitest';
import { legacyPostgres } from '../sql/servers.js';
import { legacySqlite } from '../sql/sqlite.js';
import { freePort } from '../../../devstack/ports.js';
import { startGateway, type RunningGateway } from '../../../gateway/server.js';
import { graphql, startTestServices, type GraphQLAnswer, type TestServices } from '../gateway/services.js';
import { createWorker } from '../../../workflows/runtime/worker.js';
import { quietTemporal, stackEnv } from '../workflows/harness.js';
import { legacyConnectorConfig } from '../../fixtures/legacy-schema.js';
import { uniqueName } from './db.js';
import { startDemoSystems, type DemoSystemOptions, type RunningDemoSystems } from './demo-systems.js';

export type LegacyDatabase = 'sqlite' | 'postgres';

export interface RequestStack {
  services: TestServices;
  gateway: RunningGateway;
  /** One GraphQL operation over real HTTP; `token` null for a customer without an account. */
  ask<T>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer<T>>;
  /** The demo systems, when asked for in the options: their emulators' state, faults and call logs. */
  demo?: RunningDemoSystems;
  /** Stops the worker and the gateway, drops the databases. */
  close(): Promise<void>;
}

export interface RequestStackOptions {
  /** Also start the demo systems and register them (`billing-db`, `crm-salesforce`, `crm-hubspot`). */
  demo?: DemoSystemOptions;
  /** `false`: no worker in this process (a test that runs `gardien worker` as a child process, to kill it). */
  worker?: boolean;
}

/** Connectors are named `billing-<database>`. `env` adds or overrides configuration. */
export async function startRequestStack(databases: readonly LegacyDatabase[], env: Record<string, string> = {}, options: RequestStackOptions = {}): Promise<RequestStack> {
  quietTemporal();
  const stack = stackEnv();
  const port = await freePort();
  const services = await startTestServices({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    TEMPORAL_ADDRESS: stack.temporal,
    TEMPORAL_TASK_QUEUE: uniqueName('e2e'),
    SMTP_URL: stack.smtp,
    ...env,
  });
  const cleanups: (() => unknown)[] = [() => services.dispose()];
  const droppers: (() => unknown)[] = []; // dropped last, once nothing uses them
  const close = async () => {
    for (const cleanup of [...cleanups.reverse(), ...droppers]) await cleanup();
  };
  try {
    const gateway = await startGateway(services, { port, host: '127.0.0.1' });
    cleanups.push(() => gateway.close());
    if (options.worker !== false) {
      const connection = await NativeConnection.connect({ address: stack.temporal });
      cleanups.push(() => connection.close());
      const worker: Worker = await createWorker({ config: services.config, services: services.dsr, catalog: services.catalog, connection });
      const running = worker.run();
      cleanups.push(async () => {
        worker.shutdown();
        await running;
      });
    }
    const ask = <T>(token: string | null, query: string, variables: Record<string, unknown> = {}) => graphql<T>(fetch, token, query, variables, gateway.graphqlUrl);
    const register = async (input: Record<string, unknown>) => {
      const answer = await ask<{ registerConnector: { __typename: string; message?: string } }>(
        services.tokens.it,
        'mutation ($input: RegisterConnectorInput!) { registerConnector(input: $input) { __typename ... on Error { message } } }',
        { input },
      );
      expect(answer.data?.registerConnector).toEqual({ __typename: 'Connector' });
    };
    for (const database of databases) {
      const url = database === 'sqlite' ? await openSqlite(droppers) : await openPostgres(droppers);
      await register({ kind: 'sql', name: `billing-${database}`, config: legacyConnectorConfig(url) });
    }
    let demo: RunningDemoSystems | undefined;
    if (options.demo) {
      demo = await startDemoSystems(options.demo);
      droppers.push(() => demo!.stop());
      for (const input of demo.connectors) await register({ ...input });
    }
    return { services, gateway, ask, demo, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function openSqlite(cleanups: (() => unknown)[]): Promise<string> {
  const sqlite = await legacySqlite();
  cleanups.push(() => sqlite.remove());
  return sqlite.url;
}

async function openPostgres(cleanups: (() => unknown)[]): Promise<string> {
  const postgres = await legacyPostgres();
  cleanups.push(() => postgres.drop());
  return postgres.url;
}
