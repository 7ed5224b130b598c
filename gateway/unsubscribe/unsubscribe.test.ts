import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_PROOF } from '../../test/support/consent/ledger.js';
import { startGateway, type RunningGateway } from '../server.js';
import { startTestServices, type TestServices } from '../../test/support/gateway/services.js';

const dpo = { sub: 'claire@acme.example', role: 'dpo' as const };
const form = { sub: 'signup-form', role: 'integration' as const };
const LEA = { email: 'lea.martin@example.org' };

let services: TestServices;
let gateway: RunningGateway;
beforeAll(async () => {
  services = await startTestServices();
  gateway = await startGateway(services, { port: 0, host: '127.0.0.1' });
  await services.consents.purposes.declare({ id: 'newsletter', name: 'La lettre du jardin', description: 'Monthly news' }, dpo);
  await services.consents.recordConsent(LEA, { purpose: 'newsletter', channel: 'email', status: 'granted', source: { kind: 'web_form', name: 'signup', version: 'v3' }, capturedAt: new Date('2026-05-02T10:00:00Z'), proof: FORM_PROOF }, form);
});
afterAll(async () => {
  await gateway?.close();
  await services?.dispose();
});

/** The link a mailing tool gets, on this test server. */
async function linkFor(identity: { email: string }, language: 'fr' | 'en' | null): Promise<string> {
  const [link] = await services.consents.unsubscribeLinks({ purpose: 'newsletter', channel: 'email', language, recipients: [identity] }, form);
  return `${gateway.url}${new URL(link!.url).pathname}`;
}

const stateOf = async (identity: { email: string }) => (await services.consents.person(identity, dpo)).states.map((s) => s.status);
const oneClick = (url: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click', redirect: 'manual' });

describe('one-click unsubscribe over HTTP (RFC 8058)', () => {
  it('shows a confirmation page on GET, in the link’s language, and unsubscribes no one', async () => {
    const url = await linkFor(LEA, 'fr');
    const response = await fetch(url, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('Ne plus recevoir « La lettre du jardin » par e-mail ?');
    expect(page).toMatch(/<form method="post" action="\/unsubscribe\/[A-Za-z0-9_-]+">/);
    expect(page).toContain('<button type="submit" class="primary">Me désabonner</button>');
    expect(page).not.toContain('lea.martin');
    expect(await stateOf(LEA)).toEqual(['granted']);
  });

  it('answers in the browser’s language when the link has none', async () => {
    const page = await (await fetch(await linkFor(LEA, null), { headers: { 'accept-language': 'en-US,en;q=0.8' } })).text();
    expect(page).toContain('Stop receiving “La lettre du jardin” by email?');
  });

  it('withdraws at once on the one-click POST, with the click recorded as proof, and only once', async () => {
    const url = await linkFor(LEA, 'en');
    const response = await oneClick(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Done: you will no longer receive “La lettre du jardin” by email.');
    const person = await services.consents.person(LEA, dpo);
    expect(person.states.map((s) => s.status)).toEqual(['withdrawn']);
    const withdrawal = person.states[0]!.entry;
    expect(withdrawal).toMatchObject({ source: { kind: 'unsubscribe_link' }, proof: { kind: 'unsubscribe_click', reference: expect.stringMatching(/^unsubscribe-click link-sha256=[0-9a-f]{64} at=\S+ via=one-click$/) } });
    expect(await services.consents.canContact(LEA, 'newsletter', 'email', form)).toMatchObject({ allowed: false, code: 'withdrawn' });

    const again = await oneClick(url);
    expect(await again.text()).toContain('You were already unsubscribed');
    expect((await services.consents.person(LEA, dpo)).entries).toHaveLength(2);
  });

  it('withdraws from the confirmation page’s button too', async () => {
    const hugo = { email: 'hugo.bernard@example.fr' };
    await services.consents.recordConsent(hugo, { purpose: 'newsletter', channel: 'email', status: 'granted', source: { kind: 'web_form', name: null, version: null }, capturedAt: new Date('2026-05-02T10:00:00Z'), proof: FORM_PROOF }, form);
    const response = await fetch(await linkFor(hugo, 'fr'), { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click', via: 'page', lang: 'fr' }) });
    expect(await response.text()).toContain('C’est fait : vous ne recevrez plus « La lettre du jardin » par e-mail.');
    expect((await services.consents.person(hugo, dpo)).states[0]!.entry.proof!.reference).toMatch(/via=page$/);
  });

  it('refuses a forged or altered link plainly, and changes nothing', async () => {
    const nora = { email: 'nora.lefevre@example.fr' };
    await services.consents.recordConsent(nora, { purpose: 'newsletter', channel: 'email', status: 'granted', source: { kind: 'web_form', name: null, version: null }, capturedAt: new Date('2026-05-02T10:00:00Z'), proof: FORM_PROOF }, form);
    const url = await linkFor(nora, 'en');
    const token = url.split('/').at(-1)!;
    const flipped = token.slice(0, 20) + (token[20] === 'A' ? 'B' : 'A') + token.slice(21);
    for (const bad of [`${gateway.url}/unsubscribe/${flipped}`, `${gateway.url}/unsubscribe/${token.slice(0, -4)}`, `${gateway.url}/unsubscribe/${'x'.repeat(60)}`]) {
      const shown = await fetch(bad);
      expect(shown.status).toBe(404);
      expect(await shown.text()).toContain('This unsubscribe link is not valid');
      const posted = await oneClick(bad);
      expect(posted.status).toBe(404);
      expect(await posted.text()).toContain('Nothing was changed');
    }
    expect(await stateOf(nora)).toEqual(['granted']);
  });
});
