/** A MongoDB-protocol server for the local stack: `MONGODB_URI`, else `mongod` on PATH, else our FerretDB launcher. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { ensureFerretdbLauncher, findOnPath, type Progress } from './binaries.js';
import { freePort } from './ports.js';
import { spawnServer, waitUntilReady, type ServerProcess } from './server-process.js';

export interface MongoOptions {
  /** Where the data lives; a temporary directory, deleted at stop, when absent. */
  dataDir?: string;
  /** A free port when absent. */
  port?: number;
  logFile?: string;
  onProgress?: Progress;
  startTimeoutMs?: number;
}

export interface MongoServer {
  uri: string;
  kind: 'external' | 'mongod' | 'ferretdb';
  stop(): Promise<void>;
}

export async function startMongo(options: MongoOptions = {}): Promise<MongoServer> {
  const external = process.env.MONGODB_URI;
  if (external) return { uri: external, kind: 'external', stop: async () => {} };

  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'gardien-mongo-'));
  mkdirSync(dataDir, { recursive: true });
  const removeDataDir = () => {
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const mongod = findOnPath('mongod');
    const started = mongod ? await startMongod(mongod, dataDir, options) : await startFerretdb(dataDir, options);
    return {
      ...started,
      async stop() {
        await started.stop();
        removeDataDir();
      },
    };
  } catch (error) {
    removeDataDir();
    throw error;
  }
}

async function startMongod(mongod: string, dataDir: string, options: MongoOptions): Promise<MongoServer> {
  const port = options.port ?? (await freePort());
  const uri = `mongodb://127.0.0.1:${port}/`;
  const server = spawnServer(mongod, ['--dbpath', dataDir, '--bind_ip', '127.0.0.1', '--port', String(port)], {
    name: `mongod (${mongod})`,
    logFile: options.logFile,
  });
  await waitUntilReady(server, () => pingAnswers(uri), options.startTimeoutMs ?? 60_000);
  return { uri, kind: 'mongod', stop: () => server.stop() };
}

/** Our FerretDB launcher itself, whatever else is installed (its tests use it). */
export async function startFerretdb(dataDir: string, options: MongoOptions = {}): Promise<MongoServer> {
  const launcher = await ensureFerretdbLauncher(options.onProgress);
  let uri: string | undefined;
  // Port 0: the launcher binds a free port itself and tells us which in its "ready" line.
  const args = ['-listen', `127.0.0.1:${options.port ?? 0}`, '-data', dataDir, '-log-level', 'error'];
  const server: ServerProcess = spawnServer(launcher, args, {
    name: `FerretDB (${launcher})`,
    logFile: options.logFile,
    onStdoutLine: (line) => {
      uri ??= /^ready (\S+)/.exec(line)?.[1];
    },
  });
  await waitUntilReady(server, async () => uri !== undefined, options.startTimeoutMs ?? 60_000);
  return { uri: String(uri), kind: 'ferretdb', stop: () => server.stop() };
}

async function pingAnswers(uri: string): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 1_000 });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close();
  }
}
