/**
 * The subset of SOSL a lookup needs:
 * FIND {term} [IN ALL|NAME|EMAIL|PHONE FIELDS] RETURNING Obj[(fields [WHERE …] [LIMIT n])], … [LIMIT n].
 */
import { SfError, unsupportedType } from './errors.js';
import type { OrgState, StoredRecord } from './org.js';
import { runQuery, recordJson } from './query.js';
import { objectNamed, type FieldDef, type ObjectDef } from './schema.js';

type Scope = 'ALL' | 'NAME' | 'EMAIL' | 'PHONE';

const malformed = (message: string) => new SfError(400, 'MALFORMED_SEARCH', message);

export function runSearch(org: OrgState, sosl: string, version: string): { searchRecords: Record<string, unknown>[] } {
  const head = /^\s*FIND\s+\{((?:\\.|[^}\\])*)\}\s*(?:IN\s+(ALL|NAME|EMAIL|PHONE)\s+FIELDS\s*)?RETURNING\s+([\s\S]+?)\s*(?:LIMIT\s+(\d+))?\s*$/i.exec(sosl);
  if (!head) throw malformed(`No search term found. The search term must be enclosed in braces: ${sosl.slice(0, 80)}`);
  const term = head[1]!.replace(/\\(.)/g, '$1').replace(/^"|"$/g, '').trim();
  if (term.replace(/\*/g, '').length < 2) throw malformed('search term must be longer than one character');
  const scope = (head[2]?.toUpperCase() ?? 'ALL') as Scope;
  const overallLimit = head[4] ? Number(head[4]) : 2000;
  const matches = matcher(term, scope);
  const out: Record<string, unknown>[] = [];
  for (const spec of splitTopLevel(head[3]!)) {
    const m = /^(\w+)\s*(?:\(([\s\S]*)\))?$/.exec(spec.trim());
    if (!m) throw malformed(`unexpected token in RETURNING: ${spec.trim()}`);
    const object = objectNamed(m[1]!);
    if (!object || !org.access(object.name).read) throw unsupportedType(m[1]!);
    const inner = /^([\s\S]*?)(?:\s+WHERE\s+([\s\S]*?))?(?:\s+LIMIT\s+(\d+))?$/i.exec(m[2]?.trim() || 'Id')!;
    const soql = `SELECT ${inner[1]} FROM ${object.name}${inner[2] ? ` WHERE ${inner[2]}` : ''}`;
    const result = runQuery(org, soql, { includeDeleted: false });
    const limit = inner[3] ? Number(inner[3]) : Infinity;
    let taken = 0;
    for (const id of result.ids) {
      const record = org.find(id)!;
      if (taken >= limit || out.length >= overallLimit) break;
      if (!searchable(object).some((f) => matches(f, org.view(object, record, f)))) continue;
      out.push(recordJson(org, object, record as StoredRecord, result.fields as FieldDef[], version));
      taken++;
    }
  }
  return { searchRecords: out };
}

function searchable(object: ObjectDef): FieldDef[] {
  return object.fields.filter((f) => ['string', 'textarea', 'email', 'phone', 'url', 'picklist'].includes(f.type));
}

function matcher(term: string, scope: Scope): (field: FieldDef, value: unknown) => boolean {
  const lower = term.toLowerCase();
  const prefix = lower.endsWith('*');
  const word = prefix ? lower.slice(0, -1) : lower;
  const digits = term.replace(/\D/g, '');
  return (field, value) => {
    if (typeof value !== 'string' || value === '') return false;
    const text = value.toLowerCase();
    switch (scope) {
      case 'EMAIL':
        return field.type === 'email' && (prefix ? text.startsWith(word) : text === word);
      case 'PHONE':
        // Phone search ignores formatting: "06 12 34 56 78" is found by 612345678.
        return field.type === 'phone' && digits.length >= 4 && value.replace(/\D/g, '').endsWith(digits);
      case 'NAME':
        return (field.nameField || /^(FirstName|LastName|Name|Company)$/.test(field.name)) && text.includes(word);
      default:
        return text.includes(word);
    }
  };
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  if (current.trim()) parts.push(current);
  return parts;
}
