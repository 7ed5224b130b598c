/**
 * The HTTP routes besides /graphql, one line each. Others add theirs here:
 * the JWKS, report and export downloads, the portal pages.
 */
import type { Actor, Role } from '../core/actor.js';
import { healthRoute } from './health.js';
import { PORTAL_ROUTES } from './portal/routes.js';
import { REQUEST_ROUTES } from './request-routes.js';
import type { Services } from './services.js';
import { UNSUBSCRIBE_ROUTES } from './unsubscribe/routes.js';

export interface RouteContext {
  services: Services;
  url: URL;
  /** Values of `:name` segments of the route's path. */
  params: Record<string, string>;
  /** The token holder; null on public routes called without a token. */
  actor: Actor | null;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Exact path, with `:name` for a variable segment, e.g. `/exports/:id`. */
  path: string;
  /** `public`: no token needed (the handler checks anything else, e.g. a signed link); otherwise the roles allowed. */
  access: 'public' | readonly Role[];
  handle(request: Request, context: RouteContext): Response | Promise<Response>;
}

export const ROUTES: readonly Route[] = [
  healthRoute,
  ...PORTAL_ROUTES, // before REQUEST_ROUTES: `/reports/:id.html` wins over `/reports/:id`
  ...REQUEST_ROUTES,
  ...UNSUBSCRIBE_ROUTES,
];

/** The params when `pathname` fits `pattern`, else null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i]!;
    if (segment.startsWith(':')) {
      // `:id.html` takes a segment ending in `.html` and keeps what precedes it.
      const [name, suffix] = [segment.slice(1).split('.')[0]!, segment.includes('.') ? segment.slice(segment.indexOf('.')) : ''];
      if (!got[i] || !got[i]!.endsWith(suffix) || got[i]!.length === suffix.length) return null;
      const value = decodeSegment(got[i]!.slice(0, got[i]!.length - suffix.length));
      if (value === null) return null;
      params[name] = value;
    } else if (segment !== got[i]) {
      return null;
    }
  }
  return params;
}

/** A path segment's text; null for malformed percent-encoding (`%E0%A4%A`), which no route takes. */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
