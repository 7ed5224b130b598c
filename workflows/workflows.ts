// The workflows a worker registers (the bundle's entry point).
export { dsrWorkflow } from './dsr.workflow.js';
export { systemWorkflow } from './system.workflow.js';
export { fileshareCrawlWorkflow, scheduledFileshareCrawlWorkflow } from './fileshare-crawl.workflow.js';
