import { toLongId } from '../../../connectors/salesforce/ids.js';
import { SfError, unsupportedType } from './errors.js';
import type { OrgState, StoredRecord } from './org.js';
import { fieldNamed, objectNamed, type FieldDef, type ObjectDef } from './schema.js';
import { parseSoql, type Condition, type Literal } from './soql.js';

export interface QueryResultSet {
  object: ObjectDef;
  fields: FieldDef[] | 'count';
  /** Matching record ids in result order; records are read when a page is served, as a server cursor does. */
  ids: string[];
}

/** Runs a SOQL query against the org; errors as the API reports them. */
export function runQuery(org: OrgState, soql: string, options: { includeDeleted: boolean }): QueryResultSet {
  const query = parseSoql(soql);
  const object = objectNamed(query.object);
  if (!object || !org.access(object.name).read) throw unsupportedType(query.object);
  const resolve = (name: string): FieldDef => {
    const field = fieldNamed(object, name);
    if (!field) {
      const at = soql.indexOf(name);
      throw new SfError(400, 'INVALID_FIELD', `\n${soql}\n${' '.repeat(Math.max(at, 0))}^\nERROR at Row:1:Column:${at + 1}\nNo such column '${name}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
    }
    return field;
  };
  const fields = query.fields === 'count' ? 'count' : query.fields.map(resolve);
  const test = query.where ? compile(query.where, resolve, org, object) : () => true;
  let matched = [...org.records(object, { includeDeleted: options.includeDeleted })].filter(test);
  for (const order of [...query.orderBy].reverse()) {
    const field = resolve(order.field);
    matched = [...matched].sort((a, b) => compareForOrder(org.view(object, a, field), org.view(object, b, field), order.descending, order.nullsLast));
  }
  const start = query.offset ?? 0;
  const end = query.limit === undefined ? undefined : start + query.limit;
  return { object, fields, ids: matched.slice(start, end).map((r) => r.Id) };
}

/** One record as the query and retrieve endpoints return it. */
export function recordJson(org: OrgState, object: ObjectDef, record: StoredRecord, fields: FieldDef[], version: string) {
  const out: Record<string, unknown> = { attributes: { type: object.name, url: `/services/data/v${version}/sobjects/${object.name}/${record.Id}` } };
  for (const field of fields) out[field.name] = org.view(object, record, field);
  return out;
}

function compile(cond: Condition, resolve: (name: string) => FieldDef, org: OrgState, object: ObjectDef): (r: StoredRecord) => boolean {
  switch (cond.kind) {
    case 'and': {
      const parts = cond.items.map((c) => compile(c, resolve, org, object));
      return (r) => parts.every((p) => p(r));
    }
    case 'or': {
      const parts = cond.items.map((c) => compile(c, resolve, org, object));
      return (r) => parts.some((p) => p(r));
    }
    case 'not': {
      const inner = compile(cond.item, resolve, org, object);
      return (r) => !inner(r);
    }
    case 'like': {
      const field = resolve(cond.field);
      const source = cond.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
      const pattern = new RegExp(`^${source}$`, 'is');
      return (r) => {
        const value = org.view(object, r, field);
        return typeof value === 'string' && pattern.test(value);
      };
    }
    case 'in': {
      const field = resolve(cond.field);
      const wanted = new Set(cond.values.map((v) => normalise(field, v)));
      return (r) => wanted.has(normalise(field, org.view(object, r, field) as Literal)) !== cond.negated;
    }
    case 'compare': {
      const field = resolve(cond.field);
      const value = normalise(field, cond.value);
      return (r) => {
        const actual = normalise(field, org.view(object, r, field) as Literal);
        if (cond.op === '=') return actual === value;
        if (cond.op === '!=') return actual !== value;
        if (actual === null || value === null) return false;
        const c = actual < value ? -1 : actual > value ? 1 : 0;
        return cond.op === '<' ? c < 0 : cond.op === '<=' ? c <= 0 : cond.op === '>' ? c > 0 : c >= 0;
      };
    }
  }
}

/** SOQL compares text case-insensitively and accepts 15- or 18-character ids. */
function normalise(field: FieldDef, value: Literal): Literal {
  if (typeof value !== 'string') return value ?? null;
  if (field.type === 'id' || field.type === 'reference') return toLongId(value) ?? value;
  return value.toLowerCase();
}

function compareForOrder(a: unknown, b: unknown, descending: boolean, nullsLast: boolean): number {
  if (a == null || b == null) {
    if (a == null && b == null) return 0;
    return (a == null) === nullsLast ? 1 : -1;
  }
  const x = typeof a === 'string' ? a.toLowerCase() : (a as number);
  const y = typeof b === 'string' ? b.toLowerCase() : (b as number);
  const c = x < y ? -1 : x > y ? 1 : 0;
  return descending ? -c : c;
}
