/**
 * Records the histories the replay test guards, on a running stack, into
 * test/fixtures/histories/: an access request (parent and one system), and a
 * request through the whole lifecycle — a deadline extension, a system that
 * fails, is retried and then settled by hand, a manual task with a reminder —
 * and a request cancelled while a system waits. Run it again when a workflow
 * changes on purpose (keep the old files if old runs must still replay):
 *   TEMPORAL_ADDRESS=… MONGODB_URI=… npx tsx test/e2e/record-histories.ts
 * (it catches its own mail, in process).
 * The `temporal` CLI writes the JSON (the SDK's historyToJSON trips on encrypted payload metadata).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { startMailCatcher } from '../../devstack/mailcatcher.js';
import { until } from '../support/stack/poll.js';
import { codeFrom, startHarness, type Harness } from '../support/workflows/harness.js';
import { REPLAY_SECRET_KEY } from '../support/workflows/replay-key.js';

const FIXTURES = new URL('../fixtures/histories/', import.meta.url);
const TEMPORAL_CLI = process.env.TEMPORAL_CLI ?? path.join(homedir(), '.cache', 'gardien', 'bin', 'temporal');

function historyJson(address: string, workflowId: string): string {
  return execFileSync(TEMPORAL_CLI, ['workflow', 'show', '--address', address, '--workflow-id', workflowId, '--output', 'json'], { encoding: 'utf8' });
}

const mail = await startMailCatcher();
process.env.SMTP_URL = mail.smtpUrl;
const h = await startHarness({ GARDIEN_SECRET_KEY: REPLAY_SECRET_KEY, MONGODB_DB: `record_${randomBytes(4).toString('hex')}`, MANUAL_TASK_REMINDER_EVERY: '2s', DEADLINE_REMINDERS: '7d,1d' });
const write = (file: string, workflowId: string) => writeFileSync(new URL(file, FIXTURES), historyJson(h.config.temporal.address, workflowId));

async function fileVerified(harness: Harness, type: 'ACCESS' | 'ERASURE', email: string): Promise<string> {
  const { request } = await harness.requests.submit({ type, identity: { email } });
  const codeMail = await mail.waitFor((m) => m.to.includes(email) && m.subject.startsWith('Your verification code') && m.text.includes(request._id));
  await harness.requests.verify(request._id, codeFrom(codeMail.text));
  return request._id;
}

const openTask = (id: string) => until(`a task on ${id}`, async () => (await h.actions.listManualTasks({ requestId: id, status: 'OPEN', first: 5 })).items[0]);

try {
  const crm = await h.catalog.register({ kind: 'fixture', name: 'crm', config: { system: 'salesforce' } });
  const shop = await h.catalog.register({ kind: 'fixture', name: 'shop', config: { system: 'sql' } });

  const access = await fileVerified(h, 'ACCESS', 'elise.fontaine@example.fr');
  if ((await h.temporal.result(access)).status !== 'COMPLETED') throw new Error('the access request did not complete');
  write('access-request.json', `dsr-${access}`);
  write('access-request-system.json', `dsr-${access}-${crm._id}`);

  // The whole lifecycle: the shop is swapped for one that fails, the archive waits for a person.
  await h.catalog.setEnabled(shop._id, false);
  const broken = await h.catalog.register({ kind: 'fixture', name: 'legacy', config: { system: 'sql', fail: { kind: 'authentication' } } });
  const archive = await h.catalog.register({ kind: 'manual', name: 'archive', config: { assignee: 'archives@gardien.test' } });
  const lifecycle = await fileVerified(h, 'ERASURE', 'peter.novak@example.com');
  await h.actions.extendDeadline(lifecycle, 1, 'Paper archive in another city', 'dpo@gardien.test');
  await until('legacy failed', async () => (await h.services.requests.systems(lifecycle)).find((s) => s.connectorId === broken._id)?.status === 'FAILED');
  await h.actions.retrySystem(lifecycle, broken._id);
  await until('legacy failed again', async () => (await h.services.requests.systems(lifecycle)).find((s) => s.connectorId === broken._id)?.status === 'FAILED');
  await h.actions.resolveSystem(lifecycle, broken._id, 'dpo@gardien.test', 'Deleted by hand in the legacy console', 1);
  const task = await openTask(lifecycle);
  await until('a reminder', async () => (await h.actions.getManualTask(task._id)).reminders >= 1);
  await h.actions.completeManualTask(task._id, 'archives@gardien.test', 'Nothing in the boxes', 0);
  if ((await h.temporal.result(lifecycle)).status !== 'COMPLETED') throw new Error('the lifecycle request did not complete');
  write('lifecycle-request.json', `dsr-${lifecycle}`);
  write('lifecycle-request-failed-system.json', `dsr-${lifecycle}-${broken._id}`);
  write('lifecycle-request-manual-system.json', `dsr-${lifecycle}-${archive._id}`);

  await h.catalog.setEnabled(broken._id, false);
  const cancelled = await fileVerified(h, 'ACCESS', 'camille.durand@example.fr');
  await openTask(cancelled);
  await h.actions.cancel(cancelled, 'subject', null, 'Changed my mind');
  if ((await h.temporal.result(cancelled)).status !== 'CANCELLED') throw new Error('the cancelled request did not end cancelled');
  write('cancelled-request.json', `dsr-${cancelled}`);
  write('cancelled-request-manual-system.json', `dsr-${cancelled}-${archive._id}`);
  console.log('recorded the access, lifecycle and cancelled request histories');
} finally {
  await h.close();
  await mail.stop();
}
