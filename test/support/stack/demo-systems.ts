/**
 * The demo systems for the end-to-end request suites: the demo billing
 * database (SQLite) and the Salesforce and HubSpot emulators, all seeded with
 * the demo people (`devstack/demo/people.ts`), as `npm start` runs them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RegisterConnectorInput } from '../../../connectors/sdk/catalog.js';
import type { SalesforceConfig } from '../../../connectors/salesforce/config.js';
import { demoHubspotConnectorInput } from '../../../devstack/demo/hubspot.js';
import { demoSalesforceConfig, demoSalesforceConnectorInput } from '../../../devstack/demo/salesforce.js';
import { demoSqlConnectorInput, seedDemoSqlite } from '../../../devstack/demo/sql.js';
import { startHubspotEmulator, type HubspotEmulator } from '../../../devstack/emulators/hubspot/server.js';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../../devstack/emulators/salesforce/server.js';

export interface DemoSystemOptions {
  /** Settings over the demo org's, e.g. `{ erasure: { strategy: 'delete' } }` for a company that deletes rather than anonymises. */
  salesforce?: Partial<SalesforceConfig>;
}

export interface RunningDemoSystems {
  salesforce: SalesforceEmulator;
  hubspot: HubspotEmulator;
  /** What IT registers: `billing-db`, `crm-salesforce`, `crm-hubspot`. */
  connectors: RegisterConnectorInput[];
  stop(): Promise<void>;
}

export async function startDemoSystems(options: DemoSystemOptions = {}): Promise<RunningDemoSystems> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gardien-demo-'));
  const sqlFile = path.join(dir, 'billing.sqlite');
  await seedDemoSqlite(sqlFile);
  const [salesforce, hubspot] = await Promise.all([startSalesforceEmulator(), startHubspotEmulator()]);
  const org = demoSalesforceConnectorInput(salesforce.url);
  return {
    salesforce,
    hubspot,
    connectors: [
      demoSqlConnectorInput(sqlFile),
      { ...org, config: { ...demoSalesforceConfig(salesforce.url), ...options.salesforce } },
      demoHubspotConnectorInput(hubspot.url, hubspot.token),
    ],
    async stop() {
      await Promise.all([salesforce.stop(), hubspot.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
