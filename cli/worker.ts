import { loadConfig } from '../core/config.js';
import { runWorker } from '../workflows/worker.js';
import type { CliIo } from './io.js';
import { UsageError } from './io.js';
import type { Command } from './main.js';

export const workerCommand: Command = {
  summary: 'run the Temporal worker that carries out data-subject requests (until Ctrl-C)',
  usage: 'gardien worker',
  async run(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
    if (args.length > 0) throw new UsageError(`unexpected argument ${args[0]}`);
    const config = loadConfig(env);
    io.stdout(`worker on task queue ${config.temporal.taskQueue} at ${config.temporal.address}`);
    await runWorker(config);
    return 0;
  },
};
