/**
 * Manual tasks: the work a person does where Gardien cannot (a paper archive,
 * a system without API, a connector without the capability). The request
 * waits for each, durably; completing one with evidence lets it go on.
 */
import { NotFoundError, ValidationError } from '../core/errors.js';
import { REQUEST_TYPES } from '../core/requests.js';
import { MANUAL_TASK_STATUSES, type ManualTaskDoc } from '../core/storage/manual-tasks.js';
import { builder } from './builder.js';
import { connectionOf, forwardPage } from './paging.js';
import { audit } from './request.js';

const TASK_ROLES = { dpo: true, agent: true } as const;

const ManualTaskStatusEnum = builder.enumType('ManualTaskStatus', { values: MANUAL_TASK_STATUSES });
const ManualTaskReasonEnum = builder.enumType('ManualTaskReason', {
  values: {
    MANUAL_SYSTEM: { value: 'manual_system', description: 'The system is handled by a person: Gardien cannot reach it.' },
    NOT_SUPPORTED: { value: 'not_supported', description: 'The subject was found, but the connector cannot do what the request asks.' },
    MANUAL_ERASURE: { value: 'manual_erasure', description: 'The erasure left records only a person can erase safely (e.g. a scanned PDF).' },
    RESOLUTION: { value: 'resolution', description: 'The DPO settled a failed system by hand.' },
  } as const,
});
const TaskRequestTypeEnum = builder.enumType('ManualTaskRequestType', { values: REQUEST_TYPES });

const ManualTaskType = builder.objectRef<ManualTaskDoc>('ManualTask').implement({
  description: 'Work for a person on one system of one request.',
  fields: (t) => ({
    id: t.exposeID('_id'),
    requestId: t.exposeID('requestId'),
    connectorId: t.exposeID('connectorId'),
    system: t.exposeString('system', { description: 'The connector’s name.' }),
    type: t.field({ type: TaskRequestTypeEnum, resolve: (task) => task.type }),
    reason: t.field({ type: ManualTaskReasonEnum, resolve: (task) => task.reason }),
    instructions: t.exposeString('instructions'),
    assignee: t.exposeString('assignee', { nullable: true }),
    status: t.field({ type: ManualTaskStatusEnum, resolve: (task) => task.status }),
    createdAt: t.field({ type: 'DateTime', resolve: (task) => task.createdAt }),
    dueAt: t.field({ type: 'DateTime', description: 'The request’s due date when the task was opened.', resolve: (task) => task.dueAt }),
    reminders: t.exposeInt('reminders'),
    completedAt: t.field({ type: 'DateTime', nullable: true, resolve: (task) => task.completedAt }),
    completedBy: t.exposeString('completedBy', { nullable: true }),
    evidence: t.exposeString('evidence', { nullable: true }),
    evidenceSha256: t.exposeString('evidenceSha256', { nullable: true, description: 'What the signed report records of the evidence.' }),
    records: t.exposeInt('records', { nullable: true }),
  }),
});

builder.queryFields((t) => ({
  manualTask: t.field({
    type: ManualTaskType,
    authScopes: TASK_ROLES,
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'ManualTaskResult' } },
    resolve: (_root, { id }, { services }) => services.requestActions.getManualTask(String(id)),
  }),
  manualTasks: t.connection(
    {
      type: ManualTaskType,
      description: 'Oldest first: the queue of work for people.',
      authScopes: TASK_ROLES,
      args: {
        status: t.arg({ type: ManualTaskStatusEnum, required: false, description: 'OPEN for the work still to do.' }),
        requestId: t.arg.id({ required: false }),
      },
      resolve: async (_root, args, { services }) => {
        const { first, after } = forwardPage(args);
        const page = await services.requestActions.listManualTasks({ status: args.status ?? null, requestId: args.requestId ? String(args.requestId) : null, first, after });
        return connectionOf(page, after);
      },
    },
    { name: 'ManualTaskConnection' },
    { name: 'ManualTaskEdge' },
  ),
}));

builder.mutationFields((t) => ({
  completeManualTask: t.field({
    type: ManualTaskType,
    description: 'Says what was found and done; the request goes on. The evidence is kept, its SHA-256 signed into the report.',
    authScopes: TASK_ROLES,
    args: {
      id: t.arg.id({ required: true }),
      evidence: t.arg.string({ required: true }),
      records: t.arg.int({ required: false, description: 'How many records were found or handled.' }),
    },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'CompleteManualTaskResult' } },
    resolve: async (_root, { id, evidence, records }, context) => {
      const task = await context.services.requestActions.completeManualTask(String(id), context.actor?.sub ?? 'unknown', evidence, records ?? null);
      await audit(context, 'manual_task.complete', await context.services.requests.get(task.requestId));
      return task;
    },
  }),
}));
