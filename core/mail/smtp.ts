import nodemailer, { type Transporter } from 'nodemailer';
import { GardienError, errorMessage } from '../errors.js';
import { createLogger } from '../logger.js';
import type { MailContent } from './templates.js';

const log = createLogger('mail');

export interface OutgoingMail extends MailContent {
  to: string;
  /** Stable per outbox key, so a receiver can spot a duplicate after a crash mid-send. */
  messageId: string;
}

/**
 * A send that did not go through. `permanent`: the receiving server refused this
 * recipient or this message for good (5xx), so sending again cannot help; anything
 * else (no connection, 4xx, our own login or sender refused) may work later.
 */
export class MailDeliveryError extends GardienError {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode: number | undefined,
  ) {
    super(permanent ? 'MAIL_REJECTED' : 'MAIL_UNAVAILABLE', message);
  }
}

export interface MailSender {
  /** Throws a MailDeliveryError saying whether trying again may help (other errors count as transient). */
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
        const failure = deliveryError(error, mail.to);
        log.warn('SMTP send failed', { attempt, permanent: failure.permanent, smtpStatus: failure.responseCode, reason: failure.message });
        if (failure.permanent || attempt >= attempts) throw failure;
        await new Promise((resolve) => setTimeout(resolve, (this.options.backoffMs ?? 1000) * 2 ** (attempt - 1)));
      }
    }
  }

  close(): void {
    this.#transport.close();
  }
}

function deliveryError(error: unknown, recipient: string): MailDeliveryError {
  const { responseCode, command } = error as { responseCode?: unknown; command?: unknown };
  const code = typeof responseCode === 'number' ? responseCode : undefined;
  // Only a refusal of the recipient (RCPT) or of the message (DATA) is final; a 5xx to AUTH or MAIL FROM is our own setup, to fix and retry.
  const permanent = code !== undefined && code >= 500 && (command === 'RCPT TO' || command === 'DATA');
  // Servers quote the address back; the reason goes to logs and Temporal history (no cause attached), the address does not.
  const message = errorMessage(error).replace(new RegExp(recipient.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), '[recipient]');
  return new MailDeliveryError(message, permanent, code);
}
