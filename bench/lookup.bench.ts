/**
 * The DPO's lookup of one person: the gateway's latency (a real HTTP round trip
 * through /graphql, federation, classification and the audit write) next to the
 * connectors' own time for the same locate + read, called directly.
 * Two scenarios: the SQL connectors (Pagila on PostgreSQL, Sakila on MariaDB, a
 * SQLite file), and SQL + the Salesforce and HubSpot emulators.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RegisterConnectorInput } from '../connectors/sdk/catalog.js';
import { loadConfig } from '../core/config.js';
import { normaliseIdentity, type IdentityInput } from '../core/identity.js';
import { issueToken } from '../gateway/auth.js';
import { startGateway } from '../gateway/server.js';
import { createServices, type Services } from '../gateway/services.js';
import { demoHubspotConnectorInput } from '../devstack/demo/hubspot.js';
import { demoSalesforceConnectorInput } from '../devstack/demo/salesforce.js';
import { demoSqlConnectorInput, seedDemoSqlite } from '../devstack/demo/sql.js';
import { startHubspotEmulator } from '../devstack/emulators/hubspot/server.js';
import { startSalesforceEmulator } from '../devstack/emulators/salesforce/server.js';
import { startMongo } from '../devstack/mongo.js';
import { loadPagila, loadSakila, rentalConnectorConfig, samplePresence } from '../test/support/sql/sample-data.js';
import { ms, printTable, spread } from './stats.js';

const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 200);
const WARMUP = 20;

interface Scenario {
  title: string;
  connectors: string[];
  identity: IdentityInput;
}

async function timeDirect(services: Services, names: readonly string[], identity: IdentityInput): Promise<number[]> {
  const normalised = normaliseIdentity(identity);
  return Promise.all(
    names.map(async (name) => {
      const connector = await services.catalog.open(name);
      const started = performance.now();
      const refs = await connector.locate(normalised);
      for await (const record of connector.read(refs)) void record;
      return performance.now() - started;
    }),
  );
}

async function runScenario(services: Services, graphqlUrl: string, token: string, scenario: Scenario): Promise<string[][]> {
  for (const name of (await services.catalog.list()).map((c) => c.name)) {
    await services.catalog.setEnabled(name, scenario.connectors.includes(name));
  }
  const query = 'query($i: IdentityInput!) { subject(identity: $i) { systems { name status durationMs records { object fields { name category } } } } }';
  const lookup = async () => {
    const started = performance.now();
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables: { i: scenario.identity } }),
    });
    const body = (await response.json()) as { data?: { subject: { systems: { status: string; durationMs: number }[] } } };
    const elapsed = performance.now() - started;
    const systems = body.data?.subject.systems ?? [];
    if (systems.length !== scenario.connectors.length || systems.some((s) => s.status !== 'OK')) {
      throw new Error(`lookup did not answer from every system: ${JSON.stringify(body).slice(0, 300)}`);
    }
    return { elapsed, slowestInside: Math.max(...systems.map((s) => s.durationMs)) };
  };
  const gateway: number[] = [];
  const inside: number[] = [];
  const slowest: number[] = [];
  for (let i = 0; i < WARMUP + LOOKUPS; i++) {
    const direct = await timeDirect(services, scenario.connectors, scenario.identity);
    const viaGateway = await lookup();
    if (i < WARMUP) continue;
    slowest.push(Math.max(...direct));
    gateway.push(viaGateway.elapsed);
    inside.push(viaGateway.slowestInside);
  }
  const g = spread(gateway);
  const i = spread(inside);
  const s = spread(slowest);
  return [
    [scenario.title, 'gateway, whole HTTP round trip', ms(g.median), ms(g.p99), `${LOOKUPS} lookups`],
    ['', 'slowest system as timed by the gateway¹', ms(i.median), ms(i.p99), ''],
    ['', 'slowest connector called directly²', ms(s.median), ms(s.p99), ''],
    ['', 'ratio gateway / slowest system¹', `${(g.median / i.median).toFixed(2)}×`, `${(g.p99 / i.p99).toFixed(2)}×`, ''],
    ['', 'ratio gateway / slowest direct²', `${(g.median / s.median).toFixed(2)}×`, `${(g.p99 / s.p99).toFixed(2)}×`, ''],
  ];
}

export async function run(): Promise<void> {
  const home = mkdtempSync(path.join(tmpdir(), 'gardien-bench-'));
  const mongo = await startMongo({ dataDir: path.join(home, 'mongo') });
  const cleanups: (() => Promise<unknown>)[] = [() => mongo.stop()];
  try {
    const config = loadConfig({ ...process.env, GARDIEN_HOME: home, MONGODB_URI: mongo.uri, MONGODB_DB: 'bench', LOG_LEVEL: 'warn' });
    const services = await createServices(config);
    cleanups.unshift(() => services.close());
    const inputs: RegisterConnectorInput[] = [];
    const sqlite = path.join(home, 'billing.sqlite');
    await seedDemoSqlite(sqlite);
    inputs.push(demoSqlConnectorInput(sqlite));
    const sqlNames = ['billing-db'];
    if (samplePresence('pagila').present) {
      const pagila = await loadPagila();
      cleanups.push(() => pagila.drop());
      inputs.push({ kind: 'sql', name: 'pagila', config: rentalConnectorConfig(pagila.url) });
      sqlNames.push('pagila');
    }
    if (samplePresence('sakila').present) {
      const sakila = await loadSakila();
      cleanups.push(() => sakila.drop());
      inputs.push({ kind: 'sql', name: 'sakila', config: rentalConnectorConfig(sakila.url) });
      sqlNames.push('sakila');
    }
    const salesforce = await startSalesforceEmulator({ port: 0, host: '127.0.0.1' });
    const hubspot = await startHubspotEmulator({ port: 0, host: '127.0.0.1', rateLimits: false });
    cleanups.push(() => salesforce.stop(), () => hubspot.stop());
    inputs.push(demoSalesforceConnectorInput(salesforce.url), demoHubspotConnectorInput(hubspot.url, hubspot.token));
    for (const input of inputs) await services.catalog.register(input);

    const gateway = await startGateway(services, { port: 0, host: '127.0.0.1' });
    cleanups.unshift(() => gateway.close());
    const token = await issueToken(config.tokenSecret, { role: 'dpo', sub: 'bench' });
    const rows: string[][] = [['scenario', 'measure', 'median', 'p99', '']];
    // Mary Smith is in Pagila and Sakila; Camille in the demo database and both CRMs.
    rows.push(...(await runScenario(services, gateway.graphqlUrl, token, {
      title: `SQL (${sqlNames.join(', ')})`,
      connectors: sqlNames,
      identity: { email: 'mary.smith@sakilacustomer.org' },
    })));
    rows.push(...(await runScenario(services, gateway.graphqlUrl, token, {
      title: 'SQL + Salesforce + HubSpot',
      connectors: ['billing-db', 'crm-salesforce', 'crm-hubspot'],
      identity: { email: 'camille.durand@example.fr' },
    })));
    printTable('Lookup of one person: gateway latency against the connectors’ own time', rows);
    process.stdout.write('  ¹ describe + locate + read + restriction state, inside the federation\n  ² locate + read only, the connector called in-process without the gateway\n');
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    rmSync(home, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
