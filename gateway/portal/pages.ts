/**
 * The customer's pages: file a request, enter the emailed code, follow the
 * request. Server-rendered shells; portal.js talks to /graphql.
 */
import { REQUEST_TYPES, type Language } from '../../core/requests.js';
import { ATTRIBUTE_KEYS, TYPE_SPECIFIC_MESSAGES, typeSpecificFields } from './file-form.js';
import { html, page } from './html.js';
import { MESSAGES, type MessageKey } from './i18n.js';

const ERROR_MESSAGES: MessageKey[] = ['errorSummary', 'badEmail', 'network', 'sending', 'submit', 'reasonTooLong', ...TYPE_SPECIFIC_MESSAGES];

export function filePage(language: Language, url: URL): Response {
  const t = MESSAGES[language];
  const types = REQUEST_TYPES.map((type) => html`<option value="${type}">${t[`type.${type}`]}</option>`);
  const body = html`
<h1>${t.fileHeading}</h1>
<p class="lead">${t.fileIntro}</p>
<noscript><p class="alert">${t.noscript}</p></noscript>
<div class="alert" id="errors" role="alert" tabindex="-1" hidden></div>
<form id="file-form" class="card" novalidate>
  <div class="field">
    <label for="type">${t.type}</label>
    <select id="type" name="type" aria-controls="rectification portability restriction">${types}</select>
  </div>
  ${typeSpecificFields(t)}
  <div class="field">
    <label for="email">${t.email}</label>
    <p class="hint" id="email-hint">${t.emailHint}</p>
    <p class="field-error" id="email-error" hidden></p>
    <input id="email" name="email" type="email" autocomplete="email" required aria-describedby="email-hint email-error">
  </div>
  <div class="field">
    <label for="details">${t.details}</label>
    <p class="hint" id="details-hint">${t.detailsHint}</p>
    <p class="field-error" id="details-error" hidden></p>
    <textarea id="details" name="details" rows="4" maxlength="2000" aria-describedby="details-hint details-error"></textarea>
  </div>
  <fieldset class="field">
    <legend>${t.language}</legend>
    <label class="inline"><input type="radio" name="language" value="FR"${language === 'fr' ? html` checked` : ''}> Français</label>
    <label class="inline"><input type="radio" name="language" value="EN"${language === 'en' ? html` checked` : ''}> English</label>
  </fieldset>
  <button type="submit" class="primary">${t.submit}</button>
  <span class="progress" role="status" aria-live="polite"></span>
</form>`;
  return page({ language, title: t.fileHeading, page: 'file', script: 'file', body, scriptMessages: ERROR_MESSAGES }, url);
}

export function verifyPage(language: Language, url: URL, requestId: string): Response {
  const t = MESSAGES[language];
  const body = html`
<h1>${t.verifyHeading}</h1>
<p class="lead">${t.verifyIntro}</p>
<noscript><p class="alert">${t.noscript}</p></noscript>
<div class="alert" id="errors" role="alert" tabindex="-1" hidden></div>
<form id="verify-form" class="card" novalidate data-request="${requestId}">
  <div class="field">
    <label for="code">${t.code}</label>
    <p class="field-error" id="code-error" hidden></p>
    <input id="code" name="code" class="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required aria-describedby="code-error">
  </div>
  <button type="submit" class="primary">${t.verify}</button>
  <span class="progress" role="status" aria-live="polite"></span>
</form>
<p class="small">${t.request} <code>${requestId}</code></p>`;
  const keys: MessageKey[] = ['code.format', 'code.wrong', 'code.none', 'code.expired', 'code.exhausted', 'noToken', 'network', 'verifying', 'verify', 'notFound'];
  return page({ language, title: t.verifyHeading, page: 'verify', body, scriptMessages: keys }, url);
}

export function statusPage(language: Language, url: URL, requestId: string): Response {
  const t = MESSAGES[language];
  const body = html`
<h1>${t.statusHeading}</h1>
<noscript><p class="alert">${t.noscript}</p></noscript>
<div class="alert" id="errors" role="alert" tabindex="-1" hidden></div>
<section id="request" class="card" data-request="${requestId}" aria-busy="true">
  <p class="progress" id="loading" role="status">${t.loading}</p>
  <dl class="facts" hidden>
    <dt>${t.request}</dt><dd><code>${requestId}</code></dd>
    <dt>${t.type_}</dt><dd data-field="type"></dd>
    <dt data-row="corrections" hidden>${t.corrections}</dt><dd data-row="corrections" hidden><ul class="plain" data-field="corrections"></ul></dd>
    <dt>${t.status}</dt><dd><span class="badge" data-field="status" role="status" aria-live="polite"></span> <span class="small" data-field="statusReason"></span>
      <p class="small" data-field="cancellation" hidden></p></dd>
    <dt data-row="waitingFor" hidden>${t.waitingFor}</dt><dd data-row="waitingFor" hidden><ul class="plain" data-field="waitingFor"></ul></dd>
    <dt>${t.receivedAt}</dt><dd data-field="receivedAt"></dd>
    <dt>${t.dueAt}</dt><dd><span data-field="dueAt"></span><ul class="plain small" data-field="extensions"></ul></dd>
    <dt data-field="completedLabel">${t.completedAt}</dt><dd data-field="completedAt"></dd>
  </dl>
  <p class="live small" id="live" aria-live="polite"></p>
</section>
<section class="card" id="systems-card" hidden>
  <h2>${t.systems}</h2>
  <p class="small" id="no-systems">${t.noSystems}</p>
  <ul class="systems" id="systems"></ul>
</section>
<section class="card done" id="outcome" hidden>
  <p><a id="report-link" href="#">${t.report}</a></p>
  <p class="small" id="download-mailed">${t.downloadMailed}</p>
</section>
<section class="card" id="withdraw" hidden>
  <h2>${t.withdrawHeading}</h2>
  <p class="small">${t.withdrawIntro}</p>
  <button type="button" class="secondary" id="withdraw-start" aria-expanded="false" aria-controls="withdraw-form">${t.withdraw}</button>
  <form id="withdraw-form" novalidate hidden>
    <p id="withdraw-confirm">${t.withdrawConfirm}</p>
    <div class="field">
      <label for="reason">${t.withdrawReason}</label>
      <p class="field-error" id="reason-error" hidden></p>
      <textarea id="reason" name="reason" rows="3" maxlength="2000" aria-describedby="withdraw-confirm reason-error"></textarea>
    </div>
    <button type="submit" class="danger">${t.withdrawYes}</button>
    <button type="button" class="secondary" id="withdraw-keep">${t.withdrawNo}</button>
    <span class="progress" role="status" aria-live="polite"></span>
  </form>
</section>
<p class="small" id="verify-again" hidden><a id="verify-link" href="#">${t.enterCode}</a></p>`;
  const keys: MessageKey[] = [
    'noToken', 'network', 'notFound', 'forbidden', 'live', 'reconnecting', 'located', 'exported', 'erased', 'changed',
    'liftRestriction', 'wait.FAILED', 'wait.WAITING_MANUAL', 'extended', 'cancelledBySubject', 'cancelledByDpo', 'cancelReason', 'cancelling',
    'completedAt', 'closedAt', 'withdrawing', 'withdrawTooLate', 'withdrawNotNow', 'reasonTooLong', ...ATTRIBUTE_KEYS,
    ...REQUEST_TYPES.map((type) => `type.${type}` as MessageKey),
    'status.RECEIVED', 'status.AWAITING_VERIFICATION', 'status.IN_PROGRESS', 'status.COMPLETED', 'status.REJECTED', 'status.CANCELLED', 'status.FAILED',
    'system.PENDING', 'system.RUNNING', 'system.DONE', 'system.FAILED', 'system.WAITING_MANUAL', 'system.CANCELLED',
  ];
  return page({ language, title: t.statusHeading, page: 'status', script: 'status', body, scriptMessages: keys }, url);
}
