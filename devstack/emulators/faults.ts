/**
 * Faults tests inject on demand, and the log of every call an emulator answered.
 * Shared by the vendor emulators; each gives the error body its vendor sends.
 */

export interface FaultSpec {
  /** Tested against the request path with its query string, percent-decoded. */
  path: RegExp;
  method?: string;
  /** The status to answer with; without one the fault only delays the real answer. */
  status?: number;
  /** How many matching calls it affects (default 1). */
  times?: number;
  delayMs?: number;
  /** Seconds, sent as the Retry-After header. */
  retryAfter?: number;
  /** The error body; by default what the vendor sends for that status. */
  body?: unknown;
}

export interface FaultAnswer {
  status?: number;
  delayMs: number;
  headers: Record<string, string>;
  body?: unknown;
}

export class Faults {
  readonly #faults: (FaultSpec & { left: number })[] = [];

  constructor(private readonly defaultFaultBody: (status: number) => unknown) {}

  add(spec: FaultSpec): void {
    this.#faults.push({ ...spec, left: spec.times ?? 1 });
  }

  clear(): void {
    this.#faults.length = 0;
  }

  /** How many injected answers have not been used yet. */
  pending(): number {
    return this.#faults.reduce((n, f) => n + f.left, 0);
  }

  /** The fault for this call, if any, used up by one. */
  take(method: string, target: string): FaultAnswer | undefined {
    const fault = this.#faults.find((f) => f.left > 0 && (!f.method || f.method.toUpperCase() === method) && f.path.test(target));
    if (!fault) return undefined;
    fault.left--;
    const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
    return {
      status: fault.status,
      delayMs: fault.delayMs ?? 0,
      headers,
      body: fault.status === undefined ? undefined : (fault.body ?? this.defaultFaultBody(fault.status)),
    };
  }
}

export interface CallRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The JSON body sent, when there was one. */
  body?: unknown;
  status: number;
  /** Set when the answer came from an injected fault. */
  faulted: boolean;
  at: number;
}
