import { mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { ConnectorCatalog } from '../../../connectors/sdk/catalog.js';
import { loadConfig, type GardienConfig } from '../../../core/config.js';
import { createDsrServices, type DsrServices } from '../../../core/dsr-services.js';
import { RequestActions } from '../../../core/request-actions.js';
import { RequestService } from '../../../core/request-service.js';
import { ConnectorRepository } from '../../../core/storage/connectors.js';
import { Storage } from '../../../core/storage/mongo.js';
import { DsrWorkflowClient, connectTemporal } from '../../../workflows/runtime/client.js';
import { createWorker } from '../../../workflows/runtime/worker.js';
import type { CaughtMail } from '../stack/mail.js';
import { testRegistry } from '../connectors/registry.js';

/** The request machinery on the real stack: storage, catalog, services, a worker on its own task queue, a client. */
export interface Harness {
  config: GardienConfig;
  storage: Storage;
  services: DsrServices;
  catalog: ConnectorCatalog;
  temporal: DsrWorkflowClient;
  requests: RequestService;
  actions: RequestActions;
  close(): Promise<void>;
}

export function stackEnv(): { temporal: string; mongo: string; smtp: string } {
  const { TEMPORAL_ADDRESS: temporal, MONGODB_URI: mongo, SMTP_URL: smtp } = process.env;
  if (!temporal || !mongo || !smtp) throw new Error('TEMPORAL_ADDRESS, MONGODB_URI and SMTP_URL must point at the test stack (vitest globalSetup sets them)');
  return { temporal, mongo, smtp };
}

let runtimeInstalled = false;

/** The SDK logs every worker state change at INFO; tests want warnings only. Call before any worker exists. */
export function quietTemporal(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

// test/support/* reads vitest's injected values, so it is loaded only when needed: record-histories.ts runs outside vitest.
const uniqueName = async (prefix: string) => (await import('../stack/db.js')).uniqueName(prefix);

/** `receivedClock` dates new requests (hence their due dates), so tests can file one "a month ago"; everything else keeps real time. */
export async function startHarness(env: Record<string, string> = {}, options: { receivedClock?: () => Date } = {}): Promise<Harness> {
  quietTemporal();
  const stack = stackEnv();
  const db = env.MONGODB_DB ?? (await uniqueName('dsr'));
  const config = loadConfig({
    GARDIEN_HOME: mkdtempSync(path.join(tmpdir(), 'gardien-dsr-')),
    GARDIEN_SECRET_KEY: `test:${randomBytes(32).toString('base64')}`,
    GARDIEN_TOKEN_SECRET: randomBytes(32).toString('hex'),
    MONGODB_URI: stack.mongo,
    MONGODB_DB: db,
    TEMPORAL_ADDRESS: stack.temporal,
    TEMPORAL_TASK_QUEUE: `dsr-test-${randomBytes(6).toString('hex')}`,
    SMTP_URL: stack.smtp,
    PUBLIC_URL: 'http://gardien.test',
    ...env,
  });
  const storage = await Storage.open(config.mongo.uri, config.mongo.db);
  const services = createDsrServices(config, storage);
  await services.ensureIndexes();
  const catalog = new ConnectorCatalog(new ConnectorRepository(storage), testRegistry(), {
    secretKeys: config.secretKeys,
    timeoutMs: config.connectorTimeoutMs,
    defaultCountry: config.defaultCountry,
    storage,
  });
  const temporal = new DsrWorkflowClient(await connectTemporal(config), config.temporal.taskQueue);
  const requests = new RequestService(services.requests, services.verification, temporal, {
    publicUrl: config.publicUrl,
    defaultLanguage: config.mail.defaultLanguage,
    defaultCountry: config.defaultCountry,
    secretKey: config.secretKeys[0]!,
    now: options.receivedClock,
  });
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker: Worker = await createWorker({ config, services, catalog, connection });
  const running = worker.run();
  return {
    config,
    storage,
    services,
    catalog,
    temporal,
    requests,
    actions: new RequestActions(services.requests, services.manualTasks, temporal),
    async close() {
      worker.shutdown();
      await running;
      await connection.close();
      await temporal.close();
      await catalog.closeAll();
      services.close();
      await storage.db.dropDatabase();
      await storage.close();
    },
  };
}

/** The mail about `requestId` to `to` whose subject includes `subject`, waiting for it (every request mail names its id). */
export async function mailAbout(requestId: string, to: string, subject: string): Promise<CaughtMail> {
  const { waitForMail } = await import('../stack/mail.js');
  return waitForMail({ to, subjectIncludes: subject, textIncludes: requestId });
}

export function codeFrom(text: string): string {
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  if (!code) throw new Error('no 6-digit code in the email');
  return code;
}

/** A fresh MongoDB database on the test stack; `drop` removes it. */
export async function openTestStorage(): Promise<Storage & { drop(): Promise<void> }> {
  const storage = await Storage.open(stackEnv().mongo, await uniqueName('dsr_unit'));
  return Object.assign(storage, {
    async drop() {
      await storage.db.dropDatabase();
      await storage.close();
    },
  });
}
