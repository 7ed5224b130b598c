import { readFileSync, readdirSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { quietTemporal } from '../test/support/workflows/harness.js';
import { REPLAY_KEY } from '../test/support/workflows/replay-key.js';
import { createDataConverter } from './runtime/data-converter.js';
import { workflowBundle } from './runtime/worker.js';

const DIR = new URL('../test/fixtures/histories/', import.meta.url);
quietTemporal();
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

/**
 * Determinism guard: histories recorded from real runs (test/e2e/record-histories.ts)
 * must replay on today's workflow code. A failure here means a change would break
 * requests already in flight: version it with `patched()` instead.
 */
describe('replaying recorded request histories', () => {
  it('has histories to replay', () => {
    expect(files).toEqual([
      'access-request-system.json',
      'access-request.json',
      'cancelled-request-manual-system.json',
      'cancelled-request.json',
      'lifecycle-request-failed-system.json',
      'lifecycle-request-manual-system.json',
      'lifecycle-request.json',
    ]);
  });

  it.each(files)('%s replays without nondeterminism', async (file) => {
    const history = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as unknown;
    await expect(
      Worker.runReplayHistory({ workflowBundle: await workflowBundle(), dataConverter: createDataConverter([REPLAY_KEY]) }, history, file),
    ).resolves.toBeUndefined();
  }, 120_000);
});
