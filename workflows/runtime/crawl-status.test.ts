/** What IT reads in `Connector.crawl` for the cases the end-to-end suite cannot bring about quickly. */
import { describe, expect, it } from 'vitest';
import type { CrawlRun } from '../../connectors/fileshare/store.js';
import { type CrawlExecution, crawlStatus } from './crawl-status.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute));
const counts = { filesSeen: 40, filesRead: 12, filesUnchanged: 28, filesSkipped: 0, filesRemoved: 0, bytesRead: 4096, locations: 30 };
const run = (fields: Partial<CrawlRun>): CrawlRun => ({
  _id: 'c|#run', connector: 'c', type: 'run', crawlId: 'r1', cursor: null, counts, startedAt: at(0), finishedAt: at(5), lastCompletedAt: at(5), ...fields,
});
const execution = (fields: Partial<CrawlExecution>): CrawlExecution => ({
  running: false, status: 'COMPLETED', startTime: at(0), closeTime: at(5), error: null, attempt: null, ...fields,
});

describe('a crawl as IT sees it', () => {
  it('a new crawl that has not checkpointed yet shows nothing of the last one but when it completed', () => {
    const status = crawlStatus(run({}), execution({ running: true, status: 'RUNNING', startTime: at(30), closeTime: null, attempt: 1 }), null);
    expect(status).toMatchObject({ state: 'running', filesSeen: 0, filesRead: 0, startedAt: at(30), finishedAt: null, lastCompletedAt: at(5), attempt: 1 });
  });

  it('a crawl that failed for good says why, with what it had done, and keeps the last complete index date', () => {
    const cutOff = run({ startedAt: at(30), finishedAt: null, counts: { ...counts, filesSeen: 10 } });
    const status = crawlStatus(cutOff, execution({ status: 'FAILED', startTime: at(30), closeTime: at(40), error: 'The share root /mnt/sales cannot be opened (ENOENT): is it mounted?' }), null);
    expect(status).toMatchObject({ state: 'failed', filesSeen: 10, startedAt: at(30), finishedAt: at(40), lastCompletedAt: at(5), error: 'The share root /mnt/sales cannot be opened (ENOENT): is it mounted?' });
  });

  it('a cancelled or terminated crawl is failed, named by how it ended', () => {
    expect(crawlStatus(run({ startedAt: at(30), finishedAt: null }), execution({ status: 'TERMINATED', startTime: at(30), closeTime: at(31) }), null)).toMatchObject({ state: 'failed', error: 'terminated' });
  });

  it('a crawl completed after a failed workflow (run by other means) is what counts', () => {
    const later = run({ startedAt: at(50), finishedAt: at(55), lastCompletedAt: at(55) });
    expect(crawlStatus(later, execution({ status: 'FAILED', startTime: at(30), closeTime: at(40), error: 'boom' }), null)).toMatchObject({ state: 'completed', startedAt: at(50), error: null });
  });

  it('a crawl cut off outside any workflow is failed, and the next one resumes', () => {
    expect(crawlStatus(run({ finishedAt: null }), null, null)).toMatchObject({ state: 'failed', filesSeen: 40, error: expect.stringContaining('resumes from its checkpoint') });
  });

  it('a share never crawled', () => {
    const schedule = { every: '1h', paused: false, nextRunAt: at(60) };
    expect(crawlStatus(null, null, schedule)).toEqual({
      state: 'never', filesSeen: 0, filesRead: 0, filesUnchanged: 0, filesSkipped: 0, filesRemoved: 0, bytesRead: 0, locations: 0,
      startedAt: null, finishedAt: null, lastCompletedAt: null, error: null, attempt: null, schedule,
    });
  });
});
