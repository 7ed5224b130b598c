/**
 * `POST /crm/v3/objects/{type}/search`: filter groups (OR of ANDs), sorts, a
 * free-text query and `after` paging, with HubSpot's limits (5 groups, 6
 * filters per group, 18 in all, 200 per page, 10,000 results reachable).
 * String comparisons ignore case, as HubSpot's do.
 */
import { validationError } from './errors.js';
import { byNumericId, objectTypeOf, type CrmRecord, type PortalState } from './portal.js';
import { propertyOf, type CrmObjectType } from './properties.js';

interface Filter {
  propertyName?: unknown;
  operator?: unknown;
  value?: unknown;
  highValue?: unknown;
  values?: unknown;
}

export interface SearchBody {
  filterGroups?: { filters?: Filter[] }[];
  sorts?: unknown[];
  query?: unknown;
  properties?: unknown;
  limit?: unknown;
  after?: unknown;
}

export interface SearchPage {
  total: number;
  results: CrmRecord[];
  nextAfter?: string;
}

const OPERATORS = new Set(['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN']);
const QUERY_FIELDS: Record<CrmObjectType, string[]> = {
  contacts: ['firstname', 'lastname', 'email', 'phone', 'mobilephone', 'company'],
  notes: ['hs_note_body'],
  emails: ['hs_email_subject', 'hs_email_text'],
  calls: ['hs_call_title', 'hs_call_body'],
  tickets: ['subject', 'content'],
  deals: ['dealname'],
};

export function search(portal: PortalState, type: CrmObjectType, body: SearchBody): SearchPage {
  const groups = body.filterGroups ?? [];
  const limit = body.limit === undefined ? 10 : Number(body.limit);
  const offset = body.after === undefined || body.after === null || body.after === '' ? 0 : Number(body.after);
  const problems: { message: string; in: string }[] = [];
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) problems.push({ message: 'must be between 1 and 200', in: 'limit' });
  if (!Number.isInteger(offset) || offset < 0) problems.push({ message: 'must be a non-negative integer', in: 'after' });
  if (groups.length > 5) problems.push({ message: 'at most 5 filterGroups are allowed', in: 'filterGroups' });
  groups.forEach((g, i) => {
    if ((g.filters?.length ?? 0) > 6) problems.push({ message: 'at most 6 filters are allowed in a filter group', in: `filterGroups[${i}].filters` });
  });
  if (groups.reduce((n, g) => n + (g.filters?.length ?? 0), 0) > 18) problems.push({ message: 'at most 18 filters are allowed in all', in: 'filterGroups' });
  if (problems.length > 0) throw validationError('There was a problem with the request.', problems);
  if (offset + limit > 10_000) throw validationError('Paging beyond 10,000 results is not supported; narrow the search with filters.', [{ message: 'must not go beyond 10000', in: 'after' }]);

  const tests = groups.map((g, i) => (g.filters ?? []).map((f, j) => compile(portal, type, f, `filterGroups[${i}].filters[${j}]`)));
  const query = typeof body.query === 'string' ? body.query.trim().toLowerCase().split(/\s+/).filter(Boolean) : [];
  let matches = [...portal.records[type].values()].filter(
    (r) => (tests.length === 0 || tests.some((group) => group.every((test) => test(r)))) && matchesQuery(r, QUERY_FIELDS[type], query),
  );
  matches = sortRecords(type, matches, body.sorts ?? []);
  const results = matches.slice(offset, offset + limit);
  const nextAfter = offset + limit < matches.length ? String(offset + limit) : undefined;
  return { total: matches.length, results, nextAfter };
}

type Test = (record: CrmRecord) => boolean;

function compile(portal: PortalState, type: CrmObjectType, filter: Filter, where: string): Test {
  const name = typeof filter.propertyName === 'string' ? filter.propertyName : '';
  const operator = typeof filter.operator === 'string' ? filter.operator : '';
  if (!OPERATORS.has(operator)) throw validationError(`Invalid operator "${operator}"`, [{ message: 'unknown operator', in: `${where}.operator` }]);
  // `associations.contact` = id: records associated with that contact (engagements, tickets, deals).
  const link = /^associations\.(.+)$/.exec(name);
  if (link) {
    const other = objectTypeOf(link[1]!);
    if (!other || operator !== 'EQ') throw validationError(`Unsupported association filter ${name} ${operator}`, [{ message: 'unsupported', in: where }]);
    const linked = new Set(portal.associated(other, String(filter.value), type));
    return (r) => linked.has(r.id);
  }
  const definition = propertyOf(type, name);
  if (!definition) throw validationError(`There was a problem with the request. Property "${name}" does not exist`, [{ message: `Unable to find property ${name}`, in: `${where}.propertyName` }]);
  const dated = definition.type === 'date' || definition.type === 'datetime';
  const value = filter.value === undefined ? undefined : String(filter.value);
  const values = Array.isArray(filter.values) ? filter.values.map(String) : [];
  const get = (r: CrmRecord) => r.properties[name] ?? null;
  switch (operator) {
    case 'HAS_PROPERTY':
      return (r) => get(r) !== null;
    case 'NOT_HAS_PROPERTY':
      return (r) => get(r) === null;
    case 'EQ':
      return (r) => equal(get(r), value, dated);
    case 'NEQ':
      return (r) => !equal(get(r), value, dated);
    case 'IN':
      return (r) => values.some((v) => equal(get(r), v, dated));
    case 'NOT_IN':
      return (r) => !values.some((v) => equal(get(r), v, dated));
    case 'CONTAINS_TOKEN':
      return (r) => containsToken(get(r), value ?? '');
    case 'NOT_CONTAINS_TOKEN':
      return (r) => !containsToken(get(r), value ?? '');
    case 'BETWEEN': {
      const high = filter.highValue === undefined ? undefined : String(filter.highValue);
      return (r) => (compare(get(r), value, dated) ?? -1) >= 0 && (compare(get(r), high, dated) ?? 1) <= 0;
    }
    default: {
      const want = { LT: (c: number) => c < 0, LTE: (c: number) => c <= 0, GT: (c: number) => c > 0, GTE: (c: number) => c >= 0 }[operator as 'LT']!;
      return (r) => {
        const c = compare(get(r), value, dated);
        return c !== undefined && want(c);
      };
    }
  }
}

function equal(actual: string | null, expected: string | undefined, dated: boolean): boolean {
  return actual !== null && expected !== undefined && compare(actual, expected, dated) === 0;
}

/** Numbers as numbers, dates as instants (ISO or epoch milliseconds), text without regard to case. */
function compare(actual: string | null, expected: string | undefined, dated: boolean): number | undefined {
  if (actual === null || expected === undefined) return undefined;
  if (dated) {
    const a = instant(actual);
    const b = instant(expected);
    if (a !== undefined && b !== undefined) return Math.sign(a - b);
  }
  if (/^-?\d+(\.\d+)?$/.test(actual) && /^-?\d+(\.\d+)?$/.test(expected)) return Math.sign(Number(actual) - Number(expected));
  const [a, b] = [actual.toLowerCase(), expected.toLowerCase()];
  return a === b ? 0 : a < b ? -1 : 1;
}

function instant(text: string): number | undefined {
  const n = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  return Number.isNaN(n) ? undefined : n;
}

/** A value holds a token when one of its words (or the whole value) matches, `*` standing for any text. */
function containsToken(actual: string | null, token: string): boolean {
  if (actual === null || token === '') return false;
  const pattern = new RegExp(`^${token.toLowerCase().split('*').map(escapeRegExp).join('.*')}$`);
  const text = actual.toLowerCase();
  return [text, ...text.split(/[\s;,]+/)].some((word) => pattern.test(word));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function matchesQuery(record: CrmRecord, fields: string[], words: string[]): boolean {
  if (words.length === 0) return true;
  const tokens = fields.flatMap((f) => (record.properties[f] ?? '').toLowerCase().split(/[\s@.,;]+/));
  return words.every((w) => tokens.some((t) => t.startsWith(w)));
}

function sortRecords(type: CrmObjectType, records: CrmRecord[], sorts: unknown[]): CrmRecord[] {
  const sort = sorts[0];
  if (!sort) return records.sort((a, b) => byNumericId(a.id, b.id));
  const spec = typeof sort === 'string' ? { propertyName: sort.replace(/^-/, ''), direction: sort.startsWith('-') ? 'DESCENDING' : 'ASCENDING' } : (sort as { propertyName?: string; direction?: string });
  const name = spec.propertyName ?? '';
  const dated = ['date', 'datetime'].includes(propertyOf(type, name)?.type ?? '');
  const sign = spec.direction === 'DESCENDING' ? -1 : 1;
  return records.sort((a, b) => sign * (compare(a.properties[name] ?? '', b.properties[name] ?? '', dated) ?? 0) || byNumericId(a.id, b.id));
}
