/**
 * Records the histories the replay test guards: one access request on the
 * running test stack, written to test/fixtures/histories/. Run it again when a
 * workflow changes on purpose (and keep the old files if old runs must still replay):
 *   TEMPORAL_ADDRESS=… MONGODB_URI=… npx tsx test/e2e/record-histories.ts
 * (it catches its own mail, in process).
 * The `temporal` CLI writes the JSON (the SDK's historyToJSON trips on encrypted payload metadata).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startMailCatcher } from '../../devstack/mailcatcher.js';
import { codeFrom, startHarness } from './harness.js';
import { REPLAY_SECRET_KEY } from './replay-key.js';

const FIXTURES = new URL('../fixtures/histories/', import.meta.url);
const TEMPORAL_CLI = process.env.TEMPORAL_CLI ?? path.join(homedir(), '.cache', 'gardien', 'bin', 'temporal');

function historyJson(address: string, workflowId: string): string {
  return execFileSync(TEMPORAL_CLI, ['workflow', 'show', '--address', address, '--workflow-id', workflowId, '--output', 'json'], { encoding: 'utf8' });
}

const mail = await startMailCatcher();
process.env.SMTP_URL = mail.smtpUrl;
const h = await startHarness({ GARDIEN_SECRET_KEY: REPLAY_SECRET_KEY, MONGODB_DB: `record_${randomBytes(4).toString('hex')}` });
try {
  const crm = await h.catalog.register({ kind: 'memory', name: 'crm', config: { system: 'salesforce' } });
  await h.catalog.register({ kind: 'memory', name: 'shop', config: { system: 'sql' } });
  const email = 'elise.fontaine@example.fr';
  const { request } = await h.requests.submit({ type: 'ACCESS', identity: { email } });
  const codeMail = await mail.waitFor((m) => m.to.includes(email) && m.subject.startsWith('Your verification code') && m.text.includes(request._id));
  const code = codeFrom(codeMail.text);
  await h.requests.verify(request._id, code);
  const outcome = await h.temporal.result(request._id);
  if (outcome.status !== 'COMPLETED') throw new Error(`the request ended ${outcome.status}`);
  const address = h.config.temporal.address;
  writeFileSync(new URL('access-request.json', FIXTURES), historyJson(address, `dsr-${request._id}`));
  writeFileSync(new URL('access-request-system.json', FIXTURES), historyJson(address, `dsr-${request._id}-${crm._id}`));
  console.log('recorded access-request.json and access-request-system.json');
} finally {
  await h.close();
  await mail.stop();
}
