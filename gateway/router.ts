import { ForbiddenError, GardienError, NotFoundError, ValidationError, errorMessage } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { authenticate, unauthorizedResponse } from './auth.js';
import { BodyTooLargeError, bodyTooLargeResponse, withBoundedBody } from './body-limit.js';
import { ROUTES, matchPath, type Route, type RouteContext } from './routes.js';
import type { Services } from './services.js';
import { GRAPHQL_PATH, createGateway, type Gateway } from './yoga.js';

const log = createLogger('http');

export type FetchHandler = (request: Request) => Promise<Response>;

function problem(status: number, message: string, headers?: HeadersInit): Response {
  return Response.json({ error: message }, { status, headers });
}

/** /graphql to Yoga, everything else through the route table; each route's access checked before it runs. */
export function createHttpHandler(services: Services, options: { routes?: readonly Route[]; gateway?: Gateway } = {}): FetchHandler {
  const routes = options.routes ?? ROUTES;
  const gateway = options.gateway ?? createGateway(services);
  return async (incoming) => {
    const url = new URL(incoming.url);
    const isGraphql = url.pathname === GRAPHQL_PATH || url.pathname === `${GRAPHQL_PATH}/`;
    let request: Request;
    try {
      request = await withBoundedBody(incoming, services.config.http.maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return bodyTooLargeResponse(error, isGraphql);
      throw error;
    }
    if (isGraphql) return gateway.fetch(request);
    const matches = routes.flatMap((route) => {
      const params = matchPath(route.path, url.pathname);
      return params ? [{ route, params }] : [];
    });
    if (matches.length === 0) return problem(404, `Nothing at ${url.pathname}`);
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const match = matches.find((m) => m.route.method === method);
    if (!match) return problem(405, `${request.method} is not allowed here`, { allow: [...new Set(matches.map((m) => m.route.method))].join(', ') });

    const { route, params } = match;
    let actor: RouteContext['actor'] = null;
    if (route.access !== 'public') {
      const auth = await authenticate(request, services.config.tokenSecret);
      if (!auth.ok) return unauthorizedResponse(auth.reason);
      if (!route.access.includes(auth.actor.role)) return problem(403, `The ${auth.actor.role} role may not use ${url.pathname}`);
      actor = auth.actor;
    } else if (request.headers.has('authorization')) {
      const auth = await authenticate(request, services.config.tokenSecret);
      if (auth.ok) actor = auth.actor;
    }
    try {
      return await route.handle(request, { services, url, params, actor });
    } catch (error) {
      if (error instanceof ValidationError) return Response.json({ error: error.message, problems: error.problems }, { status: 400 });
      if (error instanceof NotFoundError) return problem(404, error.message);
      if (error instanceof ForbiddenError) return problem(403, error.message);
      if (error instanceof GardienError) return problem(400, error.message);
      log.error('route failed', { path: route.path, reason: errorMessage(error) });
      return problem(500, 'Internal error (see the gateway log)');
    }
  };
}
