/* global document, location */
// Gardien customer portal: plain JavaScript, no dependencies. The access token that
// follows a request stays in the URL fragment (#token=…), never in a path, a query or a Referer.
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

  function showErrors(messages) {
    const box = $('errors');
    box.replaceChildren();
    if (messages.length === 0) { box.hidden = true; return; }
    if (t.errorSummary) { const p = document.createElement('p'); p.textContent = t.errorSummary; box.append(p); }
    const list = document.createElement('ul');
    for (const m of messages) { const li = document.createElement('li'); li.textContent = m; list.append(li); }
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

  // ---- File a request -------------------------------------------------------
  function filePage() {
    const form = $('file-form');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const email = form.email.value.trim();
      fieldError('email', null); fieldError('details', null);
      if (!email || !form.email.checkValidity()) {
        fieldError('email', t.badEmail); showErrors([t.badEmail]); form.email.focus(); return;
      }
      busy(form, true, t.sending);
      const input = { type: form.type.value, identity: { email }, language: form.querySelector('input[name=language]:checked').value };
      if (form.details.value.trim()) input.details = form.details.value;
      try {
        const answer = await graphql(
          'mutation Submit($input: SubmitRequestInput!) { submitRequest(input: $input) { __typename ... on Request { id accessToken } ... on ValidationError { message problems { path message } } } }',
          { input },
        );
        const result = answer.data && answer.data.submitRequest;
        if (result && result.__typename === 'Request') {
          location.assign('/requests/' + encodeURIComponent(result.id) + '/verify#token=' + encodeURIComponent(result.accessToken));
          return;
        }
        const problems = result ? result.problems : [];
        const shown = [];
        for (const p of problems) {
          const field = p.path.split('.').pop();
          const message = field === 'email' ? t.badEmail : p.message;
          fieldError(field === 'email' ? 'email' : 'details', message);
          shown.push(message);
        }
        showErrors(shown.length ? shown : [result ? result.message : (answer.errors && answer.errors[0].message) || t.network]);
      } catch {
        showErrors([t.network]);
      } finally {
        busy(form, false, '');
      }
    });
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

  // ---- Follow the request, live ---------------------------------------------
  const FIELDS = 'id type status statusReason receivedAt dueAt completedAt reportUrl systems { connectorId name status located exported error }';

  function renderRequest(r) {
    const card = $('request');
    card.setAttribute('aria-busy', 'false');
    $('loading').hidden = true;
    card.querySelector('dl').hidden = false;
    const set = (field, text) => { card.querySelector('[data-field=' + field + ']').textContent = text; };
    set('type', t['type.' + r.type] || r.type);
    set('status', t['status.' + r.status] || r.status);
    card.querySelector('[data-field=status]').dataset.status = r.status;
    set('statusReason', r.statusReason || '');
    set('receivedAt', dateTime(r.receivedAt));
    set('dueAt', dateTime(r.dueAt));
    set('completedAt', dateTime(r.completedAt));
    $('systems-card').hidden = false;
    $('no-systems').hidden = r.systems.length > 0;
    const list = $('systems');
    list.replaceChildren(...r.systems.map((s) => {
      const li = document.createElement('li');
      li.dataset.status = s.status;
      const name = document.createElement('span'); name.className = 'name'; name.textContent = s.name;
      const badge = document.createElement('span'); badge.className = 'badge'; badge.dataset.status = s.status; badge.textContent = t['system.' + s.status] || s.status;
      const counts = document.createElement('span'); counts.className = 'small'; counts.textContent = s.located + ' ' + t.located + ' · ' + s.exported + ' ' + t.exported;
      li.append(name, badge, counts);
      if (s.error) { const e = document.createElement('p'); e.className = 'field-error'; e.textContent = s.error; li.append(e); }
      return li;
    }));
    $('verify-again').hidden = r.status !== 'AWAITING_VERIFICATION' && r.status !== 'RECEIVED';
    if (r.reportUrl) { $('report-link').href = r.reportUrl + '.html'; $('outcome').hidden = false; }
    if (TERMINAL.includes(r.status)) $('live').textContent = '';
  }

  // Server-sent events over a POST (EventSource can only GET, which would put the token in a URL).
  async function watch(id, token, onRequest, onProblem) {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: 'subscription Watch($id: ID!, $token: String) { requestUpdated(id: $id, accessToken: $token) { ' + FIELDS + ' } }',
        variables: { id, token },
      }),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    if (!response.ok || !response.body) throw new Error('HTTP ' + response.status);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: ?(.*)$/m.exec(block);
        const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
        if (event && event[1] === 'complete') return;
        if (!data) continue;
        const payload = JSON.parse(data);
        if (payload.errors) { onProblem(payload.errors[0]); return; }
        if (payload.data && payload.data.requestUpdated) onRequest(payload.data.requestUpdated);
      }
    }
  }

  function problemMessage(error) {
    const code = error.extensions && error.extensions.code;
    if (code === 'FORBIDDEN') return t.forbidden;
    if (code === 'NOT_FOUND') return t.notFound;
    return error.message;
  }

  function statusPage() {
    const card = $('request');
    const id = card.dataset.request;
    const token = tokenFromHash();
    $('verify-link').href = '/requests/' + encodeURIComponent(id) + '/verify' + location.hash;
    if (!token) { showErrors([t.noToken]); $('loading').hidden = true; return; }
    let last = null;
    let failures = 0;
    const onRequest = (r) => {
      last = r; failures = 0;
      renderRequest(r);
      if (!TERMINAL.includes(r.status)) $('live').textContent = t.live;
    };
    const onProblem = (error) => { $('loading').hidden = true; showErrors([problemMessage(error)]); last = { status: 'FAILED' }; };
    const loop = async () => {
      while (!last || !TERMINAL.includes(last.status)) {
        try {
          await watch(id, token, onRequest, onProblem);
        } catch {
          failures += 1;
          $('live').textContent = t.reconnecting;
        }
        if (last && TERMINAL.includes(last.status)) break;
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** failures, 15000)));
      }
      document.body.dataset.settled = last ? last.status : '';
    };
    void loop();
  }

  const pages = { file: filePage, verify: verifyPage, status: statusPage };
  const run = pages[document.body.dataset.page];
  if (run) run();
})();
