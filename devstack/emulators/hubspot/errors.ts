/** Errors as the HubSpot API answers them: `{ status: "error", message, correlationId, category, … }`. */
import { randomUUID } from 'node:crypto';

export const SCOPES_LINK = 'https://developers.hubspot.com/scopes';

export class HsError extends Error {
  constructor(
    readonly status: number,
    readonly category: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  body(correlationId: string = randomUUID()): Record<string, unknown> {
    return { status: 'error', message: this.message, correlationId, ...this.extra, category: this.category };
  }
}

export const invalidAuthentication = () =>
  new HsError(
    401,
    'INVALID_AUTHENTICATION',
    'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
  );

export const missingScopes = (scopes: readonly string[]) =>
  new HsError(
    403,
    'MISSING_SCOPES',
    `This app hasn't been granted all required scopes to make this call. Read more about required scopes here: ${SCOPES_LINK}.`,
    {
      errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: [...scopes] } }],
      links: { scopes: SCOPES_LINK },
    },
  );

export const objectNotFound = (id: string) =>
  new HsError(404, 'OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.', { context: { id: [id] } });

export const resourceNotFound = () =>
  new HsError(404, 'OBJECT_NOT_FOUND', 'Resource not found', { subCategory: 'RESOURCE_NOT_FOUND' });

/** A request HubSpot refuses as malformed: one line per problem, as its validator reports them. */
export const validationError = (message: string, errors: { message: string; in?: string; code?: string }[] = []) =>
  new HsError(400, 'VALIDATION_ERROR', message, errors.length > 0 ? { errors } : {});

export interface PropertyProblem {
  name: string;
  error: string;
  message: string;
}

/** What HubSpot says when a write sets unknown, read-only or malformed property values. */
export function invalidPropertyValues(portalId: number, problems: readonly PropertyProblem[]): HsError {
  const detail = problems.map((p) => ({ isValid: false, message: p.message, error: p.error, name: p.name, localizedErrorMessage: p.message, portalId }));
  return new HsError(400, 'VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(detail)}`);
}

export type RatePolicy = 'SECONDLY' | 'TEN_SECONDLY_ROLLING' | 'DAILY';

/** The 429 body: HubSpot's rate limiter answers with `errorType` and `policyName` rather than `category`. */
export function rateLimitBody(policy: RatePolicy, correlationId: string = randomUUID()): Record<string, unknown> {
  const limit = { SECONDLY: 'secondly', TEN_SECONDLY_ROLLING: 'ten_secondly_rolling', DAILY: 'daily' }[policy];
  return { status: 'error', message: `You have reached your ${limit} limit.`, errorType: 'RATE_LIMIT', correlationId, policyName: policy };
}

/** The body an injected fault answers with when the test gives none, per status. */
export function defaultFaultBody(status: number): Record<string, unknown> {
  switch (status) {
    case 401:
      return invalidAuthentication().body();
    case 403:
      return missingScopes(['crm.objects.contacts.read']).body();
    case 404:
      return resourceNotFound().body();
    case 429:
      return rateLimitBody('SECONDLY');
    case 502:
    case 503:
    case 504:
      return new HsError(status, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable. Please try again later.').body();
    default:
      return new HsError(status, status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_ERROR', status >= 500 ? 'internal error' : 'Invalid input').body();
  }
}
