/**
 * Email files: a fragment per address in From/To/Cc/Bcc/Reply-To, the subject
 * line, and each line of the text body. Redaction rebuilds the message with
 * the same headers, bodies and attachments, the subject's addresses, lines and
 * name replaced; the result is checked before it replaces the original.
 */
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { type DocumentFormat, type Fragment, RedactionRefused, UnreadableDocument } from './fragment.js';
import { REDACTED } from './text.js';

const ADDRESS_HEADERS = [
  ['from', 'from'],
  ['to', 'to'],
  ['cc', 'cc'],
  ['bcc', 'bcc'],
  ['reply-to', 'replyTo'],
] as const;
const REBUILT = new Set(['from', 'to', 'cc', 'bcc', 'reply-to', 'subject', 'date', 'message-id', 'in-reply-to', 'references', 'mime-version', 'content-type', 'content-transfer-encoding']);
export const REDACTED_ADDRESS = 'redacted@redacted.invalid';

async function parse(bytes: Buffer): Promise<ParsedMail> {
  try {
    const mail = await simpleParser(bytes, { skipImageLinks: true, skipTextToHtml: true });
    if (mail.headerLines.length === 0) throw new Error('no headers');
    return mail;
  } catch (error) {
    throw new UnreadableDocument('malformed', `not a readable email message: ${(error as Error).message}`);
  }
}

function addresses(value: AddressObject | AddressObject[] | undefined): { name: string; address: string }[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return objects.flatMap((o) => o.value.flatMap((a) => (a.group ? a.group : [a]))).map((a) => ({ name: a.name ?? '', address: a.address ?? '' }));
}

export const emlFormat: DocumentFormat = {
  async read(bytes) {
    const mail = await parse(bytes);
    const fragments: Fragment[] = [];
    for (const [header, field] of ADDRESS_HEADERS) {
      addresses(mail[field]).forEach(({ name, address }, index) => {
        const text = name ? `${name} <${address}>` : address;
        fragments.push({ location: { kind: 'header', header, index }, text, content: text, names: name ? [name] : [] });
      });
    }
    if (mail.subject) fragments.push({ location: { kind: 'header', header: 'subject', index: 0 }, text: mail.subject, content: mail.subject });
    (mail.text ?? '').split(/\r?\n/).forEach((line, i) => {
      if (line.trim()) fragments.push({ location: { kind: 'body', line: i + 1 }, text: line, content: line });
    });
    return fragments;
  },

  async redact(bytes, targets, names, context) {
    const mail = await parse(bytes);
    const found = targets.flatMap((t) => context.identifiersIn(t.text));
    const secrets = [...new Set([...found.map((f) => f.raw), ...names, ...targets.flatMap((t) => t.names ?? [])])].filter((s) => s.length > 2).sort((a, b) => b.length - a.length);
    const scrub = (text: string) => secrets.reduce((out, secret) => out.replace(new RegExp(escapeRegExp(secret), 'gi'), REDACTED), text);
    const targeted = new Set(targets.map((t) => JSON.stringify(t.location)));
    const hit = (location: Fragment['location']) => targeted.has(JSON.stringify(location));

    const message: Mail.Options = { date: mail.date, messageId: mail.messageId, inReplyTo: mail.inReplyTo, references: mail.references, headers: [] };
    for (const [header, field] of ADDRESS_HEADERS) {
      const list = addresses(mail[field]).map((a, index) => (hit({ kind: 'header', header, index }) ? { name: '', address: REDACTED_ADDRESS } : a));
      if (list.length === 0) continue;
      if (field === 'from') message.from = list[0];
      else message[field] = list;
    }
    if (mail.subject !== undefined) message.subject = hit({ kind: 'header', header: 'subject', index: 0 }) ? REDACTED : scrub(mail.subject);
    if (mail.text !== undefined) message.text = mail.text.split(/\r?\n/).map((line, i) => (hit({ kind: 'body', line: i + 1 }) ? REDACTED : scrub(line))).join('\n');
    if (typeof mail.html === 'string') {
      const lines = targets.filter((t) => t.location.kind === 'body').map((t) => escapeHtml(t.text).trim()).filter(Boolean);
      message.html = scrub(lines.reduce((html, line) => html.split(line).join(REDACTED), mail.html));
    }
    for (const { key, line } of mail.headerLines) {
      if (REBUILT.has(key)) continue;
      const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
      (message.headers as { key: string; value: string }[]).push({ key, value: scrub(value) });
    }
    message.attachments = mail.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType, cid: a.cid, contentDisposition: a.contentDisposition === 'inline' ? 'inline' : 'attachment' }));
    const rebuilt: Buffer = await new Promise((resolve, reject) => new MailComposer(message).compile().build((error, out) => (error ? reject(error) : resolve(out))));
    const after = await parse(rebuilt);
    const everywhere = [after.headerLines.map((h) => h.line).join('\n'), after.text ?? '', typeof after.html === 'string' ? after.html : ''].join('\n').toLowerCase();
    const left = found.find((f) => f.kind !== 'name' && everywhere.includes(f.raw.toLowerCase()));
    if (left) throw new RedactionRefused(`the message still shows one of the subject's ${left.kind === 'email' ? 'addresses' : 'numbers'} after rewriting: handle it by hand`);
    return rebuilt;
  },
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
