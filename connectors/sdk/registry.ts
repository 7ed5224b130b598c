import { ValidationError } from '../../core/errors.js';
import type { ConnectorPlugin } from './contract.js';

/** The connector kinds this process knows: built-ins plus plugins loaded from npm packages. */
export class PluginRegistry {
  readonly #plugins = new Map<string, ConnectorPlugin>();

  register(plugin: ConnectorPlugin): this {
    if (this.#plugins.has(plugin.kind)) throw new Error(`Connector kind "${plugin.kind}" is registered twice`);
    this.#plugins.set(plugin.kind, plugin);
    return this;
  }

  get(kind: string): ConnectorPlugin {
    const plugin = this.#plugins.get(kind);
    if (!plugin) {
      throw new ValidationError(`Unknown connector kind "${kind}"; known kinds: ${this.kinds().join(', ')}`, [
        { path: 'kind', message: `unknown kind "${kind}"` },
      ]);
    }
    return plugin;
  }

  kinds(): string[] {
    return [...this.#plugins.keys()].sort();
  }
}

function isPlugin(value: unknown): value is ConnectorPlugin {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.kind === 'string' && typeof v.create === 'function' && typeof v.configSchema === 'object';
}

/** Loads third-party plugins: each npm package's default export (or `plugin` export) is a ConnectorPlugin. */
export async function loadPluginPackages(names: readonly string[]): Promise<ConnectorPlugin[]> {
  const plugins: ConnectorPlugin[] = [];
  for (const name of names) {
    const mod = (await import(name)) as Record<string, unknown>;
    const candidate = mod.default ?? mod.plugin;
    if (!isPlugin(candidate)) throw new Error(`Package ${name} does not export a connector plugin (kind, configSchema, create)`);
    plugins.push(candidate);
  }
  return plugins;
}
