/**
 * The one check of a processing activity written by a DPO or a template:
 * problems come back per path (`processing.dataCategories.2.retention.active`).
 * What is merely missing (a legal basis, a safeguard) is allowed here and
 * shown as a gap; what cannot be right (a transfer to France) is refused.
 */
import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { CATEGORY_HEADINGS, isSpecialHeading } from './headings.js';
import {
  ART9_CONDITIONS,
  END_OF_RETENTION,
  LEGAL_BASES,
  RECIPIENT_KINDS,
  RETENTION_EVENTS,
  SAFEGUARDS,
  SUBJECT_CATEGORIES,
  type ControllerIdentity,
  type ProcessingContent,
} from './model.js';
import { isPeriod } from './periods.js';

/** The EU and the other EEA states: data going there is not a transfer under Chapter V. */
export const EEA = new Set('AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO'.split(' '));
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
// Region codes that name no country (unknown, unions, the reserved UK for GB).
const NOT_COUNTRIES = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO', 'UK']);

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const localized = z
  .strictObject({ fr: text(500).optional(), en: text(500).optional() })
  .refine((t) => t.fr !== undefined || t.en !== undefined, 'give the text in French (fr), English (en) or both');
const period = z.string().refine(isPeriod, 'an ISO 8601 duration in years, months and days, e.g. P3Y, P13M or P0D');

const retention = z.strictObject({
  from: z.enum(RETENTION_EVENTS),
  fromDetail: text(300).optional(),
  active: period,
  archive: period.optional(),
  then: z.enum(END_OF_RETENTION),
  basis: text(500),
});

const country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in capitals, e.g. US')
  .refine((code) => regions.of(code) !== undefined && !NOT_COUNTRIES.has(code), 'not a known country code')
  .refine((code) => !EEA.has(code), 'is in the EEA: data sent there is not a transfer outside the EU');

export const processingContentSchema = z
  .strictObject({
    reference: text(40).optional(),
    name: localized,
    purposes: z.array(localized).min(1, 'state at least one purpose (Art. 30(1)(b))').max(30),
    legalBasis: z
      .strictObject({
        basis: z.enum(LEGAL_BASES),
        detail: text(500).optional(),
        art9Condition: z.enum(ART9_CONDITIONS).optional(),
        art9Detail: text(500).optional(),
      })
      .optional(),
    dataSubjects: z.array(z.strictObject({ category: z.enum(SUBJECT_CATEGORIES), detail: text(300).optional() })).max(20),
    dataCategories: z
      .array(z.strictObject({ category: z.enum(CATEGORY_HEADINGS), detail: text(500).optional(), retention: retention.optional() }))
      .max(40),
    recipients: z
      .array(z.strictObject({ kind: z.enum(RECIPIENT_KINDS), name: text(200), purpose: text(300).optional(), contractRef: text(200).optional() }))
      .max(50),
    transfers: z.array(z.strictObject({ recipient: text(200), country, safeguard: z.enum(SAFEGUARDS).optional(), documentUrl: z.url().optional() })).max(50),
    source: text(500).optional(),
    securityMeasures: z.array(text(300)).max(40),
    automatedDecision: z.strictObject({ description: text(1000), logic: text(1000).optional(), consequences: text(1000).optional() }).optional(),
    note: text(4000).optional(),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.dataCategories.forEach((c, i) => {
      if (seen.has(c.category)) ctx.addIssue({ code: 'custom', path: ['dataCategories', i, 'category'], message: `${c.category} is listed twice` });
      seen.add(c.category);
      if (c.retention?.from === 'other' && !c.retention.fromDetail) {
        ctx.addIssue({ code: 'custom', path: ['dataCategories', i, 'retention', 'fromDetail'], message: 'say which event the period counts from' });
      }
    });
    const special = p.dataCategories.some((c) => isSpecialHeading(c.category));
    if (p.legalBasis?.art9Condition && !special) {
      ctx.addIssue({ code: 'custom', path: ['legalBasis', 'art9Condition'], message: 'no special category (Art. 9) is listed among the data categories' });
    }
  });

/** Zod's issues as our problems, each path under `prefix`. */
export function problemsOf(error: z.ZodError, prefix: string): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: [prefix, ...issue.path.map(String)].join('.'), message: issue.message }));
}

/** The content, cleaned (trimmed), or a ValidationError naming each bad value. */
export function validateProcessing(input: unknown, prefix = 'processing'): ProcessingContent {
  const parsed = processingContentSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError('The processing activity cannot be recorded as written', problemsOf(parsed.error, prefix));
  return parsed.data;
}

const controllerSchema = z.strictObject({
  name: text(200),
  address: text(500).optional(),
  email: z.email().optional(),
  phone: text(40).optional(),
  registration: text(40).optional(),
  representative: text(500).optional(),
  dpo: z.strictObject({ name: text(200).optional(), email: z.email().optional(), phone: text(40).optional(), address: text(500).optional() }),
});

export function validateController(input: unknown): ControllerIdentity {
  const parsed = controllerSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError('The controller’s identity cannot be recorded as written', problemsOf(parsed.error, 'controller'));
  return parsed.data;
}
