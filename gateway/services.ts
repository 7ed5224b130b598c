import { createPluginRegistry } from '../connectors/builtin.js';
import { ConnectorCatalog } from '../connectors/sdk/catalog.js';
import type { PluginRegistry } from '../connectors/sdk/registry.js';
import { AuditTrail } from '../core/audit.js';
import { createConsentLedger } from '../core/consent/create.js';
import type { ConsentLedger } from '../core/consent/ledger.js';
import type { GardienConfig } from '../core/config.js';
import { ProcessingRegister } from '../core/register/service.js';
import { AuditRepository } from '../core/storage/audit.js';
import { ConnectorRepository } from '../core/storage/connectors.js';
import { Storage } from '../core/storage/mongo.js';
import { Federation } from './federation.js';
import { CatalogRegisterSystems } from './register-systems.js';
import { createRequestServices, type RequestServices } from '../workflows/runtime/client.js';
import { FileshareCrawls } from '../workflows/runtime/crawl-client.js';

/** Everything the gateway and the CLI use, built from the config in one place. */
export interface Services extends RequestServices {
  config: GardienConfig;
  storage: Storage;
  registry: PluginRegistry;
  catalog: ConnectorCatalog;
  federation: Federation;
  audit: AuditTrail;
  /** File share crawls; also follows the catalog (schedule on registration, paused while disabled, gone on removal). */
  crawls: FileshareCrawls;
  /** The consent ledger and `canContact`. */
  consents: ConsentLedger;
  register: ProcessingRegister;
  /** Closes open connectors, then storage. */
  close(): Promise<void>;
}

export interface ServiceOptions {
  /** Connector kinds to offer; defaults to the built-ins plus `config.plugins`. Tests pass their own. */
  registry?: PluginRegistry;
}

export async function createServices(config: GardienConfig, options: ServiceOptions = {}): Promise<Services> {
  const registry = options.registry ?? (await createPluginRegistry(config.plugins));
  const storage = await Storage.open(config.mongo.uri, config.mongo.db);
  try {
    const connectors = new ConnectorRepository(storage);
    const auditRepository = new AuditRepository(storage);
    await Promise.all([connectors.ensureIndexes(), auditRepository.ensureIndexes()]);
    const catalog = new ConnectorCatalog(connectors, registry, {
      secretKeys: config.secretKeys,
      timeoutMs: config.connectorTimeoutMs,
      defaultCountry: config.defaultCountry,
      storage,
    });
    const audit = new AuditTrail(auditRepository, config.secretKeys[0]!);
    const requestServices = await createRequestServices(config, storage);
    const crawls = new FileshareCrawls(requestServices.services.temporal.client, config.temporal.taskQueue, storage);
    catalog.watch(crawls);
    const consents = await createConsentLedger(config, storage, { audit, restrictions: requestServices.services.dsr.restrictions });
    const federation = new Federation(catalog, audit, { timeoutMs: config.connectorTimeoutMs, defaultCountry: config.defaultCountry }, requestServices.services.dsr.restrictions);
    const register = new ProcessingRegister(requestServices.services.dsr.processings, audit, new CatalogRegisterSystems(catalog, config.connectorTimeoutMs), { dpoEmail: config.deadlines.dpoEmail });
    catalog.watch({ removing: (doc) => register.forgetConnector(doc._id) });
    return {
      ...requestServices.services,
      config,
      storage,
      registry,
      catalog,
      federation,
      audit,
      crawls,
      consents,
      register,
      async close() {
        await requestServices.close();
        await catalog.closeAll();
        await storage.close();
      },
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
