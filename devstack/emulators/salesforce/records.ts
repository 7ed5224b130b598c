/** sObject rows (GET/POST/PATCH/DELETE) and sObject collections (/composite/sobjects). */
import { SfError, noAccess } from './errors.js';
import type { OrgState } from './org.js';
import { recordJson } from './query.js';
import { fieldNamed, objectNamed, type ObjectDef } from './schema.js';
import { objectOfId } from '../../../connectors/salesforce/ids.js';

export interface Answer {
  status: number;
  body?: unknown;
}

const MAX_COLLECTION = 200;

function objectFor(org: OrgState, name: string): ObjectDef {
  const object = org.object(name);
  if (!org.access(object.name).read) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
  return object;
}

function need(org: OrgState, object: ObjectDef, right: 'create' | 'edit' | 'delete'): void {
  if (!org.access(object.name)[right]) throw noAccess(`object ${object.name}`);
}

export function getRecord(org: OrgState, type: string, id: string, fieldList: string | null, version: string): Answer {
  const object = objectFor(org, type);
  const record = org.live(object, id);
  const fields = fieldList
    ? fieldList.split(',').map((name) => fieldNamed(object, name.trim()) ?? (() => { throw new SfError(400, 'INVALID_FIELD', `No such column '${name.trim()}' on sobject of type ${object.name}`); })())
    : object.fields;
  return { status: 200, body: recordJson(org, object, record, fields, version) };
}

export function createRecord(org: OrgState, type: string, body: Record<string, unknown>): Answer {
  const object = objectFor(org, type);
  need(org, object, 'create');
  const record = org.insert(object.name, body);
  return { status: 201, body: { id: record.Id, success: true, errors: [] } };
}

export function updateRecord(org: OrgState, type: string, id: string, body: Record<string, unknown>): Answer {
  const object = objectFor(org, type);
  org.live(object, id);
  need(org, object, 'edit');
  org.update(object, id, body);
  return { status: 204 };
}

export function deleteRecord(org: OrgState, type: string, id: string): Answer {
  const object = objectFor(org, type);
  org.live(object, id);
  need(org, object, 'delete');
  org.delete(object, id);
  return { status: 204 };
}

type Outcome = { id?: string; success: boolean; errors: { statusCode: string; message: string; fields: string[] }[] };

/** Runs one operation per record; with allOrNone, a failure undoes the others. */
function collection(org: OrgState, items: unknown[], allOrNone: boolean, run: (item: unknown) => string): Answer {
  if (items.length > MAX_COLLECTION) {
    throw new SfError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_COLLECTION} records in this operation`);
  }
  const undo = allOrNone ? org.checkpoint() : undefined;
  const outcomes: Outcome[] = items.map((item) => {
    try {
      return { id: run(item), success: true, errors: [] };
    } catch (error) {
      if (!(error instanceof SfError)) throw error;
      const id = typeof item === 'string' ? item : (item as { id?: string }).id;
      return { ...(id ? { id } : {}), success: false, errors: [{ statusCode: error.errorCode, message: error.message, fields: error.fields }] };
    }
  });
  if (undo && outcomes.some((o) => !o.success)) {
    undo();
    for (const o of outcomes) {
      if (o.success) {
        o.success = false;
        o.errors = [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] }];
        delete o.id;
      }
    }
  }
  return { status: 200, body: outcomes };
}

function typeOf(item: unknown): string {
  const type = (item as { attributes?: { type?: string } }).attributes?.type;
  if (!type) throw new SfError(400, 'INVALID_FIELD', 'No SObject Type defined in record attributes');
  return type;
}

export function deleteCollection(org: OrgState, ids: string[], allOrNone: boolean): Answer {
  return collection(org, ids, allOrNone, (id) => {
    const type = objectOfId(String(id)) ?? '';
    const object = objectNamed(type);
    if (!object) throw new SfError(400, 'MALFORMED_ID', `malformed id ${String(id)}`);
    deleteRecord(org, object.name, String(id));
    return org.find(String(id))!.Id;
  });
}

export function updateCollection(org: OrgState, records: unknown[], allOrNone: boolean): Answer {
  return collection(org, records, allOrNone, (item) => {
    const { attributes: _attributes, id, ...values } = item as Record<string, unknown>;
    updateRecord(org, typeOf(item), String(id ?? ''), values);
    return org.find(String(id))!.Id;
  });
}

export function createCollection(org: OrgState, records: unknown[], allOrNone: boolean): Answer {
  return collection(org, records, allOrNone, (item) => {
    const { attributes: _attributes, ...values } = item as Record<string, unknown>;
    return (createRecord(org, typeOf(item), values).body as { id: string }).id;
  });
}

/** POST /composite/sobjects/<Type> with `{ ids, fields }`: the records, null where an id is not found. */
export function retrieveCollection(org: OrgState, type: string, ids: string[], fields: string[], version: string): Answer {
  if (ids.length > 2000) throw new SfError(400, 'EXCEEDED_ID_LIMIT', 'too many ids: at most 2000 per request');
  const object = objectFor(org, type);
  const resolved = fields.map((name) => fieldNamed(object, name) ?? (() => { throw new SfError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`); })());
  const records = ids.map((id) => {
    const record = org.find(id);
    return record && !record.IsDeleted && record.Id.startsWith(object.keyPrefix) ? recordJson(org, object, record, resolved, version) : null;
  });
  return { status: 200, body: records };
}
