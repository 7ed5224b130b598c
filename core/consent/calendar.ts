/** Calendar facts the calling-hours rule needs: the local time where the person is, and French public holidays. */

export interface WallClock {
  year: number;
  month: number;
  day: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function wallClock(at: Date, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return {
    year: Number(part('year')),
    month: Number(part('month')),
    day: Number(part('day')),
    weekday: WEEKDAYS[part('weekday')]!,
    minutes: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian computus). */
function easter(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const FIXED = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'];
/** Easter Monday, Ascension Thursday, Whit Monday: days after Easter Sunday. */
const AFTER_EASTER = [1, 39, 50];

/** The public holidays of Code du travail art. L3133-1 (the list décret 2022-1313 refers to). */
export function isFrenchPublicHoliday(year: number, month: number, day: number): boolean {
  if (FIXED.includes(`${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`)) return true;
  const sunday = easter(year).getTime();
  const date = Date.UTC(year, month - 1, day);
  return AFTER_EASTER.some((offset) => sunday + offset * 86_400_000 === date);
}
