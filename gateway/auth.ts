/**
 * Bearer tokens: JWT, HS256, signed with `config.tokenSecret`. A token names a
 * role (`dpo`, `it`, `agent`, `subject`, `integration`); a subject's token also names their email.
 */
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import { ROLES, type Actor, type Role } from '../core/actor.js';
import { ValidationError } from '../core/errors.js';
import { normaliseEmail } from '../core/identity.js';

const ISSUER = 'gardien';
const DEFAULT_TTL = '12h';

export interface TokenRequest {
  role: Role;
  /** Who holds it; defaults to `<role>@local`. */
  sub?: string;
  /** Required for the `subject` role: whose requests the holder may see. */
  email?: string;
  /** Seconds, or a span such as `30m`, `12h`, `30d`. */
  ttl?: number | string;
}

/** A token that cannot be accepted; the gateway answers 401. */
export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

const claims = z.object({
  sub: z.string().min(1),
  role: z.enum(ROLES),
  email: z.string().optional(),
});

const TTL = /^\d+\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks)$/i;

function secretBytes(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function issueToken(secret: string, request: TokenRequest): Promise<string> {
  const role = claims.shape.role.safeParse(request.role);
  if (!role.success) throw new ValidationError(`Unknown role "${request.role}"; one of ${ROLES.join(', ')}`, [{ path: 'role', message: 'unknown role' }]);
  const ttl = request.ttl ?? DEFAULT_TTL;
  if (typeof ttl === 'number' ? !(ttl > 0) : !TTL.test(ttl.trim())) {
    throw new ValidationError(`"${ttl}" is not a lifetime; use seconds or e.g. 30m, 12h, 30d`, [{ path: 'ttl', message: 'invalid lifetime' }]);
  }
  const payload: Record<string, string> = { role: role.data };
  if (role.data === 'subject') {
    const email = request.email ? normaliseEmail(request.email) : undefined;
    if (!email) throw new ValidationError('A subject token needs the email of the person holding it', [{ path: 'email', message: 'required for role subject' }]);
    payload.email = email;
  }
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub?.trim() || `${role.data}@local`)
    .setIssuer(ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(typeof ttl === 'number' ? now + Math.floor(ttl) : ttl.trim())
    .sign(secretBytes(secret));
}

/** The actor a token stands for; throws InvalidTokenError saying why it is refused. */
export async function verifyToken(secret: string, token: string): Promise<Actor> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, secretBytes(secret), { algorithms: ['HS256'], issuer: ISSUER, requiredClaims: ['exp', 'sub'] }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError('The token has expired');
    if (error instanceof joseErrors.JOSEError) throw new InvalidTokenError('The token is not valid');
    throw error;
  }
  const parsed = claims.safeParse(payload);
  if (!parsed.success) throw new InvalidTokenError('The token does not name a known role');
  const { sub, role, email } = parsed.data;
  if (role === 'subject') {
    const normalised = email ? normaliseEmail(email) : undefined;
    if (!normalised) throw new InvalidTokenError('A subject token must name an email');
    return { sub, role, email: normalised };
  }
  return { sub, role };
}

/** The token of an `Authorization: Bearer …` header; null when there is none. */
export function bearerToken(header: string | null): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

export type Authentication = { ok: true; actor: Actor } | { ok: false; reason: string };

/** Reads the request's bearer token: an actor, or why the request is refused. */
export async function authenticate(request: Request, secret: string): Promise<Authentication> {
  const header = request.headers.get('authorization');
  const token = bearerToken(header);
  if (!token) {
    return { ok: false, reason: header ? 'The Authorization header must be "Bearer <token>"' : 'A bearer token is required (Authorization: Bearer <token>)' };
  }
  try {
    return { ok: true, actor: await verifyToken(secret, token) };
  } catch (error) {
    if (error instanceof InvalidTokenError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** 401, shaped like a GraphQL error so GraphQL clients show the reason. */
export function unauthorizedResponse(reason: string): Response {
  return Response.json(
    { errors: [{ message: reason, extensions: { code: 'UNAUTHENTICATED' } }] },
    { status: 401, headers: { 'www-authenticate': 'Bearer realm="gardien"' } },
  );
}
