#!/usr/bin/env node
// Entry of `npm start`, `npm test` and `npm run bench`. Plain JS with no dependencies:
// it runs before node_modules exists, installs it, then hands over to the TypeScript tools.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (tool) => path.join(root, 'node_modules', '.bin', tool);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const [command, ...rest] = process.argv.slice(2);
const commands = {
  test: async () => {
    for (const [tool, ...args] of [['eslint', '.'], ['tsc', '--noEmit'], ['tsx', 'devstack/prepare.ts'], ['vitest', 'run', ...rest]]) {
      const code = await run(bin(tool), args);
      if (code !== 0) return code;
    }
    return 0;
  },
  start: () => run(bin('tsx'), ['devstack/start.ts', ...rest], { forwardSignals: true }),
  bench: () => run(bin('tsx'), ['bench/run.ts', ...rest], { forwardSignals: true }),
};

if (!Object.hasOwn(commands, command)) {
  console.error(`usage: node devstack/bootstrap.mjs ${Object.keys(commands).join('|')} [args…]`);
  process.exit(2);
}
const installed = await ensureDependencies();
process.exitCode = installed === 0 ? await commands[command]() : installed;

/** `npm ci` when node_modules is missing or was installed from another package-lock.json. */
async function ensureDependencies() {
  const lockFile = path.join(root, 'package-lock.json');
  const stampFile = path.join(root, 'node_modules', '.gardien-lock-hash');
  const lockHash = () => createHash('sha256').update(readFileSync(lockFile)).digest('hex');
  const hasLock = existsSync(lockFile);
  if (hasLock && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === lockHash()) return 0;
  if (!hasLock && existsSync(path.join(root, 'node_modules'))) return 0;

  let code;
  if (hasLock) {
    console.error('Installing dependencies (npm ci)…');
    code = await run(npm, ['ci']);
    if (code !== 0) {
      // npm ci also refuses a lock that lacks optional packages for other platforms, which a
      // registry mirror may not carry; npm install --no-save installs from the lock, leaving it as is.
      console.error('npm ci failed; trying npm install --no-save (package-lock.json is left unchanged)…');
      code = await run(npm, ['install', '--no-save']);
    }
  } else {
    console.error('Installing dependencies (npm install, no package-lock.json yet)…');
    code = await run(npm, ['install']);
  }
  if (code === 0) writeFileSync(stampFile, `${lockHash()}\n`);
  return code;
}

/** Runs a command in the repo with inherited stdio; resolves with its exit code (128+n for signal n). */
function run(file, args, { forwardSignals = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd: root, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    if (forwardSignals) for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, forward);
    child.on('error', (error) => {
      console.error(`${path.basename(file)}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      if (forwardSignals) for (const s of ['SIGINT', 'SIGTERM']) process.off(s, forward);
      resolve(code ?? 128 + (constants.signals[signal] ?? 0));
    });
  });
}
