/**
 * The file share crawl as an activity: heartbeats its progress after each
 * checkpoint (the position in walk order is the cursor; the exact path stays
 * in MongoDB), stops when cancelled, and resumes from the checkpoint when
 * retried on another worker. Returns counts only: no path or name reaches
 * Temporal history.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { FileshareConnector } from '../../connectors/fileshare/connector.js';
import type { CrawlProgress } from '../../connectors/fileshare/crawl.js';
import type { ConnectorCatalog } from '../../connectors/sdk/catalog.js';
import { withFailureMapping } from './failures.js';

export interface FileshareActivityDeps {
  catalog: Pick<ConnectorCatalog, 'open'>;
  /** Files per checkpoint and heartbeat. */
  batchSize?: number;
  /** Runs after each checkpoint; tests use it to stop a worker mid-crawl. */
  afterCheckpoint?(progress: CrawlProgress, signal: AbortSignal): Promise<void>;
}

export interface FileshareCrawlInput {
  connectorId: string;
  /** Start over rather than resume an unfinished crawl. */
  restart?: boolean;
}

export type FileshareCrawlSummary = Omit<CrawlProgress, 'done'>;

export function fileshareActivities(deps: FileshareActivityDeps) {
  return {
    async crawlFileshare(input: FileshareCrawlInput): Promise<FileshareCrawlSummary> {
      const context = Context.current();
      const connector = await withFailureMapping(() => deps.catalog.open(input.connectorId));
      if (!(connector instanceof FileshareConnector)) {
        throw ApplicationFailure.nonRetryable(`Connector ${input.connectorId} is not a file share`, 'NOT_A_FILESHARE');
      }
      const signal = context.cancellationSignal;
      const progress = await withFailureMapping(() =>
        connector.crawl({
          restart: input.restart && context.info.attempt === 1,
          signal,
          batchSize: deps.batchSize ?? 100,
          onProgress: async (p) => {
            context.heartbeat({ crawlId: p.crawlId, position: p.position, filesRead: p.filesRead, bytesRead: p.bytesRead });
            if (!p.done) await deps.afterCheckpoint?.(p, signal);
          },
        }),
      );
      const { done: _done, ...summary } = progress;
      return summary;
    },
  };
}

export type FileshareActivities = ReturnType<typeof fileshareActivities>;
