/**
 * The demo systems `npm start` runs and registers: a SQLite billing database,
 * the Salesforce and HubSpot emulators and a shared drive of documents, all
 * holding the same fictional people.
 */
import path from 'node:path';
import type { ConnectorCatalog, RegisterConnectorInput } from '../../connectors/sdk/catalog.js';
import { errorMessage } from '../../core/errors.js';
import { startHubspotEmulator } from '../emulators/hubspot/server.js';
import { startSalesforceEmulator } from '../emulators/salesforce/server.js';
import { portOr } from '../ports.js';
import { demoFileshareConnectorInput, seedDemoShare } from './fileshare.js';
import { demoHubspotConnectorInput } from './hubspot.js';
import { demoSalesforceConnectorInput } from './salesforce.js';
import { demoSqlConnectorInput, seedDemoSqlite } from './sql.js';

export interface DemoSystems {
  connectors: RegisterConnectorInput[];
  summary: string;
  stop(): Promise<void>;
}

export async function startDemoSystems(home: string): Promise<DemoSystems> {
  const sqlFile = path.join(home, 'demo', 'billing.sqlite');
  await seedDemoSqlite(sqlFile);
  const shareDir = path.join(home, 'demo', 'shared-drive');
  await seedDemoShare(shareDir);
  const salesforce = await startSalesforceEmulator({ port: await portOr(4010), host: '127.0.0.1' });
  const hubspot = await startHubspotEmulator({ port: await portOr(4011), host: '127.0.0.1' });
  return {
    connectors: [
      demoSqlConnectorInput(sqlFile),
      demoSalesforceConnectorInput(salesforce.url),
      demoHubspotConnectorInput(hubspot.url, hubspot.token),
      demoFileshareConnectorInput(shareDir),
    ],
    summary: `billing-db (SQLite ${sqlFile}), Salesforce emulator ${salesforce.url}, HubSpot emulator ${hubspot.url}, shared-drive (files in ${shareDir})`,
    async stop() {
      await Promise.all([salesforce.stop(), hubspot.stop()]);
    },
  };
}

/**
 * Registers each demo connector unless it is already there with the same config;
 * one whose config changed (an emulator on another port) is registered anew.
 */
export async function registerDemoSystems(catalog: ConnectorCatalog, demo: DemoSystems): Promise<string[]> {
  const existing = new Map((await catalog.list()).map((doc) => [doc.name, doc]));
  const lines: string[] = [];
  for (const input of demo.connectors) {
    const current = existing.get(input.name);
    if (current && contains(current.config, input.config)) {
      lines.push(`demo connector ${input.name} already registered`);
      continue;
    }
    try {
      if (current) await catalog.remove(current._id);
      await catalog.register(input);
      lines.push(`registered demo connector ${input.name} (${input.kind})`);
    } catch (error) {
      lines.push(`could not register demo connector ${input.name}: ${errorMessage(error)}`);
    }
  }
  return lines;
}

/** Whether every value given in `wanted` is in `stored` (which also holds the defaults the plugin filled in). */
function contains(stored: unknown, wanted: unknown): boolean {
  if (wanted === null || typeof wanted !== 'object') return stored === wanted;
  if (stored === null || typeof stored !== 'object') return false;
  if (Array.isArray(wanted)) return Array.isArray(stored) && wanted.length === stored.length && wanted.every((w, i) => contains(stored[i], w));
  return Object.entries(wanted).every(([key, value]) => value === undefined || contains((stored as Record<string, unknown>)[key], value));
}
