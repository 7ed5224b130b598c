/**
 * One system of a completion report, in sentences: what was done there, what
 * the change or erasure touched and how it was checked, who did it by hand,
 * and how often it had to be run. Anything a later report version adds is
 * still listed, as is.
 */
import type { AmendmentSummary } from '../../core/amendment.js';
import { withoutAddresses } from '../../core/report/public-text.js';
import type { ExportFileRef, SystemReport } from '../../core/report/report.js';
import type { Language } from '../../core/requests.js';
import { dateTime, html, type Html } from './html.js';
import { format, type Messages } from './i18n.js';
import type { ReportMessageKey, ReportMessages } from './report-i18n.js';

export interface Words {
  t: Messages;
  r: ReportMessages;
  language: Language;
}

const KNOWN_FIELDS = new Set(['connectorId', 'name', 'kind', 'action', 'status', 'counts', 'startedAt', 'finishedAt', 'exports', 'error', 'erasure', 'amendment', 'manual', 'attempts']);

/** A word from the report's dictionary when it has one for `key`, else `fallback` as is. */
export function word(r: ReportMessages, key: string, fallback: string): string {
  return key in r ? r[key as ReportMessageKey] : fallback;
}

export function day(value: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(value));
}

export function files(refs: readonly ExportFileRef[], t: Messages): Html {
  if (refs.length === 0) return html`${t.none}`;
  return html`<ul>${refs.map((f) => html`<li><code>${f.id}</code> — ${f.bytes} B<br><code>${f.sha256}</code></li>`)}</ul>`;
}

function value(v: unknown): Html {
  if (v === null || v === undefined) return html`—`;
  if (typeof v === 'object') return html`<pre>${JSON.stringify(v, null, 2)}</pre>`;
  return html`${String(v)}`;
}

const row = (label: string, content: Html | string, cls?: string) => html`<tr><th>${label}</th><td${cls ? html` class="${cls}"` : ''}>${content}</td></tr>`;
const list = (items: readonly (Html | string)[]) => html`<ul class="plain">${items.map((item) => html`<li>${item}</li>`)}</ul>`;

function amendmentRows(a: AmendmentSummary, { r }: Words): Html {
  const fields = Object.entries(a.fields).map(([object, names]) => format(r.fieldsIn, { object, fields: names.join(', ') }));
  const skipped = a.skipped.map((s) => {
    const line = format(s.field ? r.skippedField : r.skippedRecord, { object: s.object, field: s.field ?? '', reason: s.reason });
    // Summaries made before entries were grouped have no count: one record each.
    return (s.records ?? 1) > 1 ? `${line} ${format(r.skippedRecords, { records: s.records })}` : line;
  });
  const check = format(r[`verifiedBy.${a.verifiedBy}`], { verified: a.verified, unverified: a.unverified });
  return html`${row(r.changedRecords, String(a.changed))}
${row(r.unchangedRecords, String(a.unchanged))}
${a.missing > 0 ? row(r.missingRecords, String(a.missing)) : ''}
${fields.length > 0 ? row(r.fieldsWritten, list(fields)) : ''}
${skipped.length > 0 ? row(r.skipped, list(skipped)) : ''}
${row(r.checkedAfter, a.unverified > 0 ? `${check} ${r.dpoMustLook}` : check, a.unverified > 0 ? 'bad' : undefined)}`;
}

function erasureRows(e: NonNullable<SystemReport['erasure']>, { t, r, language }: Words): Html {
  const actions = Object.entries(e.actions).map(([action, n]) => `${n} ${word(r, `erasure.${action}`, action)}`).join(', ') || t.none;
  const kept = e.retained.map((g) => {
    const until = g.retainUntil ? format(r.retainedUntil, { until: day(g.retainUntil, language) }) : r.retainedOpen;
    return `${format(r.retainedGroup, { records: g.records, object: g.object, basis: g.basis })} (${until})`;
  });
  const v = e.verification;
  const unexpected = v.unexpected.map((u) => `${u.object} (${u.records})`).join(', ');
  const check = format(r.erasureCheck, { remaining: v.remaining, at: dateTime(v.checkedAt, language), retained: v.retained, anonymised: v.anonymised });
  return html`${row(r.erasureDone, actions)}
${row(t.retained, kept.length > 0 ? list(kept) : t.none)}
${row(r.checkedAfter, unexpected ? `${check} ${format(r.unexpected, { list: unexpected })} ${r.dpoMustLook}` : check, unexpected ? 'bad' : undefined)}`;
}

function manualRows(m: NonNullable<SystemReport['manual']>, { r, language }: Words): Html {
  return html`${row(r.manual, word(r, `manual.${m.reason}`, m.reason))}
${row(r.manualTask, html`<code>${m.taskId}</code>`)}
${row(r.manualBy, m.completedBy)}
${row(r.manualAt, dateTime(m.completedAt, language))}
${row(r.evidence, html`<code>${m.evidenceSha256}</code>`)}
${row(r.records, m.records === null ? '—' : String(m.records))}`;
}

/** How the runs went, when it was not simply once: failed, then retried or settled by hand. */
function attemptsRow(s: SystemReport, { r }: Words): Html | string {
  const n = s.attempts ?? 1;
  const settled = s.manual?.reason === 'resolution';
  if (n <= 1 && !settled) return '';
  const key = settled ? 'attempts.settled' : s.status === 'DONE' ? 'attempts.retried' : s.status === 'CANCELLED' ? 'attempts.stopped' : 'attempts.failed';
  return row(r.attempts, format(r[key], { n }));
}

export function systemSection(s: SystemReport, words: Words): Html {
  const { t, r, language } = words;
  const extra = s as SystemReport & Record<string, unknown>;
  const colon = language === 'fr' ? ' : ' : ': ';
  const counts = Object.entries(s.counts).map(([k, n]) => `${word(r, `count.${k}`, k)}${colon}${n}`).join(', ') || t.none;
  const others = Object.entries(extra).filter(([key]) => !KNOWN_FIELDS.has(key));
  const action = s.amendment?.action ?? s.action;
  const failed = s.status === 'FAILED';
  return html`<section class="card system" data-connector="${s.connectorId}">
<h2>${s.name} <span class="small">(${s.kind})</span> <span class="badge" data-status="${s.status}">${t[`system.${s.status}`]}</span></h2>
<table>
${row(t.action, word(r, `action.${action}`, action))}
${row(t.counts, counts)}
${row(t.started, dateTime(s.startedAt, language))}
${row(t.finished, dateTime(s.finishedAt, language))}
${s.amendment ? amendmentRows(s.amendment, words) : ''}
${s.erasure ? erasureRows(s.erasure, words) : ''}
${s.manual ? manualRows(s.manual, words) : ''}
${attemptsRow(s, words)}
${s.exports.length > 0 || s.action === 'export' ? row(t.exportFiles, files(s.exports, t)) : ''}
${s.error ? row(failed ? t.error : r.lastFailure, withoutAddresses(s.error), failed ? 'bad' : undefined) : ''}
${others.map(([key, v]) => row(key, value(v)))}
</table>
</section>`;
}
