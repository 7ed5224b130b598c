/**
 * The erasure rule a connector's config may set per object — delete,
 * anonymise, keep under a legal hold… — validated the same way for every
 * kind: a record kept under `retain` needs the basis for keeping it.
 */
import { z } from 'zod';
import type { ErasureStrategy } from './contract.js';

export interface ErasureRuleOptions<Strategies extends readonly [ErasureStrategy, ...ErasureStrategy[]]> {
  /** The strategies this kind of system offers. */
  strategies: Strategies;
  /** A field of the object, as the system names it (a column, a property). */
  field: z.ZodType<string>;
  /** What is kept, as the error message names it: "a table", "a record", "an object". */
  kept: string;
  /** Refuse unknown keys rather than drop them. */
  strict?: boolean;
}

export function erasureRuleSchema<const Strategies extends readonly [ErasureStrategy, ...ErasureStrategy[]]>(options: ErasureRuleOptions<Strategies>) {
  const object = options.strict ? z.strictObject : z.object;
  const legalHold = object({
    basis: z.string().min(3, 'say which law or contract requires keeping the record'),
    retainForDays: z.number().int().positive().optional(),
  });
  return object({
    strategy: z.enum(options.strategies),
    /** anonymise: fields to overwrite (default: every personal field). retain: fields to overwrite in the kept record (default: none). */
    fields: z.array(options.field).optional(),
    legalHold: legalHold.optional(),
  }).refine((e) => e.strategy !== 'retain' || e.legalHold, {
    message: `${options.kept} kept under "retain" needs a legalHold with the basis for keeping it`,
    path: ['legalHold'],
  });
}
