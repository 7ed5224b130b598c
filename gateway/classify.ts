import { SENSITIVE_CATEGORIES, guessCategory, looksLikeFreeText, type DataCategory } from '../core/categories.js';
import type { ClassifiedField, FoundRecord, SensitiveFinding, SystemResult } from '../core/subject-view.js';
import type { ConnectorDescription, SubjectRecord } from '../connectors/sdk/contract.js';

interface FieldClass {
  category: DataCategory;
  freeText: boolean;
}

/**
 * Classifies records by what their connector declared; a field it did not
 * declare gets the same guess a new column would (name and nothing else).
 */
export function recordClassifier(description: ConnectorDescription): (record: SubjectRecord) => FoundRecord {
  const declared = new Map<string, FieldClass>();
  for (const object of description.objects) {
    for (const field of object.fields) {
      declared.set(`${object.name}\u0000${field.name}`, {
        category: field.category,
        freeText: field.freeText ?? looksLikeFreeText(field.name, field.type),
      });
    }
  }
  const classOf = (object: string, name: string): FieldClass =>
    declared.get(`${object}\u0000${name}`) ?? { category: guessCategory(name), freeText: looksLikeFreeText(name) };

  return ({ ref, fields }) => ({
    object: ref.object,
    id: ref.id,
    matchedOn: ref.matchedOn ?? null,
    fields: Object.entries(fields).map(([name, value]): ClassifiedField => {
      const { category, freeText } = classOf(ref.object, name);
      return { name, value, category, sensitive: SENSITIVE_CATEGORIES.has(category), freeText };
    }),
  });
}

/** Each sensitive field that holds a value for the subject, once per system, object and field. */
export function sensitiveFindings(systems: readonly SystemResult[]): SensitiveFinding[] {
  const seen = new Set<string>();
  const findings: SensitiveFinding[] = [];
  for (const system of systems) {
    for (const record of system.records) {
      for (const field of record.fields) {
        if (!field.sensitive || field.value == null || field.value === '') continue;
        const key = `${system.connectorId}\u0000${record.object}\u0000${field.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push({ connectorId: system.connectorId, connector: system.name, object: record.object, field: field.name, category: field.category });
      }
    }
  }
  return findings;
}
