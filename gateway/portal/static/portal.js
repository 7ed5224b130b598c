/* global document, location, window */
// Gardien customer portal: plain JavaScript, no dependencies. The access token that
// follows a request stays in the URL fragment (#token=…), never in a path, a query or a Referer.
// This file holds what every page shares (window.gardienPortal) and the code page;
// file.js and status.js, loaded after it, hold the filing form and the status page.
'use strict';
(function () {
  const lang = document.documentElement.lang === 'fr' ? 'fr' : 'en';
  const messagesNode = document.getElementById('portal-messages');
  const t = messagesNode ? JSON.parse(messagesNode.textContent || '{}') : {};
  const $ = (id) => document.getElementById(id);
  const TERMINAL = ['COMPLETED', 'REJECTED', 'CANCELLED', 'FAILED'];

  // The language switch keeps the fragment (and so the token).
  document.querySelectorAll('a[data-keep-hash]').forEach((a) => {
    a.addEventListener('click', () => { a.href = a.href.split('#')[0] + location.hash; });
  });

  function tokenFromHash() {
    return new URLSearchParams(location.hash.slice(1)).get('token');
  }

  async function graphql(query, variables) {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    return response.json();
  }

  function format(template, values) {
    return String(template || '').replace(/\{(\w+)\}/g, (_, name) => (values[name] === undefined ? '' : String(values[name])));
  }

  // Each entry is a message, or { message, field } to link the summary line to the field at fault.
  function showErrors(entries) {
    const box = $('errors');
    box.replaceChildren();
    if (entries.length === 0) { box.hidden = true; return; }
    if (t.errorSummary) { const p = document.createElement('p'); p.textContent = t.errorSummary; box.append(p); }
    const list = document.createElement('ul');
    for (const entry of entries) {
      const li = document.createElement('li');
      const field = typeof entry === 'string' ? null : entry.field && $(entry.field);
      const message = typeof entry === 'string' ? entry : entry.message;
      if (field) {
        const a = document.createElement('a');
        a.href = '#' + field.id;
        a.textContent = message;
        a.addEventListener('click', (event) => { event.preventDefault(); field.focus(); });
        li.append(a);
      } else {
        li.textContent = message;
      }
      list.append(li);
    }
    box.append(list);
    box.hidden = false;
    box.focus();
  }

  function fieldError(name, message) {
    const input = $(name);
    const error = $(name + '-error');
    if (!input || !error) return;
    error.textContent = message || '';
    error.hidden = !message;
    if (message) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  }

  function busy(form, on, label) {
    const button = form.querySelector('button[type=submit]');
    button.disabled = on;
    form.setAttribute('aria-busy', String(on));
    form.querySelector('.progress').textContent = on ? label : '';
    form.classList.toggle('busy', on);
  }

  function dateTime(value) {
    if (!value) return '—';
    return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(value));
  }

  // ---- Enter the emailed code ----------------------------------------------
  function codeMessage(message) {
    let m = /^Wrong code; (\d+) attempts? left/.exec(message);
    if (m) return t['code.wrong'].replace('{n}', m[1]);
    if (/^Wrong code; no attempts/.test(message)) return t['code.none'];
    if (/expired/.test(message)) return t['code.expired'];
    if (/^Too many/.test(message)) return t['code.exhausted'];
    if (/6 digits/.test(message)) return t['code.format'];
    return message;
  }

  function verifyPage() {
    const form = $('verify-form');
    const id = form.dataset.request;
    const token = tokenFromHash();
    if (!token) showErrors([t.noToken]);
    form.code.focus();
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const code = form.code.value.replace(/\s/g, '');
      fieldError('code', null);
      if (!/^\d{6}$/.test(code)) { fieldError('code', t['code.format']); showErrors([t['code.format']]); form.code.focus(); return; }
      busy(form, true, t.verifying);
      try {
        const answer = await graphql(
          'mutation Verify($id: ID!, $code: String!) { verifyRequest(id: $id, code: $code) { __typename ... on Request { id status } ... on Error { message } } }',
          { id, code },
        );
        const result = answer.data && answer.data.verifyRequest;
        const goToStatus = () => location.assign('/requests/' + encodeURIComponent(id) + (token ? '#token=' + encodeURIComponent(token) : ''));
        if (result && result.__typename === 'Request') { goToStatus(); return; }
        if (result && /already verified/.test(result.message)) { goToStatus(); return; }
        const message = !result ? t.network : result.__typename === 'NotFound' ? t.notFound : codeMessage(result.message);
        fieldError('code', message); showErrors([message]); form.code.focus();
      } catch {
        showErrors([t.network]);
      } finally {
        busy(form, false, '');
      }
    });
  }

  window.gardienPortal = { t, lang, $, TERMINAL, tokenFromHash, graphql, showErrors, fieldError, busy, dateTime, format };
  if (document.body.dataset.page === 'verify') verifyPage();
})();
