import type { Route } from './routes.js';

/** `GET /health`: 200 when the gateway can reach its storage, 503 otherwise. No token needed, no details leaked. */
export const healthRoute: Route = {
  method: 'GET',
  path: '/health',
  access: 'public',
  async handle(_request, { services }) {
    try {
      await services.storage.db.command({ ping: 1 });
      return Response.json({ status: 'ok', storage: 'ok' });
    } catch {
      return Response.json({ status: 'degraded', storage: 'unreachable' }, { status: 503 });
    }
  },
};
