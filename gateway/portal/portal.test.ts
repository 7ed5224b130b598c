import { describe, expect, it } from 'vitest';
import { REQUEST_TYPES } from '../../core/requests.js';
import { matchPath } from '../routes.js';
import { html } from './html.js';
import { pickLanguage } from './i18n.js';
import { filePage, statusPage, verifyPage } from './pages.js';
import { visibleText } from '../../test/support/portal/visible-text.js';

const ask = (headers: Record<string, string>, query = '') => pickLanguage(new Request(`http://gardien.test/${query}`, { headers }), new URL(`http://gardien.test/${query}`));

describe('portal language', () => {
  it('follows ?lang=, then the switch cookie, then Accept-Language by weight, else English', () => {
    expect(ask({ 'accept-language': 'fr-FR,fr;q=0.9' }, '?lang=en')).toBe('en');
    expect(ask({ cookie: 'x=1; gardien_lang=fr', 'accept-language': 'en' })).toBe('fr');
    expect(ask({ 'accept-language': 'de-DE, en;q=0.5, fr;q=0.8' })).toBe('fr');
    expect(ask({ 'accept-language': 'fr;q=0.2, en-GB' })).toBe('en');
    expect(ask({ 'accept-language': 'de' })).toBe('en');
    expect(ask({})).toBe('en');
  });
});

describe('portal pages', () => {
  it('load nothing from elsewhere, send no Referer, and remember a chosen language', async () => {
    const response = filePage('fr', new URL('http://gardien.test/?lang=fr'));
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'; script-src 'self'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('set-cookie')).toBe('gardien_lang=fr; Path=/; Max-Age=31536000; SameSite=Lax');
    const body = await response.text();
    expect(body).toContain('<html lang="fr">');
    expect(body).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(statusPage('en', new URL('http://gardien.test/requests/req_1'), 'req_1').headers.get('set-cookie')).toBeNull();
  });

  it('list every request type', async () => {
    const body = await filePage('en', new URL('http://gardien.test/')).text();
    expect(body).toContain('<option value="ACCESS">A copy of my data (access, Art. 15)</option>');
    for (const type of REQUEST_TYPES) expect(body).toMatch(new RegExp(`<option value="${type}">`));
    expect(body).not.toContain('disabled');
  });

  it('escape the request id taken from the address', async () => {
    const body = await verifyPage('en', new URL('http://gardien.test/x'), '"><script>alert(1)</script>').text();
    expect(body).not.toContain('<script>alert(1)');
    expect(body).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('html`` escapes values and keeps nested fragments', () => {
    expect(html`<p>${'<b>&'}${[html`<i>${'"'}</i>`]}${null}</p>`.html).toBe('<p>&lt;b&gt;&amp;<i>&quot;</i></p>');
  });
});

const text = visibleText;
/** The strings the page hands its script. */
const scriptWords = (markup: string) => JSON.parse(/<script type="application\/json" id="portal-messages">(.*?)<\/script>/s.exec(markup)![1]!) as Record<string, string>;

describe('the filing form', () => {
  it('has, hidden until their type is chosen, the corrections, the passphrase and the restriction choice', async () => {
    const body = await filePage('en', new URL('http://gardien.test/')).text();
    expect(body).toMatch(/<fieldset class="field extra" id="rectification" data-type="RECTIFICATION"[^>]* hidden>/);
    expect(body).toMatch(/<fieldset class="field extra" id="portability" data-type="PORTABILITY"[^>]* hidden>/);
    expect(body).toMatch(/<fieldset class="field extra" id="restriction" data-type="RESTRICTION"[^>]* hidden>/);
    expect(body).toContain('<script src="/portal/file.js" defer></script>');
    const words = text(body);
    expect(words).toContain('What is wrong, and the right value');
    expect(words).toContain('Correction 1 What is wrong');
    expect(words).toContain('Add another correction');
    expect(words).toContain('open them with 7-Zip, WinZip, Keka or The Unarchiver and type the passphrase');
    expect(words).toContain('We do not keep the passphrase and cannot recover it');
    expect(words).toContain('Restrict the use of my data Lift a restriction I asked for earlier');
  });

  it('offers every personal attribute by its GraphQL name, in both languages', async () => {
    const en = await filePage('en', new URL('http://gardien.test/')).text();
    const fr = await filePage('fr', new URL('http://gardien.test/')).text();
    const options = (markup: string) => [...markup.matchAll(/<option value="([A-Z_]+)">([^<]+)<\/option>/g)].map((m) => [m[1], m[2]]).filter(([v]) => !(REQUEST_TYPES as readonly string[]).includes(v!));
    expect(options(en)).toEqual([
      ['EMAIL', 'Email address'], ['PHONE', 'Phone number'], ['FIRST_NAME', 'First name'], ['LAST_NAME', 'Last name'], ['ADDRESS', 'Street address'],
      ['CITY', 'Town or city'], ['POSTAL_CODE', 'Postal code'], ['COUNTRY', 'Country'], ['BIRTH_DATE', 'Date of birth'],
    ]);
    expect(options(fr).map(([, label]) => label)).toEqual(['Adresse e-mail', 'Numéro de téléphone', 'Prénom', 'Nom', 'Adresse (rue)', 'Ville', 'Code postal', 'Pays', 'Date de naissance']);
    expect(text(fr)).toContain('Nous ne conservons pas la phrase secrète et ne pouvons pas la retrouver');
    expect(text(fr)).toContain('Lever une limitation demandée auparavant');
  });

  it('ties each line’s fields to their error messages, and gives the script the words of its checks', async () => {
    const body = await filePage('fr', new URL('http://gardien.test/')).text();
    expect(body).toContain('<input id="rectification-0-value" data-part="value" type="email" autocomplete="email" maxlength="500" aria-describedby="rectification-0-value-error">');
    expect(body).toContain('<p class="field-error" id="rectification-0-value-error" data-error="value" hidden></p>');
    expect(body).toContain('aria-describedby="portability-warning passphrase-hint passphrase-error"');
    const words = scriptWords(body);
    expect(words.passMismatch).toBe('Les deux phrases secrètes ne sont pas identiques.');
    expect(words['rectInvalid.PHONE']).toBe('Saisissez un numéro complet, par exemple 06 12 34 56 78.');
    expect(words.rectRow).toBe('Correction {n}');
    expect(words['attr.POSTAL_CODE']).toBe('Code postal');
  });
});

describe('the status page', () => {
  it('has the withdrawal behind a confirmation, with an optional reason', async () => {
    const body = await statusPage('en', new URL('http://gardien.test/requests/req_1'), 'req_1').text();
    expect(body).toContain('<script src="/portal/status.js" defer></script>');
    expect(body).toMatch(/<section class="card" id="withdraw" hidden>/);
    expect(body).toMatch(/<form id="withdraw-form" novalidate hidden>/);
    const words = text(body);
    expect(words).toContain('Changed your mind? You can withdraw the request until it is finished. Withdraw my request');
    expect(words).toContain('Withdraw this request? What was already done in a system stays done');
    expect(words).toContain('Why (optional)');
    expect(words).toContain('Yes, withdraw it No, keep my request');
  });

  it('gives its script the words for waits, extensions and withdrawals, in French too', async () => {
    const words = scriptWords(await statusPage('fr', new URL('http://gardien.test/requests/req_1'), 'req_1').text());
    expect(words['wait.WAITING_MANUAL']).toBe('{name} : ce système est traité par une personne, à qui la tâche a été confiée.');
    expect(words.extended).toBe('Prolongé de {months} mois le {at}, au lieu du {from}. Motif : {reason}');
    expect(words.cancelledBySubject).toBe('Vous avez retiré la demande le {at}.');
    expect(words['system.CANCELLED']).toBe('Arrêté (demande annulée)');
    expect(words.withdrawTooLate).toBe('Il est trop tard pour retirer cette demande : elle est {status}.');
  });
});

describe('route paths with a suffix', () => {
  it('`:id.html` takes the segment without its suffix, and nothing else', () => {
    expect(matchPath('/reports/:id.html', '/reports/rep_1.html')).toEqual({ id: 'rep_1' });
    expect(matchPath('/reports/:id.html', '/reports/rep_1')).toBeNull();
    expect(matchPath('/reports/:id.html', '/reports/.html')).toBeNull();
    expect(matchPath('/reports/:id', '/reports/rep_1.html')).toEqual({ id: 'rep_1.html' });
  });
});
