import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { isTimeZone, parseExtraChannels, type ConsentSettings } from './consent/settings.js';
import type { SecretKey } from './crypto.js';
import { ValidationError } from './errors.js';

/**
 * The one config loader. Every setting comes from an environment variable and
 * is validated here, once, with a message naming the variable.
 */
const schema = z.object({
  GARDIEN_HOME: z.string().default(path.resolve('.gardien')),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  PUBLIC_URL: z.url().optional(),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').default('mongodb://127.0.0.1:27017'),
  MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, 'letters, digits, _ and - only').default('gardien'),
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'must be host:port').default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('gardien'),
  /** Activities one worker runs at once; a single-writer store (FerretDB on SQLite) does better with fewer. */
  WORKER_MAX_ACTIVITIES: z.coerce.number().int().min(1).max(1000).default(100),
  /** base64 of 32 random bytes; several comma-separated `kid:base64` to rotate (first one seals). */
  GARDIEN_SECRET_KEY: z.string().optional(),
  /** HMAC secret for bearer tokens. */
  GARDIEN_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('Gardien DPO <dpo@gardien.local>'),
  GARDIEN_DEFAULT_COUNTRY: z.string().length(2).toUpperCase().default('FR'),
  GARDIEN_DEFAULT_LANGUAGE: z.enum(['en', 'fr']).default('en'),
  CONNECTOR_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  EXPORT_LINK_TTL_DAYS: z.coerce.number().positive().default(7),
  VERIFICATION_CODE_TTL_MINUTES: z.coerce.number().positive().default(30),
  VERIFICATION_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  /** Who hears of deadlines, failed systems and manual tasks with no assignee; defaults to MAIL_FROM's address. */
  DPO_EMAIL: z.email().optional(),
  /** Before a request's due date, when to remind the DPO: comma-separated durations such as `7d,1d`. */
  DEADLINE_REMINDERS: z.string().default('7d,1d').refine((v) => v.split(',').every((d) => parseDuration(d) !== null), 'comma-separated durations such as 7d,1d (units s, m, h, d)'),
  /** How often an open manual task is reminded to its assignee. */
  MANUAL_TASK_REMINDER_EVERY: z.string().default('3d').refine((v) => (parseDuration(v) ?? 0) > 0, 'a duration such as 3d or 12h'),
  /** Comma-separated npm package names of connector plugins to load. */
  GARDIEN_PLUGINS: z.string().default(''),
  /** Comma-separated origins of the Temporal Web UIs whose pages may call the codec server (CORS). */
  TEMPORAL_UI_ORIGINS: z
    .string()
    .default('http://127.0.0.1:8233,http://localhost:8233')
    .refine((v) => v.split(',').every((o) => parseOrigin(o) !== null), 'comma-separated origins such as https://temporal.example.com or http://127.0.0.1:8233'),
  /** When set, the codec server answers only requests carrying `Authorization: Bearer <it>`. */
  CODEC_AUTH_TOKEN: z.string().min(16, 'must be at least 16 characters').regex(/^[\x21-\x7e]+$/, 'printable characters, no spaces').optional(),
  /** Where French law leaves the company a choice (see core/consent/settings.ts). */
  CONSENT_SOFT_OPT_IN: z.enum(['on', 'off']).default('on'),
  CONSENT_B2B_LEGITIMATE_INTEREST: z.enum(['on', 'off']).default('on'),
  CONSENT_CALL_TIMEZONE: z.string().default('Europe/Paris').refine(isTimeZone, 'an IANA time zone such as Europe/Paris'),
  CONSENT_CALL_CAP: z.coerce.number().int().min(1).optional(),
  CONSENT_CHANNELS: z.string().default('').refine((v) => parseExtraChannels(v) !== null, 'comma-separated channel names (lower case), each optionally ruled like email, sms, phone or post: whatsapp=sms,push'),
  /** Comma-separated origins whose pages may call /graphql from a browser (CORS); empty: the gateway's own pages only. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .refine((v) => v.trim() === '' || v.split(',').every((o) => parseOrigin(o) !== null), 'comma-separated origins such as https://privacy.example.com'),
  /** Largest request body the gateway reads, in bytes. */
  HTTP_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(262_144),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(8),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(10),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(50).default(1000),
  /** Escape's cost model: a page of 100 requests with each system's progress costs about 9,400. */
  GRAPHQL_MAX_COST: z.coerce.number().int().min(10).default(10_000),
  /** Root fields one mutation operation may select: each may start a workflow or send an email, and rate limits count HTTP requests. */
  GRAPHQL_MAX_MUTATION_FIELDS: z.coerce.number().int().min(1).max(100).default(1),
  /** `requestUpdated` streams one token may hold open at once (counted per gateway process). */
  GRAPHQL_MAX_STREAMS_PER_TOKEN: z.coerce.number().int().min(1).max(1000).default(10),
});

export type GardienConfig = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof schema>) {
  const home = path.resolve(env.GARDIEN_HOME);
  const production = env.NODE_ENV === 'production';
  return {
    home,
    production,
    port: env.PORT,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    mongo: { uri: env.MONGODB_URI, db: env.MONGODB_DB },
    temporal: { address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE, taskQueue: env.TEMPORAL_TASK_QUEUE, maxActivities: env.WORKER_MAX_ACTIVITIES },
    secretKeys: parseSecretKeys(env.GARDIEN_SECRET_KEY ?? devSecret(home, production, 'secret.key', 'GARDIEN_SECRET_KEY')),
    tokenSecret: env.GARDIEN_TOKEN_SECRET ?? devSecret(home, production, 'token.secret', 'GARDIEN_TOKEN_SECRET'),
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, defaultLanguage: env.GARDIEN_DEFAULT_LANGUAGE },
    defaultCountry: env.GARDIEN_DEFAULT_COUNTRY,
    connectorTimeoutMs: env.CONNECTOR_TIMEOUT_MS,
    exportLinkTtlMs: env.EXPORT_LINK_TTL_DAYS * 24 * 3600 * 1000,
    verification: { ttlMs: env.VERIFICATION_CODE_TTL_MINUTES * 60_000, maxAttempts: env.VERIFICATION_MAX_ATTEMPTS },
    deadlines: {
      dpoEmail: env.DPO_EMAIL ?? addressOf(env.MAIL_FROM),
      reminderLeadsMs: env.DEADLINE_REMINDERS.split(',').map((d) => parseDuration(d)!).sort((a, b) => b - a),
      manualTaskReminderMs: parseDuration(env.MANUAL_TASK_REMINDER_EVERY)!,
    },
    plugins: env.GARDIEN_PLUGINS.split(',').map((p) => p.trim()).filter(Boolean),
    codecServer: { uiOrigins: env.TEMPORAL_UI_ORIGINS.split(',').map((o) => parseOrigin(o)!), authToken: env.CODEC_AUTH_TOKEN },
    signingKeyDir: path.join(home, 'signing-keys'),
    consent: {
      softOptIn: env.CONSENT_SOFT_OPT_IN === 'on',
      b2bLegitimateInterest: env.CONSENT_B2B_LEGITIMATE_INTEREST === 'on',
      callTimezone: env.CONSENT_CALL_TIMEZONE,
      callCap: env.CONSENT_CALL_CAP ?? null,
      extraChannels: parseExtraChannels(env.CONSENT_CHANNELS)!,
    } satisfies ConsentSettings,
    http: {
      corsOrigins: env.CORS_ORIGINS.split(',').filter((o) => o.trim() !== '').map((o) => parseOrigin(o)!),
      maxBodyBytes: env.HTTP_MAX_BODY_BYTES,
    },
    graphqlLimits: {
      maxDepth: env.GRAPHQL_MAX_DEPTH,
      maxAliases: env.GRAPHQL_MAX_ALIASES,
      maxTokens: env.GRAPHQL_MAX_TOKENS,
      maxCost: env.GRAPHQL_MAX_COST,
      maxMutationFields: env.GRAPHQL_MAX_MUTATION_FIELDS,
      maxStreamsPerToken: env.GRAPHQL_MAX_STREAMS_PER_TOKEN,
    },
  };
}

/** Loads and validates the configuration; throws one ValidationError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): GardienConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw new ValidationError(
      `Bad configuration:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`,
      problems,
    );
  }
  return toConfig(parsed.data);
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `15m`, `12h`, `7d` in milliseconds; null when not such a duration. */
export function parseDuration(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$/.exec(text);
  return match ? Math.round(Number(match[1]) * UNITS[match[2]!]!) : null;
}

/** The address in `Name <address>` or a bare address. */
function addressOf(mailbox: string): string {
  return /<([^>]+)>/.exec(mailbox)?.[1]?.trim() ?? mailbox.trim();
}

/** `scheme://host[:port]` written as a browser sends it in `Origin`; null for anything with a path, query or credentials. */
function parseOrigin(text: string): string | null {
  try {
    const url = new URL(text.trim());
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    return (url.protocol === 'http:' || url.protocol === 'https:') && bare ? url.origin : null;
  } catch {
    return null;
  }
}

function parseSecretKeys(value: string): SecretKey[] {
  const keys = value.split(',').map((part, index) => {
    const [kid, b64] = part.includes(':') ? part.split(':', 2) : [`k${index}`, part];
    const key = Buffer.from(b64!.trim(), 'base64');
    if (key.length !== 32) {
      throw new ValidationError('Bad configuration:\n  GARDIEN_SECRET_KEY: each key must be 32 bytes in base64', [
        { path: 'GARDIEN_SECRET_KEY', message: 'each key must be 32 bytes in base64' },
      ]);
    }
    return { kid: kid!.trim(), key };
  });
  return keys;
}

/** Development convenience: a random secret kept in GARDIEN_HOME; production must set the variable. */
function devSecret(home: string, production: boolean, file: string, variable: string): string {
  if (production) {
    throw new ValidationError(`Bad configuration:\n  ${variable}: required when NODE_ENV=production`, [
      { path: variable, message: 'required when NODE_ENV=production' },
    ]);
  }
  const full = path.join(home, file);
  if (existsSync(full)) return readFileSync(full, 'utf8').trim();
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64');
  writeFileSync(full, secret, { mode: 0o600 });
  return secret;
}
