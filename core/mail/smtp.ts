import nodemailer, { type Transporter } from 'nodemailer';
import { createLogger } from '../logger.js';
import type { MailContent } from './templates.js';

const log = createLogger('mail');

export interface OutgoingMail extends MailContent {
  to: string;
  /** Stable per outbox key, so a receiver can spot a duplicate after a crash mid-send. */
  messageId: string;
}

export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface SmtpOptions {
  url: string;
  from: string;
  /** Attempts per send before giving up (the caller may retry later). */
  attempts?: number;
  backoffMs?: number;
}

/** SMTP through nodemailer, retrying transient failures with a growing pause. */
export class SmtpSender implements MailSender {
  readonly #transport: Transporter;
  constructor(private readonly options: SmtpOptions) {
    this.#transport = nodemailer.createTransport(options.url);
  }

  async send(mail: OutgoingMail): Promise<void> {
    const attempts = this.options.attempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#transport.sendMail({ from: this.options.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId });
        return;
      } catch (error) {
        const permanent = typeof (error as { responseCode?: unknown }).responseCode === 'number' && (error as { responseCode: number }).responseCode >= 500;
        log.warn('SMTP send failed', { attempt, permanent, reason: (error as Error).message });
        if (permanent || attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, (this.options.backoffMs ?? 1000) * 2 ** (attempt - 1)));
      }
    }
  }

  close(): void {
    this.#transport.close();
  }
}
