import { z } from 'zod';
import { DATA_CATEGORIES } from '../../core/categories.js';
import { erasureRuleSchema } from '../sdk/erasure-rules.js';

/** The HubSpot object types the connector knows: contacts, and what hangs off them. */
export const HUBSPOT_OBJECTS = ['contacts', 'notes', 'emails', 'calls', 'tickets', 'deals'] as const;
export type HubspotObject = (typeof HUBSPOT_OBJECTS)[number];

export const HUBSPOT_API = 'https://api.hubapi.com';

const propertyName = z.string().regex(/^[A-Za-z0-9_]{1,100}$/, 'a HubSpot property name (letters, digits and underscores)');

// anonymise: properties to clear (default: every writable personal property); retain: properties to clear in the kept record.
const objectErasure = erasureRuleSchema({ strategies: ['delete', 'anonymise', 'retain'], field: propertyName, kept: 'a record', strict: true });

const objectOverride = z.strictObject({
  /** Leave this object type out: not located, read or erased. */
  skip: z.boolean().optional(),
  /** Category per property, over the guessed ones. */
  categories: z.record(propertyName, z.enum(DATA_CATEGORIES)).optional(),
  erasure: objectErasure.optional(),
});

export const hubspotConfigSchema = z
  .strictObject({
    /** Where the API lives; HubSpot's own unless pointed elsewhere (a proxy, the local emulator). */
    basePath: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.hubapi.com' })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    objects: z.partialRecord(z.enum(HUBSPOT_OBJECTS), objectOverride).optional(),
    /** How a contact is erased: HubSpot's GDPR delete (default), an ordinary delete, or clearing its personal properties. */
    erasure: z.strictObject({ strategy: z.enum(['vendor_delete', 'delete', 'anonymise']) }).optional(),
    /** A boolean contact property set while processing is restricted (GDPR Art. 18), e.g. a custom `gdpr_processing_restricted`. */
    restrictionProperty: propertyName.optional(),
    /** The contact property an external id is looked up in (default `hs_object_id`, the record id). */
    externalIdProperty: propertyName.optional(),
  }, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown setting ${issue.keys.join(', ')}${issue.keys.some((k) => /token|secret|key/i.test(k)) ? ': the access token goes in secrets.accessToken (encrypted at rest), never in the config' : ''}`
        : undefined,
  })
  .refine((c) => !c.objects?.contacts?.skip, { message: 'contacts cannot be skipped: they are how a person is found in HubSpot', path: ['objects', 'contacts', 'skip'] })
  .refine((c) => !c.objects?.contacts?.erasure, { message: 'set how contacts are erased with erasure.strategy', path: ['objects', 'contacts', 'erasure'] });

export type HubspotConfig = z.infer<typeof hubspotConfigSchema>;
export type ObjectOverride = z.infer<typeof objectOverride>;

export const hubspotSecretsSchema = z.strictObject({
  /** A private app's access token (`pat-…`), or an OAuth access token. */
  accessToken: z.string().trim().min(1, 'the private app access token is required'),
});

export type HubspotSecrets = z.infer<typeof hubspotSecretsSchema>;
