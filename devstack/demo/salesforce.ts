/** The demo Salesforce org as `npm start` registers it: the local emulator, logged into like a real org. */
import type { RegisterConnectorInput } from '../../connectors/sdk/catalog.js';
import type { SalesforceConfig } from '../../connectors/salesforce/config.js';
import { DEMO_SALESFORCE_CREDENTIALS } from '../emulators/salesforce/auth.js';

export const DEMO_SALESFORCE_CONNECTOR_NAME = 'crm-salesforce';

export function demoSalesforceConfig(emulatorUrl: string): SalesforceConfig {
  return {
    loginUrl: emulatorUrl,
    apiVersion: '60.0',
    objects: {
      Case: { categories: { Comments: 'communication' } },
    },
    erasure: { strategy: 'anonymise' },
    queryBatchSize: 2000,
  };
}

/** Client-credentials flow, as a connected app for an integration user would be set up. */
export function demoSalesforceConnectorInput(emulatorUrl: string): RegisterConnectorInput {
  const { clientId, clientSecret } = DEMO_SALESFORCE_CREDENTIALS;
  return { kind: 'salesforce', name: DEMO_SALESFORCE_CONNECTOR_NAME, config: demoSalesforceConfig(emulatorUrl), secrets: { clientId, clientSecret } };
}
