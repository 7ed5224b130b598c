import { Client, Connection, WorkflowExecutionAlreadyStartedError, type WorkflowHandle } from '@temporalio/client';
import type { GardienConfig } from '../core/config.js';
import { createDsrServices, type DsrServices } from '../core/dsr-services.js';
import { RequestService, type RequestWorkflows } from '../core/request-service.js';
import type { Storage } from '../core/storage/mongo.js';
import { createDataConverter } from './data-converter.js';
import type { DsrInput, DsrOutcome, DsrProgress, VerifyArgs } from './types.js';

// Names as the workflow defines them; the gateway does not load workflow code.
const DSR_WORKFLOW = 'dsrWorkflow';
const VERIFY_UPDATE = 'verify';
const PROGRESS_QUERY = 'progress';

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
    return `dsr-${requestId}`;
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
  async confirmVerified(requestId: string, verifiedAt: Date): Promise<void> {
    const args: VerifyArgs = { verifiedAt: verifiedAt.toISOString(), method: 'email_code' };
    await this.handle(requestId).executeUpdate<{ verified: true }, [VerifyArgs]>(VERIFY_UPDATE, { args: [args] });
  }

  progress(requestId: string): Promise<DsrProgress> {
    return this.handle(requestId).query<DsrProgress>(PROGRESS_QUERY);
  }

  result(requestId: string): Promise<DsrOutcome> {
    return this.handle(requestId).result() as Promise<DsrOutcome>;
  }

  async close(): Promise<void> {
    await this.client.connection.close();
  }
}

/** What the gateway adds to its services for requests: the request desk, its stores and mail, the Temporal client. */
export interface RequestServices {
  requests: RequestService;
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
  });
  return {
    services: { requests, dsr, temporal },
    async close() {
      await temporal.close();
      dsr.close();
    },
  };
}
