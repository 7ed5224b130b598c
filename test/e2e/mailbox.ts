import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// TEMPORARY: replaced by test/support/mail.ts (the stack's SMTP catcher) once it lands.
export interface CaughtMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

export class Mailbox {
  readonly mails: CaughtMail[] = [];
  #server: SMTPServer | undefined;
  port = 0;

  async start(): Promise<string> {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData: (stream, _session, done) => {
        simpleParser(stream)
          .then((mail) => {
            const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
            this.mails.push({ to: to?.value[0]?.address ?? '', subject: mail.subject ?? '', text: mail.text ?? '', html: typeof mail.html === 'string' ? mail.html : '', messageId: mail.messageId ?? '' });
            done();
          })
          .catch(done);
      },
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.server.address() as { port: number }).port;
    return `smtp://127.0.0.1:${this.port}`;
  }

  async waitFor(predicate: (mail: CaughtMail) => boolean, timeoutMs = 30_000): Promise<CaughtMail> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = this.mails.find(predicate);
      if (found) return found;
      if (Date.now() > until) throw new Error(`No such mail within ${timeoutMs} ms; caught: ${this.mails.map((m) => m.subject).join(' | ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }
}
