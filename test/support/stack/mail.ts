/** Reading the test stack's mail catcher from a test file (it runs in the globalSetup process). */
import { inject } from 'vitest';
import type { CaughtMail } from '../../../devstack/mailcatcher.js';

export type { CaughtMail };

export interface MailQuery {
  /** A recipient address (case-insensitive); use a unique one per test, the catcher is shared. */
  to?: string;
  subjectIncludes?: string;
  textIncludes?: string;
}

export function mailcatcherUrl(): string {
  return process.env.MAILCATCHER_URL ?? inject('mailcatcherUrl');
}

/** The mails caught so far that match, oldest first. */
export async function caughtMails(query: MailQuery = {}): Promise<CaughtMail[]> {
  const url = new URL(mailcatcherUrl());
  url.searchParams.set('format', 'json');
  if (query.to) url.searchParams.set('to', query.to);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`mail catcher answered ${response.status} at ${url.href}`);
  const mails = (await response.json()) as CaughtMail[];
  return mails.filter(
    (m) => (!query.subjectIncludes || m.subject.includes(query.subjectIncludes)) && (!query.textIncludes || m.text.includes(query.textIncludes)),
  );
}

/** The first mail matching the query, polling until it arrives. */
export async function waitForMail(query: MailQuery, timeoutMs = 30_000): Promise<CaughtMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [found] = await caughtMails(query);
    if (found) return found;
    if (Date.now() > deadline) {
      const seen = (await caughtMails({ to: query.to })).map((m) => `"${m.subject}"`);
      throw new Error(`no mail matching ${JSON.stringify(query)} within ${timeoutMs} ms; to that address: ${seen.join(', ') || 'none'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
