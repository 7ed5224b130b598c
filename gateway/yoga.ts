import type { GraphQLError } from 'graphql';
import { createYoga, maskError, type YogaServerInstance } from 'graphql-yoga';
import type { Actor } from '../core/actor.js';
import { GardienError, ValidationError, errorMessage } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import type { GardienContext } from '../schema/context.js';
import { schema } from '../schema/index.js';
import { authenticate, unauthorizedResponse } from './auth.js';
import { createContext } from './context.js';
import { corsPolicy, hardeningPlugins } from './hardening.js';
import { StreamQuota, credentialKey } from './stream-quota.js';
import type { Services } from './services.js';

export const GRAPHQL_PATH = '/graphql';

export type Gateway = YogaServerInstance<Record<string, unknown>, GardienContext>;

const EXAMPLE_QUERY = `# Paste your token in the Headers tab: {"Authorization": "Bearer <token>"}
query Everything {
  subject(identity: { email: "someone@example.org" }) {
    systems { name status error records { object id fields { name value category sensitive } } }
    sensitiveFindings { connector object field category }
  }
}
`;

/**
 * Our own errors thrown outside the errors plugin (e.g. a malformed identity
 * given to `subject`) reach the client with their message and code; anything
 * else is a bug and is masked.
 */
function maskUnexpected(error: unknown, message: string, isDev?: boolean): Error {
  if (isLocatedError(error) && error.originalError instanceof GardienError) {
    const original = error.originalError;
    const extensions: Record<string, unknown> = { code: original.code };
    if (original instanceof ValidationError) extensions.problems = original.problems;
    // The error's own class: under a bundler or test runner `graphql` may be loaded twice, and Yoga only trusts its own.
    const GraphQLErrorClass = error.constructor as typeof GraphQLError;
    return new GraphQLErrorClass(original.message, { nodes: error.nodes, path: error.path, extensions });
  }
  return maskError(error, message, isDev);
}

function isLocatedError(error: unknown): error is GraphQLError {
  return error instanceof Error && error.name === 'GraphQLError' && 'originalError' in error;
}

const log = createLogger('graphql');

/** Yoga's messages through our logger; our own (expected) errors are not failures of the gateway. */
const yogaLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (...args: unknown[]) => log.warn(String(args[0])),
  error: (...args: unknown[]) => {
    const [error] = args;
    if (isLocatedError(error) && error.originalError instanceof GardienError) return;
    const cause = isLocatedError(error) && error.originalError ? error.originalError : error;
    log.error('unexpected error (masked in the answer)', { reason: errorMessage(cause), stack: cause instanceof Error ? cause.stack : undefined });
  },
};

/** The GraphQL endpoint as a fetch handler (`gateway.fetch(request)`); `server.ts` puts it on a port. */
export function createGateway(services: Services): Gateway {
  const graphiql = !services.config.production;
  const actors = new WeakMap<Request, Actor>();
  const streams = new StreamQuota(services.config.graphqlLimits.maxStreamsPerToken);
  return createYoga<Record<string, unknown>, GardienContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    graphiql: graphiql ? { title: 'Gardien', defaultQuery: EXAMPLE_QUERY, headers: '{\n  "Authorization": "Bearer <token>"\n}' } : false,
    // GraphiQL with its assets inlined (Yoga's default loads them from a CDN, out of reach offline); loaded on first use, it is 9 MB.
    renderGraphiQL: async (options) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    // Never Yoga's development mode: it would send stack traces to clients; they go to the log.
    maskedErrors: { maskError: maskUnexpected, isDev: false },
    cors: corsPolicy(services.config.http.corsOrigins),
    logging: yogaLogger,
    context: ({ request }) => ({ ...createContext(services, actors.get(request) ?? null), streams: streams.holder(credentialKey(request)) }),
    plugins: [
      ...hardeningPlugins(services.config),
      {
        // No token: only public fields answer (the rest say 401). A token that is not valid: 401 for everything.
        async onRequest({ request, endResponse }) {
          if (!request.headers.has('authorization')) return;
          const auth = await authenticate(request, services.config.tokenSecret);
          if (auth.ok) actors.set(request, auth.actor);
          else endResponse(unauthorizedResponse(auth.reason));
        },
      },
    ],
  });
}
