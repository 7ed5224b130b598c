/** A server binary run in its own process group: output kept for error messages, stopped as a whole. */
import { spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

const TAIL_LINES = 40;
const STOP_GRACE_MS = 10_000;

// Runs the server under a shell that stops it (SIGTERM) when our stdin pipe closes, i.e. when this
// Node process ends however it ends (exit, crash, SIGKILL), and that exits only after the server.
const WATCHDOG = `
exec 3<&0
"$0" "$@" </dev/null 3<&- &
server=$!
trap : TERM INT HUP
( cat <&3 >/dev/null; kill -TERM "$server" 2>/dev/null ) &
while :; do
  wait "$server"; status=$?
  kill -0 "$server" 2>/dev/null || exit "$status"
done`;

export interface ServerProcess {
  readonly name: string;
  /** The last lines the server printed (stdout and stderr), for error messages. */
  tail(): string;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  stop(): Promise<void>;
}

export interface SpawnServerOptions {
  name: string;
  /** Appends everything the server prints to this file. */
  logFile?: string;
  onStdoutLine?: (line: string) => void;
}

export function spawnServer(command: string, args: string[], options: SpawnServerOptions): ServerProcess {
  // detached: its own process group, so stop() reaches the server, the watchdog and their children.
  const child = spawn('/bin/sh', ['-c', WATCHDOG, command, ...args], { detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const log: WriteStream | undefined = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > TAIL_LINES) lines.shift();
    log?.write(`${line}\n`);
  };
  createInterface({ input: child.stdout }).on('line', (line) => {
    keep(line);
    options.onStdoutLine?.(line);
  });
  createInterface({ input: child.stderr }).on('line', keep);

  const exited = new Promise<number | string>((resolve) => {
    child.on('error', (error) => {
      keep(`${command}: ${error.message}`);
      resolve(`spawn error: ${error.message}`);
    });
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  let running = true;
  void exited.then(() => {
    running = false;
    child.stdin.destroy(); // ends the watchdog's reader
  });

  const signalGroup = (signal: NodeJS.Signals) => {
    if (!running || child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };

  let stopping: Promise<void> | undefined;
  const stop = async () => {
    signalGroup('SIGTERM');
    const timer = setTimeout(() => signalGroup('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
    await new Promise<void>((resolve) => (log ? log.end(resolve) : resolve()));
  };

  return {
    name: options.name,
    tail: () => lines.join('\n'),
    exited,
    stop: () => (stopping ??= stop()),
  };
}

/** Polls `ready` until it answers true; fails early, with the server's output, if the server exits. */
export async function waitUntilReady(server: ServerProcess, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: number | string | undefined;
  void server.exited.then((code) => (exit = code));
  while (Date.now() < deadline) {
    if (exit !== undefined) throw new Error(`${server.name} exited (${exit}) before it was ready:\n${server.tail()}`);
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await server.stop();
  throw new Error(`${server.name} was not ready within ${timeoutMs / 1000}s:\n${server.tail()}`);
}
