/** Phone numbers as HubSpot users type them ("06 12 34 56 78", "+44 7911 123456") against the E.164 form we look up. */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { normalisePhone } from '../../core/identity.js';

export interface PhoneForms {
  /** How the number may be written in `phone` / `mobilephone`. */
  written: string[];
  /** HubSpot's searchable form: the national number's digits. */
  nationalDigits: string;
}

export function phoneForms(e164: string): PhoneForms {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return { written: [e164], nationalDigits: e164.replace(/\D/g, '') };
  const national = parsed.formatNational();
  const written = [e164, parsed.formatInternational(), national, national.replace(/[\s.-]/g, ''), String(parsed.nationalNumber)];
  return { written: [...new Set(written)], nationalDigits: String(parsed.nationalNumber) };
}

/** True when a stored value is the same number, read in the subject's country or the connector's default one. */
export function samePhone(stored: string | null | undefined, e164: string, defaultCountry: string): boolean {
  if (!stored) return false;
  const countries = new Set([parsePhoneNumberFromString(e164)?.country, defaultCountry as CountryCode]);
  for (const country of countries) if (country && normalisePhone(stored, country) === e164) return true;
  const digits = stored.replace(/\D/g, '');
  return digits.startsWith('00') && normalisePhone(`+${digits.slice(2)}`) === e164;
}
