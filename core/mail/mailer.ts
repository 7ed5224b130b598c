import { errorMessage } from '../errors.js';
import type { Language } from '../requests.js';
import type { Outbox, OutboxDoc } from './outbox.js';
import { MailDeliveryError, type MailSender } from './smtp.js';
import { renderMail, type MailContent, type MailTemplate } from './templates.js';

export interface MailRequest {
  /** Idempotency key: the same key is sent at most once. */
  key: string;
  to: string;
  language: Language;
  requestId?: string;
  /** Built only when the key is new, so a retry re-sends the original content (e.g. the same code). */
  template: () => MailTemplate | Promise<MailTemplate>;
}

/** Sends each message once: outbox first, then SMTP, then marked sent. */
export class Mailer {
  constructor(
    private readonly outbox: Outbox,
    private readonly sender: MailSender,
    private readonly messageIdDomain: string,
  ) {}

  /** Renders without sending (previews, tests). */
  render(template: MailTemplate, language: Language): MailContent {
    return renderMail(template, language);
  }

  /**
   * Returns the outbox entry. If an earlier attempt wrote it, its content is
   * reused; if it was sent, nothing is sent again. A transient failure (no
   * connection, 4xx) leaves it pending and throws, so the caller retries; a
   * permanent refusal (5xx to the address or message) is recorded as `failed`
   * with the reason and returned: retrying cannot deliver it.
   */
  async sendOnce(request: MailRequest): Promise<OutboxDoc> {
    let doc = await this.outbox.get(request.key);
    if (!doc) {
      const template = await request.template();
      doc = await this.outbox.enqueue({
        _id: request.key,
        to: request.to,
        requestId: request.requestId ?? null,
        template: template.name,
        language: request.language,
        ...renderMail(template, request.language),
      });
    }
    if (settled(doc)) return doc;
    const claimed = await this.outbox.claim(request.key);
    if (!claimed) {
      const now = await this.outbox.get(request.key);
      if (now && settled(now)) return now;
      throw new Error(`Email ${request.key} is being sent by another process`);
    }
    const messageId = `<${request.key.replace(/[^A-Za-z0-9._-]/g, '.')}@${this.messageIdDomain}>`;
    try {
      await this.sender.send({ to: claimed.to, subject: claimed.subject, text: claimed.text, html: claimed.html, messageId });
    } catch (error) {
      if (error instanceof MailDeliveryError && error.permanent) {
        await this.outbox.markFailed(request.key, error.message);
        return { ...claimed, status: 'failed', claimedAt: null, lastError: error.message };
      }
      await this.outbox.release(request.key, errorMessage(error));
      throw error;
    }
    // The mail is out: failing to record it now would send it again once the claim lapses, so insist.
    await persist(() => this.outbox.markSent(request.key, messageId));
    return { ...claimed, status: 'sent', messageId };
  }
}

async function persist(write: () => Promise<void>, attempts = 6): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
}

/** Sent, or refused for good: nothing more to do either way. */
function settled(doc: OutboxDoc): boolean {
  return doc.status === 'sent' || doc.status === 'failed';
}
