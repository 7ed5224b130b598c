/**
 * One-click unsubscribe (RFC 8058) at `/unsubscribe/<token>`, no login, no code.
 * GET shows a confirmation page and changes nothing: mail scanners fetch links.
 * POST (the mail client's one-click, or the page's button) withdraws the purpose
 * and channel at once, recorded in the ledger with the click as proof.
 */
import { createHash } from 'node:crypto';
import type { UnsubscribeTarget } from '../../core/consent/unsubscribe.js';
import type { Language } from '../../core/requests.js';
import { pickLanguage } from '../portal/i18n.js';
import type { Route, RouteContext } from '../routes.js';
import { confirmPage, invalidLinkPage, outcomePage, type Subject } from './page.js';

const PATH = '/unsubscribe/:token';

function languageOf(request: Request, url: URL, target: UnsubscribeTarget | null, asked?: string | null): Language {
  if (asked === 'fr' || asked === 'en') return asked;
  if (url.searchParams.has('lang') || !target?.language) return pickLanguage(request, url);
  return target.language;
}

/** The link's target and what the page names; null when the link is not one of ours. */
async function resolve({ services, params }: RouteContext): Promise<{ target: UnsubscribeTarget; subject: Subject } | null> {
  const target = services.consents.unsubscribeTarget(params.token ?? '');
  if (!target) return null;
  const purpose = await services.consents.purposes.find(target.purpose);
  return purpose ? { target, subject: { purpose: purpose.name, channel: target.channel } } : null;
}

/** What the ledger keeps of the click: when, how, and which link (as a hash); no personal data. */
function clickProof(token: string, at: Date, via: 'one-click' | 'page') {
  const reference = `unsubscribe-click link-sha256=${createHash('sha256').update(token).digest('hex')} at=${at.toISOString()} via=${via}`;
  return { kind: 'unsubscribe_click', reference, sha256: createHash('sha256').update(reference).digest('hex') };
}

async function formOf(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams(await request.text());
  if (type.startsWith('multipart/form-data')) {
    const form = await request.formData();
    return new URLSearchParams([...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'));
  }
  return new URLSearchParams();
}

const showRoute: Route = {
  method: 'GET',
  path: PATH,
  access: 'public',
  async handle(request, context) {
    const found = await resolve(context);
    const language = languageOf(request, context.url, found?.target ?? null);
    return found ? confirmPage(language, context.url, found.subject) : invalidLinkPage(language, context.url);
  },
};

const withdrawRoute: Route = {
  method: 'POST',
  path: PATH,
  access: 'public',
  async handle(request, context) {
    const form = await formOf(request).catch(() => new URLSearchParams());
    const found = await resolve(context);
    const language = languageOf(request, context.url, found?.target ?? null, form.get('lang'));
    if (!found) return invalidLinkPage(language, context.url);
    const via = form.get('via') === 'page' ? 'page' : 'one-click';
    const entry = await context.services.consents.withdrawByLink(found.target, clickProof(context.params.token!, new Date(), via));
    return outcomePage(language, context.url, found.subject, entry !== null);
  },
};

export const UNSUBSCRIBE_ROUTES: readonly Route[] = [showRoute, withdrawRoute];
