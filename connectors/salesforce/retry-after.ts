/**
 * Retry-After as the server sent it. jsforce's errors carry the status body but
 * not the headers, so the connector listens on Node's own HTTP client
 * diagnostics channel (read-only) and remembers, per host, the last wait asked for.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

const lastAskedByHost = new Map<string, { at: number; waitMs: number }>();
let listening = false;

/** Seconds, or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function onResponse(message: unknown): void {
  const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
  const waitMs = parseRetryAfter(response.headers['retry-after']);
  if (waitMs === undefined) return;
  const host = String(request.getHeader('host') ?? request.host);
  lastAskedByHost.set(host, { at: Date.now(), waitMs });
}

export function watchRetryAfter(): void {
  if (listening) return;
  listening = true;
  subscribe('http.client.response.finish', onResponse);
}

/** The wait the host asked for in an answer received since `since`, if any. */
export function retryAfterFrom(host: string, since: number): number | undefined {
  const seen = lastAskedByHost.get(host);
  return seen && seen.at >= since ? seen.waitMs : undefined;
}
