/**
 * File share crawls on Temporal, beside the request client: a schedule per
 * share (created on registration, paused while the connector is disabled,
 * deleted with it), a first crawl right away, crawls on demand under the
 * share's one workflow id, and the crawl's status for the gateway and the CLI.
 */
import {
  type Client,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  WorkflowFailedError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { decodeOptionalFailureToOptionalError } from '@temporalio/common/lib/internal-non-workflow/index.js';
import { fileshareConfigSchema } from '../../connectors/fileshare/config.js';
import { FileIndexStore } from '../../connectors/fileshare/store.js';
import type { CatalogWatcher } from '../../connectors/sdk/catalog.js';
import type { ConnectorCrawls, CrawlSchedule, CrawlStatus } from '../../core/crawls.js';
import { ConnectorError, ValidationError, errorMessage } from '../../core/errors.js';
import type { ConnectorDoc } from '../../core/storage/connectors.js';
import type { Storage } from '../../core/storage/mongo.js';
import { type CrawlExecution, crawlStatus } from './crawl-status.js';
import type { FileshareCrawlInput } from '../activities/fileshare.js';
import { FILESHARE_CRAWL_WORKFLOW, SCHEDULED_FILESHARE_CRAWL_WORKFLOW, fileshareCrawlScheduleId, fileshareCrawlWorkflowId } from '../crawl-names.js';
import type { fileshareCrawlWorkflow } from '../fileshare-crawl.workflow.js';

export class FileshareCrawls implements ConnectorCrawls, CatalogWatcher {
  constructor(
    readonly client: Client,
    private readonly taskQueue: string,
    private readonly storage: Storage,
  ) {}

  covers(doc: ConnectorDoc): boolean {
    return doc.kind === 'fileshare';
  }

  /** A new share gets its schedule and its first crawl; when Temporal cannot take them, the registration is undone. */
  async registered(doc: ConnectorDoc): Promise<void> {
    if (!this.covers(doc)) return;
    try {
      await this.#createSchedule(doc);
      if (doc.enabled) await this.#start(doc._id, false);
    } catch (error) {
      await this.#schedule(doc._id).delete().catch(() => undefined);
      throw new ConnectorError('unreachable', `The share's crawl could not be scheduled, so nothing was stored: ${errorMessage(error)}`, { cause: error });
    }
  }

  async enabledChanged(doc: ConnectorDoc): Promise<void> {
    if (!this.covers(doc)) return;
    try {
      if (doc.enabled) await this.#schedule(doc._id).unpause('connector enabled');
      else await this.#schedule(doc._id).pause('connector disabled: crawls wait until it is enabled again');
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
      if (doc.enabled) await this.#createSchedule(doc); // registered before crawls were scheduled
    }
  }

  /** The schedule goes, and a crawl still running is cancelled (it stops at its next checkpoint). */
  async removing(doc: ConnectorDoc): Promise<void> {
    if (!this.covers(doc)) return;
    await this.#schedule(doc._id).delete().catch((error: unknown) => {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    });
    const execution = await this.#execution(doc._id);
    if (execution?.running) {
      await this.#crawl(doc._id).cancel().catch((error: unknown) => {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      });
    }
  }

  async crawl(doc: ConnectorDoc, options: { restart?: boolean } = {}): Promise<void> {
    if (!this.covers(doc)) {
      throw new ValidationError(`${doc.name} is a ${doc.kind} connector: it answers lookups live, only file shares are crawled`, [{ path: 'id', message: 'not a file share' }]);
    }
    if (!doc.enabled) throw new ValidationError(`${doc.name} is disabled: enable it to crawl it`, [{ path: 'id', message: 'disabled' }]);
    await this.#createSchedule(doc);
    await this.#start(doc._id, options.restart ?? false);
  }

  async status(doc: ConnectorDoc): Promise<CrawlStatus | null> {
    if (!this.covers(doc)) return null;
    const [run, execution, schedule] = await Promise.all([new FileIndexStore(this.storage, doc._id).run(), this.#execution(doc._id), this.#describeSchedule(doc)]);
    return crawlStatus(run, execution, schedule);
  }

  /** Resolves when the crawl running now (if any) has ended, whatever its outcome. */
  async finished(doc: ConnectorDoc): Promise<void> {
    await this.#crawl(doc._id).result().catch(() => undefined);
  }

  /** Starts the crawl, or joins the one running: the workflow id is the lock. */
  async #start(connectorId: string, restart: boolean): Promise<void> {
    const input: FileshareCrawlInput = { connectorId, ...(restart ? { restart } : {}) };
    await this.client.workflow.start<typeof fileshareCrawlWorkflow>(FILESHARE_CRAWL_WORKFLOW, {
      workflowId: fileshareCrawlWorkflowId(connectorId),
      taskQueue: this.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
  }

  /** Creates the share's schedule unless it exists (paused for a disabled connector). */
  async #createSchedule(doc: ConnectorDoc): Promise<void> {
    try {
      await this.client.schedule.create({
        scheduleId: fileshareCrawlScheduleId(doc._id),
        spec: { intervals: [{ every: crawlEvery(doc) }] },
        action: {
          type: 'startWorkflow',
          workflowType: SCHEDULED_FILESHARE_CRAWL_WORKFLOW,
          workflowId: `${fileshareCrawlWorkflowId(doc._id)}-scheduled`,
          taskQueue: this.taskQueue,
          args: [{ connectorId: doc._id }],
        },
        // A crawl still running when the next is due: that one is skipped, not queued behind it.
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
        state: doc.enabled ? {} : { paused: true, note: 'connector disabled: crawls wait until it is enabled again' },
      });
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    }
  }

  async #describeSchedule(doc: ConnectorDoc): Promise<CrawlSchedule | null> {
    try {
      const schedule = await this.#schedule(doc._id).describe();
      return { every: crawlEvery(doc), paused: schedule.state.paused, nextRunAt: schedule.state.paused ? null : (schedule.info.nextActionTimes[0] ?? null) };
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) return null;
      throw error;
    }
  }

  async #execution(connectorId: string): Promise<CrawlExecution | null> {
    const handle = this.#crawl(connectorId);
    let described;
    try {
      described = await handle.describe();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return null;
      throw error;
    }
    const running = described.status.name === 'RUNNING';
    const pending = described.raw.pendingActivities?.[0];
    let error: string | null = null;
    if (running && pending?.lastFailure) {
      error = innermost(await decodeOptionalFailureToOptionalError(this.client.options.loadedDataConverter, pending.lastFailure));
    } else if (described.status.name === 'FAILED') {
      error = await handle.result().then(() => null, (failure: unknown) => innermost(failure instanceof WorkflowFailedError ? failure.cause : failure));
    }
    return {
      running,
      status: described.status.name,
      startTime: described.startTime,
      closeTime: described.closeTime ?? null,
      error,
      attempt: running ? (pending?.attempt ?? 1) : null,
    };
  }

  #schedule(connectorId: string) {
    return this.client.schedule.getHandle(fileshareCrawlScheduleId(connectorId));
  }

  #crawl(connectorId: string) {
    return this.client.workflow.getHandle(fileshareCrawlWorkflowId(connectorId));
  }
}

function crawlEvery(doc: ConnectorDoc): string {
  return fileshareConfigSchema.parse(doc.config).crawlEvery;
}

/** The failure's own words, under the activity and workflow wrappers. */
function innermost(error: unknown): string | null {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : null;
}
