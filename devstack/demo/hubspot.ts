/** The demo HubSpot portal as `npm start` registers it: the local emulator, reached like a real portal with a private app token. */
import type { RegisterConnectorInput } from '../../connectors/sdk/catalog.js';
import type { HubspotConfig } from '../../connectors/hubspot/config.js';

export const DEMO_HUBSPOT_CONNECTOR_NAME = 'crm-hubspot';

export function demoHubspotConfig(emulatorUrl: string): HubspotConfig {
  return {
    basePath: emulatorUrl,
    // A custom contact property the portal's admin created to flag restricted processing (GDPR Art. 18).
    restrictionProperty: 'gdpr_processing_restricted',
    erasure: { strategy: 'vendor_delete' },
  };
}

/** The emulator's URL and private app token, e.g. `startHubspotEmulator()`'s `url` and `token`. */
export function demoHubspotConnectorInput(emulatorUrl: string, token: string): RegisterConnectorInput {
  return { kind: 'hubspot', name: DEMO_HUBSPOT_CONNECTOR_NAME, config: demoHubspotConfig(emulatorUrl), secrets: { accessToken: token } };
}
