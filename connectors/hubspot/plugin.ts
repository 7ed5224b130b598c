import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { ConnectorContext, ConnectorPlugin } from '../sdk/contract.js';
import { HubspotApi } from './api.js';
import { HUBSPOT_API, type HubspotConfig, type HubspotSecrets, hubspotConfigSchema, hubspotSecretsSchema } from './config.js';
import { HubspotConnector } from './connector.js';
import { HubspotModel } from './model.js';

/** Builds the connector without calling HubSpot: `check()` and `describe()` do, when asked. */
export async function createHubspotConnector(config: HubspotConfig, secrets: HubspotSecrets, context: ConnectorContext): Promise<HubspotConnector> {
  const basePath = config.basePath ?? HUBSPOT_API;
  // One pool of connections per connector, closed with it.
  const agent = basePath.startsWith('https:') ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const api = new HubspotApi({ basePath, accessToken: secrets.accessToken, timeoutMs: context.timeoutMs, logger: context.logger, agent });
  return new HubspotConnector(api, new HubspotModel(api, config), config, context, agent);
}

export const hubspotPlugin: ConnectorPlugin<HubspotConfig, HubspotSecrets> = {
  kind: 'hubspot',
  displayName: 'HubSpot CRM',
  configSchema: hubspotConfigSchema,
  secretsSchema: hubspotSecretsSchema,
  create: createHubspotConnector,
};
