/** The unsubscribe pages in French and English: the confirmation (GET), the outcome (POST), a refused link. */
import type { Language } from '../../core/requests.js';
import { html, page } from '../portal/html.js';
import { format } from '../portal/i18n.js';

const WORDS = {
  en: {
    heading: 'Unsubscribe',
    confirm: 'Stop receiving “{purpose}” by {channel}?',
    oneClick: 'One click on the button is enough: no account, no code.',
    button: 'Unsubscribe',
    done: 'Done: you will no longer receive “{purpose}” by {channel}.',
    already: 'You were already unsubscribed from “{purpose}” by {channel}; nothing changed.',
    everything: 'To stop all our marketing, you may also object to it from our personal data portal.',
    portal: 'Go to the portal',
    invalidHeading: 'This unsubscribe link is not valid',
    invalid: 'It may have been cut or altered, for example by an email program. Nothing was changed. Use the link in a more recent email from us, or write to us.',
    channel: { email: 'email', sms: 'SMS', phone: 'phone', post: 'post' } as Record<string, string>,
  },
  fr: {
    heading: 'Se désabonner',
    confirm: 'Ne plus recevoir « {purpose} » par {channel} ?',
    oneClick: 'Un clic sur le bouton suffit : ni compte, ni code.',
    button: 'Me désabonner',
    done: 'C’est fait : vous ne recevrez plus « {purpose} » par {channel}.',
    already: 'Vous étiez déjà désabonné(e) de « {purpose} » par {channel} ; rien n’a changé.',
    everything: 'Pour ne plus recevoir aucune prospection de notre part, vous pouvez aussi vous y opposer depuis notre portail de données personnelles.',
    portal: 'Aller au portail',
    invalidHeading: 'Ce lien de désabonnement n’est pas valide',
    invalid: 'Il a peut-être été coupé ou modifié, par exemple par une messagerie. Rien n’a été changé. Utilisez le lien d’un e-mail plus récent de notre part, ou écrivez-nous.',
    channel: { email: 'e-mail', sms: 'SMS', phone: 'téléphone', post: 'courrier' } as Record<string, string>,
  },
} as const;

export interface Subject {
  purpose: string;
  channel: string;
}

const values = (language: Language, s: Subject) => ({ purpose: s.purpose, channel: WORDS[language].channel[s.channel] ?? s.channel });

/** GET: only asks. Link scanners fetch this and change nothing. */
export function confirmPage(language: Language, url: URL, subject: Subject): Response {
  const w = WORDS[language];
  const body = html`
<h1>${w.heading}</h1>
<section class="card">
<form method="post" action="${url.pathname}">
  <input type="hidden" name="List-Unsubscribe" value="One-Click">
  <input type="hidden" name="via" value="page">
  <input type="hidden" name="lang" value="${language}">
  <p>${format(w.confirm, values(language, subject))}</p>
  <p class="small">${w.oneClick}</p>
  <button type="submit" class="primary">${w.button}</button>
</form>
</section>`;
  return page({ language, title: w.heading, page: 'unsubscribe', body }, url);
}

export function outcomePage(language: Language, url: URL, subject: Subject, changed: boolean): Response {
  const w = WORDS[language];
  const body = html`
<h1>${w.heading}</h1>
<section class="card done" role="status">
  <p class="ok">${format(changed ? w.done : w.already, values(language, subject))}</p>
  <p class="small">${w.everything} <a href="/?lang=${language}">${w.portal}</a></p>
</section>`;
  return page({ language, title: w.heading, page: 'unsubscribed', body }, url);
}

/** Forged, cut or altered: says so plainly, with 404, and nothing changed. */
export function invalidLinkPage(language: Language, url: URL): Response {
  const w = WORDS[language];
  const body = html`
<h1>${w.invalidHeading}</h1>
<section class="card"><p class="bad">${w.invalid}</p></section>`;
  const response = page({ language, title: w.invalidHeading, page: 'unsubscribe-invalid', body }, url);
  return new Response(response.body, { status: 404, headers: response.headers });
}
