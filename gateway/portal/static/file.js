/* global window */
// The filing form: shows the fields of the chosen request type only, checks them before
// sending, sends only those (the API refuses a field given to another type), and puts the
// server's problems back on the field at fault (rectification.1.value → the second line).
'use strict';
(function () {
  const { t, $, graphql, showErrors, fieldError, busy, format } = window.gardienPortal;
  const form = $('file-form');
  const rows = $('rectification-rows');
  // The value box suits what is corrected: the right keyboard, the browser's autofill, a date picker.
  const INPUTS = {
    EMAIL: ['email', 'email'], PHONE: ['tel', 'tel'], FIRST_NAME: ['text', 'given-name'], LAST_NAME: ['text', 'family-name'],
    ADDRESS: ['text', 'street-address'], CITY: ['text', 'address-level2'], POSTAL_CODE: ['text', 'postal-code'],
    COUNTRY: ['text', 'country-name'], BIRTH_DATE: ['date', 'bday'],
  };
  const MAX_VALUE = 500;

  function showType() {
    const type = form.type.value;
    form.querySelectorAll('fieldset[data-type]').forEach((fieldset) => {
      const on = fieldset.dataset.type === type;
      fieldset.hidden = !on;
      fieldset.disabled = !on;
    });
  }

  const rowList = () => [...rows.querySelectorAll('[data-row]')];
  const part = (row, name) => row.querySelector('[data-part=' + name + ']');

  function suitValue(row) {
    const [type, autocomplete] = INPUTS[part(row, 'attribute').value] || ['text', 'off'];
    const input = part(row, 'value');
    input.type = type;
    input.autocomplete = autocomplete;
  }

  // Ids follow the line's position, so a problem about rectification.N lands on line N.
  function renumber() {
    const all = rowList();
    all.forEach((row, i) => {
      row.querySelector('legend').textContent = format(t.rectRow, { n: i + 1 });
      for (const name of ['attribute', 'value']) {
        const id = 'rectification-' + i + '-' + name;
        part(row, name).id = id;
        part(row, name).setAttribute('aria-describedby', id + '-error');
        row.querySelector('[data-label=' + name + ']').htmlFor = id;
        row.querySelector('[data-error=' + name + ']').id = id + '-error';
      }
      const remove = row.querySelector('[data-remove-row]');
      remove.textContent = format(t.rectRemove, { n: i + 1 });
      remove.hidden = all.length === 1;
    });
  }

  function addRow() {
    const row = rowList()[0].cloneNode(true);
    row.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; e.hidden = true; });
    row.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
    const used = new Set(rowList().map((r) => part(r, 'attribute').value));
    const select = part(row, 'attribute');
    select.value = [...select.options].map((o) => o.value).find((v) => !used.has(v)) || select.options[0].value;
    part(row, 'value').value = '';
    suitValue(row);
    rows.append(row);
    renumber();
    select.focus();
  }

  function removeRow(row) {
    const index = rowList().indexOf(row);
    row.remove();
    renumber();
    const rest = rowList();
    part(rest[Math.max(0, index - 1)], 'attribute').focus();
  }

  function clearErrors() {
    form.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; e.hidden = true; });
    form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  }

  /** A problem about line i, said on the line and, with its number, in the summary. */
  const onRow = (i, name, message) => ({ field: 'rectification-' + i + '-' + name, message, summary: format(t.rectRow, { n: i + 1 }) + ' — ' + message });

  function valueMessage(attribute) {
    return attribute === 'EMAIL' ? t.badEmail : t['rectInvalid.' + attribute] || t.rectInvalid;
  }

  function checkRectification() {
    const problems = [];
    const seen = new Set();
    rowList().forEach((row, i) => {
      const attribute = part(row, 'attribute').value;
      const input = part(row, 'value');
      const value = input.value.trim();
      if (seen.has(attribute)) problems.push(onRow(i, 'attribute', t.rectTwice));
      seen.add(attribute);
      if (!value) problems.push(onRow(i, 'value', t.rectValueRequired));
      else if (value.length > MAX_VALUE) problems.push(onRow(i, 'value', t.rectTooLong));
      else if (!input.checkValidity() || (attribute === 'BIRTH_DATE' && !/^\d{4}-\d{2}-\d{2}$/.test(value))) problems.push(onRow(i, 'value', valueMessage(attribute)));
    });
    return problems;
  }

  function checkPassphrase() {
    const passphrase = form.passphrase.value;
    const confirmation = $('passphrase-confirm').value;
    if (!passphrase && !confirmation) return [];
    const length = [...passphrase].length;
    if (length < 8 || length > 256) return [{ field: 'passphrase', message: t.passLength }];
    if (passphrase !== confirmation) return [{ field: 'passphrase-confirm', message: t.passMismatch }];
    return [];
  }

  /** The server's problem in the page's words, on its field; `attributes` are the lines as sent. */
  function serverProblem(problem, attributes) {
    const path = problem.path.replace(/^input\./, '');
    if (path === 'identity.email' || path === 'email') return { field: 'email', message: t.badEmail };
    if (path === 'details') return { field: 'details', message: problem.message };
    if (path === 'passphrase') return { field: 'passphrase', message: t.passLength };
    if (path === 'liftRestriction') return { field: 'restriction', message: problem.message };
    if (path === 'rectification') return { field: 'rectification', message: t.rectNone };
    const m = /^rectification\.(\d+)\.(attribute|value)$/.exec(path);
    if (!m) return { field: null, message: problem.message };
    const i = Number(m[1]);
    if (m[2] === 'attribute') return onRow(i, 'attribute', /twice/.test(problem.message) ? t.rectTwice : problem.message);
    const message = /needed/.test(problem.message) ? t.rectValueRequired : /at most/.test(problem.message) ? t.rectTooLong : valueMessage(attributes[i]);
    return onRow(i, 'value', message);
  }

  function report(problems) {
    for (const p of problems) if (p.field) fieldError(p.field, p.message);
    showErrors(problems.map((p) => ({ field: p.field, message: p.summary || p.message })));
    const first = problems.find((p) => p.field && $(p.field));
    if (first) $(first.field).focus();
  }

  function requestInput() {
    const type = form.type.value;
    const input = { type, identity: { email: form.email.value.trim() }, language: form.querySelector('input[name=language]:checked').value };
    if (form.details.value.trim()) input.details = form.details.value;
    if (type === 'RECTIFICATION') input.rectification = rowList().map((row) => ({ attribute: part(row, 'attribute').value, value: part(row, 'value').value.trim() }));
    if (type === 'PORTABILITY' && form.passphrase.value) input.passphrase = form.passphrase.value;
    if (type === 'RESTRICTION') input.liftRestriction = form.querySelector('input[name=restriction]:checked').value === 'lift';
    return input;
  }

  form.type.addEventListener('change', showType);
  $('add-row').addEventListener('click', addRow);
  rows.addEventListener('click', (event) => {
    const button = event.target.closest('[data-remove-row]');
    if (button) removeRow(button.closest('[data-row]'));
  });
  rows.addEventListener('change', (event) => {
    if (event.target.dataset.part === 'attribute') suitValue(event.target.closest('[data-row]'));
  });
  showType();
  rowList().forEach(suitValue);
  renumber();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    const type = form.type.value;
    const problems = [];
    if (!form.email.value.trim() || !form.email.checkValidity()) problems.push({ field: 'email', message: t.badEmail });
    if (type === 'RECTIFICATION') problems.push(...checkRectification());
    if (type === 'PORTABILITY') problems.push(...checkPassphrase());
    if (problems.length > 0) { report(problems); return; }
    const input = requestInput();
    busy(form, true, t.sending);
    try {
      const answer = await graphql(
        'mutation Submit($input: SubmitRequestInput!) { submitRequest(input: $input) { __typename ... on Request { id accessToken } ... on ValidationError { message problems { path message } } } }',
        { input },
      );
      const result = answer.data && answer.data.submitRequest;
      if (result && result.__typename === 'Request') {
        window.location.assign('/requests/' + encodeURIComponent(result.id) + '/verify#token=' + encodeURIComponent(result.accessToken));
        return;
      }
      const attributes = (input.rectification || []).map((c) => c.attribute);
      const shown = result ? result.problems.map((p) => serverProblem(p, attributes)) : [];
      if (shown.length) report(shown);
      else showErrors([result ? result.message : (answer.errors && answer.errors[0].message) || t.network]);
    } catch {
      showErrors([t.network]);
    } finally {
      busy(form, false, '');
    }
  });
})();
