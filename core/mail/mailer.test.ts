import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStorage } from '../../test/support/workflows/harness.js';
import { Mailer } from './mailer.js';
import { Outbox } from './outbox.js';
import type { MailSender, OutgoingMail } from './smtp.js';

/** Records what would go out; fails the first `failures` sends like an SMTP outage. */
class RecordingSender implements MailSender {
  readonly sent: OutgoingMail[] = [];
  constructor(public failures = 0) {}
  async send(mail: OutgoingMail): Promise<void> {
    if (this.failures-- > 0) throw new Error('connect ECONNREFUSED 127.0.0.1:25');
    this.sent.push(mail);
  }
  close(): void {}
}

describe('mail outbox (FerretDB)', () => {
  let storage: Awaited<ReturnType<typeof openTestStorage>>;
  beforeAll(async () => {
    storage = await openTestStorage();
  });
  afterAll(async () => storage?.drop());

  it('sends a key once, however often it is asked, with the content of the first time', async () => {
    const sender = new RecordingSender();
    const mailer = new Mailer(new Outbox(storage), sender, 'gardien.test');
    let built = 0;
    const ask = () =>
      mailer.sendOnce({
        key: 'verification:req_1:1',
        to: 'a@example.org',
        language: 'en',
        requestId: 'req_1',
        template: () => ({ name: 'verification_code', requestId: 'req_1', code: String(100000 + ++built), expiresAt: new Date('2025-05-01T08:30:00Z') }),
      });
    await ask();
    await ask();
    expect(built).toBe(1);
    expect(sender.sent).toHaveLength(1);
    expect(sender.sent[0]).toMatchObject({ to: 'a@example.org', subject: 'Your verification code: 100001', messageId: '<verification.req_1.1@gardien.test>' });
  });

  it('after a failed send, a retry sends the same message and records it sent', async () => {
    const sender = new RecordingSender(1);
    const outbox = new Outbox(storage);
    const mailer = new Mailer(outbox, sender, 'gardien.test');
    const request = {
      key: 'received:req_2',
      to: 'b@example.org',
      language: 'fr' as const,
      requestId: 'req_2',
      template: () => ({ name: 'received' as const, requestId: 'req_2', type: 'ACCESS' as const, dueAt: new Date('2025-06-01T00:00:00Z') }),
    };
    await expect(mailer.sendOnce(request)).rejects.toThrow('ECONNREFUSED');
    expect(await outbox.get('received:req_2')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'connect ECONNREFUSED 127.0.0.1:25' });
    await mailer.sendOnce(request);
    expect(sender.sent.map((m) => m.subject)).toEqual(['Nous avons reçu votre demande req_2']);
    expect(await outbox.get('received:req_2')).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });
});
