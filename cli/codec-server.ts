import { loadConfig } from '../core/config.js';
import { codecServerOptions, startCodecServer } from '../workflows/runtime/codec-server.js';
import { stopSignal } from './gateway.js';
import { UsageError, parseCommandArgs } from './io.js';
import type { Command } from './main.js';

export const codecServerCommand: Command = {
  summary: 'serve /decode and /encode so the Temporal Web UI and CLI show encrypted payloads, until Ctrl-C',
  usage: 'gardien codec-server [--port <port, default 8888>] [--host <address, default 127.0.0.1>]',
  async run(args, io, env) {
    const { values } = parseCommandArgs(args, { port: { type: 'string' }, host: { type: 'string' } });
    const port = values.port === undefined ? 8888 : Number(values.port);
    if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new UsageError('--port is a number from 0 to 65535');
    const config = loadConfig(env);
    const server = await startCodecServer(codecServerOptions(config), { port, host: values.host });
    io.stdout(`Gardien codec server: ${server.url} (for ${config.codecServer.uiOrigins.join(', ')}${config.codecServer.authToken ? '; bearer token required' : ''}). Ctrl-C stops it.`);
    io.stdout(`  Web UI: set ${server.url} as the codec endpoint (temporal server start-dev --ui-codec-endpoint ${server.url})`);
    io.stdout(`  CLI:    temporal workflow show --workflow-id <id> --codec-endpoint ${server.url}${config.codecServer.authToken ? " --codec-auth 'Bearer <CODEC_AUTH_TOKEN>'" : ''}`);
    await stopSignal();
    await server.close();
    return 0;
  },
};
