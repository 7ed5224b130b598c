import { objectOfId, toLongId } from '../../../connectors/salesforce/ids.js';
import { SfError } from './errors.js';
import type { OrgState, SfValue } from './org.js';
import { fieldNamed, type FieldDef, type ObjectDef } from './schema.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks a create or update body the way the API does (unknown or read-only
 * fields, required fields, lengths, types, references) and returns the values to store.
 */
export function checkWrite(
  org: OrgState,
  object: ObjectDef,
  values: Record<string, unknown>,
  mode: 'create' | 'update',
  system: boolean,
): Record<string, SfValue> {
  const out: Record<string, SfValue> = {};
  const readOnly: string[] = [];
  for (const [name, raw] of Object.entries(values)) {
    if (name === 'attributes' || (name === 'Id' && mode === 'update')) continue;
    const field = fieldNamed(object, name);
    if (!field) throw new SfError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`, [name]);
    if (!system && !(mode === 'create' ? field.createable : field.updateable)) {
      readOnly.push(field.name);
      continue;
    }
    out[field.name] = checkValue(org, field, raw);
  }
  if (readOnly.length > 0) {
    throw new SfError(400, 'INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, readOnly);
  }
  // OwnerId defaults to the calling user; booleans and defaulted picklists always have a value.
  const missing = object.fields
    .filter((f) => !f.nillable && f.createable && f.type !== 'boolean' && f.defaultValue === undefined && f.name !== 'OwnerId')
    .filter((f) => (mode === 'create' ? out[f.name] == null : f.name in out && out[f.name] == null))
    .map((f) => f.name);
  if (missing.length > 0) throw new SfError(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
  return out;
}

function checkValue(org: OrgState, field: FieldDef, raw: unknown): SfValue {
  if (raw === null || raw === undefined) {
    if (field.type === 'boolean') throw typeError(field, raw);
    return null;
  }
  switch (field.type) {
    case 'boolean':
      if (typeof raw !== 'boolean') throw typeError(field, raw);
      return raw;
    case 'double':
      if (typeof raw !== 'number') throw typeError(field, raw);
      return raw;
    case 'reference':
      return checkReference(org, field, raw);
    default: {
      if (typeof raw !== 'string') throw typeError(field, raw);
      if (raw === '') return null;
      if (raw.length > field.length && field.length > 0) {
        throw new SfError(400, 'STRING_TOO_LONG', `${field.label}: data value too large: ${raw.slice(0, 40)}… (max length=${field.length})`, [field.name]);
      }
      if (field.type === 'email' && !EMAIL.test(raw)) {
        throw new SfError(400, 'INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${raw}`, [field.name]);
      }
      if (field.type === 'date' && !DATE.test(raw)) throw typeError(field, raw);
      if (field.type === 'picklist' && field.picklist.length > 0 && !field.picklist.includes(raw)) {
        throw new SfError(400, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${raw}`, [field.name]);
      }
      return raw;
    }
  }
}

function checkReference(org: OrgState, field: FieldDef, raw: unknown): string {
  const id = typeof raw === 'string' ? toLongId(raw) : undefined;
  if (!id) throw new SfError(400, 'MALFORMED_ID', `${field.label}: id value of incorrect type: ${String(raw)}`, [field.name]);
  if (['OwnerId', 'CreatedById', 'LastModifiedById'].includes(field.name)) return id;
  const target = org.find(id);
  const type = objectOfId(id);
  if (!target || target.IsDeleted || !type || !field.referenceTo.includes(type)) {
    throw new SfError(400, 'INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [field.name]);
  }
  return id;
}

function typeError(field: FieldDef, raw: unknown): SfError {
  return new SfError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${field.type} from value ${JSON.stringify(raw)} for field ${field.name}`, [field.name]);
}
