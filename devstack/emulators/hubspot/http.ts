/** What a handler gets and gives back; the server does the HTTP around it. */
import { validationError } from './errors.js';
import type { CrmObjectType } from './properties.js';

export interface ApiRequest {
  method: string;
  /** Path segments after the API prefix, percent-decoded. */
  segments: string[];
  query: URLSearchParams;
  body: unknown;
  /** e.g. `http://127.0.0.1:4567`, for paging links. */
  baseUrl: string;
  /** Throws 403 MISSING_SCOPES unless the token holds one of these scopes. */
  require(anyOf: readonly string[]): void;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const noContent = (): Reply => ({ status: 204 });

/** The scopes that let a token read or write an object type. */
export function objectScopes(type: CrmObjectType, access: 'read' | 'write'): string[] {
  switch (type) {
    case 'tickets':
      return ['tickets'];
    case 'deals':
      return [`crm.objects.deals.${access}`];
    default:
      // Notes, emails and calls are engagements, governed by the contacts scopes.
      return [`crm.objects.contacts.${access}`];
  }
}

/** HubSpot names a type in messages in the singular, upper case: CONTACT, NOTE… */
export function singular(type: CrmObjectType): string {
  return type.slice(0, -1).toUpperCase();
}

export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw validationError('Invalid input JSON on line 1, column 1: Cannot build request body, expected a JSON object');
  return body as Record<string, unknown>;
}

/** `inputs: [{ id }]` of a batch call, checked against the batch size limit. */
export function batchIds(body: unknown, max: number): string[] {
  const inputs = requireObjectBody(body).inputs;
  if (!Array.isArray(inputs)) throw validationError('Invalid input: inputs is required', [{ message: 'is required', in: 'inputs' }]);
  if (inputs.length > max) throw validationError(`Too many inputs: the limit is ${max}`, [{ message: `must contain at most ${max} items`, in: 'inputs' }]);
  return inputs.map((input: unknown) => String((input as { id?: unknown } | null)?.id ?? ''));
}

/** `properties` given as repeated or comma-separated query parameters. */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}
