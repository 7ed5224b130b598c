/**
 * CRM v3 objects: list, read, update, archive, search, batch read/update/archive
 * and the contacts' GDPR delete, under `/crm/v3/objects/{objectType}`.
 */
import { HsError, objectNotFound, resourceNotFound, validationError } from './errors.js';
import { type ApiRequest, type Reply, batchIds, listParam, noContent, objectScopes, ok, requireObjectBody, singular } from './http.js';
import { byNumericId, objectTypeOf, type CrmRecord, type PortalState } from './portal.js';
import { present, validatedProperties } from './present.js';
import { CRM_OBJECT_TYPES, type CrmObjectType } from './properties.js';
import { search, type SearchBody } from './search.js';

export function handleObjects(portal: PortalState, req: ApiRequest): Reply {
  const [typeName = '', id, action] = req.segments;
  const type = objectTypeOf(typeName);
  if (!type) throw new HsError(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${typeName}`);
  const route = `${req.method} ${id === undefined ? '' : ['search', 'gdpr-delete', 'batch'].includes(id) ? id : ':id'}${action ? `/${action}` : ''}`;
  const needs = (access: 'read' | 'write') => req.require(objectScopes(type, access));
  switch (route) {
    case 'GET ':
      needs('read');
      return list(portal, type, req);
    case 'POST search':
      needs('read');
      return searchPage(portal, type, req);
    case 'POST gdpr-delete':
      needs('write');
      return gdprDelete(portal, type, req.body);
    case 'POST batch/read':
      needs('read');
      return batchRead(portal, type, req);
    case 'POST batch/update':
      needs('write');
      return batchUpdate(portal, type, req.body);
    case 'POST batch/archive':
      needs('write');
      for (const i of batchIds(req.body, 100)) portal.remove(type, i);
      return noContent();
    case 'GET :id':
      needs('read');
      return getOne(portal, type, id!, req.query);
    case 'PATCH :id':
      needs('write');
      return patch(portal, type, id!, req);
    case 'DELETE :id':
      // Archiving is idempotent: an id that does not exist still answers 204.
      needs('write');
      portal.remove(type, id!);
      return noContent();
    default:
      throw resourceNotFound();
  }
}

function list(portal: PortalState, type: CrmObjectType, req: ApiRequest): Reply {
  const limit = Number(req.query.get('limit') ?? 10);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw validationError('limit must be between 1 and 100', [{ message: 'must be between 1 and 100', in: 'limit' }]);
  const after = req.query.get('after');
  const all = [...portal.records[type].values()].sort((a, b) => byNumericId(a.id, b.id));
  const start = after ? all.findIndex((r) => byNumericId(r.id, after) >= 0) : 0;
  const page = start < 0 ? [] : all.slice(start, start + limit);
  const next = start >= 0 && start + limit < all.length ? all[start + limit]!.id : undefined;
  const properties = listParam(req.query, 'properties');
  const associations = listParam(req.query, 'associations').map(objectTypeOf).filter((t): t is CrmObjectType => t !== undefined);
  return ok({
    results: page.map((r) => ({ ...present(type, r, properties), ...associationsOf(portal, type, r, associations) })),
    ...(next ? { paging: { next: { after: next, link: `${req.baseUrl}/crm/v3/objects/${type}?after=${next}` } } } : {}),
  });
}

function associationsOf(portal: PortalState, type: CrmObjectType, record: CrmRecord, to: CrmObjectType[]): Record<string, unknown> {
  const found = to
    .map((t) => [t, portal.associated(type, record.id, t)] as const)
    .filter(([, ids]) => ids.length > 0)
    .map(([t, ids]) => [t, { results: ids.map((i) => ({ id: i, type: `${singular(type).toLowerCase()}_to_${singular(t).toLowerCase()}` })) }]);
  return found.length > 0 ? { associations: Object.fromEntries(found) } : {};
}

function find(portal: PortalState, type: CrmObjectType, id: string, idProperty: string | null): CrmRecord | undefined {
  if (!idProperty || idProperty === 'hs_object_id') return portal.get(type, id);
  if (type === 'contacts' && idProperty === 'email') return portal.findContactByEmail(id);
  throw validationError(`${idProperty} is not a unique identifier property of ${type}`, [{ message: 'not a unique property', in: 'idProperty' }]);
}

function getOne(portal: PortalState, type: CrmObjectType, id: string, query: URLSearchParams): Reply {
  const record = find(portal, type, id, query.get('idProperty'));
  if (!record) throw objectNotFound(id);
  const associations = listParam(query, 'associations').map(objectTypeOf).filter((t): t is CrmObjectType => t !== undefined);
  return ok({ ...present(type, record, listParam(query, 'properties')), ...associationsOf(portal, type, record, associations) });
}

function patch(portal: PortalState, type: CrmObjectType, id: string, req: ApiRequest): Reply {
  const record = find(portal, type, id, req.query.get('idProperty'));
  if (!record) throw objectNotFound(id);
  const values = validatedProperties(portal, type, requireObjectBody(req.body).properties, record.id);
  portal.update(type, record, values);
  return ok(present(type, record, Object.keys(values)));
}

function searchPage(portal: PortalState, type: CrmObjectType, req: ApiRequest): Reply {
  const body = requireObjectBody(req.body) as SearchBody;
  const page = search(portal, type, body);
  const properties = Array.isArray(body.properties) ? body.properties.map(String) : [];
  return ok({
    total: page.total,
    results: page.results.map((r) => present(type, r, properties)),
    ...(page.nextAfter ? { paging: { next: { after: page.nextAfter, link: `${req.baseUrl}/crm/v3/objects/${type}/search?after=${page.nextAfter}` } } } : {}),
  });
}

function batchRead(portal: PortalState, type: CrmObjectType, req: ApiRequest): Reply {
  const body = requireObjectBody(req.body);
  const ids = batchIds(body, 100);
  const idProperty = typeof body.idProperty === 'string' ? body.idProperty : null;
  const properties = Array.isArray(body.properties) ? body.properties.map(String) : [];
  const found: CrmRecord[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const record = find(portal, type, id, idProperty);
    if (record) found.push(record);
    else missing.push(id);
  }
  return batchReply(type, found.map((r) => present(type, r, properties)), missing, 'get');
}

function batchUpdate(portal: PortalState, type: CrmObjectType, body: unknown): Reply {
  const inputs = requireObjectBody(body).inputs;
  batchIds(body, 100);
  const updated: Record<string, unknown>[] = [];
  const missing: string[] = [];
  for (const input of inputs as { id?: unknown; properties?: unknown }[]) {
    const record = portal.get(type, String(input.id));
    if (!record) {
      missing.push(String(input.id));
      continue;
    }
    const values = validatedProperties(portal, type, input.properties, record.id);
    portal.update(type, record, values);
    updated.push(present(type, record, Object.keys(values)));
  }
  return batchReply(type, updated, missing, 'update');
}

/** 200 when every input was found, else 207 Multi-Status with one error naming the missing ids. */
function batchReply(type: CrmObjectType, results: unknown[], missing: string[], verb: 'get' | 'update'): Reply {
  const now = new Date().toISOString();
  const body: Record<string, unknown> = { status: 'COMPLETE', results, startedAt: now, completedAt: now };
  if (missing.length === 0) return ok(body);
  body.numErrors = 1;
  body.errors = [
    {
      status: 'error',
      category: 'OBJECT_NOT_FOUND',
      message: `Could not ${verb} some ${singular(type)} objects, they may be deleted or not exist. Check that ids are valid.`,
      context: { ids: missing },
      errors: [],
      links: {},
    },
  ];
  return { status: 207, body };
}

/**
 * Permanent deletion (GDPR Art. 17): the contact goes, its email is blocklisted,
 * its subscriptions are forgotten, and the engagements associated with nothing
 * else go with it; the others only lose their association to it.
 */
function gdprDelete(portal: PortalState, type: CrmObjectType, raw: unknown): Reply {
  if (type !== 'contacts') throw validationError('GDPR delete is only supported for contacts');
  const body = requireObjectBody(raw);
  if (typeof body.objectId !== 'string' || body.objectId === '') throw validationError('objectId is required', [{ message: 'is required', in: 'objectId' }]);
  const byEmail = body.idProperty === 'email';
  const contact = byEmail ? portal.findContactByEmail(body.objectId) : find(portal, type, body.objectId, (body.idProperty as string | undefined) ?? null);
  if (!contact) {
    if (!byEmail) throw objectNotFound(body.objectId);
    portal.blocklist.add(body.objectId.trim().toLowerCase());
    return noContent();
  }
  for (const engagement of ['notes', 'emails', 'calls'] as const) {
    for (const id of portal.associated('contacts', contact.id, engagement)) {
      const others = CRM_OBJECT_TYPES.some((t) => portal.associated(engagement, id, t).some((o) => !(t === 'contacts' && o === contact.id)));
      if (!others) portal.remove(engagement, id);
    }
  }
  const emails = [contact.properties.email, ...(contact.properties.hs_additional_emails ?? '').split(';')].filter((e): e is string => !!e);
  for (const email of emails) {
    portal.blocklist.add(email.toLowerCase());
    portal.subscriptions.delete(email.toLowerCase());
  }
  portal.remove('contacts', contact.id);
  return noContent();
}
