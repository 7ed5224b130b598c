import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { seal, unseal, type SecretKey } from '../../core/crypto.js';
import { ConnectorError, NotFoundError, ValidationError, errorMessage } from '../../core/errors.js';
import { createLogger } from '../../core/logger.js';
import type { ConnectorDoc, ConnectorRepository } from '../../core/storage/connectors.js';
import type { Storage } from '../../core/storage/mongo.js';
import type { Connector, ConnectorDescription, HealthCheck } from './contract.js';
import type { PluginRegistry } from './registry.js';

export interface RegisterConnectorInput {
  kind: string;
  name: string;
  config: unknown;
  secrets?: Record<string, string> | null;
  enabled?: boolean;
}

export interface CatalogOptions {
  secretKeys: readonly SecretKey[];
  timeoutMs: number;
  defaultCountry: string;
  /** Handed to connectors that keep state of their own (ConnectorContext.storage). */
  storage?: Storage;
}

/**
 * Told of changes to the stored connectors, so upkeep kept elsewhere (a file
 * share's crawl schedule) follows them. A failing `registered` undoes the
 * registration; a failing `removing` keeps the connector.
 */
export interface CatalogWatcher {
  registered?(doc: ConnectorDoc): Promise<void>;
  enabledChanged?(doc: ConnectorDoc): Promise<void>;
  removing?(doc: ConnectorDoc): Promise<void>;
}

/** Turns zod issues into our ValidationError, paths prefixed with where the input sat. */
export function validationFromZod(message: string, prefix: string, error: z.ZodError): ValidationError {
  return new ValidationError(
    message,
    error.issues.map((issue) => ({ path: [prefix, ...issue.path.map(String)].join('.'), message: issue.message })),
  );
}

/**
 * Registered connectors: validates and stores them (secrets sealed), tests them,
 * and opens live instances, kept open and shared until the connector changes.
 */
export class ConnectorCatalog {
  readonly #open = new Map<string, { updatedAt: number; connector: Promise<Connector> }>();
  readonly #watchers: CatalogWatcher[] = [];

  constructor(
    private readonly repository: ConnectorRepository,
    private readonly registry: PluginRegistry,
    private readonly options: CatalogOptions,
  ) {}

  kinds(): string[] {
    return this.registry.kinds();
  }

  watch(watcher: CatalogWatcher): void {
    this.#watchers.push(watcher);
  }

  /** Validates, reaches the system, describes it, and only then stores it. Throws ValidationError or ConnectorError; nothing is stored then. */
  async register(input: RegisterConnectorInput): Promise<ConnectorDoc> {
    const name = input.name.trim();
    if (!/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,62}$/.test(name)) {
      throw new ValidationError('A connector name is 1 to 63 letters, digits, spaces, dots, dashes or underscores', [
        { path: 'name', message: 'invalid name' },
      ]);
    }
    if (await this.repository.find(name)) {
      throw new ValidationError(`A connector named "${name}" already exists`, [{ path: 'name', message: 'already taken' }]);
    }
    const plugin = this.registry.get(input.kind);
    const config = plugin.configSchema.safeParse(input.config ?? {});
    if (!config.success) throw validationFromZod(`Invalid configuration for a ${input.kind} connector`, 'config', config.error);
    const secrets = plugin.secretsSchema.safeParse(input.secrets ?? {});
    if (!secrets.success) throw validationFromZod(`Invalid secrets for a ${input.kind} connector`, 'secrets', secrets.error);

    const id = `conn_${randomBytes(8).toString('hex')}`;
    const connector = await plugin.create(config.data, secrets.data, this.#context(id, name));
    let description: ConnectorDescription;
    let check: HealthCheck;
    try {
      check = await connector.check();
      if (!check.ok) throw new ConnectorError(check.reachable ? (check.authenticated ? 'permission' : 'authentication') : 'unreachable', check.message);
      description = await connector.describe();
    } finally {
      await connector.close();
    }
    const now = new Date();
    const doc: ConnectorDoc = {
      _id: id,
      kind: plugin.kind,
      name,
      enabled: input.enabled ?? true,
      config: config.data as Record<string, unknown>,
      secrets: Object.keys(secrets.data).length > 0 ? seal(JSON.stringify(secrets.data), this.options.secretKeys[0]!) : null,
      secretNames: Object.keys(secrets.data).sort(),
      description,
      lastCheck: { ...check, at: now },
      createdAt: now,
      updatedAt: now,
    };
    await this.repository.insert(doc);
    try {
      for (const watcher of this.#watchers) await watcher.registered?.(doc);
    } catch (error) {
      await this.repository.remove(id);
      throw error;
    }
    return doc;
  }

  list(filter: { enabled?: boolean } = {}): Promise<ConnectorDoc[]> {
    return this.repository.list(filter);
  }

  async get(idOrName: string): Promise<ConnectorDoc> {
    const doc = await this.repository.find(idOrName);
    if (!doc) throw new NotFoundError('Connector', idOrName);
    return doc;
  }

  /** Reachability, authentication and permissions; never throws for a failing system, the answer says why. */
  async test(idOrName: string): Promise<HealthCheck> {
    const doc = await this.get(idOrName);
    const started = Date.now();
    let check: HealthCheck;
    try {
      const connector = await this.open(doc);
      check = await connector.check();
      if (check.ok) await this.repository.update(doc._id, { description: await connector.describe() });
    } catch (error) {
      void this.#forget(doc._id);
      const kind = error instanceof ConnectorError ? error.kind : 'unreachable';
      check = {
        ok: false,
        reachable: kind !== 'unreachable' && kind !== 'timeout',
        authenticated: kind !== 'authentication' && kind !== 'unreachable',
        permissions: { ok: false, missing: [] },
        message: errorMessage(error),
        latencyMs: Date.now() - started,
      };
    }
    await this.repository.update(doc._id, { lastCheck: { ...check, at: new Date() } });
    return check;
  }

  async setEnabled(idOrName: string, enabled: boolean): Promise<ConnectorDoc> {
    const doc = await this.get(idOrName);
    const updated = await this.repository.update(doc._id, { enabled });
    if (!updated) throw new NotFoundError('Connector', idOrName);
    for (const watcher of this.#watchers) await watcher.enabledChanged?.(updated);
    return updated;
  }

  async remove(idOrName: string): Promise<ConnectorDoc> {
    const doc = await this.get(idOrName);
    for (const watcher of this.#watchers) await watcher.removing?.(doc);
    // What Gardien learned of the system goes with it (a file share's index names where people appear).
    const connector = await this.open(doc).catch(() => null);
    await connector?.forget?.();
    await this.#forget(doc._id);
    await this.repository.remove(doc._id);
    return doc;
  }

  /**
   * A live connector for a stored one, shared between callers until the stored one
   * changes. A doc older than the open connector's gets that connector: someone
   * has read a newer one since, and the newer one is never closed for an older.
   */
  async open(docOrId: ConnectorDoc | string): Promise<Connector> {
    const doc = typeof docOrId === 'string' ? await this.get(docOrId) : docOrId;
    const cached = this.#open.get(doc._id);
    if (cached && cached.updatedAt >= doc.updatedAt.getTime()) return cached.connector;
    if (cached) void this.#forget(doc._id);
    const plugin = this.registry.get(doc.kind);
    const secrets = doc.secrets ? (JSON.parse(unseal(doc.secrets, this.options.secretKeys)) as Record<string, string>) : {};
    const connector = plugin.create(plugin.configSchema.parse(doc.config), plugin.secretsSchema.parse(secrets), this.#context(doc._id, doc.name));
    this.#open.set(doc._id, { updatedAt: doc.updatedAt.getTime(), connector });
    connector.catch(() => this.#open.delete(doc._id));
    return connector;
  }

  async closeAll(): Promise<void> {
    const ids = [...this.#open.keys()];
    await Promise.all(ids.map((id) => this.#forget(id)));
  }

  async #forget(id: string): Promise<void> {
    const cached = this.#open.get(id);
    this.#open.delete(id);
    if (!cached) return;
    try {
      await (await cached.connector).close();
    } catch {
      // A connector that failed to open has nothing to close.
    }
  }

  #context(connectorId: string, name: string) {
    return {
      connectorId,
      name,
      logger: createLogger(`connector:${name}`),
      timeoutMs: this.options.timeoutMs,
      defaultCountry: this.options.defaultCountry,
      storage: this.options.storage,
    };
  }
}
