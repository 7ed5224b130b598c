/** An SMTP server that catches every email (no auth, no TLS), for `npm start` and the tests. */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  id: string;
  from: string;
  /** Envelope recipients: everyone the mail was delivered to, Bcc included. */
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** ISO 8601: the Date header, or when it was caught. */
  date: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
}

export interface MailCatcherOptions {
  /** SMTP port; a free one when absent. */
  port?: number;
  /** JSON Lines file: loaded at start, appended to, so mails survive restarts. */
  storeFile?: string;
}

export interface MailCatcher {
  port: number;
  smtpUrl: string;
  messages(): CaughtMail[];
  /** The first mail, already caught or still to come, that matches. */
  waitFor(predicate: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  clear(): void;
  /** The caught mails as JSON (`?format=json` or `Accept: application/json`, `?to=` filters) or an HTML page. */
  handleHttp(req: IncomingMessage, res: ServerResponse): void;
  /** Serves `handleHttp` on its own port; closed by stop(). Returns the URL. */
  listenHttp(port?: number): Promise<string>;
  stop(): Promise<void>;
}

export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const mails: CaughtMail[] = options.storeFile ? loadStore(options.storeFile) : [];
  const caught = new EventEmitter();
  let http: Server | undefined;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // Clients with pooled connections (nodemailer pool) would otherwise hold stop() for 30s.
    closeTimeout: 2_000,
    onData(stream, session, done) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: CaughtMail = {
            id: randomUUID(),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : (parsed.from?.text ?? ''),
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : undefined,
            date: (parsed.date ?? new Date()).toISOString(),
            headers: Object.fromEntries(parsed.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).trim()])),
          };
          mails.push(mail);
          if (options.storeFile) appendFileSync(options.storeFile, `${JSON.stringify(mail)}\n`);
          caught.emit('mail', mail);
          done();
        })
        .catch((error: unknown) => done(error instanceof Error ? error : new Error(String(error))));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (smtp.server.address() as AddressInfo).port;

  const handleHttp = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://mail.local');
    const to = url.searchParams.get('to')?.toLowerCase();
    const shown = to ? mails.filter((m) => m.to.some((r) => r.toLowerCase() === to)) : mails;
    if (url.searchParams.get('format') === 'json' || req.headers.accept?.includes('application/json')) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(shown));
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(renderPage(shown));
    }
  };

  return {
    port,
    smtpUrl: `smtp://127.0.0.1:${port}`,
    messages: () => [...mails],
    waitFor(predicate, timeoutMs = 30_000) {
      const already = mails.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const onMail = (mail: CaughtMail) => {
          if (!predicate(mail)) return;
          clearTimeout(timer);
          caught.off('mail', onMail);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          caught.off('mail', onMail);
          reject(new Error(`no matching mail within ${timeoutMs} ms; caught: ${mails.map((m) => `"${m.subject}" to ${m.to.join(', ')}`).join('; ') || 'none'}`));
        }, timeoutMs);
        caught.on('mail', onMail);
      });
    },
    clear() {
      mails.length = 0;
      if (options.storeFile) writeFileSync(options.storeFile, '');
    },
    handleHttp,
    async listenHttp(httpPort = 0) {
      http = createServer(handleHttp);
      const server = http;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(httpPort, '127.0.0.1', resolve);
      });
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async stop() {
      http?.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => smtp.close(() => resolve())),
        new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve())),
      ]);
    },
  };
}

function loadStore(file: string): CaughtMail[] {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return content
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CaughtMail);
}

function renderPage(mails: CaughtMail[]): string {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const items = [...mails]
    .reverse()
    .map(
      (m) =>
        `<article><h2>${escape(m.subject || '(no subject)')}</h2><p><b>To:</b> ${escape(m.to.join(', '))} · <b>From:</b> ${escape(m.from)} · <time>${escape(m.date)}</time></p><pre>${escape(m.text)}</pre></article>`,
    )
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Caught mail (${mails.length})</title>
<style>body{font:15px system-ui;max-width:60rem;margin:2rem auto}article{border-top:1px solid #ccc;padding:.5rem 0}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}</style>
</head><body><h1>Caught mail (${mails.length})</h1><p>Newest first. <a href="?format=json">JSON</a></p>${items || '<p>No mail yet.</p>'}</body></html>`;
}
