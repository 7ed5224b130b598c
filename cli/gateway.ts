import { loadConfig } from '../core/config.js';
import { startGateway } from '../gateway/server.js';
import { createServices } from '../gateway/services.js';
import { UsageError, parseCommandArgs } from './io.js';
import type { Command } from './main.js';

/** Resolves on the first SIGINT or SIGTERM. */
export function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const gatewayCommand: Command = {
  summary: 'run the GraphQL gateway (/graphql, /health, downloads, the portal) until Ctrl-C',
  usage: 'gardien gateway [--port <port>] [--host <address>]',
  async run(args, io, env) {
    const { values } = parseCommandArgs(args, { port: { type: 'string' }, host: { type: 'string' } });
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new UsageError('--port is a number from 0 to 65535');
    const services = await createServices(loadConfig(env));
    try {
      const gateway = await startGateway(services, { port, host: values.host });
      io.stdout(`Gardien gateway: ${gateway.graphqlUrl} (health: ${gateway.url}/health). Ctrl-C stops it.`);
      await stopSignal();
      await gateway.close();
      return 0;
    } finally {
      await services.close();
    }
  },
};
