/** CRM v4 associations (`/crm/v4/objects/…/associations/…`, `/crm/v4/associations/…/batch/read`) and the v3 properties API. */
import { HsError, resourceNotFound, validationError } from './errors.js';
import { type ApiRequest, type Reply, batchIds, objectScopes, ok, singular } from './http.js';
import { associationTypeId, objectTypeOf, type PortalState } from './portal.js';
import { PROPERTY_DEFINITIONS, propertyOf, type CrmObjectType } from './properties.js';

function typeOf(name: string | undefined): CrmObjectType {
  const type = objectTypeOf(name ?? '');
  if (!type) throw new HsError(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${name ?? ''}`);
  return type;
}

function associatedObject(from: CrmObjectType, to: CrmObjectType, id: string) {
  return { toObjectId: Number(id), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: associationTypeId(from, to) ?? 0, label: null }] };
}

/** `GET /crm/v4/objects/{type}/{id}/associations/{toType}?after&limit` (limit up to 500). */
export function handleObjectAssociations(portal: PortalState, req: ApiRequest): Reply {
  const [fromName, id = '', word, toName, ...rest] = req.segments;
  if (req.method !== 'GET' || word !== 'associations' || rest.length > 0) throw resourceNotFound();
  const from = typeOf(fromName);
  const to = typeOf(toName);
  req.require(objectScopes(from, 'read'));
  req.require(objectScopes(to, 'read'));
  const limit = Number(req.query.get('limit') ?? 500);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw validationError('limit must be between 1 and 500', [{ message: 'must be between 1 and 500', in: 'limit' }]);
  const offset = Number(req.query.get('after') ?? 0) || 0;
  const ids = portal.associated(from, id, to);
  const next = offset + limit < ids.length ? String(offset + limit) : undefined;
  return ok({
    results: ids.slice(offset, offset + limit).map((i) => associatedObject(from, to, i)),
    ...(next ? { paging: { next: { after: next, link: `${req.baseUrl}/crm/v4/objects/${from}/${id}/associations/${to}?after=${next}` } } } : {}),
  });
}

/** `POST /crm/v4/associations/{from}/{to}/batch/read`: up to 1,000 records; those without associations come back as errors (207). */
export function handleBatchAssociations(portal: PortalState, req: ApiRequest): Reply {
  const [fromName, toName, batch, verb] = req.segments;
  if (req.method !== 'POST' || batch !== 'batch' || verb !== 'read') throw resourceNotFound();
  const from = typeOf(fromName);
  const to = typeOf(toName);
  req.require(objectScopes(from, 'read'));
  req.require(objectScopes(to, 'read'));
  const results: unknown[] = [];
  const errors: unknown[] = [];
  for (const id of batchIds(req.body, 1000)) {
    const ids = portal.associated(from, id, to);
    if (ids.length === 0) {
      errors.push({
        status: 'error',
        category: 'OBJECT_NOT_FOUND',
        subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
        context: { fromObjectId: [id] },
        message: `No ${singular(to).toLowerCase()} is associated with ${singular(from).toLowerCase()} ${id}.`,
        errors: [],
        links: {},
      });
      continue;
    }
    const page = ids.slice(0, 500);
    results.push({ from: { id }, to: page.map((i) => associatedObject(from, to, i)), ...(ids.length > 500 ? { paging: { next: { after: '500' } } } : {}) });
  }
  const now = new Date().toISOString();
  const body = { status: 'COMPLETE', results, ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}), startedAt: now, completedAt: now };
  return { status: errors.length > 0 ? 207 : 200, body };
}

/** `GET /crm/v3/properties/{type}` and `GET /crm/v3/properties/{type}/{name}`. */
export function handleProperties(req: ApiRequest): Reply {
  const [typeName, name, ...rest] = req.segments;
  if (req.method !== 'GET' || rest.length > 0) throw resourceNotFound();
  const type = typeOf(typeName);
  const schemaScope = type === 'deals' ? 'crm.schemas.deals.read' : type === 'tickets' ? 'tickets' : 'crm.schemas.contacts.read';
  req.require([...objectScopes(type, 'read'), schemaScope]);
  if (name === undefined) return ok({ results: PROPERTY_DEFINITIONS[type] });
  const definition = propertyOf(type, name);
  if (!definition) throw new HsError(404, 'OBJECT_NOT_FOUND', `Unable to find property ${name} for object type ${type}`);
  return ok(definition);
}
