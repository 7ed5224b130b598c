/**
 * The personal-data map of a HubSpot portal: for each object type, its
 * properties from the properties API, each with a data category (HubSpot's
 * well-known properties first, then guessed from the name, then the config's
 * overrides), identifier fields, free-text flags and the erasure strategy.
 */
import { guessCategory, looksLikeFreeText, type DataCategory } from '../../core/categories.js';
import type { IdentifierKind } from '../../core/identity.js';
import { ConnectorError } from '../../core/errors.js';
import type { FieldDescription, ObjectDescription, ObjectErasure, RecordRef } from '../sdk/contract.js';
import { groupByObject } from '../sdk/group-refs.js';
import type { HubspotApi, HubspotProperty } from './api.js';
import { HUBSPOT_OBJECTS, type HubspotConfig, type HubspotObject } from './config.js';

/** HubSpot properties whose names say little: what they hold. */
const KNOWN_CATEGORIES: Record<string, DataCategory> = {
  company: 'identity',
  hs_additional_emails: 'contact',
  hs_language: 'behavioural',
  lifecyclestage: 'behavioural',
  hs_lead_status: 'behavioural',
  hs_analytics_source: 'behavioural',
  hs_email_optout: 'behavioural',
  hs_legal_basis: 'other',
  dealname: 'transaction',
  dealstage: 'transaction',
  pipeline: 'transaction',
  closedate: 'transaction',
  hs_call_title: 'communication',
  hs_call_direction: 'technical',
  hs_call_duration: 'technical',
  hs_call_status: 'technical',
  hs_email_subject: 'communication',
  hs_email_text: 'communication',
  hs_email_html: 'communication',
  hs_email_direction: 'technical',
  hs_email_status: 'technical',
  notes_last_contacted: 'behavioural',
  hs_email_headers: 'contact',
  hs_call_from_number: 'contact',
  hs_call_to_number: 'contact',
  hs_call_recording_url: 'communication',
  hs_attachment_ids: 'communication',
  content: 'communication',
  hs_pipeline: 'technical',
  hs_pipeline_stage: 'technical',
};

/** Multi-line and rich-text properties hold what people typed: notes, descriptions, bodies. Email headers are structured, not typed. */
function isFreeText(property: HubspotProperty): boolean {
  if (property.name === 'hs_email_headers') return false;
  return property.fieldType === 'textarea' || property.fieldType === 'html' || (property.fieldType === 'text' && looksLikeFreeText(property.name) && !property.readOnly);
}

const NOT_IDENTIFYING = new Set<DataCategory>(['technical', 'other', 'behavioural', 'transaction']);

const LABELS: Record<HubspotObject, string> = { contacts: 'Contacts', notes: 'Notes', emails: 'Logged emails', calls: 'Calls', tickets: 'Tickets', deals: 'Deals' };

/** Engagements go with the contact; tickets lose their personal text; deals are sales records kept for accounting. */
const DEFAULT_ERASURE: Record<Exclude<HubspotObject, 'contacts'>, ObjectErasure> = {
  notes: { strategy: 'delete' },
  emails: { strategy: 'delete' },
  calls: { strategy: 'delete' },
  tickets: { strategy: 'anonymise', fields: ['subject', 'content'] },
  deals: {
    strategy: 'retain',
    legalHold: { basis: 'Sales records kept for accounting and tax purposes (e.g. French Commercial Code art. L123-22: 10 years)', retainForDays: 3650 },
  },
};

interface ObjectModel {
  description: ObjectDescription;
  properties: Map<string, HubspotProperty>;
}

export class HubspotModel {
  readonly objects: HubspotObject[];
  readonly externalIdProperty: string;
  #loaded?: Promise<Map<HubspotObject, ObjectModel>>;

  constructor(
    private readonly api: HubspotApi,
    private readonly config: HubspotConfig,
  ) {
    this.objects = HUBSPOT_OBJECTS.filter((o) => !config.objects?.[o]?.skip);
    this.externalIdProperty = config.externalIdProperty ?? 'hs_object_id';
  }

  /** Reads the properties once per connector instance; a failed read is tried again next time. */
  #load(): Promise<Map<HubspotObject, ObjectModel>> {
    if (!this.#loaded) {
      const loading = Promise.all(
        this.objects.map(async (type) => {
          const properties = await this.api.properties(type);
          return [type, { properties: new Map(properties.map((p) => [p.name, p])), description: this.#describe(type, properties) }] as const;
        }),
      ).then((entries) => new Map<HubspotObject, ObjectModel>(entries));
      loading.catch(() => {
        if (this.#loaded === loading) this.#loaded = undefined;
      });
      this.#loaded = loading;
    }
    return this.#loaded;
  }

  async descriptions(): Promise<ObjectDescription[]> {
    const models = await this.#load();
    return this.objects.map((o) => structuredClone(models.get(o)!.description));
  }

  async description(type: HubspotObject): Promise<ObjectDescription> {
    return (await this.#load()).get(type)!.description;
  }

  async propertyNames(type: HubspotObject): Promise<string[]> {
    return [...(await this.#load()).get(type)!.properties.keys()];
  }

  async property(type: HubspotObject, name: string): Promise<HubspotProperty | undefined> {
    return (await this.#load()).get(type)?.properties.get(name);
  }

  /** What `anonymise` clears by default: every personal property a client may write. */
  async anonymisable(type: HubspotObject): Promise<string[]> {
    const model = (await this.#load()).get(type)!;
    return model.description.fields
      .filter((f) => !f.key && f.category !== 'technical' && f.category !== 'other' && !model.properties.get(f.name)?.readOnly)
      .map((f) => f.name);
  }

  /**
   * Properties HubSpot maintains itself that could identify the person (IP city, secondary
   * emails…): the API cannot clear them. Behavioural ones (traffic source) say nothing once
   * the identifiers are gone.
   */
  async identifyingReadOnly(type: HubspotObject): Promise<string[]> {
    const model = (await this.#load()).get(type)!;
    return model.description.fields
      .filter((f) => !f.key && !NOT_IDENTIFYING.has(f.category) && model.properties.get(f.name)?.readOnly)
      .map((f) => f.name);
  }

  isObject(name: string): name is HubspotObject {
    return (this.objects as string[]).includes(name);
  }

  /** Refs grouped by object type; a ref to a type this connector does not hold is a caller's mistake. */
  refsByObject(refs: readonly RecordRef[]): Map<HubspotObject, RecordRef[]> {
    const groups = new Map<HubspotObject, RecordRef[]>();
    for (const [object, group] of groupByObject(refs)) {
      if (!this.isObject(object)) throw new ConnectorError('configuration', `"${object}" is not an object type this HubSpot connector holds`);
      groups.set(object, group);
    }
    return groups;
  }

  #describe(type: HubspotObject, properties: HubspotProperty[]): ObjectDescription {
    const overrides = this.config.objects?.[type]?.categories ?? {};
    const fields = properties.map((p): FieldDescription => {
      const field: FieldDescription = { name: p.name, type: p.type, category: overrides[p.name] ?? KNOWN_CATEGORIES[p.name] ?? guessCategory(p.name, p.type), nullable: true };
      const identifier = this.#identifier(type, p.name);
      if (identifier) field.identifier = identifier;
      if (isFreeText(p)) field.freeText = true;
      if (p.name === 'hs_object_id') field.key = true;
      return field;
    });
    const erasure: ObjectErasure =
      type === 'contacts' ? { strategy: this.config.erasure?.strategy ?? 'vendor_delete' } : (this.config.objects?.[type]?.erasure ?? DEFAULT_ERASURE[type]);
    return {
      name: type,
      label: LABELS[type],
      fields,
      erasure,
      ...(type === 'contacts' ? {} : { relation: { parent: 'contacts', via: 'association' } }),
      source: 'HubSpot CRM',
    };
  }

  #identifier(type: HubspotObject, name: string): IdentifierKind | undefined {
    if (type !== 'contacts') return undefined;
    if (name === 'email' || name === 'hs_additional_emails') return 'email';
    if (name === 'phone' || name === 'mobilephone') return 'phone';
    return name === this.externalIdProperty ? 'externalId' : undefined;
  }
}
