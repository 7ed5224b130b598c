/** Temporal for the local stack: `TEMPORAL_ADDRESS` if set, else `temporal server start-dev`. */
import { Connection } from '@temporalio/client';
import { ensureTemporalCli, type Progress } from './binaries.js';
import { freePort } from './ports.js';
import { spawnServer, waitUntilReady } from './server-process.js';

export interface TemporalOptions {
  /** SQLite file keeping workflows across restarts; in memory when absent. */
  dbFile?: string;
  /** Frontend gRPC port; a free one when absent. */
  port?: number;
  /** Web UI port; a free one when absent. */
  uiPort?: number;
  /** false: no Web UI (tests). */
  ui?: boolean;
  /** The codec server the Web UI decrypts payloads through (`--ui-codec-endpoint`). */
  uiCodecEndpoint?: string;
  /** Created at start unless it is "default" (always there). */
  namespace?: string;
  logFile?: string;
  onProgress?: Progress;
  startTimeoutMs?: number;
}

export interface TemporalServer {
  /** host:port of the frontend, for `Connection.connect({ address })`. */
  address: string;
  namespace: string;
  /** The Web UI, when this process started it. */
  uiUrl: string | undefined;
  /** true when `TEMPORAL_ADDRESS` pointed elsewhere and nothing was started. */
  external: boolean;
  /** The `temporal` binary that runs it (for `TestWorkflowEnvironment.createLocal`), unless external. */
  cliPath: string | undefined;
  stop(): Promise<void>;
}

const START_ATTEMPTS = 3;

export async function startTemporal(options: TemporalOptions = {}): Promise<TemporalServer> {
  const namespace = options.namespace ?? process.env.TEMPORAL_NAMESPACE ?? 'default';
  const external = process.env.TEMPORAL_ADDRESS;
  if (external) return { address: external, namespace, uiUrl: process.env.TEMPORAL_UI_URL, external: true, cliPath: undefined, stop: async () => {} };

  const cli = await ensureTemporalCli(options.onProgress);
  // A free port can be taken between the probe and the bind: retry with fresh ones.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDevServer(cli, namespace, options);
    } catch (error) {
      const portsChosenByUs = options.port === undefined || (options.ui !== false && options.uiPort === undefined);
      if (attempt >= START_ATTEMPTS || !portsChosenByUs || !/address already in use/i.test(String(error))) throw error;
    }
  }
}

async function startDevServer(cli: string, namespace: string, options: TemporalOptions): Promise<TemporalServer> {
  const port = options.port ?? (await freePort());
  const address = `127.0.0.1:${port}`;
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn'];
  let uiUrl: string | undefined;
  if (options.ui === false) {
    args.push('--headless');
  } else {
    const uiPort = options.uiPort ?? (await freePort());
    args.push('--ui-port', String(uiPort));
    if (options.uiCodecEndpoint) args.push('--ui-codec-endpoint', options.uiCodecEndpoint);
    uiUrl = `http://127.0.0.1:${uiPort}`;
  }
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  if (namespace !== 'default') args.push('--namespace', namespace);

  const server = spawnServer(cli, args, { name: `Temporal dev server (${cli})`, logFile: options.logFile });
  await waitUntilReady(server, () => namespaceAnswers(address, namespace), options.startTimeoutMs ?? 120_000);
  return { address, namespace, uiUrl, external: false, cliPath: cli, stop: () => server.stop() };
}

async function namespaceAnswers(address: string, namespace: string): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: 2_000 });
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close();
  }
}
