/**
 * A share's crawl as IT sees it, from two sources: the index store's run
 * (counts, checkpointed after each batch) and the crawl workflow's latest
 * execution (running, failed, retrying). Neither alone tells it: the store
 * cannot say a crawl died, the workflow does not hold the counts.
 */
import type { CrawlCounts, CrawlSchedule, CrawlStatus } from '../../core/crawls.js';
import type { CrawlRun } from '../../connectors/fileshare/store.js';

/** The latest execution of the share's crawl workflow. */
export interface CrawlExecution {
  running: boolean;
  /** Temporal's status name: RUNNING, COMPLETED, FAILED, CANCELLED, TERMINATED, TIMED_OUT… */
  status: string;
  startTime: Date;
  closeTime: Date | null;
  /** Why it failed, or why its activity is retrying. */
  error: string | null;
  attempt: number | null;
}

const NO_COUNTS: CrawlCounts = { filesSeen: 0, filesRead: 0, filesUnchanged: 0, filesSkipped: 0, filesRemoved: 0, bytesRead: 0, locations: 0 };

export function crawlStatus(run: CrawlRun | null, execution: CrawlExecution | null, schedule: CrawlSchedule | null): CrawlStatus {
  const lastCompletedAt = run?.lastCompletedAt ?? null;
  const base = { lastCompletedAt, schedule, error: null, attempt: null };
  // A run the store shows unfinished, or one that began with this execution, is this execution's.
  const runOfExecution = run && execution && (run.finishedAt === null || run.startedAt >= execution.startTime) ? run : null;
  if (execution?.running) {
    const counts = runOfExecution?.counts ?? NO_COUNTS; // the activity has not checkpointed yet
    return { ...base, ...NO_COUNTS, ...counts, state: 'running', startedAt: runOfExecution?.startedAt ?? execution.startTime, finishedAt: null, error: execution.error, attempt: execution.attempt };
  }
  if (execution && execution.status !== 'COMPLETED' && !(run?.finishedAt && execution.closeTime && run.finishedAt >= execution.closeTime)) {
    const counts = runOfExecution?.counts ?? NO_COUNTS;
    return { ...base, ...NO_COUNTS, ...counts, state: 'failed', startedAt: runOfExecution?.startedAt ?? execution.startTime, finishedAt: execution.closeTime, error: execution.error ?? execution.status.toLowerCase() };
  }
  if (!run) return { ...base, ...NO_COUNTS, state: 'never', startedAt: null, finishedAt: null };
  if (run.finishedAt === null) {
    // Crawled outside a workflow and cut off: the next crawl resumes from its checkpoint.
    return { ...base, ...NO_COUNTS, ...run.counts, state: 'failed', startedAt: run.startedAt, finishedAt: null, error: 'interrupted before it went through the share; the next crawl resumes from its checkpoint' };
  }
  return { ...base, ...NO_COUNTS, ...run.counts, state: 'completed', startedAt: run.startedAt, finishedAt: run.finishedAt };
}
