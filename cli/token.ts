import type { Role } from '../core/actor.js';
import { loadConfig } from '../core/config.js';
import { issueToken } from '../gateway/auth.js';
import { type CliIo, UsageError, parseCommandArgs } from './io.js';
import type { Command } from './main.js';

export const tokenCommand: Command = {
  summary: 'print a bearer token signed with this install’s secret',
  usage: 'gardien token --role dpo|it|agent|subject|integration [--sub <who>] [--email <email, for subject>] [--ttl <seconds|30m|12h|30d>]',
  async run(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
    const { values } = parseCommandArgs(args, {
      role: { type: 'string' },
      sub: { type: 'string' },
      email: { type: 'string' },
      ttl: { type: 'string' },
    });
    if (!values.role) throw new UsageError('--role is required');
    const ttl = values.ttl === undefined ? undefined : /^\d+$/.test(values.ttl) ? Number(values.ttl) : values.ttl;
    const config = loadConfig(env);
    io.stdout(await issueToken(config.tokenSecret, { role: values.role as Role, sub: values.sub, email: values.email, ttl }));
    return 0;
  },
};
