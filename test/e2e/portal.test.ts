/**
 * The customer portal in a real browser (Debian's chromium through
 * playwright-core) against a gateway and a worker on the real test stack: a
 * customer files an access request, types the emailed code, watches the
 * status page reach COMPLETED live, then reads the signed report's page.
 * Screenshots go to /tmp/gardien-portal-*.png.
 */
import { chromium, type Browser, type BrowserContext, type Request as BrowserRequest } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRequestStack, type RequestStack } from '../support/request-stack.js';
import { codeFrom, mailAbout } from './harness.js';

const EMAIL = 'aurelie.marchand@example.fr';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('customer portal in a browser', () => {
  let stack: RequestStack;
  let browser: Browser;
  let context: BrowserContext;
  const sent: BrowserRequest[] = [];

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startRequestStack(['sqlite']), chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })]);
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1000, height: 900 } });
    // Nothing may come from the internet: any other host fails the page.
    await context.route((url) => !url.href.startsWith(stack.gateway.url), (route) => route.abort());
    context.on('request', (request) => sent.push(request));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('takes a customer from the form to a completed request, live, and its report', async () => {
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    page.on('pageerror', (error) => failed.push(String(error)));
    await page.goto(`${stack.gateway.url}/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('File a request');

    // A bad email is refused on the spot and files nothing.
    await page.fill('#email', 'not-an-email');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('#errors').innerText()).toContain('Enter an email address such as name@example.org.');
    expect(await page.getAttribute('#email', 'aria-invalid')).toBe('true');
    expect(new URL(page.url()).pathname).toBe('/');
    await page.screenshot({ path: '/tmp/gardien-portal-1-form-error.png', fullPage: true });

    await page.fill('#email', EMAIL);
    await page.fill('#details', 'Everything you hold about me, please.');
    await Promise.all([page.waitForURL(/\/requests\/req_[^/]+\/verify#token=/), page.click('button[type=submit]')]);
    const id = /\/requests\/([^/]+)\/verify/.exec(page.url())![1]!;
    const token = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('token')!;
    await expect.poll(() => page.locator('h1').textContent()).toBe('Check your mailbox');
    await page.screenshot({ path: '/tmp/gardien-portal-2-code.png', fullPage: true });

    // A wrong code says how many attempts are left; the emailed one goes through.
    const code = codeFrom((await mailAbout(id, EMAIL, 'Your verification code')).text);
    await page.fill('#code', code === '123456' ? '654321' : '123456');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('#code-error').textContent()).toBe('Wrong code; 4 attempt(s) left.');
    await page.fill('#code', code);
    await Promise.all([page.waitForURL(new RegExp(`/requests/${id}#token=`)), page.click('button[type=submit]')]);

    // The status page follows the request live over one event stream, without reloading.
    const statuses = new Set<string>();
    for (const until = Date.now() + 90_000; Date.now() < until; ) {
      const status = await page.locator('[data-field=status]').textContent();
      if (status) statuses.add(status);
      if (status === 'Completed') break;
      if (statuses.size === 1 && status === 'In progress') await page.screenshot({ path: '/tmp/gardien-portal-3-in-progress.png', fullPage: true });
      await page.waitForTimeout(50);
    }
    expect([...statuses]).toEqual(['In progress', 'Completed']);
    await expect.poll(() => page.locator('body').getAttribute('data-settled')).toBe('COMPLETED');
    expect(await page.locator('#systems li').allInnerTexts()).toEqual([expect.stringMatching(/^billing-sqlite\s+Done\s+\d+ found · \d+ exported$/)]);
    const streams = sent.filter((r) => r.url().endsWith('/graphql') && r.headers().accept === 'text/event-stream');
    expect(streams).toHaveLength(1);
    expect((await streams[0]!.response())?.headers()['content-type']).toMatch(/^text\/event-stream/);
    await page.screenshot({ path: '/tmp/gardien-portal-4-completed.png', fullPage: true });

    // The token went in request bodies only: never in a URL the server saw, nor in a Referer.
    for (const request of sent) {
      expect(request.url()).not.toContain(token);
      expect(request.headers().referer ?? '').not.toContain(token);
    }

    // The signed report, readable, checked against the published keys.
    await Promise.all([page.waitForURL(/\/reports\/rep_[^/]+\.html$/), page.click('#report-link')]);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Completion report');
    const report = await page.locator('main').innerText();
    expect(report).toContain(id);
    expect(report).toContain('billing-sqlite');
    expect(report).toContain('The signature was checked by this server against the published keys: valid.');
    expect(report).toMatch(/npx gardien report verify rep_\S+\.json --jwks http:\/\/127\.0\.0\.1:\d+\/\.well-known\/jwks\.json/);
    expect(report).not.toContain(EMAIL);
    await page.screenshot({ path: '/tmp/gardien-portal-5-report.png', fullPage: true });
    expect(failed).toEqual([]);

    // Someone with the address but another token sees nothing of the request.
    const stranger = await context.newPage();
    await stranger.goto(`${stack.gateway.url}/requests/${id}#token=not-the-token`);
    await expect.poll(() => stranger.locator('#errors').innerText()).toBe('This link does not give access to the request.');
    expect(await stranger.locator('dl.facts').isVisible()).toBe(false);
    await stranger.screenshot({ path: '/tmp/gardien-portal-5b-wrong-token.png', fullPage: true });
  }, 180_000);

  it('speaks French from the browser’s preference or the switch, and keeps the token across it', async () => {
    const fr = await browser.newContext({ locale: 'fr-FR' });
    const page = await fr.newPage();
    await page.goto(`${stack.gateway.url}/`);
    expect(await page.locator('h1').textContent()).toBe('Faire une demande');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.screenshot({ path: '/tmp/gardien-portal-6-fr-form.png', fullPage: true });
    await page.goto(`${stack.gateway.url}/requests/req_x/verify#token=abc`);
    await Promise.all([page.waitForURL(/\?lang=en#token=abc$/), page.click('a.lang')]);
    expect(await page.locator('h1').textContent()).toBe('Check your mailbox');
    await page.screenshot({ path: '/tmp/gardien-portal-7-switched.png', fullPage: true });
    await fr.close();
  });

  it('serves GraphiQL with nothing loaded from elsewhere', async () => {
    const page = await context.newPage();
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(stack.gateway.url) && !request.url().startsWith('blob:') && !request.url().startsWith('data:')) elsewhere.push(request.url());
    });
    await page.goto(`${stack.gateway.url}/graphql`);
    await page.locator('.graphiql-container').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.graphiql-container').first().innerText(), { timeout: 30_000 }).toContain('Gardien');
    await page.screenshot({ path: '/tmp/gardien-portal-8-graphiql.png' });
    expect(elsewhere).toEqual([]);
  }, 60_000);
});
