/** The portal's page frame and HTTP headers: one stylesheet, one script, nothing from elsewhere. */
import type { Language } from '../../core/requests.js';
import { LANGUAGE_COOKIE, MESSAGES, type MessageKey, type Messages } from './i18n.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Marks a string as already-escaped HTML. */
export interface Html {
  html: string;
}

/** A template tag that escapes every interpolated value except `Html` (and arrays of it). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return { html: out };
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'object' && 'html' in value) return (value as Html).html;
  return escapeHtml(String(value));
}

export interface PageInput {
  language: Language;
  title: string;
  /** Which behaviour portal.js gives the page. */
  page: string;
  body: Html;
  /** Strings the script needs, by key. */
  scriptMessages?: readonly MessageKey[];
  /** The page's own script under /portal/, run after portal.js (which every page has). */
  script?: 'file' | 'status';
}

/**
 * The token that follows a request lives in the URL fragment, which browsers
 * never send to a server nor put in a Referer; no-referrer and a strict CSP
 * besides.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

export function page(input: PageInput, url: URL): Response {
  const t: Messages = MESSAGES[input.language];
  const other = input.language === 'fr' ? 'en' : 'fr';
  const strings = Object.fromEntries((input.scriptMessages ?? []).map((key) => [key, t[key]]));
  const doc = html`<!doctype html>
<html lang="${input.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${input.title} · ${t.title}</title>
<link rel="stylesheet" href="/portal/portal.css">
<script src="/portal/portal.js" defer></script>
${input.script ? html`<script src="/portal/${input.script}.js" defer></script>` : ''}
</head>
<body data-page="${input.page}">
<a class="skip" href="#main">${input.language === 'fr' ? 'Aller au contenu' : 'Skip to content'}</a>
<header class="top"><div class="wrap">
<a class="brand" href="/">${t.title}</a>
<a class="lang" href="${url.pathname}?lang=${other}" hreflang="${other}" lang="${other}" data-keep-hash>${t.switchTo}</a>
</div></header>
<main id="main" class="wrap">
${input.body}
</main>
<script type="application/json" id="portal-messages">${{ html: JSON.stringify(strings).replace(/</g, '\\u003c') }}</script>
</body>
</html>
`;
  const headers = new Headers({ 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS });
  const asked = url.searchParams.get('lang');
  if (asked === 'fr' || asked === 'en') headers.append('set-cookie', `${LANGUAGE_COOKIE}=${asked}; Path=/; Max-Age=31536000; SameSite=Lax`);
  return new Response(doc.html, { headers });
}

export function dateTime(value: string | Date | null, language: Language): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(value)) + ' UTC';
}
