import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, proxyActivities, startChild } from '@temporalio/workflow';
import type { FileshareActivities, FileshareCrawlInput, FileshareCrawlSummary } from './activities/fileshare.js';
import { fileshareCrawlWorkflowId } from './crawl-names.js';

export { fileshareCrawlWorkflowId };

// A crawl of a large share takes hours; heartbeats tell within minutes that a worker died, and the retry resumes from the checkpoint.
const { crawlFileshare } = proxyActivities<FileshareActivities>({
  startToCloseTimeout: '24 hours',
  heartbeatTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 50 },
});

/** Brings a file share's index up to date; run on demand or from a Temporal schedule. Carries ids and counts only. */
export async function fileshareCrawlWorkflow(input: FileshareCrawlInput): Promise<FileshareCrawlSummary> {
  return crawlFileshare(input);
}

/** What a scheduled run did: crawled, or found a crawl (started on demand) already running. */
export type ScheduledCrawlOutcome = { crawled: FileshareCrawlSummary } | { alreadyRunning: true };

/**
 * What the share's schedule starts. A schedule suffixes its workflow ids with the
 * time, so the crawl itself runs as a child under the share's one id: that id
 * stays the lock between scheduled and on-demand crawls.
 */
export async function scheduledFileshareCrawlWorkflow(input: Pick<FileshareCrawlInput, 'connectorId'>): Promise<ScheduledCrawlOutcome> {
  try {
    const crawl = await startChild(fileshareCrawlWorkflow, {
      workflowId: fileshareCrawlWorkflowId(input.connectorId),
      args: [{ connectorId: input.connectorId }],
      // The crawl outlives this run if the schedule's run is terminated; removing the connector cancels it.
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
    return { crawled: await crawl.result() };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return { alreadyRunning: true };
    throw error;
  }
}
