/** Records as the API shows them: only known properties, unset ones as null, timestamps in ISO form. */
import { invalidPropertyValues, type PropertyProblem } from './errors.js';
import type { CrmRecord, PortalState } from './portal.js';
import { DEFAULT_PROPERTIES, propertyOf, type CrmObjectType } from './properties.js';

export function present(type: CrmObjectType, record: CrmRecord, wanted: readonly string[] = []): Record<string, unknown> {
  const names = (wanted.length > 0 ? wanted : DEFAULT_PROPERTIES[type]).filter((n) => propertyOf(type, n));
  return {
    id: record.id,
    properties: Object.fromEntries([...new Set(names)].map((n) => [n, record.properties[n] ?? null])),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    archived: false,
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks values a write would set; answers 400 naming each bad property, as HubSpot does. */
export function validatedProperties(portal: PortalState, type: CrmObjectType, raw: unknown, recordId?: string): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  const problems: PropertyProblem[] = [];
  for (const [name, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    const text = value === null || value === undefined ? '' : String(value);
    const definition = propertyOf(type, name);
    if (!definition) problems.push({ name, error: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` });
    else if (definition.modificationMetadata.readOnlyValue) problems.push({ name, error: 'READ_ONLY_VALUE', message: `"${name}" is a read only property; its value cannot be set.` });
    else if (name === 'email' && text !== '' && !EMAIL.test(text)) problems.push({ name, error: 'INVALID_EMAIL', message: `Email address ${text} is invalid` });
    else if (definition.type === 'enumeration' && text !== '' && definition.options.length > 0 && !text.split(';').every((v) => definition.options.some((o) => o.value === v)))
      problems.push({ name, error: 'INVALID_OPTION', message: `${text} was not one of the allowed options: [${definition.options.map((o) => o.value).join(', ')}]` });
    else if (definition.type === 'bool' && text !== '' && text !== 'true' && text !== 'false') problems.push({ name, error: 'INVALID_BOOLEAN', message: `${text} is not a valid boolean` });
    else if (definition.type === 'number' && text !== '' && Number.isNaN(Number(text))) problems.push({ name, error: 'INVALID_DECIMAL', message: `${text} is not a valid number` });
    else values[name] = text;
  }
  if (problems.length > 0) throw invalidPropertyValues(portal.portalId, problems);
  if (type === 'contacts' && values.email) {
    const holder = portal.findContactByEmail(values.email);
    if (holder && holder.id !== recordId) throw invalidPropertyValues(portal.portalId, [{ name: 'email', error: 'CONTACT_EXISTS', message: `A contact with the email '${values.email}' already exists. Existing ID: ${holder.id}` }]);
  }
  return values;
}
