/** Test-only: the Salesforce emulator with a connector logged into it. */
import { createLogger } from '../../../core/logger.js';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../../devstack/emulators/salesforce/server.js';
import type { ConnectorContext } from '../../../connectors/sdk/contract.js';
import { salesforceConfigSchema, type SalesforceSecrets } from '../../../connectors/salesforce/config.js';
import type { SalesforceConnector } from '../../../connectors/salesforce/connector.js';
import { createSalesforceConnector } from '../../../connectors/salesforce/plugin.js';

export function testContext(overrides: Partial<ConnectorContext> = {}): ConnectorContext {
  return { connectorId: 'conn_sf_test', name: 'salesforce-under-test', logger: createLogger('test:salesforce'), timeoutMs: 10_000, defaultCountry: 'FR', ...overrides };
}

export function clientCredentials(sf: SalesforceEmulator): SalesforceSecrets {
  return { clientId: sf.credentials.clientId, clientSecret: sf.credentials.clientSecret };
}

/** Opens a connector on the emulator; config is the raw input a user would register. */
export function openConnector(sf: SalesforceEmulator, config: Record<string, unknown> = {}, secrets?: SalesforceSecrets, context?: Partial<ConnectorContext>): Promise<SalesforceConnector> {
  return createSalesforceConnector(salesforceConfigSchema.parse({ loginUrl: sf.url, ...config }), secrets ?? clientCredentials(sf), testContext(context));
}

export interface EmulatedOrg {
  sf: SalesforceEmulator;
  connector: SalesforceConnector;
  stop(): Promise<void>;
}

export async function emulatedOrg(config: Record<string, unknown> = {}): Promise<EmulatedOrg> {
  const sf = await startSalesforceEmulator();
  const connector = await openConnector(sf, config);
  return { sf, connector, stop: async () => { await connector.close(); await sf.stop(); } };
}

/** The id of a seeded person's Contact or Lead. */
export function personId(sf: SalesforceEmulator, object: 'Contact' | 'Lead', lastName: string): string {
  const def = sf.state.object(object);
  const found = [...sf.state.records(def)].find((r) => r.LastName === lastName);
  if (!found) throw new Error(`no ${object} ${lastName} in the emulator`);
  return found.Id;
}
