/** The Go binaries of the local stack, found on PATH or built once into a cache outside the repo. */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Progress = (line: string) => void;

const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
const FERRETDB_SOURCE = fileURLToPath(new URL('./ferretdb/', import.meta.url));
const PROGRESS_EVERY_MS = 10_000;

const printProgress: Progress = (line) => console.error(line);

export function binCacheDir(): string {
  const cache = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(cache, 'gardien', 'bin');
}

/** `TEMPORAL_CLI_PATH`, else `temporal` on PATH, else the cached build (made on first use). */
export async function ensureTemporalCli(onProgress: Progress = printProgress): Promise<string> {
  const explicit = process.env.TEMPORAL_CLI_PATH;
  if (explicit) return explicit;
  const onPath = findOnPath('temporal');
  if (onPath) return onPath;

  const target = path.join(binCacheDir(), 'temporal');
  if (isExecutable(target)) return target;
  return withBuildLock('temporal', onProgress, async () => {
    if (isExecutable(target)) return target; // another process built it while we waited
    const gobin = path.join(binCacheDir(), `.build-temporal-${process.pid}`);
    rmSync(gobin, { recursive: true, force: true });
    try {
      await runGo(['install', TEMPORAL_CLI_MODULE], {
        cwd: binCacheDir(),
        env: { GOBIN: gobin },
        label: 'building Temporal CLI with Go (first start only, ~6 min)',
        logFile: path.join(binCacheDir(), 'temporal-build.log'),
        onProgress,
      });
      renameSync(path.join(gobin, 'temporal'), target);
    } finally {
      rmSync(gobin, { recursive: true, force: true });
    }
    return target;
  });
}

/** Our FerretDB launcher, rebuilt when its sources (the .go files, go.mod, go.sum) changed. */
export async function ensureFerretdbLauncher(onProgress: Progress = printProgress): Promise<string> {
  const target = path.join(binCacheDir(), 'gardien-ferretdb');
  const stampFile = `${target}.sha256`;
  const upToDate = (hash: string) => isExecutable(target) && readIfExists(stampFile) === hash;

  if (upToDate(ferretdbSourceHash())) return target;
  return withBuildLock('gardien-ferretdb', onProgress, async () => {
    const hash = ferretdbSourceHash();
    if (upToDate(hash)) return target;
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      await runGo(['build', '-trimpath', '-o', tmp, '.'], {
        cwd: FERRETDB_SOURCE,
        // A missing go.sum line must fail the build, not silently change the dependencies.
        env: { GOFLAGS: '-mod=readonly' },
        label: 'building the FerretDB launcher with Go (after each change of devstack/ferretdb, ~3 min)',
        logFile: path.join(binCacheDir(), 'gardien-ferretdb-build.log'),
        onProgress,
      });
      renameSync(tmp, target);
    } finally {
      rmSync(tmp, { force: true });
    }
    writeFileSync(stampFile, hash);
    return target;
  });
}

function ferretdbSourceHash(): string {
  const hash = createHash('sha256');
  const inputs = readdirSync(FERRETDB_SOURCE).filter((f) => f.endsWith('.go') || f === 'go.mod' || f === 'go.sum').sort();
  for (const file of inputs) hash.update(`${file}\0`).update(readFileSync(path.join(FERRETDB_SOURCE, file))).update('\0');
  return hash.digest('hex');
}

interface GoRun {
  cwd: string;
  env: Record<string, string>;
  label: string;
  logFile: string;
  onProgress: Progress;
}

async function runGo(args: string[], run: GoRun): Promise<void> {
  const started = Date.now();
  const seconds = () => `${Math.round((Date.now() - started) / 1000)}s`;
  run.onProgress(`${run.label}…`);
  const ticker = setInterval(() => run.onProgress(`${run.label}… ${seconds()}`), PROGRESS_EVERY_MS);
  const output: Buffer[] = [];
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn('go', args, { cwd: run.cwd, env: { ...process.env, ...run.env }, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
      child.on('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'ENOENT' ? new Error(`${run.label}: \`go\` is not on PATH. Install Go (https://go.dev/dl/), or put the binary on PATH yourself.`) : error),
      );
      child.on('close', resolve);
    });
    const text = Buffer.concat(output).toString();
    writeFileSync(run.logFile, text);
    if (code !== 0) {
      throw new Error(`go ${args.join(' ')} failed (exit ${code}) in ${run.cwd}; full log: ${run.logFile}\n${text.split('\n').slice(-30).join('\n')}`);
    }
    run.onProgress(`${run.label}: done in ${seconds()}`);
  } finally {
    clearInterval(ticker);
  }
}

/** One build at a time across processes (parallel test workers, `npm start` beside `npm test`). */
async function withBuildLock<T>(name: string, onProgress: Progress, build: () => Promise<T>): Promise<T> {
  mkdirSync(binCacheDir(), { recursive: true });
  const lock = path.join(binCacheDir(), `${name}.lock`);
  const started = Date.now();
  let lastNotice = 0;
  for (;;) {
    try {
      mkdirSync(lock); // atomic: exactly one process creates it
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (lockIsStale(lock)) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() - lastNotice >= PROGRESS_EVERY_MS) {
      onProgress(`waiting for another process building ${name}… ${Math.round((Date.now() - started) / 1000)}s`);
      lastNotice = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  try {
    return await build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function lockIsStale(lock: string): boolean {
  const pid = Number(readIfExists(path.join(lock, 'pid')));
  if (!pid) {
    // Created but no pid yet: stale only if its owner died right after mkdir.
    try {
      return Date.now() - statSync(lock).mtimeMs > 10_000;
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}
