/** Names and ids of the file share crawl workflows: plain strings, so the gateway's client uses them without loading workflow code. */
export const FILESHARE_CRAWL_WORKFLOW = 'fileshareCrawlWorkflow';
export const SCHEDULED_FILESHARE_CRAWL_WORKFLOW = 'scheduledFileshareCrawlWorkflow';

/** One workflow id per share: starting a crawl while one runs joins it rather than racing it. */
export function fileshareCrawlWorkflowId(connectorId: string): string {
  return `fileshare-crawl-${connectorId}`;
}

/** Schedules and workflows have ids of their own kinds: the share's schedule shares its crawl's id. */
export function fileshareCrawlScheduleId(connectorId: string): string {
  return fileshareCrawlWorkflowId(connectorId);
}
