import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { createPluginRegistry } from '../../connectors/builtin.js';
import { ConnectorCatalog } from '../../connectors/sdk/catalog.js';
import type { GardienConfig } from '../../core/config.js';
import { createDsrServices, type DsrServices } from '../../core/dsr-services.js';
import { createLogger } from '../../core/logger.js';
import { ConnectorRepository } from '../../core/storage/connectors.js';
import { Storage } from '../../core/storage/mongo.js';
import { type FileshareActivityDeps, fileshareActivities } from '../activities/fileshare.js';
import { createActivities } from '../activities/index.js';
import { createDataConverter, FAILURE_CONVERTER_PATH } from './data-converter.js';

const log = createLogger('worker');

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows.ts', import.meta.url));

let bundle: Promise<WorkflowBundle> | undefined;

/** The workflow code, bundled once per process (webpack takes seconds; tests start many workers). */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, failureConverterPath: FAILURE_CONVERTER_PATH, logger: quietWebpack });
  return bundle;
}

const quietWebpack = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => log.warn(message),
  error: (message: string) => log.error(message),
};

export interface WorkerOptions {
  config: Pick<GardienConfig, 'temporal' | 'secretKeys' | 'publicUrl' | 'verification' | 'exportLinkTtlMs' | 'tokenSecret' | 'deadlines' | 'defaultCountry' | 'mail'>;
  services: DsrServices;
  catalog: Pick<ConnectorCatalog, 'list' | 'get' | 'open'>;
  connection?: NativeConnection;
  /** Defaults to the configured task queue; tests use their own. */
  taskQueue?: string;
  now?: () => Date;
  /** File share crawls: checkpoint size, and a hook tests use to hold a crawl mid-way. */
  fileshare?: Omit<FileshareActivityDeps, 'catalog'>;
}

/** A worker for the request workflows and the file share crawls; its activities get their dependencies from `services` and `catalog`. */
export async function createWorker(options: WorkerOptions): Promise<Worker> {
  const { config, services } = options;
  const connection = options.connection ?? (await NativeConnection.connect({ address: config.temporal.address }));
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: options.taskQueue ?? config.temporal.taskQueue,
    maxConcurrentActivityTaskExecutions: config.temporal.maxActivities,
    workflowBundle: await workflowBundle(),
    activities: {
      ...createActivities({
        config,
        storage: { requests: services.requests, exports: services.exports, reports: services.reports, manualTasks: services.manualTasks, restrictions: services.restrictions, processings: services.processings },
        verification: services.verification,
        catalog: options.catalog,
        mailer: services.mailer,
        signer: services.signer,
        now: options.now,
      }),
      ...fileshareActivities({ catalog: options.catalog, ...options.fileshare }),
    },
    dataConverter: createDataConverter(config.secretKeys),
  });
}

/** `gardien worker`: runs until SIGINT/SIGTERM, then closes what it opened. */
export async function runWorker(config: GardienConfig): Promise<void> {
  const storage = await Storage.open(config.mongo.uri, config.mongo.db);
  const services = createDsrServices(config, storage);
  await services.ensureIndexes();
  const catalog = new ConnectorCatalog(new ConnectorRepository(storage), await createPluginRegistry(config.plugins), {
    secretKeys: config.secretKeys,
    timeoutMs: config.connectorTimeoutMs,
    defaultCountry: config.defaultCountry,
    storage,
  });
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  try {
    const worker = await createWorker({ config, services, catalog, connection });
    log.info('worker started', { taskQueue: config.temporal.taskQueue, temporal: config.temporal.address });
    await worker.run();
  } finally {
    await catalog.closeAll();
    services.close();
    await connection.close();
    await storage.close();
  }
}
