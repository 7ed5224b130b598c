/**
 * Builds the local stack's binaries (Temporal CLI, FerretDB launcher) before the
 * test run, with progress on the terminal, so a first run on a new machine does
 * not spend its build inside vitest's setup.
 */
import { ensureFerretdbLauncher, ensureTemporalCli } from './binaries.js';

const builds: (() => Promise<string>)[] = [];
if (!process.env.MONGODB_URI) builds.push(() => ensureFerretdbLauncher());
if (!process.env.TEMPORAL_ADDRESS) builds.push(() => ensureTemporalCli());
for (const binary of await Promise.all(builds.map((build) => build()))) process.stdout.write(`ready: ${binary}\n`);
