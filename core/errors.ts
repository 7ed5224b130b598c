/**
 * One error hierarchy for the whole code base. Expected failures (bad input,
 * unreachable system, unknown id) are GardienErrors and reach users as data;
 * anything else is a bug and is masked at the edge.
 */
export class GardienError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export interface FieldProblem {
  /** Dotted path of the offending input, e.g. `config.subjects.0.table`. */
  path: string;
  message: string;
}

/** Input that cannot be accepted; nothing was changed. */
export class ValidationError extends GardienError {
  readonly problems: FieldProblem[];
  constructor(message: string, problems: FieldProblem[] = []) {
    super('VALIDATION', message);
    this.problems = problems;
  }
}

export class NotFoundError extends GardienError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} ${id} does not exist`);
  }
}

export class ForbiddenError extends GardienError {
  constructor(message = 'Not allowed for this role') {
    super('FORBIDDEN', message);
  }
}

export type ConnectorFailureKind =
  | 'unreachable'
  | 'authentication'
  | 'permission'
  | 'rate_limited'
  | 'timeout'
  | 'not_supported'
  | 'configuration'
  | 'vendor';

/** A connected system failed; `kind` tells a DPO what to do about it. */
export class ConnectorError extends GardienError {
  readonly kind: ConnectorFailureKind;
  /** Whether trying again later may succeed (drives activity retries). */
  readonly retryable: boolean;
  /** For rate limiting: how long the vendor asked us to wait. */
  readonly retryAfterMs?: number;
  constructor(
    kind: ConnectorFailureKind,
    message: string,
    options: { retryable?: boolean; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(`CONNECTOR_${kind.toUpperCase()}`, message, { cause: options.cause });
    this.kind = kind;
    this.retryable = options.retryable ?? (kind === 'unreachable' || kind === 'timeout' || kind === 'rate_limited');
    this.retryAfterMs = options.retryAfterMs;
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
