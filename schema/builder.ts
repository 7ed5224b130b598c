import SchemaBuilder, { PothosValidationError } from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { GardienContext } from './context.js';

/**
 * The one Pothos builder; types live in their own files. Every type and root
 * field names the roles allowed to see it (least privilege):
 * dpo — everything; it — connectors; agent — requests; subject — their own requests;
 * integration — recording consents and asking whether a person may be contacted,
 * nothing about requests (the public fields refuse its token).
 */
export const builder = new SchemaBuilder<{
  Context: GardienContext;
  AuthScopes: {
    /** No token needed (only where the gateway lets such requests in); a person's token is fine, an integration's is not: it acts for a tool, not for a data subject. */
    public: boolean;
    authenticated: boolean;
    dpo: boolean;
    it: boolean;
    agent: boolean;
    subject: boolean;
    /** A form, mailing tool or CRM recording consents and asking `canContact`. */
    integration: boolean;
  };
  Scalars: {
    JSON: { Input: unknown; Output: unknown };
    DateTime: { Input: Date; Output: Date };
  };
  DefaultFieldNullability: false;
}>({
  // scope-auth first: nothing else runs for a field the caller may not see.
  plugins: [ScopeAuthPlugin, ErrorsPlugin, RelayPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: ({ actor }) => ({
      public: actor?.role !== 'integration',
      authenticated: actor !== null,
      dpo: actor?.role === 'dpo',
      it: actor?.role === 'it',
      agent: actor?.role === 'agent',
      subject: actor?.role === 'subject',
      integration: actor?.role === 'integration',
    }),
    // Without a token the answer is 401 (HTTP status too); with one, the role is named.
    unauthorizedError: (_parent, { actor }, info) =>
      actor
        ? new PothosValidationError(`The ${actor.role} role may not read ${info.parentType.name}.${info.fieldName}`, { extensions: { code: 'FORBIDDEN' } })
        : new PothosValidationError(`A bearer token is required to read ${info.parentType.name}.${info.fieldName}`, {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'www-authenticate': 'Bearer realm="gardien"' } } },
          }),
  },
  errors: { defaultTypes: [] },
  relay: {
    // No type is fetched by global id yet; `node`/`nodes` would only widen the surface.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    clientMutationId: 'omit',
    cursorType: 'String',
  },
});

builder.queryType({});
builder.mutationType({});
