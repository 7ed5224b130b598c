/**
 * `GET /reports/:id.html`: the signed completion report as a page people can
 * read, checked against the published keys, with how to check it offline.
 */
import type { Language } from '../../core/requests.js';
import type { CompletionReport, ExportFileRef, SystemReport } from '../../core/report/report.js';
import { ReportVerificationError, verifyReportFile } from '../../core/report/verify.js';
import type { Route } from '../routes.js';
import { dateTime, html, page, type Html } from './html.js';
import { MESSAGES, format, pickLanguage, type Messages } from './i18n.js';

/** Fields of SystemReport shown in their own rows; any other (added by later report versions) is listed as is. */
const KNOWN_FIELDS = new Set(['connectorId', 'name', 'kind', 'action', 'status', 'counts', 'startedAt', 'finishedAt', 'exports', 'error', 'verification', 'retained']);

function files(refs: readonly ExportFileRef[], t: Messages): Html {
  if (refs.length === 0) return html`${t.none}`;
  return html`<ul>${refs.map((f) => html`<li><code>${f.id}</code> — ${f.bytes} B<br><code>${f.sha256}</code></li>`)}</ul>`;
}

function value(v: unknown): Html {
  if (v === null || v === undefined) return html`—`;
  if (typeof v === 'object') return html`<pre>${JSON.stringify(v, null, 2)}</pre>`;
  return html`${String(v)}`;
}

function systemSection(s: SystemReport, t: Messages, language: Language): Html {
  const extra = s as SystemReport & Record<string, unknown>;
  const counts = Object.entries(s.counts).map(([k, n]) => `${k}: ${n}`).join(', ') || t.none;
  const others = Object.entries(extra).filter(([key]) => !KNOWN_FIELDS.has(key));
  return html`<section class="card system">
<h2>${s.name} <span class="small">(${s.kind})</span> <span class="badge" data-status="${s.status}">${t[`system.${s.status}`]}</span></h2>
<table>
<tr><th>${t.action}</th><td>${s.action}</td></tr>
<tr><th>${t.counts}</th><td>${counts}</td></tr>
<tr><th>${t.started}</th><td>${dateTime(s.startedAt, language)}</td></tr>
<tr><th>${t.finished}</th><td>${dateTime(s.finishedAt, language)}</td></tr>
<tr><th>${t.verificationResult}</th><td>${value(extra.verification)}</td></tr>
<tr><th>${t.retained}</th><td>${value(extra.retained)}</td></tr>
<tr><th>${t.exportFiles}</th><td>${files(s.exports, t)}</td></tr>
${s.error ? html`<tr><th>${t.error}</th><td class="bad">${s.error}</td></tr>` : ''}
${others.map(([key, v]) => html`<tr><th>${key}</th><td>${value(v)}</td></tr>`)}
</table>
</section>`;
}

export function reportBody(report: CompletionReport, kid: string, check: { valid: true } | { valid: false; reason: string }, jsonUrl: string, jwksUrl: string, language: Language): Html {
  const t = MESSAGES[language];
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
<tr><th>${t.verification}</th><td>${dateTime(r.verifiedAt, language)} (${r.verification})</td></tr>
<tr><th>${t.completedAt}</th><td>${dateTime(r.completedAt, language)}</td></tr>
<tr><th>${t.subjectRef}</th><td><code>${report.subjectRef}</code></td></tr>
<tr><th>${t.package}</th><td>${files(report.export ? [report.export] : [], t)}</td></tr>
<tr><th>${t.issuedAt}</th><td>${dateTime(report.issuedAt, language)} — <code>${report.issuer}</code></td></tr>
</table>
</section>
<h2>${t.systems}</h2>
${report.systems.map((s) => systemSection(s, t, language))}
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
