import { z } from 'zod';
import { DATA_CATEGORIES } from '../../core/categories.js';
import { erasureRuleSchema } from '../sdk/erasure-rules.js';
import type { DialectName } from './driver.js';

const name = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^.\s"`'\\]+$/, 'a plain table or column name (no dots, quotes or spaces)');
/** A column of the subject table, or `table.column` of a table joined to it by a foreign key. */
const columnPath = z
  .string()
  .regex(/^[^.\s"`'\\]+(\.[^.\s"`'\\]+)?$/, 'a column name, or table.column for a column in a related table');

const tableErasure = erasureRuleSchema({ strategies: ['delete', 'anonymise', 'retain'], field: name, kept: 'a table' });

const category = z.enum(DATA_CATEGORIES);

/** A value written into a column to record an objection to direct marketing. */
export const optOutValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type OptOutValue = z.infer<typeof optOutValue>;

/**
 * Category overrides, stored as `{ table: { column: category } }`. Also accepted as
 * `{ "table.column": category }`, turned into the nested form because MongoDB-protocol
 * storage (FerretDB) refuses dots in field names.
 */
const categories = z.preprocess((value) => {
  if (typeof value !== 'object' || value === null) return value;
  const nested: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const dot = key.indexOf('.');
    if (dot < 0) nested[key] = { ...(nested[key] as object), ...(v as object) };
    else nested[key.slice(0, dot)] = { ...(nested[key.slice(0, dot)] as object), [key.slice(dot + 1)]: v };
  }
  return nested;
}, z.record(name, z.record(name, category)));

const DIALECTS: Record<string, DialectName> = {
  'postgres:': 'postgres',
  'postgresql:': 'postgres',
  'mysql:': 'mysql',
  'mariadb:': 'mysql',
  'sqlite:': 'sqlite',
  'file:': 'sqlite',
};

export function dialectOf(url: string): DialectName | undefined {
  const scheme = /^[a-z0-9+]+:/i.exec(url)?.[0].toLowerCase();
  return scheme ? DIALECTS[scheme] : undefined;
}

function hasPassword(url: string): boolean {
  if (dialectOf(url) === 'sqlite') return false;
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
}

export const sqlConfigSchema = z.object({
  url: z
    .string()
    .refine((url) => dialectOf(url) !== undefined, 'must start with postgres://, postgresql://, mysql://, mariadb://, sqlite: or file:')
    .refine((url) => dialectOf(url) === 'sqlite' || URL.canParse(url), 'is not a valid URL')
    // The config is stored in clear; only secrets are sealed. A password here would leak.
    .refine((url) => !hasPassword(url), 'contains a password: remove it from the URL and put it in secrets.password (secrets are encrypted at rest, the config is not)'),
  subjects: z
    .array(
      z.object({
        table: name,
        identity: z
          .object({ email: columnPath.optional(), phone: columnPath.optional(), externalId: columnPath.optional() })
          .refine((i) => i.email || i.phone || i.externalId, 'name at least one column: email, phone or externalId'),
        /** Columns holding the person's name: classified as identity. */
        name: z.array(name).optional(),
      }),
    )
    .min(1, 'name at least one table that holds people'),
  skipTables: z.array(name).optional(),
  categories: categories.optional(),
  erasure: z.record(name, tableErasure).optional(),
  /** Per table, a boolean column set while the person's processing is restricted (GDPR Art. 18). */
  restriction: z.record(name, name).optional(),
  /** Per table, the columns set on the person's rows when they object to direct marketing (GDPR Art. 21), e.g. `{ people: { newsletter: false } }`. */
  optOut: z.record(name, z.record(name, optOutValue).refine((columns) => Object.keys(columns).length > 0, 'name at least one column and the value that records the opt-out')).optional(),
  /** PostgreSQL schema; `public` when absent. */
  schema: name.optional(),
  /** How many levels of child tables to follow from a subject table (default 3). */
  maxDepth: z.number().int().min(0).max(8).optional(),
});

export type SqlConfig = z.infer<typeof sqlConfigSchema>;
export type SubjectTableConfig = SqlConfig['subjects'][number];

export const sqlSecretsSchema = z.object({
  user: z.string().min(1).optional(),
  password: z.string().optional(),
});

export type SqlSecrets = z.infer<typeof sqlSecretsSchema>;

/** The URL with the secrets' credentials merged in, at connect time only. */
export function connectionUrl(config: Pick<SqlConfig, 'url'>, secrets: SqlSecrets): URL {
  const url = new URL(config.url);
  if (secrets.user) url.username = encodeURIComponent(secrets.user);
  if (secrets.password) url.password = encodeURIComponent(secrets.password);
  return url;
}

/** `host:port/database`, for messages: never credentials. */
export function describeTarget(url: URL, defaultPort: number): string {
  return `${url.hostname}:${url.port || defaultPort}${url.pathname}`;
}
