/** The REST API under /services/data: versions, describe, query with cursors, search, limits and records. */
import { SfError, notFound } from './errors.js';
import type { OrgState } from './org.js';
import { runQuery, recordJson, type QueryResultSet } from './query.js';
import { runSearch } from './sosl.js';
import { describeGlobal, describeObject, objectInfo } from './describe.js';
import * as records from './records.js';
import type { FieldDef } from './schema.js';

export const API_VERSIONS = ['52.0', '53.0', '54.0', '55.0', '56.0', '57.0', '58.0', '59.0', '60.0', '61.0', '62.0'];
const RELEASES = ["Summer '21", "Winter '22", "Spring '22", "Summer '22", "Winter '23", "Spring '23", "Summer '23", "Winter '24", "Spring '24", "Summer '24", "Winter '25"];

export interface DataRequest {
  method: string;
  /** Path segments after /services/data/vXX.X/ */
  segments: string[];
  version: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

interface Cursor {
  set: QueryResultSet;
  batchSize: number;
}

/** Server-side query cursors, as the nextRecordsUrl of a query result points at them. */
export class Cursors {
  readonly #open = new Map<string, Cursor>();
  #seq = 0;

  page(org: OrgState, set: QueryResultSet, cursorId: string | undefined, position: number, batchSize: number, version: string) {
    const { object, fields } = set;
    if (fields === 'count') return { totalSize: set.ids.length, done: true, records: [] };
    const slice = set.ids.slice(position, position + batchSize);
    const out = {
      totalSize: set.ids.length,
      done: position + slice.length >= set.ids.length,
      records: slice.map((id) => recordJson(org, object, org.find(id)!, fields as FieldDef[], version)),
    };
    if (out.done) {
      if (cursorId) this.#open.delete(cursorId);
      return out;
    }
    const id = cursorId ?? this.#register(set, batchSize);
    return { ...out, nextRecordsUrl: `/services/data/v${version}/query/${id}-${position + slice.length}` };
  }

  get(locator: string): { id: string; cursor: Cursor; position: number } {
    const m = /^(01g\w+)-(\d+)$/.exec(locator);
    const cursor = m ? this.#open.get(m[1]!) : undefined;
    if (!m || !cursor) throw new SfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    return { id: m[1]!, cursor, position: Number(m[2]) };
  }

  #register(set: QueryResultSet, batchSize: number): string {
    const id = `01g5g0000Cursr${String(++this.#seq).padStart(4, '0')}`;
    this.#open.set(id, { set, batchSize });
    return id;
  }
}

/** `Sforce-Query-Options: batchSize=n`: between 200 and 2000, 2000 by default. */
function batchSizeOf(headers: DataRequest['headers']): number {
  const raw = headers['sforce-query-options'];
  const m = /batchSize\s*=\s*(\d+)/i.exec(Array.isArray(raw) ? raw.join(',') : (raw ?? ''));
  return m ? Math.min(2000, Math.max(200, Number(m[1]))) : 2000;
}

export function versionsList() {
  return API_VERSIONS.map((version, i) => ({ label: RELEASES[i], url: `/services/data/v${version}`, version }));
}

export function handleData(org: OrgState, cursors: Cursors, req: DataRequest): records.Answer {
  const [resource, a, b, c] = req.segments;
  const v = req.version;
  const body = (req.body ?? {}) as Record<string, unknown>;
  const route = `${req.method} ${resource ?? ''}`;
  if (route === 'GET ' && !a) {
    const base = `/services/data/v${v}`;
    return { status: 200, body: Object.fromEntries(['sobjects', 'query', 'queryAll', 'search', 'limits', 'composite'].map((r) => [r, `${base}/${r}`])) };
  }
  if (route === 'GET limits' && !a) return { status: 200, body: limits(org) };
  if ((route === 'GET query' || route === 'GET queryAll') && !b) {
    if (a) {
      const { id, cursor, position } = cursors.get(a);
      return { status: 200, body: cursors.page(org, cursor.set, id, position, cursor.batchSize, v) };
    }
    const soql = req.query.get('q');
    if (!soql) throw new SfError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    const set = runQuery(org, soql, { includeDeleted: resource === 'queryAll' });
    return { status: 200, body: cursors.page(org, set, undefined, 0, batchSizeOf(req.headers), v) };
  }
  if (route === 'GET search' && !a) {
    const sosl = req.query.get('q');
    if (!sosl) throw new SfError(400, 'MALFORMED_SEARCH', 'A search string has to be specified');
    return { status: 200, body: runSearch(org, sosl, v) };
  }
  if (resource === 'sobjects') {
    if (!a && req.method === 'GET') return { status: 200, body: describeGlobal(org, v) };
    if (a && !b && req.method === 'GET') return { status: 200, body: objectInfo(org, org.object(a), v) };
    if (a && !b && req.method === 'POST') return records.createRecord(org, a, body);
    if (a && b === 'describe' && !c && req.method === 'GET') return { status: 200, body: describeObject(org, org.object(a), v) };
    if (a && b && !c) {
      if (req.method === 'GET') return records.getRecord(org, a, b, req.query.get('fields'), v);
      if (req.method === 'PATCH') return records.updateRecord(org, a, b, body);
      if (req.method === 'DELETE') return records.deleteRecord(org, a, b);
    }
  }
  if (resource === 'composite' && a === 'sobjects') {
    const allOrNone = body.allOrNone === true || req.query.get('allOrNone') === 'true';
    const list = Array.isArray(body.records) ? body.records : [];
    if (!b && req.method === 'DELETE') return records.deleteCollection(org, (req.query.get('ids') ?? '').split(',').filter(Boolean), allOrNone);
    if (!b && req.method === 'PATCH') return records.updateCollection(org, list, allOrNone);
    if (!b && req.method === 'POST') return records.createCollection(org, list, allOrNone);
    if (b && !c && (req.method === 'POST' || req.method === 'GET')) {
      const ids = req.method === 'POST' ? (body.ids as string[] | undefined) ?? [] : (req.query.get('ids') ?? '').split(',');
      const fields = req.method === 'POST' ? (body.fields as string[] | undefined) ?? [] : (req.query.get('fields') ?? 'Id').split(',');
      return records.retrieveCollection(org, b, ids, fields, v);
    }
  }
  throw notFound();
}

function limits(org: OrgState) {
  const limit = (max: number, used = 0) => ({ Max: max, Remaining: Math.max(0, max - used) });
  return {
    ConcurrentAsyncGetReportInstances: limit(200),
    DailyApiRequests: limit(org.apiRequestLimit, org.apiRequests),
    DailyAsyncApexExecutions: limit(250_000),
    DailyBulkApiBatches: limit(15_000),
    DailyBulkV2QueryJobs: limit(10_000),
    DataStorageMB: limit(1024, 12),
    FileStorageMB: limit(2048, 3),
    SingleEmail: limit(5000),
  };
}
