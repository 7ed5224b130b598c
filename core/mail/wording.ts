import type { Language, RequestType } from '../requests.js';

/** One paragraph per entry; `{link}` entries become anchors in HTML, `label: url` in text. */
export type Block = string | { link: string; label: string };

/** What a template says: the subject line and the paragraphs, before the signature. */
export interface Letter {
  subject: string;
  blocks: Block[];
}

/** The request type as the subject reads it after "your request for" / "votre demande". */
export const TYPE_NAMES: Record<Language, Record<RequestType, string>> = {
  en: {
    ACCESS: 'access to your data',
    PORTABILITY: 'a copy of your data to take elsewhere',
    ERASURE: 'erasure of your data',
    RECTIFICATION: 'correction of your data',
    RESTRICTION: 'restriction of processing',
    OBJECTION: 'objection to processing',
  },
  fr: {
    ACCESS: "d'accès à vos données",
    PORTABILITY: 'de portabilité de vos données',
    ERASURE: "d'effacement de vos données",
    RECTIFICATION: 'de rectification de vos données',
    RESTRICTION: 'de limitation du traitement',
    OBJECTION: "d'opposition au traitement",
  },
};

/** The request type as staff read it, in brackets after the request id. */
export const STAFF_TYPE_NAMES: Record<Language, Record<RequestType, string>> = {
  en: { ACCESS: 'access', PORTABILITY: 'portability', ERASURE: 'erasure', RECTIFICATION: 'rectification', RESTRICTION: 'restriction', OBJECTION: 'objection' },
  fr: { ACCESS: 'accès', PORTABILITY: 'portabilité', ERASURE: 'effacement', RECTIFICATION: 'rectification', RESTRICTION: 'limitation', OBJECTION: 'opposition' },
};

/** "1 June 2025 at 08:00 UTC" / "1er juin 2025 à 08:00 UTC": always UTC, so every reader sees the same instant. */
export function longDate(date: Date, lang: Language): string {
  const parts = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).formatToParts(date);
  // French writes the first day of a month as an ordinal: « le 1er juin ».
  return `${parts.map((p) => (lang === 'fr' && p.type === 'day' && p.value === '1' ? '1er' : p.value)).join('')} UTC`;
}

/** "1 record" / "3 records"; French counts 0 and 1 as singular. */
export function count(n: number, lang: Language, singular: string, plural: string): string {
  const one = lang === 'fr' ? n < 2 : n === 1;
  return `${n} ${one ? singular : plural}`;
}
