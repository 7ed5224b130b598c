/**
 * `npm start`: the whole local stack on one machine, no Docker, no account anywhere.
 * Temporal (with its Web UI), a MongoDB-protocol server, a mail catcher, the CRM
 * emulators, the worker and the gateway; the demo systems registered as connectors.
 * Data lives in GARDIEN_HOME (default .gardien/), so a restart keeps it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../core/config.js';
import { errorMessage } from '../core/errors.js';
import { issueToken } from '../gateway/auth.js';
import { createServices } from '../gateway/services.js';
import { startGateway } from '../gateway/server.js';
import { codecServerOptions, startCodecServer } from '../workflows/runtime/codec-server.js';
import { runWorker } from '../workflows/runtime/worker.js';
import { startMailCatcher } from './mailcatcher.js';
import { startMongo } from './mongo.js';
import { startTemporal } from './temporal.js';
import { portOr } from './ports.js';
import { DEMO_FILESHARE_CONNECTOR_NAME } from './demo/fileshare.js';
import { seedDemoRegister } from './demo/register.js';
import { registerDemoSystems, startDemoSystems } from './demo/systems.js';

type Stop = () => Promise<void>;
const stops: { name: string; stop: Stop }[] = [];
const step = (message: string) => process.stdout.write(`• ${message}\n`);

async function main(): Promise<void> {
  const home = path.resolve(process.env.GARDIEN_HOME ?? '.gardien');
  mkdirSync(home, { recursive: true });
  process.env.GARDIEN_HOME = home;
  const early = loadConfig(); // Bad variables are reported before anything starts.

  step('starting MongoDB-protocol server…');
  const mongo = await startMongo({ dataDir: path.join(home, 'mongo'), port: await portOr(27017), logFile: path.join(home, 'mongo.log') });
  stops.push({ name: 'MongoDB', stop: mongo.stop });
  process.env.MONGODB_URI ??= mongo.uri;

  // The Web UI decrypts history through our codec server: it starts first, and the UI is told where it is.
  const uiPort = await portOr(8233);
  step('starting Temporal codec server…');
  const codec = await startCodecServer(codecServerOptions(early, [`http://127.0.0.1:${uiPort}`, `http://localhost:${uiPort}`]), { port: await portOr(8888) });
  stops.push({ name: 'codec server', stop: codec.close });

  step('starting Temporal dev server…');
  const temporal = await startTemporal({
    dbFile: path.join(home, 'temporal.db'),
    port: await portOr(7233),
    uiPort,
    uiCodecEndpoint: codec.url,
    logFile: path.join(home, 'temporal.log'),
  });
  stops.push({ name: 'Temporal', stop: temporal.stop });
  process.env.TEMPORAL_ADDRESS ??= temporal.address;

  let mailUrl = process.env.SMTP_URL;
  if (!process.env.SMTP_URL) {
    const mail = await startMailCatcher({ port: await portOr(1025), storeFile: path.join(home, 'mail.jsonl') });
    stops.push({ name: 'mail catcher', stop: mail.stop });
    process.env.SMTP_URL = mail.smtpUrl;
    mailUrl = await mail.listenHttp(await portOr(1080));
  }

  // Links in emails point at the port the gateway really gets.
  process.env.PORT = String(await portOr(Number(process.env.PORT ?? 4000)));
  const config = loadConfig();
  const demo = process.env.GARDIEN_DEMO === 'off' ? null : await startDemoSystems(home);
  if (demo) stops.push({ name: 'demo systems', stop: demo.stop });

  const services = await createServices(config);
  stops.push({ name: 'services', stop: services.close });
  if (demo) {
    for (const line of await registerDemoSystems(services.catalog, demo)) step(line);
    const demoNames = demo.connectors.map((c) => c.name);
    for (const line of await seedDemoRegister(services.register, services.catalog, demoNames, config.deadlines.dpoEmail)) step(line);
    // Each start brings the demo share's index up to date (only changed files are read): its people are found within seconds.
    const share = (await services.catalog.list()).find((doc) => doc.name === DEMO_FILESHARE_CONNECTOR_NAME);
    if (share?.enabled) {
      try {
        await services.crawls.crawl(share);
        const every = (await services.crawls.status(share))?.schedule?.every;
        step(`crawling demo share ${share.name} (then every ${every}; follow it with \`npx gardien connectors crawl ${share.name} --wait\`)`);
      } catch (error) {
        step(`could not start the crawl of demo share ${share.name}: ${errorMessage(error)}`);
      }
    }
  }

  step('starting worker…');
  const worker = runWorker(config);
  worker.catch((error: unknown) => {
    process.stderr.write(`worker stopped: ${errorMessage(error)}\n`);
    void shutdown(1);
  });
  stops.push({ name: 'worker', stop: async () => void (await worker.catch(() => undefined)) });

  const gateway = await startGateway(services, { port: config.port });
  stops.push({ name: 'gateway', stop: gateway.close });
  const token = await issueToken(config.tokenSecret, { role: 'dpo', sub: 'dpo@local', ttl: '30d' });

  process.stdout.write(`
Gardien is running.
  GraphQL (GraphiQL):  ${gateway.graphqlUrl}
  Customer portal:     ${gateway.url}/
  Temporal Web UI:     ${temporal.uiUrl ?? '(external Temporal: its own UI)'}
  Temporal codec:      ${codec.url} ${temporal.uiUrl ? '(the Web UI decrypts payloads through it)' : '(set it as the codec endpoint in your Temporal UI)'}
  Caught emails:       ${mailUrl}
  MongoDB:             ${mongo.uri}
  Data kept in:        ${home}
${demo ? `  Demo systems:        ${demo.summary}\n` : ''}
DPO token (30 days; new ones with \`npx gardien token --role dpo\`):
  ${token}

Try it: curl -s ${gateway.graphqlUrl} -H 'authorization: Bearer <token>' -H 'content-type: application/json' \\
  -d '{"query":"{ subject(identity: {email: \\"camille.durand@example.fr\\"}) { systems { name status records { object } } } }"}'

Ctrl-C stops everything.
`);
}

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nstopping…\n');
  // The worker reacts to the same signal through the Temporal runtime; the rest stops in reverse order.
  for (const { name, stop } of stops.reverse()) {
    try {
      await stop();
    } catch (error) {
      process.stderr.write(`could not stop ${name}: ${errorMessage(error)}\n`);
    }
  }
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch(async (error: unknown) => {
  process.stderr.write(`\nGardien could not start: ${errorMessage(error)}\n`);
  await shutdown(1);
});
