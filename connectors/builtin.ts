import type { ConnectorPlugin } from './sdk/contract.js';
import { PluginRegistry, loadPluginPackages } from './sdk/registry.js';
import { filesharePlugin } from './fileshare/plugin.js';
import { hubspotPlugin } from './hubspot/plugin.js';
import { manualPlugin } from './manual/plugin.js';
import { salesforcePlugin } from './salesforce/plugin.js';
import { sqlPlugin } from './sql/plugin.js';

/** The connector kinds that ship with Gardien. Each built-in kind adds its plugin here. */
export const BUILT_IN_PLUGINS: ConnectorPlugin[] = [sqlPlugin, salesforcePlugin, hubspotPlugin, filesharePlugin, manualPlugin];

/** Built-ins plus the plugin packages named in the configuration. */
export async function createPluginRegistry(pluginPackages: readonly string[] = []): Promise<PluginRegistry> {
  const registry = new PluginRegistry();
  for (const plugin of BUILT_IN_PLUGINS) registry.register(plugin);
  for (const plugin of await loadPluginPackages(pluginPackages)) registry.register(plugin);
  return registry;
}
