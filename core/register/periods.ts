/**
 * Retention periods as ISO 8601 durations in years, months and days (P10Y,
 * P13M, P3Y6M, P0D): what a law or a référentiel states, added to a date the
 * calendar way (13 months after 31 January is the last day of February, a year later).
 */
import type { Retention } from './model.js';

export interface Period {
  years: number;
  months: number;
  days: number;
}

const PATTERN = /^P(?:(\d{1,3})Y)?(?:(\d{1,4})M)?(?:(\d{1,5})D)?$/;

export function parsePeriod(text: string): Period | null {
  const match = PATTERN.exec(text);
  if (!match || text === 'P') return null;
  return { years: Number(match[1] ?? 0), months: Number(match[2] ?? 0), days: Number(match[3] ?? 0) };
}

export function isPeriod(text: string): boolean {
  return parsePeriod(text) !== null;
}

/** The date `period` after `date` (UTC); a month end stays within its month. */
export function addPeriod(date: Date, period: Period): Date {
  const months = date.getUTCMonth() + period.years * 12 + period.months;
  const year = date.getUTCFullYear() + Math.floor(months / 12);
  const month = ((months % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const moved = new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()));
  moved.setUTCDate(moved.getUTCDate() + period.days);
  return moved;
}

/** Days a period lasts at most, for a legal hold counted in days (a year as 366 days, a month as 31: the hold never ends early). */
export function periodDaysAtMost(period: Period): number {
  return period.years * 366 + period.months * 31 + period.days;
}

function sum(a: Period, b: Period | null): Period {
  return b ? { years: a.years + b.years, months: a.months + b.months, days: a.days + b.days } : a;
}

/** The whole retention (active then archive) as one period. */
export function totalPeriod(retention: Pick<Retention, 'active' | 'archive'>): Period {
  const active = parsePeriod(retention.active) ?? { years: 0, months: 0, days: 0 };
  return sum(active, retention.archive ? parsePeriod(retention.archive) : null);
}

/** When each phase ends for a person whose start event happened on `eventDate`. */
export function retentionEnds(retention: Retention, eventDate: Date): { activeUntil: Date; archiveUntil: Date | null; endsOn: Date } {
  const active = parsePeriod(retention.active) ?? { years: 0, months: 0, days: 0 };
  const activeUntil = addPeriod(eventDate, active);
  const archive = retention.archive ? parsePeriod(retention.archive) : null;
  const archiveUntil = archive ? addPeriod(activeUntil, archive) : null;
  return { activeUntil, archiveUntil, endsOn: archiveUntil ?? activeUntil };
}

const UNITS = {
  fr: { years: ['an', 'ans'], months: ['mois', 'mois'], days: ['jour', 'jours'], none: 'aucune', and: ' et ' },
  en: { years: ['year', 'years'], months: ['month', 'months'], days: ['day', 'days'], none: 'none', and: ' and ' },
} as const;

/** "3 ans", "13 months", "1 an et 6 mois". */
export function describePeriod(text: string, language: 'fr' | 'en'): string {
  const period = parsePeriod(text);
  if (!period) return text;
  const units = UNITS[language];
  const parts = (['years', 'months', 'days'] as const)
    .filter((unit) => period[unit] > 0)
    .map((unit) => `${period[unit]} ${units[unit][period[unit] === 1 ? 0 : 1]}`);
  return parts.length === 0 ? units.none : parts.join(units.and);
}
