/** Who is asking: the holder of a bearer token. Roles grant least privilege (see schema/builder.ts). */
export const ROLES = ['dpo', 'it', 'agent', 'subject', 'integration'] as const;

export type Role = (typeof ROLES)[number];

export interface Actor {
  /** Stable id of the person or service, e.g. `dpo@acme.example` or `cli`. */
  sub: string;
  role: Role;
  /** For the `subject` role: the (normalised) email whose requests the holder may see. */
  email?: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
