/** `gardien <command>`: the dispatch table; each command parses its own arguments. */
import { loadConfig } from '../core/config.js';
import { GardienError, ValidationError, errorMessage } from '../core/errors.js';
import { runReportVerify } from '../core/report/verify-cli.js';
import { codecServerCommand } from './codec-server.js';
import { connectorsCommand } from './connectors.js';
import { detectCommand } from './detect.js';
import { gatewayCommand } from './gateway.js';
import { keysCommand } from './keys.js';
import { type CliIo, UsageError, processIo } from './io.js';
import { registerCommand } from './register.js';
import { tokenCommand } from './token.js';

export interface Command {
  summary: string;
  usage: string;
  /** The exit code: 0 done, 1 failed (the message says why), 2 bad usage. */
  run(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  token: tokenCommand,
  connectors: connectorsCommand,
  gateway: gatewayCommand,
  'codec-server': codecServerCommand,
  keys: keysCommand,
  detect: detectCommand,
  register: registerCommand,
  worker: {
    summary: 'run the Temporal worker for request workflows until Ctrl-C',
    usage: 'gardien worker',
    async run(_args, _io, env) {
      const { runWorker } = await import('../workflows/runtime/worker.js'); // loads Temporal only when asked
      await runWorker(loadConfig(env));
      return 0;
    },
  },
  report: {
    summary: 'verify a signed completion report offline',
    usage: 'gardien report verify <file> (--jwks <url|file> | --key <file> | --issuer <url>)',
    run: async (args, io) => {
      if (args[0] !== 'verify') throw new UsageError(args[0] ? `unknown action "${args[0]}"` : 'which action?');
      return runReportVerify(args.slice(1), io);
    },
  },
};

function help(io: CliIo, write: (line: string) => void = io.stdout): void {
  write('usage: gardien <command> [options]\n');
  for (const [name, command] of Object.entries(COMMANDS)) write(`  ${name.padEnd(14)}${command.summary}`);
  write('\n`gardien <command> --help` shows a command’s options.');
}

export async function main(argv: readonly string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    help(io, name ? io.stdout : io.stderr);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`gardien: unknown command "${name}"`);
    help(io, io.stderr);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`usage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(args, io, env);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`gardien ${name}: ${error.message}\nusage: ${command.usage}`);
      return 2;
    }
    if (error instanceof ValidationError) {
      io.stderr(`gardien ${name}: ${error.message}`);
      const said = error.message.toLowerCase();
      // The problems name each bad value, unless the message already did.
      const sayProblems = error.problems.some((p) => !said.includes(p.message.toLowerCase()));
      if (sayProblems) for (const p of error.problems) if (!said.includes(`${p.path}: ${p.message}`.toLowerCase())) io.stderr(`  ${p.path}: ${p.message}`);
      return 1;
    }
    io.stderr(`gardien ${name}: ${error instanceof GardienError ? error.message : `unexpected error: ${errorMessage(error)}`}`);
    return 1;
  }
}
