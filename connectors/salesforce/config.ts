import { z } from 'zod';
import { DATA_CATEGORIES } from '../../core/categories.js';
import { erasureRuleSchema } from '../sdk/erasure-rules.js';

/** The objects where a person's data lives in a Salesforce org, as Gardien reads them. */
export const SUBJECT_OBJECTS = ['Contact', 'Lead', 'Individual', 'Case', 'Task', 'Note', 'CampaignMember'] as const;
export type SubjectObjectName = (typeof SUBJECT_OBJECTS)[number];

const fieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, 'a Salesforce field API name, e.g. Description or Customer_Number__c');

const objectErasure = erasureRuleSchema({ strategies: ['delete', 'anonymise', 'retain', 'manual'], field: fieldName, kept: 'an object' });

const objectOverride = z.object({
  /** Leave this object out entirely (e.g. an org without Data Protection and Privacy has no Individual). */
  skip: z.boolean().optional(),
  /** Category per field, overriding the guess. */
  categories: z.record(fieldName, z.enum(DATA_CATEGORIES)).optional(),
  erasure: objectErasure.optional(),
});

export const salesforceConfigSchema = z.object({
  /** Where to log in: https://login.salesforce.com, https://test.salesforce.com or the org's My Domain URL. */
  loginUrl: z.url().default('https://login.salesforce.com'),
  /** The org's instance (My Domain) URL, when known before login. */
  instanceUrl: z.url().optional(),
  apiVersion: z.string().regex(/^\d{2}\.0$/, 'an API version such as 60.0').default('60.0'),
  objects: z.partialRecord(z.enum(SUBJECT_OBJECTS), objectOverride).default({}),
  erasure: z
    .object({
      /** anonymise: overwrite personal fields and set Individual.ShouldForget; delete: delete the records. */
      strategy: z.enum(['anonymise', 'delete']).default('anonymise'),
    })
    .default({ strategy: 'anonymise' }),
  /** Records per page when reading (Salesforce honours 200 to 2000). */
  queryBatchSize: z.number().int().min(200).max(2000).default(2000),
});

export type SalesforceConfig = z.infer<typeof salesforceConfigSchema>;
export type ObjectOverride = z.infer<typeof objectOverride>;

const secret = z.string().min(1);

/** OAuth client credentials, or a username and password (with the security token, and a connected app for the OAuth flow). */
export const salesforceSecretsSchema = z
  .object({
    clientId: secret.optional(),
    clientSecret: secret.optional(),
    username: secret.optional(),
    password: secret.optional(),
    securityToken: z.string().optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.username || s.password) {
      if (!s.username) ctx.addIssue({ code: 'custom', path: ['username'], message: 'a password needs the username it belongs to' });
      if (!s.password) ctx.addIssue({ code: 'custom', path: ['password'], message: 'a username needs its password' });
    } else if (!s.clientId || !s.clientSecret) {
      ctx.addIssue({ code: 'custom', path: s.clientId ? ['clientSecret'] : ['clientId'], message: 'give clientId and clientSecret (client credentials flow) or username and password' });
    }
    if (Boolean(s.clientId) !== Boolean(s.clientSecret)) {
      ctx.addIssue({ code: 'custom', path: s.clientId ? ['clientSecret'] : ['clientId'], message: 'clientId and clientSecret go together' });
    }
  });

export type SalesforceSecrets = z.infer<typeof salesforceSecretsSchema>;
