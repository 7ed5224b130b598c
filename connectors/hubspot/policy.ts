/**
 * How every HubSpot call is made: with a timeout, waiting out a 429 as long as
 * HubSpot asks (Retry-After) up to a limit, retrying a 5xx once, and failing as
 * a ConnectorError whose message says what to do.
 *
 * The client's own retry decorator (`numberOfApiCallRetries`) is left off: it
 * ignores Retry-After, sleeps fixed times, logs to the console, and lives in a
 * process-wide singleton shared by every Client instance.
 */
import { ConnectorError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { httpFailureOf, retryAfterMs, toConnectorError } from './errors.js';

export interface CallPolicy {
  basePath: string;
  timeoutMs: number;
  logger: Logger;
  /** How long one call may spend waiting out rate limits before giving up with `rate_limited` (default 60 s). */
  maxRateLimitWaitMs?: number;
  /** Pause before the one retry of a 5xx (default 500 ms). */
  serverRetryDelayMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function callHubspot<T>(policy: CallPolicy, what: string, run: () => Promise<T>): Promise<T> {
  const maxWait = policy.maxRateLimitWaitMs ?? 60_000;
  let waited = 0;
  let serverRetries = 0;
  for (;;) {
    try {
      return await withTimeout(policy.timeoutMs, what, run());
    } catch (error) {
      const failure = httpFailureOf(error);
      if (failure?.status === 429) {
        const wait = retryAfterMs(failure);
        if (waited + wait <= maxWait) {
          policy.logger.warn('HubSpot rate limit reached; waiting as asked', { while: what, waitMs: wait });
          waited += wait;
          await sleep(wait);
          continue;
        }
      }
      if (failure && failure.status >= 500 && serverRetries === 0) {
        serverRetries++;
        await sleep(policy.serverRetryDelayMs ?? 500);
        continue;
      }
      throw toConnectorError(error, what, policy.basePath);
    }
  }
}

function withTimeout<T>(timeoutMs: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ConnectorError('timeout', `HubSpot did not answer within ${timeoutMs} ms while ${what}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
