import { describe, expect, it } from 'vitest';
import { REQUEST_TYPES } from '../../core/requests.js';
import { matchPath } from '../routes.js';
import { html } from './html.js';
import { pickLanguage } from './i18n.js';
import { filePage, statusPage, verifyPage } from './pages.js';

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

describe('route paths with a suffix', () => {
  it('`:id.html` takes the segment without its suffix, and nothing else', () => {
    expect(matchPath('/reports/:id.html', '/reports/rep_1.html')).toEqual({ id: 'rep_1' });
    expect(matchPath('/reports/:id.html', '/reports/rep_1')).toBeNull();
    expect(matchPath('/reports/:id.html', '/reports/.html')).toBeNull();
    expect(matchPath('/reports/:id', '/reports/rep_1.html')).toEqual({ id: 'rep_1.html' });
  });
});
