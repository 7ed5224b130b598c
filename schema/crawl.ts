/** File share crawls: their progress on `Connector.crawl`, and `crawlConnector` to run one now (roles it and dpo). */
import type { CrawlSchedule, CrawlState, CrawlStatus } from '../core/crawls.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { builder } from './builder.js';
import { ConnectorType, audited } from './connector.js';

const CRAWL_ROLES = { dpo: true, it: true } as const;
const STATES: CrawlState[] = ['never', 'running', 'completed', 'failed'];

const CrawlStateEnum = builder.enumType('CrawlState', {
  description: 'NEVER: not crawled yet, lookups cannot answer; FAILED: the last crawl stopped (the next one resumes from its checkpoint).',
  values: Object.fromEntries(STATES.map((state) => [state.toUpperCase(), { value: state }])) as Record<string, { value: CrawlState }>,
});

const CrawlScheduleType = builder.objectRef<CrawlSchedule>('CrawlSchedule').implement({
  description: "The share's crawl schedule: paused while the connector is disabled.",
  authScopes: CRAWL_ROLES,
  fields: (t) => ({
    every: t.exposeString('every', { description: 'From the config\'s `crawlEvery`, e.g. "1h".' }),
    paused: t.exposeBoolean('paused'),
    nextRunAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.nextRunAt }),
  }),
});

const CrawlType = builder.objectRef<CrawlStatus>('Crawl').implement({
  description: 'The crawl running now, or else the last one: a file share answers lookups from the index its crawls build. Counts and times only.',
  authScopes: CRAWL_ROLES,
  fields: (t) => ({
    status: t.field({ type: CrawlStateEnum, resolve: (c) => c.state }),
    filesSeen: t.exposeInt('filesSeen', { description: 'Files walked so far, in every root.' }),
    filesRead: t.exposeInt('filesRead', { description: 'New or changed files read and indexed.' }),
    filesUnchanged: t.exposeInt('filesUnchanged', { description: 'Files with the same size and time as at the last crawl: not read again.' }),
    filesSkipped: t.exposeInt('filesSkipped', { description: 'Files that could not be indexed (unsupported, too large, malformed, unreadable…).' }),
    filesRemoved: t.exposeInt('filesRemoved', { description: 'Files gone from the share, dropped from the index.' }),
    bytesRead: t.exposeFloat('bytesRead'),
    locations: t.exposeInt('locations', { description: 'Places a person was found in the files read (rows, paragraphs, pages…).' }),
    startedAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.startedAt }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.finishedAt }),
    lastCompletedAt: t.field({ type: 'DateTime', nullable: true, description: 'When a crawl last went through the whole share; lookups answer from then on.', resolve: (c) => c.lastCompletedAt }),
    error: t.string({ nullable: true, description: 'Why the crawl failed, or why the running one is retrying.', resolve: (c) => c.error }),
    attempt: t.int({ nullable: true, description: 'Tries of the running crawl: above 1 it is retrying (a failure, a worker restart).', resolve: (c) => c.attempt }),
    schedule: t.field({ type: CrawlScheduleType, nullable: true, description: 'Null when the share has no schedule.', resolve: (c) => c.schedule }),
  }),
});

builder.objectField(ConnectorType, 'crawl', (t) =>
  t.field({
    type: CrawlType,
    nullable: true,
    description: 'For a file share: its crawl now or last, and the next scheduled one. Null for connectors that answer live.',
    authScopes: CRAWL_ROLES,
    resolve: (doc, _args, { services }) => services.crawls.status(doc),
  }),
);

builder.mutationFields((t) => ({
  crawlConnector: t.field({
    type: ConnectorType,
    description: 'Crawls a file share now (only new and changed files are read); joins the crawl already running. Follow it in `crawl`.',
    authScopes: CRAWL_ROLES,
    args: {
      id: t.arg.id({ required: true, description: 'Id or name.' }),
      restart: t.arg.boolean({ required: false, description: 'Start over instead of resuming a crawl that was cut off.' }),
    },
    errors: { types: [NotFoundError, ValidationError], directResult: true, union: { name: 'CrawlConnectorResult' } },
    resolve: async (_root, { id, restart }, context) => {
      const doc = await context.services.catalog.get(String(id));
      await context.services.crawls.crawl(doc, { restart: restart ?? false });
      return audited(context, 'connector.crawl', doc);
    },
  }),
}));
