import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../devstack/ports.js';
import { openTestStorage } from '../../test/support/workflows/harness.js';
import { caughtMails, waitForMail } from '../../test/support/stack/mail.js';
import { Mailer } from './mailer.js';
import { Outbox } from './outbox.js';
import { MailDeliveryError, SmtpSender } from './smtp.js';

/** A real SMTP server that answers each recipient the way `answer` says: accept, or refuse with a code. */
async function pickyServer(answer: (recipient: string) => { code: number; text: string } | null, port = 0) {
  const delivered: string[] = [];
  const askedFor: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    closeTimeout: 500,
    onMailFrom(address, _session, callback) {
      if (address.address.endsWith('@blocked.example')) return callback(Object.assign(new Error('5.7.1 Sender address rejected'), { responseCode: 550 }));
      callback();
    },
    onRcptTo(address, _session, callback) {
      askedFor.push(address.address);
      const refusal = answer(address.address);
      callback(refusal ? Object.assign(new Error(`${refusal.text} <${address.address}>`), { responseCode: refusal.code }) : null);
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        delivered.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    delivered,
    askedFor,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const received = (requestId: string) => () => ({ name: 'received' as const, requestId, type: 'ACCESS' as const, dueAt: new Date('2025-06-01T08:00:00Z') });

describe('sending mail over real SMTP (FerretDB outbox)', () => {
  let storage: Awaited<ReturnType<typeof openTestStorage>>;
  let outbox: Outbox;
  const senders: SmtpSender[] = [];
  const mailer = (url: string, from = 'Gardien DPO <dpo@gardien.test>') => {
    const sender = new SmtpSender({ url, from, attempts: 2, backoffMs: 20 });
    senders.push(sender);
    return new Mailer(outbox, sender, 'gardien.test');
  };
  beforeAll(async () => {
    storage = await openTestStorage();
    outbox = new Outbox(storage);
  });
  afterAll(async () => {
    for (const sender of senders) sender.close();
    await storage?.drop();
  });

  it('delivers to the mail catcher once, with the outbox key as Message-ID, however often it is asked', async () => {
    const to = `delivered.${Date.now()}@example.org`;
    const send = mailer(process.env.SMTP_URL!);
    const request = { key: 'received:req_smtp1', to, language: 'en' as const, requestId: 'req_smtp1', template: received('req_smtp1') };
    expect(await send.sendOnce(request)).toMatchObject({ status: 'sent', messageId: '<received.req_smtp1@gardien.test>' });
    await send.sendOnce(request);
    const mail = await waitForMail({ to, textIncludes: 'req_smtp1' });
    expect(mail).toMatchObject({ subject: 'We received your request req_smtp1', from: 'dpo@gardien.test' });
    expect(mail.headers['message-id']).toBe('<received.req_smtp1@gardien.test>');
    expect(await caughtMails({ to })).toHaveLength(1);
  });

  it('when the SMTP server is down, keeps the mail pending and throws; once it is up, the retry delivers it', async () => {
    const port = await freePort();
    const send = mailer(`smtp://127.0.0.1:${port}`);
    const request = { key: 'received:req_smtp2', to: 'lea.martin@example.org', language: 'fr' as const, requestId: 'req_smtp2', template: received('req_smtp2') };
    const refused = await send.sendOnce(request).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MailDeliveryError);
    expect(refused).toMatchObject({ permanent: false, message: expect.stringContaining('ECONNREFUSED') });
    expect(await outbox.get(request.key)).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('ECONNREFUSED') });

    const server = await pickyServer(() => null, port);
    try {
      expect(await send.sendOnce(request)).toMatchObject({ status: 'sent' });
      expect(server.delivered).toEqual(['lea.martin@example.org']);
      expect(await outbox.get(request.key)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    } finally {
      await server.stop();
    }
  });

  it('retries a 4xx by itself; when it lasts, keeps the mail pending and throws, without the address in the reason', async () => {
    let greylist = 1;
    let mailboxFull = true;
    const server = await pickyServer((rcpt) => {
      if (rcpt.startsWith('grey') && greylist-- > 0) return { code: 451, text: '4.7.1 Greylisted, try again later' };
      if (rcpt.startsWith('full') && mailboxFull) return { code: 452, text: '4.2.2 Mailbox full' };
      return null;
    });
    try {
      const send = mailer(server.url);
      await send.sendOnce({ key: 'received:req_smtp3', to: 'grey@example.org', language: 'en', requestId: 'req_smtp3', template: received('req_smtp3') });
      expect(server.delivered).toEqual(['grey@example.org']);
      expect(await outbox.get('received:req_smtp3')).toMatchObject({ status: 'sent', attempts: 1 });

      const full = { key: 'received:req_smtp4', to: 'full.mailbox@example.org', language: 'en' as const, requestId: 'req_smtp4', template: received('req_smtp4') };
      await expect(send.sendOnce(full)).rejects.toMatchObject({ permanent: false, responseCode: 452 });
      const pending = await outbox.get(full.key);
      expect(pending).toMatchObject({ status: 'pending', lastError: expect.stringContaining('452 4.2.2 Mailbox full <[recipient]>') });
      expect(pending!.lastError).not.toContain('full.mailbox@example.org');
      mailboxFull = false;
      expect(await send.sendOnce(full)).toMatchObject({ status: 'sent' });
      expect(server.delivered).toEqual(['grey@example.org', 'full.mailbox@example.org']);
    } finally {
      await server.stop();
    }
  });

  it('records a 5xx for an unknown address as failed, with the reason, returns, and never tries that mail again', async () => {
    const server = await pickyServer((rcpt) => (rcpt.startsWith('nobody') ? { code: 550, text: '5.1.1 User unknown' } : null));
    try {
      const send = mailer(server.url);
      const request = { key: 'completed:req_smtp5', to: 'nobody@example.org', language: 'en' as const, requestId: 'req_smtp5', template: received('req_smtp5') };
      const failed = await send.sendOnce(request);
      expect(failed).toMatchObject({ status: 'failed', lastError: expect.stringContaining('550 5.1.1 User unknown <[recipient]>') });
      expect(await outbox.get(request.key)).toMatchObject({ status: 'failed', attempts: 1, lastError: failed.lastError, sentAt: null });
      expect(await send.sendOnce(request)).toMatchObject({ status: 'failed' });
      expect(server.askedFor).toEqual(['nobody@example.org']);
      expect(server.delivered).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it('treats a 5xx to our own sender address as our setup to fix: pending, and thrown for a retry', async () => {
    const server = await pickyServer(() => null);
    try {
      const send = mailer(server.url, 'Gardien <dpo@blocked.example>');
      const request = { key: 'received:req_smtp6', to: 'someone@example.org', language: 'en' as const, requestId: 'req_smtp6', template: received('req_smtp6') };
      await expect(send.sendOnce(request)).rejects.toMatchObject({ permanent: false, responseCode: 550 });
      expect(await outbox.get(request.key)).toMatchObject({ status: 'pending', lastError: expect.stringContaining('Sender address rejected') });
    } finally {
      await server.stop();
    }
  });
});
