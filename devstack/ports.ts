import { createServer } from 'node:net';

/** A TCP port free on 127.0.0.1 right now (another process may still take it before we bind). */
export function freePort(): Promise<number> {
  return probe(0);
}

/** `preferred` when it is free, else any free port: `npm start` keeps its usual ports unless one is taken. */
export async function portOr(preferred: number): Promise<number> {
  try {
    return await probe(preferred);
  } catch {
    return freePort();
  }
}

function probe(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not read the port of a probe socket'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
