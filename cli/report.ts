import { runReportVerify } from '../core/report/verify-cli.js';
import { type CliIo, UsageError } from './io.js';
import type { Command } from './main.js';

export const reportCommand: Command = {
  summary: 'check a signed completion report offline: gardien report verify <file>',
  usage: 'gardien report verify <file> [--jwks <url|file>] [--key <public key file, JWK or PEM>]',
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const [sub, ...rest] = args;
    if (sub !== 'verify') throw new UsageError(sub ? `unknown report command "${sub}"` : 'which report command? (verify)');
    return runReportVerify(rest, io);
  },
};
