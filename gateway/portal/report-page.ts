/**
 * `GET /reports/:id.html`: the signed completion report as a page people can
 * read, checked against the published keys, with how to check it offline.
 */
import type { Language } from '../../core/requests.js';
import type { CompletionReport } from '../../core/report/report.js';
import { ReportVerificationError, verifyReportFile } from '../../core/report/verify.js';
import type { Route } from '../routes.js';
import { dateTime, html, page, type Html } from './html.js';
import { MESSAGES, format, pickLanguage } from './i18n.js';
import { REPORT_MESSAGES } from './report-i18n.js';
import { files, systemSection, word, type Words } from './report-sections.js';

const EXPORTING = new Set(['ACCESS', 'PORTABILITY']);

/** Extensions, cancellation and the package's form: rows shown only when the report has them. */
function requestRows(report: CompletionReport, { t, r, language }: Words): Html {
  const { extensions, cancellation } = report.request;
  const extended = (extensions ?? []).map(
    (e) => html`<li>${format(r.extension, { months: e.months, at: dateTime(e.at, language), from: dateTime(e.previousDueAt, language), to: dateTime(e.dueAt, language) })}</li>`,
  );
  const pkg = report.package;
  const packageForm = pkg ? (pkg.format === 'zip' ? `${r['package.zip']}, ${pkg.encrypted ? r['package.encrypted'] : r['package.plain']}` : r['package.json']) : null;
  return html`${extended.length > 0 ? html`<tr><th>${r.extensions}</th><td><ul class="plain">${extended}</ul></td></tr>` : ''}
${cancellation ? html`<tr><th>${r.cancellation}</th><td>${format(r[`cancelled.${cancellation.by}`], { at: dateTime(cancellation.at, language) })}</td></tr>` : ''}
${report.export || pkg || EXPORTING.has(report.request.type) ? html`<tr><th>${t.package}</th><td>${packageForm ? html`<p>${packageForm}</p>` : ''}${files(report.export ? [report.export] : [], t)}</td></tr>` : ''}`;
}

export function reportBody(report: CompletionReport, kid: string, check: { valid: true } | { valid: false; reason: string }, jsonUrl: string, jwksUrl: string, language: Language): Html {
  const words: Words = { t: MESSAGES[language], r: REPORT_MESSAGES[language], language };
  const t = words.t;
  const r = report.request;
  return html`
<h1>${t.reportTitle}</h1>
<p class="lead">${t.reportIntro}</p>
<section class="card">
<table>
<tr><th>${t.request}</th><td><code>${r.id}</code></td></tr>
<tr><th>${t.type_}</th><td>${t[`type.${r.type}`]}</td></tr>
<tr><th>${t.status}</th><td><span class="badge" data-status="${r.status}">${t[`status.${r.status}`]}</span></td></tr>
<tr><th>${t.receivedAt}</th><td>${dateTime(r.receivedAt, language)}</td></tr>
<tr><th>${t.dueAt}</th><td>${dateTime(r.dueAt, language)}</td></tr>
<tr><th>${t.verification}</th><td>${dateTime(r.verifiedAt, language)} (${word(words.r, `verification.${r.verification}`, r.verification)})</td></tr>
<tr><th>${r.status === 'COMPLETED' ? t.completedAt : t.closedAt}</th><td>${dateTime(r.completedAt, language)}</td></tr>
<tr><th>${t.subjectRef}</th><td><code>${report.subjectRef}</code></td></tr>
${requestRows(report, words)}
<tr><th>${t.issuedAt}</th><td>${dateTime(report.issuedAt, language)} — <code>${report.issuer}</code></td></tr>
</table>
</section>
<h2>${t.systems}</h2>
${report.systems.map((s) => systemSection(s, words))}
<section class="card" id="signature">
<h2>${format(t.reportSigned, { kid })}</h2>
<p class="${check.valid ? 'ok' : 'bad'}">${check.valid ? t.reportValid : format(t.reportInvalid, { reason: check.reason })}</p>
<p><a href="${jsonUrl}" download>${t.reportDownload}</a></p>
<p>${t.reportVerifyHow}</p>
<pre>npx gardien report verify ${report.reportId}.json --jwks ${jwksUrl}</pre>
</section>`;
}

export const reportPageRoute: Route = {
  method: 'GET',
  path: '/reports/:id.html',
  access: 'public',
  async handle(request, { services, params, url }) {
    const language = pickLanguage(request, url);
    const t = MESSAGES[language];
    const found = await services.dsr.reports.find(params.id!);
    if (!found) {
      const missing = page({ language, title: t.reportTitle, page: 'report', body: html`<h1>${t.reportTitle}</h1><p class="alert">${t.noReport}</p>` }, url);
      return new Response(missing.body, { status: 404, headers: missing.headers });
    }
    const file = { reportId: found._id, kid: found.kid, jws: found.jws, report: found.report };
    const jwks = await services.dsr.signingKeys.jwks();
    let check: { valid: true } | { valid: false; reason: string } = { valid: true };
    try {
      await verifyReportFile(JSON.stringify(file), jwks);
    } catch (error) {
      if (!(error instanceof ReportVerificationError)) throw error;
      check = { valid: false, reason: error.message };
    }
    const base = services.config.publicUrl;
    const body = reportBody(file.report, file.kid, check, `/reports/${encodeURIComponent(file.reportId)}`, `${base}/.well-known/jwks.json`, language);
    return page({ language, title: `${t.reportTitle} ${file.reportId}`, page: 'report', body }, url);
  },
};
