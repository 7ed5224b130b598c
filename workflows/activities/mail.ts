import type { MailTemplate } from '../../core/mail/templates.js';
import type { RequestDoc } from '../../core/storage/requests.js';
import type { ActivityDeps } from './index.js';

/** Emails the subject of a request once per key, in their language. */
export async function mailSubject(deps: ActivityDeps, doc: RequestDoc, key: string, template: () => MailTemplate | Promise<MailTemplate>): Promise<void> {
  if (!doc.identity.email) throw new Error(`Request ${doc._id} has no email to write to`);
  await deps.mailer.sendOnce({ key, to: doc.identity.email, language: doc.language, requestId: doc._id, template });
}

/** Emails staff (the DPO unless `to` names an assignee) once per key, in the configured language. */
export async function mailStaff(deps: ActivityDeps, requestId: string, key: string, template: () => MailTemplate, to?: string | null): Promise<void> {
  await deps.mailer.sendOnce({ key, to: to ?? deps.config.deadlines.dpoEmail, language: deps.config.mail.defaultLanguage, requestId, template });
}
