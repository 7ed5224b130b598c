/** An error as the Salesforce REST API answers it: a status and `[{ message, errorCode, fields }]`. */
export class SfError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
  }

  body(): { message: string; errorCode: string; fields?: string[] }[] {
    return [{ message: this.message, errorCode: this.errorCode, ...(this.fields.length > 0 ? { fields: this.fields } : {}) }];
  }
}

export const notFound = () => new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
export const entityDeleted = () => new SfError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
export const invalidSession = () => new SfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
export const unsupportedType = (name: string) =>
  new SfError(400, 'INVALID_TYPE', `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.`);
export const noAccess = (what: string) =>
  new SfError(403, 'INSUFFICIENT_ACCESS_OR_READONLY', `insufficient access rights on ${what}`);

/** The body a fault answers with when the test gives none, per status. */
export function defaultFaultBody(status: number): unknown {
  switch (status) {
    case 401:
      return invalidSession().body();
    case 403:
      return new SfError(403, 'INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id').body();
    case 429:
      return new SfError(429, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.').body();
    case 503:
      return new SfError(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable. Please try again later.').body();
    default:
      return new SfError(status, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support: 1187203463-52817 (-1578912093)').body();
  }
}
