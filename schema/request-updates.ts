/**
 * `requestUpdated(id, accessToken)`: a request's status and per-system
 * progress, pushed (server-sent events) whenever they change, until the request
 * ends. FerretDB has no change streams, so each subscription polls the read
 * model once a second; only a change is sent.
 */
import { Repeater } from 'graphql-yoga';
import { ForbiddenError } from '../core/errors.js';
import { TERMINAL_STATUSES, type SystemProgress } from '../core/requests.js';
import type { RequestDoc } from '../core/storage/requests.js';
import { builder } from './builder.js';
import type { GardienContext } from './context.js';
import { RequestObject, mayRead } from './request.js';

export const REQUEST_POLL_MS = 1000;

builder.subscriptionType({});

/** What the subscriber sees change: statuses, counts, errors, dates, links. */
function fingerprint(doc: RequestDoc, systems: readonly SystemProgress[]): string {
  const { status, statusReason, dueAt, verifiedAt, completedAt, reportId, cancellation, extensions, overdueSince } = doc;
  return JSON.stringify([
    status, statusReason, dueAt, verifiedAt, completedAt, reportId, cancellation ?? null, extensions?.length ?? 0, overdueSince ?? null,
    systems.map((s) => [s.connectorId, s.status, s.counts, s.error, s.manualTaskId ?? null]),
  ]);
}

/** Emits `first`, then the request each time it changed; ends once it is terminal or the client leaves. */
function updates(context: GardienContext, first: RequestDoc): Repeater<RequestDoc> {
  const { requests } = context.services;
  return new Repeater<RequestDoc>(async (push, stop) => {
    let stopped = false;
    void stop.then(() => (stopped = true));
    let last = fingerprint(first, await requests.systems(first._id));
    await push(first);
    let doc = first;
    while (!stopped && !TERMINAL_STATUSES.has(doc.status)) {
      await Promise.race([stop, new Promise((resolve) => setTimeout(resolve, REQUEST_POLL_MS))]);
      if (stopped) break;
      const found = await requests.find(doc._id);
      if (!found) break; // taken back (its workflow never started): nothing more will happen
      doc = found;
      const now = fingerprint(doc, await requests.systems(doc._id));
      if (now !== last) {
        last = now;
        await push(doc);
      }
    }
    stop();
  });
}

/** `source`, calling `release` once when it ends, fails or the client leaves (even before its first value). */
function whileOpen<T>(source: AsyncIterableIterator<T>, release: () => void): AsyncIterableIterator<T> {
  const settle = <R>(result: R): R => {
    release();
    return result;
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () =>
      source.next().then(
        (result) => (result.done ? settle(result) : result),
        (error: unknown) => settle(Promise.reject(error)),
      ),
    return: (value?: unknown) => settle(source.return?.(value) ?? Promise.resolve({ done: true as const, value: undefined })),
    throw: (error?: unknown) => settle(source.throw?.(error) ?? Promise.reject(error)),
  };
}

builder.subscriptionFields((t) => ({
  requestUpdated: t.field({
    type: RequestObject,
    description:
      'The request now, then again each time its status or a system’s progress changes; ends when the request is completed, rejected, cancelled or failed. Same access as `request(id)`.',
    authScopes: { public: true },
    args: { id: t.arg.id({ required: true }), accessToken: t.arg.string({ required: false }) },
    subscribe: async (_root, { id, accessToken }, context) => {
      const doc = await context.services.requests.get(String(id));
      if (!mayRead(context, doc, accessToken)) throw new ForbiddenError('Give the access token received when the request was filed');
      const release = context.streams?.open(doc._id) ?? (() => undefined);
      if (context.actor) await context.services.audit.record({ actor: context.actor, action: 'request.watch', subject: doc.identity });
      return whileOpen(updates(context, doc), release);
    },
    resolve: (doc) => doc,
  }),
}));
