import { ConnectorError, type ConnectorFailureKind, errorMessage } from '../../core/errors.js';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'EPIPE']);

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True for a failure to reach the server at all (refused, unknown host, timed out). */
export function isNetworkFailure(error: unknown): boolean {
  const code = errorCode(error);
  if (code && NETWORK_CODES.has(code)) return true;
  const causes = (error as { errors?: unknown[] } | null)?.errors;
  return Array.isArray(causes) && causes.some(isNetworkFailure);
}

/** Wraps any driver failure as a ConnectorError; what a person should do is in the message. */
export function asConnectorError(error: unknown, kind: ConnectorFailureKind | undefined, message: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (kind) return new ConnectorError(kind, message, { cause: error });
  // MySQL quotes the offending value in some messages ("Duplicate entry 'x@y.fr'"): pass on neither it nor the raw error.
  const detail = errorMessage(error).replace(/'[^']*'/g, "'…'");
  const code = errorCode(error);
  return new ConnectorError('vendor', `${message}: ${detail}${code ? ` (${code})` : ''}`);
}
