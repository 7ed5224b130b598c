/* global document, location, window */
// The status page: the request and each system, live over server-sent events; what it waits
// for, the deadline's extensions, and withdrawing it (cancelRequest with the access token).
'use strict';
(function () {
  const { t, lang, $, TERMINAL, tokenFromHash, graphql, showErrors, fieldError, busy, dateTime, format } = window.gardienPortal;
  const FIELDS = 'id type status statusReason receivedAt dueAt completedAt reportUrl waitingFor liftRestriction '
    + 'rectification { attribute value } extensions { months reason at previousDueAt dueAt } cancellation { by reason at } '
    + 'systems { connectorId name status located exported erased changed error }';
  const EXPORTS = ['ACCESS', 'PORTABILITY'];
  const card = $('request');

  const set = (field, text) => { card.querySelector('[data-field=' + field + ']').textContent = text; };
  const showRow = (name, on) => card.querySelectorAll('[data-row=' + name + ']').forEach((n) => { n.hidden = !on; });

  function items(field, texts) {
    card.querySelector('[data-field=' + field + ']').replaceChildren(...texts.map((text) => {
      const li = document.createElement('li');
      li.textContent = text;
      return li;
    }));
  }

  /** waitingFor names systems in the server's words; the page says the same per system in its language. */
  function waits(r) {
    if (!r.waitingFor) return [];
    const words = r.systems.filter((s) => s.status === 'FAILED' || s.status === 'WAITING_MANUAL').map((s) => format(t['wait.' + s.status], { name: s.name }));
    return words.length ? words : [r.waitingFor];
  }

  function cancellation(r) {
    const c = r.cancellation;
    if (!c) return '';
    const said = [format(c.by === 'subject' ? t.cancelledBySubject : t.cancelledByDpo, { at: dateTime(c.at) })];
    if (c.reason) said.push(format(t.cancelReason, { reason: c.reason }));
    if (!TERMINAL.includes(r.status)) said.push(t.cancelling);
    return said.join(' ');
  }

  function counts(r, s) {
    const said = [s.located + ' ' + t.located];
    if (EXPORTS.includes(r.type)) said.push(s.exported + ' ' + t.exported);
    else if (s.erased != null) said.push(s.erased + ' ' + t.erased);
    else if (s.changed != null) said.push(s.changed + ' ' + t.changed);
    return said.join(' · ');
  }

  function system(r, s) {
    const li = document.createElement('li');
    li.dataset.status = s.status;
    const name = document.createElement('span'); name.className = 'name'; name.textContent = s.name;
    const badge = document.createElement('span'); badge.className = 'badge'; badge.dataset.status = s.status; badge.textContent = t['system.' + s.status] || s.status;
    const line = document.createElement('span'); line.className = 'small'; line.textContent = counts(r, s);
    li.append(name, badge, line);
    if (s.error) { const e = document.createElement('p'); e.className = 'field-error'; e.textContent = s.error; li.append(e); }
    return li;
  }

  function renderRequest(r) {
    card.setAttribute('aria-busy', 'false');
    $('loading').hidden = true;
    card.querySelector('dl').hidden = false;
    set('type', (t['type.' + r.type] || r.type) + (r.liftRestriction ? ' — ' + t.liftRestriction : ''));
    items('corrections', (r.rectification || []).map((c) => (t['attr.' + c.attribute] || c.attribute) + (lang === 'fr' ? ' : ' : ': ') + c.value));
    showRow('corrections', Boolean(r.rectification && r.rectification.length));
    set('status', t['status.' + r.status] || r.status);
    card.querySelector('[data-field=status]').dataset.status = r.status;
    // The server's reason is in English; a cancellation is said in the page's language instead.
    set('statusReason', r.cancellation ? '' : r.statusReason || '');
    set('cancellation', cancellation(r));
    card.querySelector('[data-field=cancellation]').hidden = !r.cancellation;
    const waiting = waits(r);
    items('waitingFor', waiting);
    showRow('waitingFor', waiting.length > 0);
    set('receivedAt', dateTime(r.receivedAt));
    set('dueAt', dateTime(r.dueAt));
    items('extensions', (r.extensions || []).map((e) => format(t.extended, { months: e.months, at: dateTime(e.at), from: dateTime(e.previousDueAt), reason: e.reason })));
    set('completedLabel', r.status === 'COMPLETED' || !r.completedAt ? t.completedAt : t.closedAt);
    set('completedAt', dateTime(r.completedAt));
    $('systems-card').hidden = false;
    $('no-systems').hidden = r.systems.length > 0;
    $('systems').replaceChildren(...r.systems.map((s) => system(r, s)));
    $('verify-again').hidden = r.status !== 'AWAITING_VERIFICATION' && r.status !== 'RECEIVED';
    $('withdraw').hidden = TERMINAL.includes(r.status) || Boolean(r.cancellation);
    if (r.reportUrl) { $('report-link').href = r.reportUrl + '.html'; $('outcome').hidden = false; }
    $('download-mailed').hidden = !(EXPORTS.includes(r.type) && r.status === 'COMPLETED');
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

  /** Why cancelRequest said no, in the page's words. */
  function refusal(result) {
    if (result.__typename === 'NotFound') return { message: t.notFound };
    const problem = result.problems[0] || { path: 'id', message: '' };
    if (problem.path === 'reason') return { field: 'reason', message: t.reasonTooLong };
    const status = t['status.' + problem.message];
    return { message: status ? format(t.withdrawTooLate, { status: status.toLowerCase() }) : t.withdrawNotNow };
  }

  function withdrawal(id, token, onRequest) {
    const start = $('withdraw-start');
    const form = $('withdraw-form');
    const open = (on) => {
      form.hidden = !on;
      start.hidden = on;
      start.setAttribute('aria-expanded', String(on));
      (on ? form.reason : start).focus();
    };
    start.addEventListener('click', () => open(true));
    $('withdraw-keep').addEventListener('click', () => { fieldError('reason', null); showErrors([]); open(false); });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      fieldError('reason', null);
      const reason = form.reason.value.trim();
      if (reason.length > 2000) { fieldError('reason', t.reasonTooLong); showErrors([{ field: 'reason', message: t.reasonTooLong }]); form.reason.focus(); return; }
      busy(form, true, t.withdrawing);
      try {
        const answer = await graphql(
          'mutation Withdraw($id: ID!, $token: String, $reason: String) { cancelRequest(id: $id, accessToken: $token, reason: $reason) { __typename '
            + '... on Request { ' + FIELDS + ' } ... on ValidationError { message problems { path message } } ... on NotFound { message } } }',
          { id, token, reason: reason || null },
        );
        const result = answer.data && answer.data.cancelRequest;
        if (result && result.__typename === 'Request') { showErrors([]); onRequest(result); return; }
        if (!result) { showErrors([answer.errors ? problemMessage(answer.errors[0]) : t.network]); return; }
        const said = refusal(result);
        if (said.field) { fieldError(said.field, said.message); form.reason.focus(); }
        showErrors([said]);
      } catch {
        showErrors([t.network]);
      } finally {
        busy(form, false, '');
      }
    });
  }

  const id = card.dataset.request;
  const token = tokenFromHash();
  $('verify-link').href = '/requests/' + encodeURIComponent(id) + '/verify' + location.hash;
  if (!token) { showErrors([t.noToken]); $('loading').hidden = true; return; }
  let last = null;
  let failures = 0;
  const onRequest = (r) => {
    // A terminal status is final: an answer sent before it (the withdrawal's own) must not undo it.
    if (last && TERMINAL.includes(last.status) && !TERMINAL.includes(r.status)) return;
    last = r; failures = 0;
    renderRequest(r);
    if (!TERMINAL.includes(r.status)) $('live').textContent = t.live;
  };
  const onProblem = (error) => { $('loading').hidden = true; showErrors([problemMessage(error)]); last = { status: 'FAILED' }; };
  withdrawal(id, token, onRequest);
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
})();
