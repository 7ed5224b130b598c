import type { ConnectorContext, ConnectorPlugin } from '../sdk/contract.js';
import { SalesforceApi } from './api.js';
import { salesforceConfigSchema, salesforceSecretsSchema, type SalesforceConfig, type SalesforceSecrets } from './config.js';
import { SalesforceConnector } from './connector.js';
import { SalesforceSession } from './session.js';

/** Logs in (failing with the reason when it cannot) and returns the connector. */
export async function createSalesforceConnector(config: SalesforceConfig, secrets: SalesforceSecrets, context: ConnectorContext): Promise<SalesforceConnector> {
  const session = new SalesforceSession(config, secrets);
  await session.login();
  context.logger.info('salesforce session opened', { instance: session.instanceUrl, flow: session.flow });
  const api = new SalesforceApi(session, { timeoutMs: context.timeoutMs, queryBatchSize: config.queryBatchSize });
  return new SalesforceConnector(session, api, config, context);
}

export const salesforcePlugin: ConnectorPlugin<SalesforceConfig, SalesforceSecrets> = {
  kind: 'salesforce',
  displayName: 'Salesforce',
  configSchema: salesforceConfigSchema,
  secretsSchema: salesforceSecretsSchema,
  create: createSalesforceConnector,
};
