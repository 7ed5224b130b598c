/** Connectors: what IT registers, tests, enables and removes at run time (roles it and dpo). */
import { resolveArrayConnection } from '@pothos/plugin-relay';
import { ConnectorError, NotFoundError, ValidationError } from '../core/errors.js';
import { secretsFromInput } from '../core/secrets-input.js';
import type { ConnectorDescription, HealthCheck } from '../connectors/sdk/contract.js';
import type { ConnectorDoc } from '../core/storage/connectors.js';
import { builder } from './builder.js';
import type { GardienContext } from './context.js';
import { ConnectorDescriptionType, HealthCheckType } from './connector-description.js';
import { ConnectorProcessingInput, registerWithProcessings } from './register.js';

const CONNECTOR_ROLES = { dpo: true, it: true } as const;

export const ConnectorType = builder.objectRef<ConnectorDoc>('Connector').implement({
  description: 'A system registered with Gardien. Its secrets are never shown, only their names.',
  authScopes: CONNECTOR_ROLES,
  fields: (t) => ({
    id: t.exposeID('_id'),
    kind: t.exposeString('kind'),
    name: t.exposeString('name'),
    enabled: t.exposeBoolean('enabled', { description: 'Disabled connectors take part in nothing.' }),
    config: t.field({ type: 'JSON', description: 'As registered; holds no secrets.', resolve: (c) => c.config }),
    secretNames: t.exposeStringList('secretNames'),
    // Stored by the catalog from the connector's own describe().
    description: t.field({ type: ConnectorDescriptionType, nullable: true, resolve: (c) => (c.description as ConnectorDescription | null) ?? null }),
    lastCheck: t.field({ type: HealthCheckType, nullable: true, resolve: (c) => c.lastCheck as (HealthCheck & { at: Date }) | null }),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (c) => c.updatedAt }),
  }),
});

const ConnectorKindType = builder.objectRef<{ kind: string; displayName: string }>('ConnectorKind').implement({
  authScopes: CONNECTOR_ROLES,
  fields: (t) => ({ kind: t.exposeString('kind'), displayName: t.exposeString('displayName') }),
});

const RegisterConnectorInput = builder.inputType('RegisterConnectorInput', {
  fields: (t) => ({
    kind: t.string({ required: true, description: 'One of `connectorKinds`, e.g. "sql".' }),
    name: t.string({ required: true, description: 'Unique; 1 to 63 letters, digits, spaces, dots, dashes or underscores.' }),
    config: t.field({ type: 'JSON', required: true, description: "The kind's configuration; stored in clear, so no passwords here." }),
    secrets: t.field({ type: 'JSON', required: false, description: 'An object of strings (e.g. {"password": "…"}), encrypted at rest and never shown again.' }),
    enabled: t.boolean({ required: false, defaultValue: true }),
    processing: t.field({ type: [ConnectorProcessingInput], required: false, description: 'Which processing of the register each object (or some of its fields) serves; checked with the rest, or nothing is stored.' }),
  }),
});

export async function audited(context: GardienContext, action: string, doc: ConnectorDoc): Promise<ConnectorDoc> {
  if (context.actor) await context.services.audit.record({ actor: context.actor, action, systems: [{ connectorId: doc._id, status: 'OK' }] });
  return doc;
}

builder.queryFields((t) => ({
  connectors: t.connection({
    type: ConnectorType,
    description: 'Registered connectors, by name.',
    authScopes: CONNECTOR_ROLES,
    args: { enabled: t.arg.boolean({ required: false, description: 'Only enabled (true) or disabled (false) ones.' }) },
    resolve: async (_root, args, { services }) =>
      resolveArrayConnection({ args }, await services.catalog.list(args.enabled == null ? {} : { enabled: args.enabled })),
  }, { name: 'ConnectorConnection' }, { name: 'ConnectorEdge' }),
  connector: t.field({
    type: ConnectorType,
    authScopes: CONNECTOR_ROLES,
    args: { id: t.arg.id({ required: true, description: 'Id or name.' }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'ConnectorResult' } },
    resolve: (_root, { id }, { services }) => services.catalog.get(String(id)),
  }),
  connectorKinds: t.field({
    type: [ConnectorKindType],
    description: 'The kinds this Gardien can connect to (built-in and plugin packages).',
    authScopes: CONNECTOR_ROLES,
    resolve: (_root, _args, { services }) =>
      services.registry.kinds().map((kind) => ({ kind, displayName: services.registry.get(kind).displayName })),
  }),
}));

builder.mutationFields((t) => ({
  registerConnector: t.field({
    type: ConnectorType,
    description: 'Validates the configuration, reaches the system and reads what it holds; stores nothing when any of it fails.',
    authScopes: CONNECTOR_ROLES,
    args: { input: t.arg({ type: RegisterConnectorInput, required: true }) },
    errors: { types: [ValidationError, ConnectorError], directResult: true, union: { name: 'RegisterConnectorResult' } },
    resolve: async (_root, { input }, context) => {
      const register = () =>
        context.services.catalog.register({
          kind: input.kind,
          name: input.name,
          config: input.config,
          secrets: secretsFromInput(input.secrets),
          enabled: input.enabled ?? true,
        });
      const doc = await registerWithProcessings(context, register, input.processing ?? []);
      return audited(context, 'connector.register', doc);
    },
  }),
  testConnector: t.field({
    type: ConnectorType,
    description: 'Checks reachability, sign-in and permissions now; the answer is in `lastCheck`.',
    authScopes: CONNECTOR_ROLES,
    args: { id: t.arg.id({ required: true, description: 'Id or name.' }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'TestConnectorResult' } },
    resolve: async (_root, { id }, { services }) => {
      await services.catalog.test(String(id));
      return services.catalog.get(String(id));
    },
  }),
  setConnectorEnabled: t.field({
    type: ConnectorType,
    authScopes: CONNECTOR_ROLES,
    args: { id: t.arg.id({ required: true, description: 'Id or name.' }), enabled: t.arg.boolean({ required: true }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'SetConnectorEnabledResult' } },
    resolve: async (_root, { id, enabled }, context) =>
      audited(context, enabled ? 'connector.enable' : 'connector.disable', await context.services.catalog.setEnabled(String(id), enabled)),
  }),
  removeConnector: t.field({
    type: ConnectorType,
    description: 'Forgets the connector and its secrets; the system itself is not touched.',
    authScopes: CONNECTOR_ROLES,
    args: { id: t.arg.id({ required: true, description: 'Id or name.' }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'RemoveConnectorResult' } },
    resolve: async (_root, { id }, context) => audited(context, 'connector.remove', await context.services.catalog.remove(String(id))),
  }),
}));
