/**
 * Connectors that answer lookups from an index (file shares) need a crawl to
 * build it: on registration, on a schedule and on demand. The gateway and the
 * CLI speak to the crawls through this interface; `workflows/runtime/crawl-client.ts`
 * runs them on Temporal.
 */
import type { ConnectorDoc } from './storage/connectors.js';

export type CrawlState = 'never' | 'running' | 'completed' | 'failed';

/** What one crawl did (the index store keeps them, checkpointed after each batch). */
export interface CrawlCounts {
  filesSeen: number;
  filesRead: number;
  filesUnchanged: number;
  filesSkipped: number;
  filesRemoved: number;
  bytesRead: number;
  locations: number;
}

/** The counts are of the crawl running, or else of the last one. */
export interface CrawlStatus extends CrawlCounts {
  state: CrawlState;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** When a crawl last went through the whole share: lookups answer from then on. */
  lastCompletedAt: Date | null;
  /** Why the last crawl failed, or why the running one is retrying. */
  error: string | null;
  /** Tries of the running crawl (more than 1 while it retries after a failure or a worker restart). */
  attempt: number | null;
  schedule: CrawlSchedule | null;
}

export interface CrawlSchedule {
  /** e.g. `1h`, from the connector's `crawlEvery`. */
  every: string;
  paused: boolean;
  nextRunAt: Date | null;
}

/** Follows the connectors' lifecycle: a crawled connector gets its schedule and a first crawl on registration, and loses them on removal. */
export interface ConnectorCrawls {
  /** Whether this connector answers from an index a crawl builds. */
  covers(doc: ConnectorDoc): boolean;
  /** Starts a crawl now, or joins the one running; makes sure the schedule exists. */
  crawl(doc: ConnectorDoc, options?: { restart?: boolean }): Promise<void>;
  /** Null for a connector that is not crawled. */
  status(doc: ConnectorDoc): Promise<CrawlStatus | null>;
}
