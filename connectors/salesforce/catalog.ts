/**
 * The org's personal-data map, from Salesforce's describe metadata: every
 * field of the subject objects with its category (guessed, overridable), the
 * identifying and free-text fields, and each object's erasure.
 */
import type { DescribeSObjectResult, Field } from 'jsforce';
import { guessCategory, looksLikeFreeText, type DataCategory } from '../../core/categories.js';
import type { IdentifierKind } from '../../core/identity.js';
import type { FieldDescription, ObjectDescription, ObjectErasure } from '../sdk/contract.js';
import { SUBJECT_OBJECTS, type SalesforceConfig, type SubjectObjectName } from './config.js';
import { COMPOUND_TYPES, MODEL, PERSON_OBJECTS, type SubjectObjectModel } from './model.js';

export interface LiveObject {
  model: SubjectObjectModel;
  description: ObjectDescription;
  /** Fields read for the subject (compound fields left out: their parts are read). */
  readFields: string[];
  /** Describe metadata per field name. */
  fields: Map<string, Field>;
}

export type OrgCatalog = Map<SubjectObjectName, LiveObject>;

/** Fields whose names say little to a generic guess. */
const KNOWN: Record<string, DataCategory> = {
  SuppliedName: 'identity', Salutation: 'identity', Name: 'identity', Company: 'identity', Title: 'identity',
  LeadSource: 'behavioural', Status: 'technical', Priority: 'technical', Origin: 'technical', Type: 'other', IsConverted: 'technical',
};
const PREFERENCE_FLAG = /OptedOut|DoNotCall|ShouldForget|CanStorePii|SendIndividualData|HasResponded/;
const PERSONAL: ReadonlySet<DataCategory> = new Set(['identity', 'contact', 'location', 'communication', 'financial', 'special', 'criminal']);

const snake = (name: string) => name.replace(/__c$/, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

export function categoryOf(object: SubjectObjectName, field: Field): DataCategory {
  if (field.type === 'id' || field.type === 'reference') return 'technical';
  if (field.type === 'email' || field.type === 'phone') return 'contact';
  if (field.type === 'boolean') return PREFERENCE_FLAG.test(field.name) ? 'behavioural' : 'technical';
  if ((object === 'Note' && field.name === 'Title') || (object === 'Task' && field.name === 'Subject')) return 'communication';
  return KNOWN[field.name] ?? guessCategory(snake(field.name), field.type);
}

function identifierOf(model: SubjectObjectModel, field: Field): IdentifierKind | undefined {
  if (model.email.includes(field.name)) return 'email';
  if (model.phone.includes(field.name)) return 'phone';
  if (field.type === 'id' && (PERSON_OBJECTS as readonly string[]).includes(model.name)) return 'externalId';
  return undefined;
}

export function describeObject(result: DescribeSObjectResult, model: SubjectObjectModel, config: SalesforceConfig, source: string): LiveObject {
  const override = config.objects[model.name];
  const fields = new Map(result.fields.map((f) => [f.name, f]));
  const described: FieldDescription[] = result.fields
    .filter((f) => !COMPOUND_TYPES.has(f.type))
    .map((f) => {
      const identifier = identifierOf(model, f);
      return {
        name: f.name,
        type: f.type,
        category: override?.categories?.[f.name] ?? categoryOf(model.name, f),
        ...(identifier ? { identifier } : {}),
        ...((f.type === 'textarea' && !f.compoundFieldName) || looksLikeFreeText(f.name, f.type) ? { freeText: true } : {}),
        ...(f.type === 'id' || f.type === 'reference' ? { key: true } : {}),
        nullable: f.nillable,
      };
    });
  const parents = Object.entries(model.parents);
  const description: ObjectDescription = {
    name: model.name,
    label: result.label,
    fields: described,
    erasure: override?.erasure ?? defaultErasure(model, config, described, fields),
    ...(parents[0] ? { relation: { parent: parents[0][0], via: parents[0][1] } } : {}),
    ...(model.name === 'Individual' ? { relation: { parent: 'Contact', via: 'IndividualId' } } : {}),
    source,
  };
  return { model, description, readFields: described.map((f) => f.name), fields };
}

function defaultErasure(model: SubjectObjectModel, config: SalesforceConfig, described: FieldDescription[], fields: Map<string, Field>): ObjectErasure {
  const strategy = model.erasure[config.erasure.strategy];
  if (strategy === 'delete') return { strategy };
  return { strategy, fields: anonymisableFields(model, described, fields) };
}

/** The personal fields the integration user can overwrite: the declared replacements, then every other nillable personal field. */
export function anonymisableFields(model: SubjectObjectModel, described: FieldDescription[], fields: Map<string, Field>): string[] {
  return described
    .filter((f) => {
      const meta = fields.get(f.name);
      if (!meta?.updateable || f.key) return false;
      if (f.name in model.anonymised) return true;
      return meta.nillable && (PERSONAL.has(f.category) || f.freeText === true);
    })
    .map((f) => f.name);
}

export function subjectObjects(config: SalesforceConfig): SubjectObjectModel[] {
  return SUBJECT_OBJECTS.filter((name) => !config.objects[name]?.skip).map((name) => MODEL[name]);
}
