import { Client, Connection, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { GardienConfig } from '../../core/config.js';
import { ValidationError } from '../../core/errors.js';
import { createDsrServices, type DsrServices } from '../../core/dsr-services.js';
import { RequestActions } from '../../core/request-actions.js';
import { RequestService, type RequestWorkflows } from '../../core/request-service.js';
import type { Storage } from '../../core/storage/mongo.js';
import { createDataConverter } from './data-converter.js';
import { DSR_WORKFLOW, MESSAGES, dsrWorkflowId, systemWorkflowId } from '../messages.js';
import type { CancelArgs, DeadlineArgs, DsrInput, DsrOutcome, DsrProgress, RejectArgs, VerifyArgs } from '../types.js';

/** A Temporal client speaking through the encrypting data converter. */
export async function connectTemporal(config: Pick<GardienConfig, 'temporal' | 'secretKeys'>): Promise<Client> {
  const connection = await Connection.connect({ address: config.temporal.address });
  return new Client({ connection, namespace: config.temporal.namespace, dataConverter: createDataConverter(config.secretKeys) });
}

/** Starting, verifying and following request workflows; what the gateway uses. */
export class DsrWorkflowClient implements RequestWorkflows {
  constructor(
    readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  workflowId(requestId: string): string {
    return dsrWorkflowId(requestId);
  }

  handle(requestId: string): WorkflowHandle {
    return this.client.workflow.getHandle(this.workflowId(requestId));
  }

  async start(requestId: string): Promise<void> {
    const input: DsrInput = { requestId };
    try {
      await this.client.workflow.start(DSR_WORKFLOW, { workflowId: this.workflowId(requestId), taskQueue: this.taskQueue, args: [input] });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error; // a retried start is fine
    }
  }

  /** Resolves once the workflow has recorded the verification (the read model then says IN_PROGRESS). */
  async confirmVerified(requestId: string, verifiedAt: Date, method: VerifyArgs['method'] = 'email_code'): Promise<void> {
    const args: VerifyArgs = { verifiedAt: verifiedAt.toISOString(), method };
    await this.handle(requestId).executeUpdate<{ verified: true }, [VerifyArgs]>(MESSAGES.verify, { args: [args] });
  }

  /** Throws WorkflowUpdateFailedError when the request has gone past the point where it can be refused. */
  async reject(requestId: string, reason: RejectArgs['reason']): Promise<void> {
    await refusals(() => this.handle(requestId).executeUpdate<{ rejected: true }, [RejectArgs]>(MESSAGES.reject, { args: [{ reason }] }));
  }

  /** Throws WorkflowUpdateFailedError when the request can no longer be cancelled. */
  async cancel(requestId: string, by: CancelArgs['by']): Promise<void> {
    await refusals(() => this.handle(requestId).executeUpdate<{ cancelled: true }, [CancelArgs]>(MESSAGES.cancel, { args: [{ by }] }));
  }

  async deadlineChanged(requestId: string, dueAt: Date): Promise<void> {
    const args: DeadlineArgs = { dueAt: dueAt.toISOString() };
    await this.handle(requestId).signal<[DeadlineArgs]>(MESSAGES.deadlineChanged, args);
  }

  /** Throws WorkflowUpdateFailedError when the system is not failed. */
  async retrySystem(requestId: string, connectorId: string): Promise<void> {
    await refusals(() => this.client.workflow.getHandle(systemWorkflowId(requestId, connectorId)).executeUpdate(MESSAGES.retry), `System ${connectorId} of request ${requestId}`);
  }

  async resolveSystem(requestId: string, connectorId: string, taskId: string): Promise<void> {
    await this.client.workflow.getHandle(systemWorkflowId(requestId, connectorId)).signal(MESSAGES.resolve, { taskId });
  }

  async manualTaskDone(requestId: string, connectorId: string, taskId: string): Promise<void> {
    await this.client.workflow.getHandle(systemWorkflowId(requestId, connectorId)).signal(MESSAGES.manualTaskDone, { taskId });
  }

  progress(requestId: string): Promise<DsrProgress> {
    return this.handle(requestId).query<DsrProgress>(MESSAGES.progress);
  }

  result(requestId: string): Promise<DsrOutcome> {
    return this.handle(requestId).result() as Promise<DsrOutcome>;
  }

  async close(): Promise<void> {
    await this.client.connection.close();
  }
}

/** A workflow's refusal (its update validator said no) is the caller's to act on: a ValidationError with the workflow's words. */
async function refusals<T>(call: () => Promise<T>, what?: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) throw new ValidationError(error.cause?.message ?? error.message, [{ path: 'id', message: 'not now' }]);
    if (error instanceof WorkflowNotFoundError && what) throw new ValidationError(`${what} is not running any more`, [{ path: 'id', message: 'finished' }]);
    throw error;
  }
}

/** What the gateway adds to its services for requests: the request desk, its stores and mail, the Temporal client. */
export interface RequestServices {
  requests: RequestService;
  /** Verify by attestation, reject, cancel, extend, retry or resolve systems, manual tasks. */
  requestActions: RequestActions;
  /** Outbox, mailer, exports, reports and signing keys. */
  dsr: DsrServices;
  temporal: DsrWorkflowClient;
}

/**
 * Builds the request services on an open storage. The Temporal connection is
 * lazy: the gateway starts (and serves lookups) while Temporal is still coming up.
 */
export async function createRequestServices(
  config: GardienConfig,
  storage: Storage,
): Promise<{ services: RequestServices; close(): Promise<void> }> {
  const dsr = createDsrServices(config, storage);
  await dsr.ensureIndexes();
  const client = new Client({
    connection: Connection.lazy({ address: config.temporal.address }),
    namespace: config.temporal.namespace,
    dataConverter: createDataConverter(config.secretKeys),
  });
  const temporal = new DsrWorkflowClient(client, config.temporal.taskQueue);
  const requests = new RequestService(dsr.requests, dsr.verification, temporal, {
    publicUrl: config.publicUrl,
    defaultLanguage: config.mail.defaultLanguage,
    defaultCountry: config.defaultCountry,
    secretKey: config.secretKeys[0]!,
  });
  return {
    services: { requests, requestActions: new RequestActions(dsr.requests, dsr.manualTasks, temporal), dsr, temporal },
    async close() {
      await temporal.close();
      dsr.close();
    },
  };
}
