/**
 * Data-subject requests. A customer has no account: submitRequest and
 * verifyRequest need no token, and request(id) answers whoever holds the
 * access token handed out at submission (or a subject token with the same
 * email). The dpo and agent roles see every request.
 */
import { ForbiddenError, NotFoundError, ValidationError } from '../core/errors.js';
import { PERSONAL_ATTRIBUTES, type PersonalAttribute, type RectificationChange } from '../core/rectification.js';
import { REQUEST_STATUSES, REQUEST_TYPES, SYSTEM_STATUSES, TERMINAL_STATUSES, type SystemProgress } from '../core/requests.js';
import type { DeadlineExtension, RequestDoc } from '../core/storage/requests.js';
import { builder } from './builder.js';
import type { GardienContext } from './context.js';
import { IdentityInputType, IdentityType } from './identity.js';
import { connectionOf, forwardPage } from './paging.js';

/** A request as resolvers see it; `accessToken` is set only in the answer to submitRequest. */
type RequestView = RequestDoc & { accessToken?: string };

const RequestTypeEnum = builder.enumType('RequestType', { values: REQUEST_TYPES, description: 'GDPR Art. 15 to 21.' });
const RequestStatusEnum = builder.enumType('RequestStatus', { values: REQUEST_STATUSES });
const SystemStatusEnum = builder.enumType('SystemStatus', { values: SYSTEM_STATUSES });
export const LanguageEnum = builder.enumType('Language', { values: { EN: { value: 'en' as const }, FR: { value: 'fr' as const } } });

const PersonalAttributeEnum = builder.enumType('PersonalAttribute', {
  description: 'What a rectification corrects, in the subject’s words; each system’s fields are matched to it by name.',
  values: Object.fromEntries(PERSONAL_ATTRIBUTES.map((a) => [a.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase(), { value: a }])) as Record<string, { value: PersonalAttribute }>,
});

const RectificationType = builder.objectRef<RectificationChange>('Rectification').implement({
  fields: (t) => ({
    attribute: t.field({ type: PersonalAttributeEnum, resolve: (c) => c.attribute }),
    value: t.exposeString('value', { description: 'The right value (emails lower-cased, phone numbers in E.164).' }),
  }),
});

const RectificationInput = builder.inputType('RectificationInput', {
  fields: (t) => ({
    attribute: t.field({ type: PersonalAttributeEnum, required: true }),
    value: t.string({ required: true }),
  }),
});

const DeadlineExtensionType = builder.objectRef<DeadlineExtension>('DeadlineExtension').implement({
  description: 'The DPO moved the due date (GDPR Art. 12(3)); the subject was emailed the reason.',
  fields: (t) => ({
    months: t.exposeInt('months'),
    reason: t.exposeString('reason'),
    at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
    previousDueAt: t.field({ type: 'DateTime', resolve: (e) => e.previousDueAt }),
    dueAt: t.field({ type: 'DateTime', resolve: (e) => e.dueAt }),
  }),
});

const CancellationType = builder.objectRef<NonNullable<RequestDoc['cancellation']>>('Cancellation').implement({
  fields: (t) => ({
    by: t.string({ description: '`subject` or `dpo`.', resolve: (c) => c.by }),
    reason: t.exposeString('reason', { nullable: true }),
    at: t.field({ type: 'DateTime', resolve: (c) => c.at }),
  }),
});

const SystemProgressType = builder.objectRef<SystemProgress>('SystemProgress').implement({
  description: 'What one connected system has done for the request so far.',
  fields: (t) => ({
    connectorId: t.exposeID('connectorId'),
    name: t.exposeString('name'),
    kind: t.exposeString('kind'),
    status: t.field({ type: SystemStatusEnum, resolve: (s) => s.status }),
    located: t.int({ description: "Records found for the subject.", resolve: (s) => s.counts.located }),
    exported: t.int({ description: 'Records written to the export.', resolve: (s) => s.counts.exported }),
    erased: t.int({ nullable: true, description: 'Erasure: records deleted, anonymised or deleted by the vendor (or found gone by a retried step of this request).', resolve: (s) => s.counts.erased ?? null }),
    retained: t.int({ nullable: true, description: 'Erasure: records kept under a legal hold (basis and end date in the report).', resolve: (s) => s.counts.retained ?? null }),
    remaining: t.int({ nullable: true, description: 'Erasure: records the verification pass still found (kept or anonymised; the report says which).', resolve: (s) => s.counts.remaining ?? null }),
    changed: t.int({ nullable: true, description: 'Rectification, restriction, objection: records changed.', resolve: (s) => s.counts.changed ?? null }),
    verified: t.int({ nullable: true, description: 'Rectification, restriction, objection: records found as asked when read back.', resolve: (s) => s.counts.verified ?? null }),
    error: t.string({
      nullable: true,
      description: 'Why the system failed, in words a DPO can act on: retry it or resolve it with evidence. The dpo and agent roles only (it may name internal hosts); null for the subject.',
      resolve: (s, _args, context) => (isStaff(context) ? s.error : null),
    }),
    manualTaskId: t.string({ nullable: true, description: 'The manual task a person must complete (WAITING_MANUAL), or the one that settled the system.', resolve: (s) => s.manualTaskId ?? null }),
    updatedAt: t.field({ type: 'DateTime', resolve: (s) => s.updatedAt }),
  }),
});

export const RequestObject = builder.objectRef<RequestView>('Request').implement({
  description: 'A data-subject request and its progress in every system.',
  fields: (t) => ({
    id: t.exposeID('_id'),
    type: t.field({ type: RequestTypeEnum, resolve: (r) => r.type }),
    status: t.field({ type: RequestStatusEnum, resolve: (r) => r.status }),
    statusReason: t.exposeString('statusReason', { nullable: true, description: 'Why it was rejected, failed or cancelled.' }),
    subject: t.field({ type: IdentityType, resolve: (r) => r.identity }),
    language: t.field({ type: LanguageEnum, resolve: (r) => r.language }),
    details: t.exposeString('details', { nullable: true }),
    receivedAt: t.field({ type: 'DateTime', resolve: (r) => r.receivedAt }),
    dueAt: t.field({ type: 'DateTime', description: 'One month after receipt (GDPR Art. 12(3)).', resolve: (r) => r.dueAt }),
    overdue: t.boolean({
      description: 'Past its due date and not finished: the DPO must act or extend the deadline.',
      resolve: (r) => !TERMINAL_STATUSES.has(r.status) && r.dueAt.getTime() < Date.now(),
    }),
    verifiedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.verifiedAt }),
    completedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.completedAt }),
    extensions: t.field({ type: [DeadlineExtensionType], resolve: (r) => r.extensions ?? [] }),
    cancellation: t.field({ type: CancellationType, nullable: true, resolve: (r) => r.cancellation ?? null }),
    rectification: t.field({ type: [RectificationType], nullable: true, description: 'RECTIFICATION: the corrections asked for.', resolve: (r) => r.rectification ?? null }),
    liftRestriction: t.boolean({ nullable: true, description: 'RESTRICTION: whether it lifts an earlier restriction.', resolve: (r) => (r.type === 'RESTRICTION' ? r.liftRestriction === true : null) }),
    waitingFor: t.string({
      nullable: true,
      description: 'While in progress: the systems that wait for someone (a failed system for the DPO, a manual task for its assignee).',
      resolve: async (r, _args, context) => (TERMINAL_STATUSES.has(r.status) ? null : waitingFor(await context.services.requests.systems(r._id), isStaff(context))),
    }),
    systems: t.field({ type: [SystemProgressType], resolve: (r, _args, { services }) => services.requests.systems(r._id) }),
    reportUrl: t.string({
      nullable: true,
      description: 'The signed completion report (JSON with the JWS), once completed; verify it with `gardien report verify`.',
      resolve: (r, _args, { services }) => services.requests.reportUrl(r),
    }),
    accessToken: t.string({
      nullable: true,
      description: 'Given once, in the answer to submitRequest: keep it to follow the request with `request(id, accessToken)`.',
      resolve: (r) => r.accessToken ?? null,
    }),
  }),
});

const SubmitRequestInput = builder.inputType('SubmitRequestInput', {
  fields: (t) => ({
    type: t.field({ type: RequestTypeEnum, required: true }),
    identity: t.field({ type: IdentityInputType, required: true, description: 'An email is required: the code and the answer are sent there.' }),
    language: t.field({ type: LanguageEnum, required: false, description: 'Of the emails; the configured default when absent.' }),
    details: t.string({ required: false, description: 'Anything the subject wants to add (at most 2000 characters).' }),
    rectification: t.field({ type: [RectificationInput], required: false, description: 'RECTIFICATION: what is wrong and the right values.' }),
    liftRestriction: t.boolean({ required: false, description: 'RESTRICTION: lift an earlier restriction instead of asking for one.' }),
    passphrase: t.string({ required: false, description: 'PORTABILITY: encrypt the ZIP (AES-256) with this passphrase, 8 characters or more. Not stored once the package is made.' }),
  }),
});

/** Words for whoever looks at a request in progress: which systems wait, and for what. */
function waitingFor(systems: readonly SystemProgress[], staff: boolean): string | null {
  const waits = systems.flatMap((s) => {
    if (s.status === 'FAILED') return [`${s.name} failed${staff ? ` (${s.error ?? 'no reason given'})` : ''}: the DPO may retry it or resolve it with evidence`];
    if (s.status === 'WAITING_MANUAL') return [`${s.name} waits for manual task ${s.manualTaskId ?? ''}`.trim()];
    return [];
  });
  return waits.length > 0 ? waits.join('; ') : null;
}

/** Who may read why a system failed: its words come from the systems themselves (hosts, ports, vendor messages). */
function isStaff(context: GardienContext): boolean {
  return context.actor?.role === 'dpo' || context.actor?.role === 'agent';
}

export function mayRead(context: GardienContext, doc: RequestDoc, accessToken: string | null | undefined): boolean {
  const { actor } = context;
  if (actor?.role === 'dpo' || actor?.role === 'agent') return true;
  if (actor?.role === 'subject' && actor.email !== undefined && actor.email === doc.identity.email) return true;
  return context.services.requests.holdsAccessToken(doc, accessToken);
}

export async function audit(context: GardienContext, action: string, doc?: RequestDoc): Promise<void> {
  if (context.actor) await context.services.audit.record({ actor: context.actor, action, subject: doc?.identity });
}

builder.queryFields((t) => ({
  request: t.field({
    type: RequestObject,
    description: 'One request: the dpo and agent roles, a subject token with its email, or anyone with its access token.',
    authScopes: { public: true },
    args: { id: t.arg.id({ required: true }), accessToken: t.arg.string({ required: false }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'RequestResult' } },
    resolve: async (_root, { id, accessToken }, context) => {
      const doc = await context.services.requests.get(String(id));
      if (!mayRead(context, doc, accessToken)) throw new ForbiddenError('Give the access token received when the request was filed');
      await audit(context, 'request.read', doc);
      return doc;
    },
  }),
  requests: t.connection(
    {
      type: RequestObject,
      description: 'Newest first. The dpo and agent roles see all; a subject token only its own.',
      authScopes: { dpo: true, agent: true, subject: true },
      args: {
        status: t.arg({ type: RequestStatusEnum, required: false }),
        overdue: t.arg.boolean({ required: false, description: 'true: only requests past their due date and not finished; false: only the others.' }),
      },
      resolve: async (_root, args, context) => {
        const { first, after } = forwardPage(args);
        const email = context.actor?.role === 'subject' ? context.actor.email : undefined;
        const page = await context.services.requests.list({ status: args.status ?? null, overdue: args.overdue ?? null, first, after, email });
        await audit(context, 'request.list');
        return connectionOf(page, after);
      },
    },
    { name: 'RequestConnection' },
    { name: 'RequestEdge' },
  ),
}));

builder.mutationFields((t) => ({
  submitRequest: t.field({
    type: RequestObject,
    description: 'Files a request (no token needed). A verification code is emailed; nothing leaves any system before verifyRequest.',
    authScopes: { public: true },
    args: { input: t.arg({ type: SubmitRequestInput, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'SubmitRequestResult' } },
    resolve: async (_root, { input }, context) => {
      const { request, accessToken } = await context.services.requests.submit({
        type: input.type,
        identity: input.identity,
        language: input.language ?? null,
        details: input.details ?? null,
        rectification: input.rectification ?? null,
        liftRestriction: input.liftRestriction ?? null,
        passphrase: input.passphrase ?? null,
      });
      await audit(context, 'request.submit', request);
      return { ...request, accessToken };
    },
  }),
  verifyRequest: t.field({
    type: RequestObject,
    description: 'Confirms the identity with the emailed code (no token needed); the request then runs in every system.',
    authScopes: { public: true },
    args: { id: t.arg.id({ required: true }), code: t.arg.string({ required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'VerifyRequestResult' } },
    resolve: (_root, { id, code }, context) => context.services.requests.verify(String(id), code),
  }),
}));
