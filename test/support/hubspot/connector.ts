/** Opens the HubSpot connector on an emulator, as the catalog would, for tests. */
import { createLogger } from '../../../core/logger.js';
import type { HubspotEmulator } from '../../../devstack/emulators/hubspot/server.js';
import type { ConnectorContext } from '../../../connectors/sdk/contract.js';
import { hubspotConfigSchema } from '../../../connectors/hubspot/config.js';
import type { HubspotConnector } from '../../../connectors/hubspot/connector.js';
import { createHubspotConnector } from '../../../connectors/hubspot/plugin.js';

export function testContext(overrides: Partial<ConnectorContext> = {}): ConnectorContext {
  return { connectorId: 'conn_hubspot_test', name: 'crm-hubspot', logger: createLogger('connector:crm-hubspot'), timeoutMs: 10_000, defaultCountry: 'FR', ...overrides };
}

export function openHubspot(emulator: HubspotEmulator, config: Record<string, unknown> = {}, options: { token?: string; context?: Partial<ConnectorContext> } = {}): Promise<HubspotConnector> {
  const parsed = hubspotConfigSchema.parse({ basePath: emulator.url, restrictionProperty: 'gdpr_processing_restricted', ...config });
  return createHubspotConnector(parsed, { accessToken: options.token ?? emulator.token }, testContext(options.context));
}

/** The emulator's calls to one path, e.g. how many GDPR deletes a contact got. */
export function callsTo(emulator: HubspotEmulator, method: string, path: string | RegExp) {
  return emulator.calls.filter((c) => c.method === method && (typeof path === 'string' ? c.path === path : path.test(c.path)));
}
