/** Relay connections over our id-keyed pages: forwards only, `after` being the last id seen. */
import { ValidationError } from '../core/errors.js';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** The page size asked for (20 by default, 1 to 100); a ValidationError for backward paging. */
export function forwardPage(args: PageArgs): { first: number; after: string | null } {
  if (args.last != null || args.before != null) throw new ValidationError('Page forwards with first and after', [{ path: 'last', message: 'not supported' }]);
  return { first: Math.min(Math.max(args.first ?? 20, 1), 100), after: args.after ?? null };
}

export function connectionOf<T extends { _id: string }>(page: { items: T[]; hasNextPage: boolean }, after: string | null) {
  return {
    edges: page.items.map((node) => ({ cursor: node._id, node })),
    pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: after != null, startCursor: page.items[0]?._id ?? null, endCursor: page.items.at(-1)?._id ?? null },
  };
}
