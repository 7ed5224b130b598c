/** `gardien connectors crawl --wait`: a line each time the crawl moves on, then what it did. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConnectorCrawls, CrawlStatus } from '../core/crawls.js';
import type { ConnectorDoc } from '../core/storage/connectors.js';
import type { CliIo } from './io.js';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function crawlCounts(c: CrawlStatus): string {
  return `${c.filesSeen} files seen, ${c.filesRead} read (${size(c.bytesRead)}), ${c.filesUnchanged} unchanged, ${c.filesSkipped} skipped`;
}

/** Polls the crawl until it ends; 0 when it completed, 1 when it failed. */
export async function followCrawl(crawls: ConnectorCrawls, doc: ConnectorDoc, io: CliIo, intervalMs = 500): Promise<number> {
  let said = '';
  for (;;) {
    const crawl = await crawls.status(doc);
    if (!crawl) return 1;
    if (crawl.state === 'completed') {
      const took = crawl.startedAt && crawl.finishedAt ? ` in ${((crawl.finishedAt.getTime() - crawl.startedAt.getTime()) / 1000).toFixed(1)} s` : '';
      const next = crawl.schedule?.nextRunAt ? `; next crawl at ${crawl.schedule.nextRunAt.toISOString()}` : crawl.schedule?.paused ? '; schedule paused' : '';
      io.stdout(`crawled ${doc.name}: ${crawlCounts(crawl)}, ${crawl.filesRemoved} removed; ${crawl.locations} locations found in the files read${took}${next}`);
      return 0;
    }
    if (crawl.state !== 'running') {
      io.stderr(`crawl of ${doc.name} ${crawl.state}: ${crawl.error ?? 'no reason given'} (${crawlCounts(crawl)})`);
      return 1;
    }
    const retrying = crawl.attempt && crawl.attempt > 1 ? ` — attempt ${crawl.attempt}${crawl.error ? ` after: ${crawl.error}` : ''}` : '';
    const line = `crawling ${doc.name}: ${crawlCounts(crawl)}${retrying}`;
    if (line !== said) io.stdout(line);
    said = line;
    await sleep(intervalMs);
  }
}
