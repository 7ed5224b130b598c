/**
 * HubSpot's limits for a private app: a rolling ten-second window for the API
 * as a whole, five search requests a second, and a daily quota. Over a limit,
 * a 429 with `Retry-After`; otherwise the `X-HubSpot-RateLimit-*` headers.
 */
import { rateLimitBody, type RatePolicy } from './errors.js';

export interface RateLimits {
  /** Requests per rolling 10 seconds (190 for Professional and Enterprise portals). */
  tenSecondly: number;
  /** Search requests per second. */
  searchSecondly: number;
  daily: number;
}

export const HUBSPOT_RATE_LIMITS: RateLimits = { tenSecondly: 190, searchSecondly: 5, daily: 1_000_000 };

export type Admission = { admitted: true; headers: Record<string, string> } | { admitted: false; status: 429; headers: Record<string, string>; body: Record<string, unknown> };

interface Usage {
  recent: number[];
  searches: number[];
  day: string;
  today: number;
}

export class RateLimiter {
  readonly #usage = new Map<string, Usage>();

  constructor(readonly limits: RateLimits | false) {}

  admit(token: string, isSearch: boolean, now = Date.now()): Admission {
    if (!this.limits) return { admitted: true, headers: {} };
    const limits = this.limits;
    const usage = this.#usageOf(token, now);
    usage.recent = usage.recent.filter((t) => t > now - 10_000);
    usage.searches = usage.searches.filter((t) => t > now - 1_000);
    const refuse = (policy: RatePolicy, waitMs: number): Admission => ({
      admitted: false,
      status: 429,
      headers: { 'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))), ...this.#headers(usage) },
      body: rateLimitBody(policy),
    });
    if (usage.today >= limits.daily) return refuse('DAILY', Date.parse(`${usage.day}T00:00:00Z`) + 86_400_000 - now);
    if (isSearch && usage.searches.length >= limits.searchSecondly) return refuse('SECONDLY', usage.searches[0]! + 1_000 - now);
    if (usage.recent.length >= limits.tenSecondly) return refuse('TEN_SECONDLY_ROLLING', usage.recent[0]! + 10_000 - now);
    usage.recent.push(now);
    usage.today++;
    if (isSearch) usage.searches.push(now);
    // HubSpot's search endpoints do not send the standard rate limit headers.
    return { admitted: true, headers: isSearch ? {} : this.#headers(usage) };
  }

  #usageOf(token: string, now: number): Usage {
    const day = new Date(now).toISOString().slice(0, 10);
    let usage = this.#usage.get(token);
    if (!usage || usage.day !== day) this.#usage.set(token, (usage = { recent: usage?.recent ?? [], searches: usage?.searches ?? [], day, today: 0 }));
    return usage;
  }

  #headers(usage: Usage): Record<string, string> {
    const limits = this.limits as RateLimits;
    const secondly = Math.ceil(limits.tenSecondly / 10);
    const lastSecond = usage.recent.filter((t) => t > Date.now() - 1_000).length;
    return {
      'X-HubSpot-RateLimit-Daily': String(limits.daily),
      'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, limits.daily - usage.today)),
      'X-HubSpot-RateLimit-Interval-Milliseconds': '10000',
      'X-HubSpot-RateLimit-Max': String(limits.tenSecondly),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, limits.tenSecondly - usage.recent.length)),
      'X-HubSpot-RateLimit-Secondly': String(secondly),
      'X-HubSpot-RateLimit-Secondly-Remaining': String(Math.max(0, secondly - lastSecond)),
    };
  }
}
