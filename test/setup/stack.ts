/** Vitest globalSetup: one Temporal dev server, one FerretDB and one mail catcher per `vitest run`. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startMailCatcher } from '../../devstack/mailcatcher.js';
import { startMongo } from '../../devstack/mongo.js';
import { startTemporal } from '../../devstack/temporal.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalNamespace: string;
    mongodbUri: string;
    smtpUrl: string;
    mailcatcherUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const dir = mkdtempSync(path.join(tmpdir(), 'gardien-test-stack-'));
  const results = await Promise.allSettled([
    startTemporal({ ui: false, logFile: path.join(dir, 'temporal.log') }),
    startMongo({ dataDir: path.join(dir, 'ferretdb'), logFile: path.join(dir, 'mongo.log') }),
    startMailCatcher(),
  ]);
  const stops = results.flatMap((r) => (r.status === 'fulfilled' ? [() => r.value.stop()] : []));
  const teardown = async () => {
    await Promise.allSettled(stops.map((stop) => stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  const [temporalResult, mongoResult, mailResult] = results;
  if (temporalResult.status === 'rejected' || mongoResult.status === 'rejected' || mailResult.status === 'rejected') {
    await teardown();
    throw results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))[0];
  }
  const [temporal, mongo, mail] = [temporalResult.value, mongoResult.value, mailResult.value];
  const mailcatcherUrl = await mail.listenHttp().catch(async (error: unknown) => {
    await teardown();
    throw error;
  });

  // Test workers inherit this process's environment: code that reads its config from env finds the stack.
  Object.assign(process.env, {
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    MONGODB_URI: mongo.uri,
    SMTP_URL: mail.smtpUrl,
    MAILCATCHER_URL: mailcatcherUrl,
  });
  if (temporal.cliPath) process.env.TEMPORAL_CLI_PATH = temporal.cliPath;
  project.provide('temporalAddress', temporal.address);
  project.provide('temporalNamespace', temporal.namespace);
  project.provide('mongodbUri', mongo.uri);
  project.provide('smtpUrl', mail.smtpUrl);
  project.provide('mailcatcherUrl', mailcatcherUrl);

  const origin = (external: boolean, what: string) => (external ? 'from the environment' : `started: ${what}`);
  console.log(
    [
      `Test stack ready in ${((Date.now() - started) / 1000).toFixed(1)}s (data and logs in ${dir}, removed at the end):`,
      `  Temporal  ${temporal.address} namespace ${temporal.namespace} (${origin(temporal.external, 'temporal server start-dev, in memory')})`,
      `  MongoDB   ${mongo.uri} (${origin(mongo.kind === 'external', mongo.kind)})`,
      `  Mail      ${mail.smtpUrl}, caught mails at ${mailcatcherUrl} (started: in-process catcher)`,
    ].join('\n'),
  );
  return teardown;
}
