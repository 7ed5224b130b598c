import { proxyActivities } from '@temporalio/workflow';
import type { FileshareActivities, FileshareCrawlInput, FileshareCrawlSummary } from './activities/fileshare.js';

// A crawl of a large share takes hours; heartbeats tell within minutes that a worker died, and the retry resumes from the checkpoint.
const { crawlFileshare } = proxyActivities<FileshareActivities>({
  startToCloseTimeout: '24 hours',
  heartbeatTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 50 },
});

/** One workflow id per share: starting a crawl while one runs joins it rather than racing it. */
export function fileshareCrawlWorkflowId(connectorId: string): string {
  return `fileshare-crawl-${connectorId}`;
}

/** Brings a file share's index up to date; run on demand or from a Temporal schedule. Carries ids and counts only. */
export async function fileshareCrawlWorkflow(input: FileshareCrawlInput): Promise<FileshareCrawlSummary> {
  return crawlFileshare(input);
}
