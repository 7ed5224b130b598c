/**
 * What can be done to a request once filed: the DPO verifies by other means,
 * refuses, extends the deadline, retries or settles a failed system; the
 * subject (with the access token) or the DPO cancels. Every action is audited.
 */
import { ForbiddenError, NotFoundError, ValidationError } from '../core/errors.js';
import { builder } from './builder.js';
import type { GardienContext } from './context.js';
import { RequestObject, audit, mayRead } from './request.js';

const errors = (name: string) => ({ types: [ValidationError, NotFoundError], directResult: true as const, union: { name } });

function actorId(context: GardienContext): string {
  return context.actor?.sub ?? 'anonymous';
}

builder.mutationFields((t) => ({
  verifyRequestManually: t.field({
    type: RequestObject,
    description: 'The DPO confirms the identity by other means than the emailed code (e.g. in person); the justification is kept and audited.',
    authScopes: { dpo: true },
    args: { id: t.arg.id({ required: true }), justification: t.arg.string({ required: true }) },
    errors: errors('VerifyRequestManuallyResult'),
    resolve: async (_root, { id, justification }, context) => {
      const doc = await context.services.requestActions.verifyByAttestation(String(id), actorId(context), justification);
      await audit(context, 'request.verify_manually', doc);
      return doc;
    },
  }),
  rejectRequest: t.field({
    type: RequestObject,
    description: 'Refuses a request before it runs (e.g. manifestly unfounded, Art. 12(5)); the subject is emailed the reason.',
    authScopes: { dpo: true },
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    errors: errors('RejectRequestResult'),
    resolve: async (_root, { id, reason }, context) => {
      const doc = await context.services.requestActions.reject(String(id), reason);
      await audit(context, 'request.reject', doc);
      return doc;
    },
  }),
  cancelRequest: t.field({
    type: RequestObject,
    description: 'Withdraws a request not yet finished: the subject with the access token (or a subject token), or the DPO. The report states what was already done.',
    authScopes: { public: true },
    args: { id: t.arg.id({ required: true }), accessToken: t.arg.string({ required: false }), reason: t.arg.string({ required: false }) },
    errors: errors('CancelRequestResult'),
    resolve: async (_root, { id, accessToken, reason }, context) => {
      const doc = await context.services.requests.get(String(id));
      if (!mayRead(context, doc, accessToken)) throw new ForbiddenError('Give the access token received when the request was filed');
      const by = context.actor?.role === 'dpo' ? 'dpo' : 'subject';
      if (context.actor?.role === 'agent') throw new ForbiddenError('Only the subject or the DPO may cancel a request');
      const cancelled = await context.services.requestActions.cancel(String(id), by, context.actor?.sub ?? null, reason ?? null);
      await audit(context, 'request.cancel', cancelled);
      return cancelled;
    },
  }),
  extendDeadline: t.field({
    type: RequestObject,
    description: 'Moves the due date by 1 or 2 months (2 in all), before it has passed (GDPR Art. 12(3)); the subject is emailed the reason.',
    authScopes: { dpo: true },
    args: { id: t.arg.id({ required: true }), months: t.arg.int({ required: true }), reason: t.arg.string({ required: true }) },
    errors: errors('ExtendDeadlineResult'),
    resolve: async (_root, { id, months, reason }, context) => {
      const doc = await context.services.requestActions.extendDeadline(String(id), months, reason, actorId(context));
      await audit(context, 'request.extend_deadline', doc);
      return doc;
    },
  }),
  retrySystem: t.field({
    type: RequestObject,
    description: 'Runs a failed system’s part of the request again, from the start (each step is idempotent).',
    authScopes: { dpo: true, agent: true },
    args: { requestId: t.arg.id({ required: true }), connectorId: t.arg.id({ required: true }) },
    errors: errors('RetrySystemResult'),
    resolve: async (_root, { requestId, connectorId }, context) => {
      const doc = await context.services.requestActions.retrySystem(String(requestId), String(connectorId));
      await audit(context, 'request.retry_system', doc);
      return doc;
    },
  }),
  resolveSystem: t.field({
    type: RequestObject,
    description: 'Settles a failed system by hand: say what was done there; the evidence is kept and its SHA-256 signed into the report.',
    authScopes: { dpo: true },
    args: {
      requestId: t.arg.id({ required: true }),
      connectorId: t.arg.id({ required: true }),
      evidence: t.arg.string({ required: true }),
      records: t.arg.int({ required: false, description: 'How many records were found or handled, if known.' }),
    },
    errors: errors('ResolveSystemResult'),
    resolve: async (_root, { requestId, connectorId, evidence, records }, context) => {
      const doc = await context.services.requestActions.resolveSystem(String(requestId), String(connectorId), actorId(context), evidence, records ?? null);
      await audit(context, 'request.resolve_system', doc);
      return doc;
    },
  }),
}));
