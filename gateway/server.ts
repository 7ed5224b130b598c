import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorMessage } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { sendFetchResponse, toFetchRequest } from './node-http.js';
import { createHttpHandler, type FetchHandler } from './router.js';
import type { Services } from './services.js';
import { GRAPHQL_PATH } from './yoga.js';

const log = createLogger('gateway');

export interface RunningGateway {
  /** e.g. http://127.0.0.1:4000 */
  url: string;
  graphqlUrl: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export interface ListenOptions {
  /** Defaults to `config.port`; 0 picks a free port. */
  port?: number;
  /** Defaults to every interface. */
  host?: string;
  handler?: FetchHandler;
}

/** Puts the gateway on a port: /graphql, /health and the route table. Does not close `services`. */
export async function startGateway(services: Services, options: ListenOptions = {}): Promise<RunningGateway> {
  const handle = options.handler ?? createHttpHandler(services);
  const server = createServer((req, res) => {
    handle(toFetchRequest(req, res))
      .then((response) => sendFetchResponse(response, res, req.method))
      .catch((error: unknown) => {
        log.error('request failed', { path: req.url?.split('?')[0], reason: errorMessage(error) });
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"Internal error"}');
        else res.destroy();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? services.config.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info('gateway listening', { url, graphql: `${url}${GRAPHQL_PATH}` });
  return {
    url,
    graphqlUrl: `${url}${GRAPHQL_PATH}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
