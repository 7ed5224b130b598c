/**
 * Downloads of data-subject requests: the report-signing public keys (JWKS),
 * signed completion reports, and exports behind an expiring signed link.
 */
import { ExportLinkError, checkExportLink } from '../core/exports.js';
import type { ExportDoc } from '../core/storage/exports.js';
import type { Route } from './routes.js';

/** `GET /.well-known/jwks.json`: every report-signing public key, old ones included, so old reports still verify. */
export const jwksRoute: Route = {
  method: 'GET',
  path: '/.well-known/jwks.json',
  access: 'public',
  async handle(_request, { services }) {
    const jwks = await services.dsr.signingKeys.jwks();
    return new Response(JSON.stringify(jwks), { headers: { 'content-type': 'application/jwk-set+json', 'cache-control': 'public, max-age=300' } });
  },
};

/**
 * `GET /reports/:id`: the signed report (JWS and a readable copy). No token:
 * a report holds no personal data, only ids, counts and hashes, and its id is unguessable.
 */
export const reportRoute: Route = {
  method: 'GET',
  path: '/reports/:id',
  access: 'public',
  async handle(_request, { services, params }) {
    const file = await services.dsr.reports.file(params.id!);
    return new Response(JSON.stringify(file, null, 2), {
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `inline; filename="${file.reportId}.json"` },
    });
  },
};

/** The JSON package keeps its export id as a name; the portability ZIP is named for the request. */
function downloadHeaders(file: ExportDoc): Record<string, string> {
  if (file.contentType === 'application/zip') return { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="gardien-${file.requestId}.zip"` };
  return { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="${file._id}.json"` };
}

/** `GET /exports/:id?token=…`: the subject's data, streamed; 403 for a bad link, 410 once it expired. */
export const exportRoute: Route = {
  method: 'GET',
  path: '/exports/:id',
  access: 'public',
  async handle(_request, { services, params, url }) {
    const id = params.id!;
    try {
      checkExportLink(id, url.searchParams.get('token') ?? '', services.config.tokenSecret);
    } catch (error) {
      if (!(error instanceof ExportLinkError)) throw error;
      return Response.json({ error: error.message }, { status: error.reason === 'expired' ? 410 : 403 });
    }
    const file = await services.dsr.exports.get(id);
    if (!file || file.kind !== 'package') return Response.json({ error: 'This export no longer exists' }, { status: 404 });
    const chunks = services.dsr.exports.read(id)[Symbol.asyncIterator]();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(new Uint8Array(next.value));
      },
    });
    return new Response(body, {
      headers: {
        ...downloadHeaders(file),
        'content-length': String(file.bytes),
        // The same hash the signed report lists for this export.
        'x-content-sha256': file.sha256,
        'cache-control': 'private, no-store',
      },
    });
  },
};

export const REQUEST_ROUTES: readonly Route[] = [jwksRoute, reportRoute, exportRoute];
