import { ValidationError } from './errors.js';

/** Connector secrets as given by a person (GraphQL JSON, a CLI flag): an object of strings, or nothing. */
export function secretsFromInput(value: unknown): Record<string, string> | null {
  if (value == null) return null;
  if (typeof value !== 'object' || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw new ValidationError('Secrets are an object of strings, e.g. {"password": "…"}', [{ path: 'secrets', message: 'must be an object of strings' }]);
  }
  return value as Record<string, string>;
}
