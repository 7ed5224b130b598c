import { describe, expect, it } from 'vitest';
import { addPeriod, describePeriod, parsePeriod, periodDaysAtMost, retentionEnds, totalPeriod } from './periods.js';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const ymd = (d: Date) => d.toISOString().slice(0, 10);

describe('retention periods', () => {
  it('reads ISO 8601 durations in years, months and days, and refuses anything else', () => {
    expect(parsePeriod('P10Y')).toEqual({ years: 10, months: 0, days: 0 });
    expect(parsePeriod('P1Y6M15D')).toEqual({ years: 1, months: 6, days: 15 });
    expect(parsePeriod('P0D')).toEqual({ years: 0, months: 0, days: 0 });
    for (const bad of ['P', '3 years', 'P3W', 'PT5H', 'P-1Y', '']) expect(parsePeriod(bad)).toBeNull();
  });

  it('adds months the calendar way: a month end stays in its month', () => {
    expect(ymd(addPeriod(day('2024-01-31'), { years: 0, months: 13, days: 0 }))).toBe('2025-02-28');
    expect(ymd(addPeriod(day('2024-02-29'), { years: 1, months: 0, days: 0 }))).toBe('2025-02-28');
    expect(ymd(addPeriod(day('2023-12-31'), { years: 10, months: 0, days: 0 }))).toBe('2033-12-31');
  });

  it('says when each phase ends for a person, from the date of the start event', () => {
    const card = { from: 'payment', active: 'P0D', archive: 'P13M', then: 'erase', basis: 'CMF L133-24' } as const;
    expect(retentionEnds(card, day('2025-03-10'))).toEqual({ activeUntil: day('2025-03-10'), archiveUntil: day('2026-04-10'), endsOn: day('2026-04-10') });
    const prospect = { from: 'last_contact', active: 'P3Y', then: 'erase', basis: 'CNIL' } as const;
    expect(ymd(retentionEnds(prospect, day('2024-06-01')).endsOn)).toBe('2027-06-01');
  });

  it('turns a whole retention into days that never fall short of the calendar period', () => {
    const tenYears = periodDaysAtMost(totalPeriod({ active: 'P0D', archive: 'P10Y' }));
    expect(tenYears).toBeGreaterThanOrEqual((day('2036-01-01').getTime() - day('2026-01-01').getTime()) / 86_400_000);
    expect(periodDaysAtMost(totalPeriod({ active: 'P13M' }))).toBeGreaterThanOrEqual(397);
  });

  it('reads a period out in French and English', () => {
    expect(describePeriod('P1Y6M', 'fr')).toBe('1 an et 6 mois');
    expect(describePeriod('P13M', 'en')).toBe('13 months');
    expect(describePeriod('P0D', 'fr')).toBe('aucune');
  });
});
