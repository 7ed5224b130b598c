/**
 * What a failed Salesforce call means for a DPO: jsforce's errors turned into
 * ConnectorErrors. Salesforce's own messages may quote queries or values, so
 * only error codes and our own words reach the message.
 */
import { ConnectorError } from '../../core/errors.js';

export type Action = 'read' | 'create' | 'update' | 'delete';

/** What a call was doing, so a failure can say which permission is missing. */
export interface Operation {
  object: string;
  action: Action;
}

const PERMISSION_CODES = new Set([
  'INSUFFICIENT_ACCESS_OR_READONLY',
  'INSUFFICIENT_ACCESS',
  'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
  'INVALID_TYPE',
  'NOT_FOUND',
  'API_DISABLED_FOR_ORG',
  'API_CURRENTLY_DISABLED',
  'FUNCTIONALITY_NOT_ENABLED',
  'ERROR_HTTP_403',
]);
const TRANSIENT_CODES = new Set(['UNKNOWN_EXCEPTION', 'SERVER_UNAVAILABLE', 'QUERY_TIMEOUT', 'REQUEST_RUNNING_TOO_LONG', 'UNABLE_TO_LOCK_ROW']);
const RATE_LIMIT_CODES = new Set(['REQUEST_LIMIT_EXCEEDED', 'ERROR_HTTP_429', 'ERROR_HTTP_420']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_SOCKET']);

const VERBS: Record<Action, string> = { read: 'read', create: 'create', update: 'edit', delete: 'delete' };
const RIGHTS: Record<Action, string> = { read: 'Read', create: 'Create', update: 'Edit', delete: 'Delete' };

/** "The integration user cannot read Individual: grant …" */
export function permissionMessage(op: Operation): string {
  const hint = op.object === 'Individual' ? ' (and turn on Data Protection and Privacy in Setup), or set objects.Individual.skip' : '';
  return `The integration user cannot ${VERBS[op.action]} ${op.object}: grant ${RIGHTS[op.action]} on ${op.object} in its profile or a permission set${hint}`;
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { errorCode?: unknown; code?: unknown; name?: unknown };
  if (typeof e.errorCode === 'string') return e.errorCode;
  if (typeof e.code === 'string') return e.code;
  return typeof e.name === 'string' ? e.name : undefined;
}

/** A failed API call as a ConnectorError; `retryAfterMs` when Salesforce said how long to wait. */
export function toConnectorError(error: unknown, op: Operation, retryAfterMs?: number): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const code = codeOf(error) ?? 'UNKNOWN';
  const message = error instanceof Error ? error.message : String(error);
  const what = `${VERBS[op.action]} ${op.object}`;
  if (RATE_LIMIT_CODES.has(code)) {
    return new ConnectorError('rate_limited', `Salesforce refused to ${what} for now: its API request limit is reached (${code})`, { retryAfterMs, cause: error });
  }
  if (code === 'INVALID_SESSION_ID' || message.startsWith('Unable to refresh session')) {
    return new ConnectorError('authentication', `Salesforce ended the session and did not accept a new login (${code === 'INVALID_SESSION_ID' ? code : message.replace(/^Unable to refresh session due to: /, '')})`, { cause: error });
  }
  if (PERMISSION_CODES.has(code)) return new ConnectorError('permission', `${permissionMessage(op)} (Salesforce said ${code})`, { cause: error });
  if (NETWORK_CODES.has(code) || (error as { name?: string }).name === 'FetchError') {
    return new ConnectorError('unreachable', `Salesforce could not be reached to ${what} (${code})`, { cause: error });
  }
  if (code === 'AbortError' || /timeout/i.test(message)) return new ConnectorError('timeout', `Salesforce did not answer in time to ${what}`, { cause: error });
  if (TRANSIENT_CODES.has(code) || /^ERROR_HTTP_5\d\d$/.test(code)) {
    return new ConnectorError('vendor', `Salesforce failed to ${what} (${code}); trying again later may work`, { retryable: true, cause: error });
  }
  if (code === 'INVALID_FIELD' || code === 'INVALID_FIELD_FOR_INSERT_UPDATE') {
    return new ConnectorError('configuration', `A field the connector uses on ${op.object} is missing or read-only for the integration user (${code}); check field-level security or the objects overrides`, { cause: error });
  }
  return new ConnectorError('vendor', `Salesforce refused to ${what} (${code})`, { retryable: false, cause: error });
}

/** A login that failed, with the reason a person can act on. */
export function loginFailure(error: unknown, loginUrl: string, flow: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const code = codeOf(error) ?? 'UNKNOWN';
  const message = error instanceof Error ? error.message : String(error);
  if (NETWORK_CODES.has(code) || (error as { name?: string }).name === 'FetchError') {
    return new ConnectorError('unreachable', `Salesforce login server ${loginUrl} cannot be reached (${code})`, { cause: error });
  }
  if (code === 'invalid_grant' || message.startsWith('INVALID_LOGIN')) {
    return new ConnectorError('authentication', `Salesforce refused the ${flow} at ${loginUrl}: wrong username, password or security token, or the user is locked out`, { cause: error });
  }
  if (code.startsWith('invalid_client') || code === 'unauthorized_client') {
    return new ConnectorError('authentication', `Salesforce refused the connected app at ${loginUrl} (${code}): check clientId and clientSecret, and that the app allows the ${flow}`, { cause: error });
  }
  if (/^ERROR_HTTP_5\d\d$/.test(code)) {
    return new ConnectorError('vendor', `Salesforce login server ${loginUrl} failed (${code}); trying again later may work`, { retryable: true, cause: error });
  }
  return new ConnectorError('authentication', `Salesforce login at ${loginUrl} failed (${code}: ${message.slice(0, 160)})`, { cause: error });
}
