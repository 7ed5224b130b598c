/**
 * Builds the local stack's binaries (Temporal CLI, FerretDB launcher) before the
 * test run, with progress on the terminal, so a first run on a new machine does
 * not spend its build inside vitest's setup.
 */
import { ensureFerretdbLauncher, ensureTemporalCli } from './binaries.js';

const needed: Promise<string>[] = [ensureFerretdbLauncher()];
if (!process.env.TEMPORAL_ADDRESS) needed.push(ensureTemporalCli());
if (process.env.MONGODB_URI) needed.shift();
for (const binary of await Promise.all(needed)) process.stdout.write(`ready: ${binary}\n`);
