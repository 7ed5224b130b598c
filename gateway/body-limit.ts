/**
 * The request body, read at most `maxBytes` of it: a larger one is refused with
 * 413 before it fills memory, whether it says its length or streams chunked.
 */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The request body is larger than ${maxBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** The same request with its body read into memory, or BodyTooLargeError past the limit. */
export async function withBoundedBody(request: Request, maxBytes: number): Promise<Request> {
  if (!request.body) return request;
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body.cancel().catch(() => undefined);
    throw new BodyTooLargeError(maxBytes);
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal });
}

/** 413, shaped like a GraphQL error on /graphql and like the other routes' errors elsewhere. */
export function bodyTooLargeResponse(error: BodyTooLargeError, graphql: boolean): Response {
  const headers = { connection: 'close' };
  if (graphql) return Response.json({ errors: [{ message: error.message, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }, { status: 413, headers });
  return Response.json({ error: error.message }, { status: 413, headers });
}
