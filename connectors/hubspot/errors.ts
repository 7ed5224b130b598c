/** HubSpot's answers, turned into ConnectorErrors whose messages say what to do. */
import { ConnectorError, errorMessage } from '../../core/errors.js';

/** A non-2xx answer: the client's ApiException, or a raw response read by `apiRequest`. */
export interface HttpFailure {
  status: number;
  body: unknown;
  /** Lower-cased names. */
  headers: Record<string, string>;
}

export class HubspotHttpError extends Error implements HttpFailure {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string>,
  ) {
    super(`HubSpot answered ${status}`);
  }
}

export function httpFailureOf(error: unknown): HttpFailure | undefined {
  if (error instanceof HubspotHttpError) return error;
  const e = error as { code?: unknown; body?: unknown; headers?: unknown } | null;
  if (typeof e?.code !== 'number' || typeof e.headers !== 'object' || e.headers === null) return undefined;
  const headers = Object.fromEntries(Object.entries(e.headers as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return { status: e.code, body: e.body, headers };
}

interface ErrorBody {
  message?: string;
  category?: string;
  correlationId?: string;
  policyName?: string;
  errors?: { context?: Record<string, unknown> }[];
}

/** The scopes HubSpot says a call needed, from a 403 MISSING_SCOPES. */
export function missingScopesOf(failure: HttpFailure): string[] {
  const body = (failure.body ?? {}) as ErrorBody;
  const scopes = (body.errors ?? []).flatMap((e) => [e.context?.requiredGranularScopes, e.context?.requiredScopes]).flat();
  return [...new Set(scopes.filter((s): s is string => typeof s === 'string'))];
}

/** How long HubSpot asked us to wait: `Retry-After` (seconds), else one rate-limit interval. */
export function retryAfterMs(failure: HttpFailure): number {
  const seconds = Number(failure.headers['retry-after']);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const interval = Number(failure.headers['x-hubspot-ratelimit-interval-milliseconds']);
  if ((failure.body as ErrorBody | undefined)?.policyName === 'TEN_SECONDLY_ROLLING' && interval > 0) return interval;
  return 1_000;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'EPIPE', 'UND_ERR_SOCKET']);

export function isNetworkFailure(error: unknown): boolean {
  const e = error as { code?: unknown; type?: unknown } | null;
  return (typeof e?.code === 'string' && NETWORK_CODES.has(e.code)) || e?.type === 'system';
}

/** One sentence per failure, naming what was being done (never personal data) and what a person can do. */
export function toConnectorError(error: unknown, what: string, basePath: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const failure = httpFailureOf(error);
  if (!failure) {
    if (isNetworkFailure(error)) return new ConnectorError('unreachable', `Cannot reach HubSpot at ${basePath} while ${what}: ${errorMessage(error)}`, { cause: error });
    return new ConnectorError('vendor', `HubSpot call failed while ${what}: ${errorMessage(error)}`, { cause: error, retryable: false });
  }
  const body = (failure.body ?? {}) as ErrorBody;
  const said = body.message ? `: ${scrub(body.message)}` : '';
  const reference = body.correlationId ? ` (HubSpot correlation id ${body.correlationId})` : '';
  const { status } = failure;
  if (status === 401) {
    return new ConnectorError('authentication', `HubSpot refused the access token while ${what} (401 ${body.category ?? 'INVALID_AUTHENTICATION'}): the private app's token is wrong, was rotated or the app was deleted; put its current token in the connector's secrets${reference}`, { cause: error });
  }
  if (status === 403) {
    const scopes = missingScopesOf(failure);
    const message = scopes.length > 0
      ? `The private app lacks the scope ${scopes.join(' or ')} needed for ${what}: add it under the app's Scopes in HubSpot, then use the new token${reference}`
      : `HubSpot refused ${what} (403 ${body.category ?? 'FORBIDDEN'})${said}${reference}`;
    return new ConnectorError('permission', message, { cause: error });
  }
  if (status === 429) {
    const retryAfter = retryAfterMs(failure);
    return new ConnectorError('rate_limited', `HubSpot's rate limit (${body.policyName ?? 'unknown policy'}) was still reached while ${what}; try again in ${Math.ceil(retryAfter / 1000)} s${reference}`, { cause: error, retryAfterMs: retryAfter });
  }
  if (status >= 500) return new ConnectorError('vendor', `HubSpot failed while ${what} (${status})${said}; this is usually temporary${reference}`, { cause: error, retryable: true });
  if (status === 400) return new ConnectorError('configuration', `HubSpot rejected the request while ${what} (400 ${body.category ?? ''})${said}${reference}`, { cause: error });
  return new ConnectorError('vendor', `HubSpot answered ${status} while ${what}${said}${reference}`, { cause: error, retryable: false });
}

/**
 * HubSpot's messages may quote the values sent (an email, a phone number): those stay out of
 * our errors and logs. Property validation errors are reduced to property names and error codes.
 */
export function scrub(message: string): string {
  const invalid = /^Property values were not valid: (\[.*\])$/s.exec(message);
  if (invalid) {
    try {
      const problems = JSON.parse(invalid[1]!) as { name?: string; error?: string }[];
      return `Property values were not valid: ${problems.map((p) => `${p.name ?? '?'} ${p.error ?? 'INVALID'}`).join(', ')}`;
    } catch {
      return 'Property values were not valid';
    }
  }
  return message.replace(/[^\s@"'\\,;:[\]{}]+@[^\s@"'\\,;:[\]{}]+/g, '[email]').replace(/\+?\d[\d\s().-]{6,}\d/g, '[number]');
}
