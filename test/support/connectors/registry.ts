import { BUILT_IN_PLUGINS } from '../../../connectors/builtin.js';
import { PluginRegistry } from '../../../connectors/sdk/registry.js';
import { fixturePlugin } from './fixture-plugin.js';

/** The built-in kinds plus `fixture`: what the tests' catalogs know. */
export function testRegistry(): PluginRegistry {
  const registry = new PluginRegistry().register(fixturePlugin);
  for (const plugin of BUILT_IN_PLUGINS) registry.register(plugin);
  return registry;
}
