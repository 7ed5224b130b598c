/**
 * A cap on `requestUpdated` streams per credential. Each stream polls storage
 * every second, so one token must not hold hundreds. Streams live on one
 * connection to one gateway process, so they are counted in that process.
 */
import { createHash } from 'node:crypto';
import { GardienError } from '../core/errors.js';
import type { RequestStreams } from '../schema/context.js';
import { bearerToken } from './auth.js';

export class TooManyStreamsError extends GardienError {
  constructor(max: number) {
    super('TOO_MANY_STREAMS', `At most ${max} requestUpdated streams may be open at once with one token; close one (or leave a page that follows a request) and try again`);
  }
}

/** Which credential a request carries: its bearer token (hashed), or null for a caller without one. */
export function credentialKey(request: Request): string | null {
  const token = bearerToken(request.headers.get('authorization'));
  return token ? `bearer:${createHash('sha256').update(token).digest('base64url')}` : null;
}

export class StreamQuota {
  readonly #open = new Map<string, number>();
  constructor(readonly max: number) {}

  /** The streams of one caller; without a bearer token the request's access token is the credential, so the request id keys it. */
  holder(credential: string | null): RequestStreams {
    return { open: (requestId) => this.#acquire(credential ?? `request:${requestId}`) };
  }

  openCount(key: string): number {
    return this.#open.get(key) ?? 0;
  }

  #acquire(key: string): () => void {
    const count = this.openCount(key);
    if (count >= this.max) throw new TooManyStreamsError(this.max);
    this.#open.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.openCount(key) - 1;
      if (left > 0) this.#open.set(key, left);
      else this.#open.delete(key);
    };
  }
}
