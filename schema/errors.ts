/**
 * Expected failures, returned as data (errors plugin): a client lists them
 * with `... on ValidationError { problems { path message } }`.
 */
import { ConnectorError, NotFoundError, ValidationError, type ConnectorFailureKind, type FieldProblem } from '../core/errors.js';
import { builder } from './builder.js';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'Something the caller can act on; nothing was changed.',
  fields: (t) => ({ message: t.exposeString('message') }),
});

const FieldProblemType = builder.objectRef<FieldProblem>('FieldProblem').implement({
  description: 'One bad input value.',
  fields: (t) => ({
    path: t.exposeString('path', { description: 'Dotted path of the input, e.g. `config.subjects.0.table`.' }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input cannot be accepted; `problems` names each bad value.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ problems: t.field({ type: [FieldProblemType], resolve: (error) => error.problems }) }),
});

const FAILURE_KINDS: ConnectorFailureKind[] = [
  'unreachable', 'authentication', 'permission', 'rate_limited', 'timeout', 'not_supported', 'configuration', 'vendor',
];

export const ConnectorFailureKindEnum = builder.enumType('ConnectorFailureKind', {
  values: Object.fromEntries(FAILURE_KINDS.map((kind) => [kind.toUpperCase(), { value: kind }])) as Record<string, { value: ConnectorFailureKind }>,
});

builder.objectType(ConnectorError, {
  name: 'ConnectorError',
  description: 'A connected system could not be reached, refused us, or failed; `failure` says which.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    // Not `kind`: it would clash with Connector.kind in RegisterConnectorResult selections.
    failure: t.field({ type: ConnectorFailureKindEnum, description: 'What went wrong: unreachable, authentication, permission, …', resolve: (error) => error.kind }),
    retryable: t.exposeBoolean('retryable', { description: 'Whether trying again later may succeed.' }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFound',
  description: 'No such thing (it may have been removed).',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});
