import type { Language, RequestType } from '../requests.js';
import { staffLetter } from './staff-mails.js';
import { subjectLetter } from './subject-mails.js';
import type { Block } from './wording.js';

/** The emails the person who filed a request receives, one per step. */
export type SubjectMail =
  | { name: 'received'; requestId: string; type: RequestType; dueAt: Date }
  | { name: 'verification_code'; requestId: string; code: string; expiresAt: Date }
  | { name: 'in_progress'; requestId: string; type: RequestType; dueAt: Date }
  | { name: 'deadline_extended'; requestId: string; type: RequestType; previousDueAt: Date; dueAt: Date; reason: string }
  | {
      name: 'completed';
      requestId: string;
      type: RequestType;
      downloadUrl: string | null;
      /** The signed report (JSON). */
      reportUrl: string;
      linkExpiresAt: Date | null;
      /** The same report, readable in a browser. */
      reportPageUrl?: string;
      /** The export is a ZIP sealed with the passphrase the subject chose. */
      encrypted?: boolean;
      /** For an erasure: records kept by law (the report says why and until when). */
      retained?: number;
    }
  | { name: 'rejected'; requestId: string; type: RequestType; reason: 'verification_timeout' | 'verification_failed' | 'dpo'; detail: string | null }
  | { name: 'cancelled'; requestId: string; type: RequestType; by: 'subject' | 'dpo'; reason: string | null; reportUrl: string | null };

/** The emails to staff: the DPO, or the person a manual task is assigned to. */
export type StaffMail =
  | { name: 'deadline_reminder'; requestId: string; type: RequestType; dueAt: Date; daysLeft: number }
  | { name: 'overdue'; requestId: string; type: RequestType; dueAt: Date }
  | { name: 'manual_task'; taskId: string; requestId: string; type: RequestType; system: string; instructions: string; dueAt: Date; reminder: boolean }
  | { name: 'system_failed'; requestId: string; type: RequestType; system: string; error: string };

/** Every email Gardien sends, each in English and French, plain text and HTML; each names its request id. */
export type MailTemplate = SubjectMail | StaffMail;

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const STAFF_MAILS: ReadonlySet<MailTemplate['name']> = new Set(['deadline_reminder', 'overdue', 'manual_task', 'system_failed']);

function isStaffMail(template: MailTemplate): template is StaffMail {
  return STAFF_MAILS.has(template.name);
}

export function renderMail(template: MailTemplate, language: Language): MailContent {
  const { subject, blocks } = isStaffMail(template) ? staffLetter(template, language) : subjectLetter(template, language);
  const staff = isStaffMail(template);
  const signature = language === 'en' ? (staff ? 'Gardien (automatic message)' : 'The data protection team') : staff ? 'Gardien (message automatique)' : "L'équipe protection des données";
  const all: Block[] = [...blocks, signature];
  // French sets a space before a colon.
  const colon = language === 'fr' ? ' :' : ':';
  const text = all.map((b) => (typeof b === 'string' ? b : `${b.label}${colon} ${b.link}`)).join('\n\n');
  const body = all.map((b) => (typeof b === 'string' ? `<p>${paragraph(b)}</p>` : `<p><a href="${escapeHtml(b.link)}">${escapeHtml(b.label)}</a></p>`));
  const html = `<!doctype html><html lang="${language}"><body>${body.join('')}</body></html>`;
  // A subject line is one line, whatever a reason or a system name holds.
  return { subject: subject.replace(/\s*[\r\n]+\s*/g, ' '), text, html };
}

/** Line breaks inside a paragraph (a manual task's instructions) stay line breaks. */
function paragraph(value: string): string {
  return escapeHtml(value).replace(/\r?\n/g, '<br>');
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
