/** The crawl as a Temporal workflow on the test stack: a worker stopped mid-crawl, another finishes it from the checkpoint. */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesharePlugin } from '../connectors/fileshare/plugin.js';
import { writeFiles } from '../devstack/demo/documents.js';
import { openTestShare } from '../test/support/fileshare/share.js';
import { ConnectorCatalog } from '../connectors/sdk/catalog.js';
import { PluginRegistry } from '../connectors/sdk/registry.js';
import { normaliseIdentity } from '../core/identity.js';
import { ConnectorRepository } from '../core/storage/connectors.js';
import type { Storage } from '../core/storage/mongo.js';
import { quietTemporal, stackEnv } from '../test/support/workflows/harness.js';
import { historyContents } from '../test/support/workflows/history.js';
import { uniqueName } from '../test/support/stack/db.js';
import { type FileshareActivityDeps, fileshareActivities } from './activities/fileshare.js';
import { fileshareCrawlWorkflow, fileshareCrawlWorkflowId } from './fileshare-crawl.workflow.js';

const workflowsPath = fileURLToPath(new URL('./fileshare-crawl.workflow.ts', import.meta.url));

describe('the file share crawl workflow (real Temporal)', () => {
  let storage: Storage;
  let dir: string;
  let close: () => Promise<void>;
  let catalog: ConnectorCatalog;
  let connection: NativeConnection;
  let client: Client;

  beforeAll(async () => {
    quietTemporal();
    ({ storage, dir, close } = await openTestShare('fileshare_wf'));
    const repository = new ConnectorRepository(storage);
    await repository.ensureIndexes();
    catalog = new ConnectorCatalog(repository, new PluginRegistry().register(filesharePlugin), {
      secretKeys: [{ kid: 'k1', key: randomBytes(32) }],
      timeoutMs: 10_000,
      defaultCountry: 'FR',
      storage,
    });
    connection = await NativeConnection.connect({ address: stackEnv().temporal });
    client = new Client({ connection: await Connection.connect({ address: stackEnv().temporal }) });
  });
  afterAll(async () => {
    await catalog?.closeAll();
    await connection?.close();
    await client?.connection.close();
    await close?.();
  });

  const worker = (taskQueue: string, deps: Omit<FileshareActivityDeps, 'catalog'>) =>
    Worker.create({ connection, taskQueue, workflowsPath, activities: fileshareActivities({ catalog, ...deps }) });

  it('survives a worker stopped mid-crawl: the next worker resumes after the last checkpoint', async () => {
    const share = path.join(dir, 'drive');
    await writeFiles(share, Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`team${i % 4}/contacts-${String(i).padStart(2, '0')}.txt`, `Contact ${i} <person${i}@example.fr>\n`])));
    const doc = await catalog.register({ kind: 'fileshare', name: 'team-drive', config: { roots: [share] } });
    const taskQueue = uniqueName('fileshare');

    let checkpointed!: () => void;
    const firstCheckpoint = new Promise<void>((resolve) => (checkpointed = resolve));
    const first = await worker(taskQueue, {
      batchSize: 5,
      // Stand still after the second checkpoint until the worker goes away.
      afterCheckpoint: async (progress, signal) => {
        if (progress.position < 10) return;
        checkpointed();
        await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
      },
    });
    const firstRun = first.run();
    const handle = await client.workflow.start(fileshareCrawlWorkflow, { taskQueue, workflowId: fileshareCrawlWorkflowId(doc._id), args: [{ connectorId: doc._id }] });
    await firstCheckpoint;
    first.shutdown();
    await firstRun;

    const second = await worker(taskQueue, { batchSize: 5 });
    const summary = await second.runUntil(handle.result());
    expect(summary).toMatchObject({ resumed: true, filesSeen: 40, filesRead: 40, filesUnchanged: 0, filesSkipped: 0 });
    const connector = await catalog.open(doc._id);
    expect(await connector.locate(normaliseIdentity({ email: 'person39@example.fr' }))).toHaveLength(1);

    // No payload codec on these workers: whatever reached the history is readable here, and holds no address or path.
    const { texts, bytes } = historyContents(await handle.fetchHistory());
    const readable = [...texts, ...bytes.map((b) => b.toString('utf8'))].join('\n');
    expect(readable).toContain('filesRead');
    expect(readable).not.toContain('person');
    expect(readable).not.toContain('contacts-');
  }, 120_000);
});
