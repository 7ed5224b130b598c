/**
 * One crawl of the benchmark share in a process of its own, so that its peak
 * memory is the crawl's and not the generator's: forked by fileshare.bench.ts,
 * it crawls as the Temporal activity does (the connector's crawl, batches of
 * 100, the index in MongoDB) and sends back the counts, the time and the memory.
 */
import { readFileSync } from 'node:fs';
import { openShare } from '../test/support/fileshare/share.js';
import type { CrawlProgress } from '../connectors/fileshare/crawl.js';
import { Storage } from '../core/storage/mongo.js';

export interface CrawlJob {
  uri: string;
  db: string;
  root: string;
  connectorId: string;
}

export interface CrawlMeasure {
  progress: CrawlProgress;
  wallMs: number;
  /** After loading the code and connecting, before the crawl. */
  rssBeforeBytes: number;
  /** The process's high-water mark (VmHWM): nothing is missed between samples. */
  peakRssBytes: number;
  peakHeapBytes: number;
}

/** Peak resident set size as the kernel counted it, when /proc says so. */
function highWaterMark(): number | undefined {
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return kb === undefined ? undefined : Number(kb) * 1024;
}

async function crawlOnce(job: CrawlJob): Promise<CrawlMeasure> {
  const storage = await Storage.open(job.uri, job.db);
  try {
    const connector = await openShare(storage, { roots: [job.root] }, { context: { connectorId: job.connectorId, name: 'bench-share' } });
    const rssBeforeBytes = process.memoryUsage.rss();
    let sampledRss = rssBeforeBytes;
    let peakHeapBytes = 0;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      sampledRss = Math.max(sampledRss, usage.rss);
      peakHeapBytes = Math.max(peakHeapBytes, usage.heapUsed);
    }, 20);
    const started = performance.now();
    const progress = await connector.crawl({ batchSize: 100 }); // the activity's checkpoint size
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    return { progress, wallMs, rssBeforeBytes, peakRssBytes: Math.max(highWaterMark() ?? 0, sampledRss), peakHeapBytes };
  } finally {
    await storage.close();
  }
}

const measure = await crawlOnce(JSON.parse(process.argv[2]!) as CrawlJob);
process.send!(measure);
process.disconnect();
