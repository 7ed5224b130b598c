/** What forms, integrations and the DPO send to the ledger, validated once here (zod) before anything is stored. */
import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { AUDIENCES, CAPTURE_SOURCES, CONSENT_STATUSES, CONTACT_OUTCOMES, LEGAL_BASES } from './model.js';
import { isTimeZone } from './settings.js';

export const slug = z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, - and _ (1 to 63)');
const text = (max: number) => z.string().trim().min(1).max(max);

export const sourceSchema = z.object({
  kind: z.enum(CAPTURE_SOURCES),
  name: text(200).nullish().transform((v) => v ?? null),
  version: text(60).nullish().transform((v) => v ?? null),
});

export const proofSchema = z.object({
  kind: text(60),
  reference: text(500),
  sha256: z.string().trim().toLowerCase().regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the evidence, 64 hexadecimal digits'),
});

export const recordConsentSchema = z
  .object({
    purpose: slug,
    channel: slug,
    status: z.enum(CONSENT_STATUSES),
    legalBasis: z.enum(LEGAL_BASES).nullish().transform((v) => v ?? 'consent'),
    source: sourceSchema,
    capturedAt: z.date(),
    capturedBy: text(200).nullish(),
    proof: proofSchema.nullish(),
    effectiveFrom: z.date().nullish(),
    effectiveTo: z.date().nullish(),
    wording: text(5000).nullish(),
    language: z.string().trim().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'a language tag such as fr or en-GB').nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'granted' && v.legalBasis === 'consent' && !v.proof) {
      ctx.addIssue({ code: 'custom', path: ['proof'], message: 'a consent granted needs its proof: where the evidence is and its SHA-256' });
    }
    if (v.effectiveTo && v.effectiveTo <= (v.effectiveFrom ?? v.capturedAt)) {
      ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: 'must be after the consent takes effect' });
    }
  });
export type RecordConsentInput = z.input<typeof recordConsentSchema>;

export const profileSchema = z
  .object({
    audience: z.enum(AUDIENCES).nullish(),
    customerSince: z.date().nullish(),
    contractSince: z.date().nullish(),
    contractUntil: z.date().nullish(),
    timezone: z.string().trim().refine(isTimeZone, 'an IANA time zone such as Europe/Paris').nullish(),
    phoneOppositionList: z.boolean().nullish(),
    callsOutsideHours: z.boolean().nullish(),
    source: sourceSchema,
    capturedAt: z.date(),
  })
  .superRefine((v, ctx) => {
    if (v.contractUntil && !v.contractSince) ctx.addIssue({ code: 'custom', path: ['contractSince'], message: 'a contract end needs its start' });
    if (v.contractUntil && v.contractSince && v.contractUntil <= v.contractSince) ctx.addIssue({ code: 'custom', path: ['contractUntil'], message: 'must be after the contract starts' });
  });
export type ProfileInput = z.input<typeof profileSchema>;

export const objectionSchema = z.object({
  purpose: slug.nullish(),
  channel: slug.nullish(),
  source: sourceSchema,
  capturedAt: z.date(),
  proof: proofSchema.nullish(),
});
export type ObjectionInput = z.input<typeof objectionSchema>;

export const contactAttemptSchema = z.object({
  purpose: slug,
  channel: slug,
  attemptedAt: z.date(),
  outcome: z.enum(CONTACT_OUTCOMES),
});
export type ContactAttemptInput = z.input<typeof contactAttemptSchema>;

const flag = z.boolean().nullish().transform((v) => v ?? false);

export const purposeSchema = z.object({
  id: slug,
  name: text(200),
  description: text(2000),
  processingId: text(100).nullish(),
  reconfirmAfterDays: z.number().int().min(1).max(3660).nullish(),
  analogousOffer: flag,
  relatedToWork: flag,
  relatedToContract: flag,
});
export type PurposeInput = z.input<typeof purposeSchema>;

/** The parsed value, or a ValidationError naming each bad field under `prefix`. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, message: string, prefix = 'input'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    message,
    parsed.error.issues.map((issue) => ({ path: [prefix, ...issue.path.map(String)].join('.'), message: issue.message })),
  );
}
