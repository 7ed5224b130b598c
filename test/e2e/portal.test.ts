/**
 * The customer portal in a real browser (Debian's chromium through
 * playwright-core) against a gateway and a worker on the real test stack: a
 * customer files an access request, types the emailed code, watches the
 * status page reach COMPLETED live, then reads the signed report's page;
 * files a correction in two lines and a portability request with a
 * passphrase; withdraws a request that waits for a paper archive.
 * Screenshots go to /tmp/gardien-portal-*.png.
 */
import { chromium, type Browser, type BrowserContext, type Page, type Request as BrowserRequest } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unseal } from '../../core/crypto.js';
import { startRequestStack, type RequestStack } from '../support/stack/request-stack.js';
import { codeFrom, mailAbout } from '../support/workflows/harness.js';

const EMAIL = 'aurelie.marchand@example.fr';
const SUBMITS = (request: BrowserRequest) => request.url().endsWith('/graphql') && (request.postData() ?? '').includes('submitRequest');
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
  /** The request as the DPO sees it through GraphQL. */
  async function requestAsDpo(id: string) {
    const answer = await stack.ask<{ request: Record<string, unknown> }>(
      stack.services.tokens.dpo,
      'query ($id: ID!) { request(id: $id) { ... on Request { type status rectification { attribute value } cancellation { by reason } systems { name status } } } }',
      { id },
    );
    return answer.data!.request;
  }

  async function countRequests(type: string): Promise<number> {
    const answer = await stack.ask<{ requests: { edges: { node: { type: string } }[] } }>(stack.services.tokens.dpo, '{ requests(first: 100) { edges { node { type } } } }');
    return answer.data!.requests.edges.filter((e) => e.node.type === type).length;
  }

  async function fileForm(page: Page, type: string, email: string): Promise<void> {
    await page.goto(`${stack.gateway.url}/`);
    await page.selectOption('#type', type);
    await page.fill('#email', email);
  }

  it('files a correction in two lines; the server’s problem with the second lands on that line', async () => {
    const page = await context.newPage();
    const submits: BrowserRequest[] = [];
    page.on('request', (request) => SUBMITS(request) && submits.push(request));
    await fileForm(page, 'RECTIFICATION', 'bastien.roux@example.fr');
    expect(await page.isVisible('#rectification')).toBe(true);
    expect(await page.isVisible('#portability')).toBe(false);
    await page.selectOption('#rectification-0-attribute', 'LAST_NAME');
    await page.fill('#rectification-0-value', 'Roux-Delmas');
    await page.click('#add-row');
    await page.click('#add-row');
    expect(await page.locator('#rectification-rows legend').allInnerTexts()).toEqual(['Correction 1', 'Correction 2', 'Correction 3']);
    await page.click('text=Remove correction 3');
    expect(await page.locator('#rectification-rows legend').allInnerTexts()).toEqual(['Correction 1', 'Correction 2']);

    // An empty value is caught on the spot, on its line, and nothing is sent.
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('#errors').innerText()).toContain('Correction 2 — Write the right value.');
    expect(await page.getAttribute('#rectification-1-value', 'aria-invalid')).toBe('true');
    expect(submits).toHaveLength(0);

    // A phone number one digit short passes the browser but not the server (libphonenumber): its problem comes back to line 2.
    await page.selectOption('#rectification-1-attribute', 'PHONE');
    expect(await page.getAttribute('#rectification-1-value', 'type')).toBe('tel');
    await page.fill('#rectification-1-value', '06 12 34 56 7');
    const refused = page.waitForResponse((response) => SUBMITS(response.request()));
    await page.click('button[type=submit]');
    expect(JSON.stringify(await (await refused).json())).toContain('"path":"rectification.1.value"');
    await expect.poll(() => page.locator('#rectification-1-value-error').textContent()).toBe('Enter a full phone number, such as +33 6 12 34 56 78.');
    expect(await page.getAttribute('#rectification-1-value', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#rectification-1-value', 'aria-describedby')).toBe('rectification-1-value-error');
    expect(await page.isVisible('#rectification-0-value-error')).toBe(false);
    expect(await page.getAttribute('#rectification-0-value', 'aria-invalid')).toBeNull();
    expect(await page.locator('#errors').innerText()).toContain('Correction 2 — Enter a full phone number, such as +33 6 12 34 56 78.');
    expect(await countRequests('RECTIFICATION')).toBe(0);
    await page.screenshot({ path: '/tmp/gardien-portal-9-rectification-error.png', fullPage: true });

    await page.fill('#rectification-1-value', '06 12 34 56 78');
    await Promise.all([page.waitForURL(/\/requests\/req_[^/]+\/verify#token=/), page.click('button[type=submit]')]);
    const id = /\/requests\/([^/]+)\/verify/.exec(page.url())![1]!;
    expect(await requestAsDpo(id)).toMatchObject({
      type: 'RECTIFICATION',
      rectification: [{ attribute: 'LAST_NAME', value: 'Roux-Delmas' }, { attribute: 'PHONE', value: '+33612345678' }],
    });
    expect(submits).toHaveLength(2);
  }, 60_000);

  it('files a portability request with a passphrase, refusing a confirmation that differs', async () => {
    const page = await context.newPage();
    const submits: BrowserRequest[] = [];
    page.on('request', (request) => SUBMITS(request) && submits.push(request));
    await fileForm(page, 'PORTABILITY', 'chloe.garnier@example.fr');
    expect(await page.locator('#portability').innerText()).toContain('We do not keep the passphrase and cannot recover it');
    expect(await page.isVisible('#rectification')).toBe(false);
    await page.fill('#passphrase', 'four quiet lanterns');
    await page.fill('#passphrase-confirm', 'four quiet lantern');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('#passphrase-confirm-error').textContent()).toBe('The two passphrases are not the same.');
    expect(await page.getAttribute('#passphrase-confirm', 'aria-invalid')).toBe('true');
    expect(await page.locator('#errors').innerText()).toContain('The two passphrases are not the same.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('passphrase-confirm');
    expect(submits).toHaveLength(0);
    await page.screenshot({ path: '/tmp/gardien-portal-10-passphrase-mismatch.png', fullPage: true });

    await page.fill('#passphrase-confirm', 'four quiet lanterns');
    await Promise.all([page.waitForURL(/\/requests\/req_[^/]+\/verify#token=/), page.click('button[type=submit]')]);
    const id = /\/requests\/([^/]+)\/verify/.exec(page.url())![1]!;
    expect(await requestAsDpo(id)).toMatchObject({ type: 'PORTABILITY' });
    // The passphrase reached the server, which keeps it sealed until the package is written.
    const stored = await stack.services.dsr.requests.get(id);
    expect(JSON.stringify(stored.passphrase)).not.toContain('four quiet lanterns');
    expect(unseal(stored.passphrase!, stack.services.config.secretKeys)).toBe('four quiet lanterns');
    expect(JSON.parse(submits[0]!.postData()!).variables.input).toEqual({ type: 'PORTABILITY', identity: { email: 'chloe.garnier@example.fr' }, language: 'EN', passphrase: 'four quiet lanterns' });
  }, 60_000);

  it('withdraws a request that waits for a paper archive, and shows it cancelled, live', async () => {
    const registered = await stack.ask<{ registerConnector: { __typename: string } }>(
      stack.services.tokens.it,
      'mutation ($input: RegisterConnectorInput!) { registerConnector(input: $input) { __typename ... on Error { message } } }',
      { input: { kind: 'manual', name: 'paper-archive', config: { assignee: 'archivist@example.fr', instructions: 'Cabinet B, folders by surname' } } },
    );
    expect(registered.data?.registerConnector).toEqual({ __typename: 'Connector' });
    const email = 'dorian.lemaire@example.fr';
    const page = await context.newPage();
    try {
      await fileForm(page, 'ACCESS', email);
      await Promise.all([page.waitForURL(/\/requests\/req_[^/]+\/verify#token=/), page.click('button[type=submit]')]);
      const id = /\/requests\/([^/]+)\/verify/.exec(page.url())![1]!;
      await page.fill('#code', codeFrom((await mailAbout(id, email, 'Your verification code')).text));
      await Promise.all([page.waitForURL(new RegExp(`/requests/${id}#token=`)), page.click('button[type=submit]')]);

      // It waits for a person: the page says so in plain words.
      await expect.poll(() => page.locator('[data-field=waitingFor]').innerText(), { timeout: 60_000 }).toBe('paper-archive: this system is handled by a person, who has been asked to do it.');
      expect(await page.locator('[data-field=status]').textContent()).toBe('In progress');
      expect(await page.locator('#systems li', { hasText: 'paper-archive' }).innerText()).toContain('Waiting for a person');

      // The DPO extends the deadline: the new due date and the reason show up live.
      const dueBefore = await page.locator('[data-field=dueAt]').textContent();
      const extended = await stack.ask<{ extendDeadline: { __typename: string } }>(
        stack.services.tokens.dpo,
        'mutation ($id: ID!) { extendDeadline(id: $id, months: 1, reason: "The paper archive is kept off-site this month.") { __typename ... on Error { message } } }',
        { id },
      );
      expect(extended.data?.extendDeadline).toEqual({ __typename: 'Request' });
      await expect.poll(() => page.locator('[data-field=extensions]').innerText(), { timeout: 15_000 }).toMatch(
        new RegExp(`^Extended by 1 month\\(s\\) on .+, from ${dueBefore}\\. Reason: The paper archive is kept off-site this month\\.$`),
      );
      expect(await page.locator('[data-field=dueAt]').textContent()).not.toBe(dueBefore);
      await page.screenshot({ path: '/tmp/gardien-portal-11-waiting.png', fullPage: true });

      // Withdrawing asks first; keeping the request changes nothing.
      await page.click('#withdraw-start');
      expect(await page.locator('#withdraw-form').innerText()).toContain('Withdraw this request? What was already done in a system stays done');
      await page.click('#withdraw-keep');
      expect(await page.isVisible('#withdraw-form')).toBe(false);
      expect((await requestAsDpo(id)).cancellation).toBeNull();
      await page.click('#withdraw-start');
      await page.fill('#reason', 'I found what I needed <em>elsewhere</em>.');
      await page.screenshot({ path: '/tmp/gardien-portal-12-withdraw-confirm.png', fullPage: true });
      await page.click('#withdraw-form button[type=submit]');

      await expect.poll(() => page.locator('body').getAttribute('data-settled'), { timeout: 60_000 }).toBe('CANCELLED');
      expect(await page.locator('[data-field=status]').textContent()).toBe('Cancelled');
      expect(await page.locator('[data-field=cancellation]').innerText()).toMatch(/^You withdrew the request on .+\. Reason given: I found what I needed <em>elsewhere<\/em>\.$/);
      expect(await page.locator('main em').count()).toBe(0);
      expect(await page.locator('#systems li', { hasText: 'paper-archive' }).innerText()).toContain('Stopped (request cancelled)');
      expect(await page.isVisible('[data-field=waitingFor]')).toBe(false);
      expect(await page.isVisible('#withdraw')).toBe(false);
      expect(await page.isVisible('#download-mailed')).toBe(false);
      expect(await requestAsDpo(id)).toMatchObject({ status: 'CANCELLED', cancellation: { by: 'subject', reason: 'I found what I needed <em>elsewhere</em>.' } });
      await page.screenshot({ path: '/tmp/gardien-portal-13-cancelled.png', fullPage: true });

      // The report says who withdrew it, and that the archive's part stopped.
      await Promise.all([page.waitForURL(/\/reports\/rep_[^/]+\.html$/), page.click('#report-link')]);
      const report = await page.locator('main').innerText();
      expect(report).toMatch(/Withdrawn\s+By the person concerned, on /);
      expect(report).toMatch(/Deadline extended\s+By 1 month\(s\) on /);
      expect(report).toMatch(/paper-archive \(manual\)\s+Stopped \(request cancelled\)/);
      expect(report).toContain('The signature was checked by this server against the published keys: valid.');
      expect(report).not.toContain(email);
      await page.screenshot({ path: '/tmp/gardien-portal-14-cancelled-report.png', fullPage: true });
    } finally {
      await stack.ask(stack.services.tokens.it, 'mutation { removeConnector(id: "paper-archive") { __typename } }');
    }
  }, 150_000);
});
