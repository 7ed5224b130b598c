import { heartbeat } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { ConnectorError, NotFoundError, ValidationError } from '../../core/errors.js';

/**
 * Maps our errors to Temporal's retry semantics: a ConnectorError that cannot
 * get better (wrong password, missing table) fails at once with its reason; a
 * rate-limited vendor is retried after the delay it asked for.
 */
export function toActivityFailure(error: unknown): unknown {
  if (error instanceof ConnectorError) {
    if (!error.retryable) return ApplicationFailure.nonRetryable(error.message, error.code);
    return ApplicationFailure.create({ message: error.message, type: error.code, nextRetryDelay: error.retryAfterMs, cause: error });
  }
  if (error instanceof ValidationError || error instanceof NotFoundError) return ApplicationFailure.nonRetryable(error.message, error.code);
  return error;
}

export async function withFailureMapping<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toActivityFailure(error);
  }
}

const HEARTBEAT_EVERY_MS = 10_000;

/**
 * Runs connector work while heartbeating every few seconds, so a live
 * attempt is never taken for a dead one (a second attempt running beside it
 * could act twice), and a dead worker's attempt is retried within a minute.
 */
export async function whileBeating<T>(work: () => Promise<T>, details?: () => unknown): Promise<T> {
  const timer = setInterval(() => beat(details?.()), HEARTBEAT_EVERY_MS);
  try {
    beat(details?.());
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** Heartbeats when running as an activity; a no-op when called directly (unit tests). */
export function beat(details?: unknown): void {
  try {
    heartbeat(details);
  } catch {
    // not inside an activity context
  }
}
