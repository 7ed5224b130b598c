/** National identifiers of the UK (National Insurance number) and the US (Social Security number), by their published rules. */
import { withoutSeparators } from './checksums.js';

// Prefix letters HMRC never issues, and the prefixes it withholds.
const NINO = /^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/;

export function isValidNino(text: string): boolean {
  return NINO.test(withoutSeparators(text).toUpperCase());
}

/** Area 001-899 but not 666, group 01-99, serial 0001-9999. */
export function isValidSsn(text: string): boolean {
  const digits = withoutSeparators(text);
  const match = /^(\d{3})(\d{2})(\d{4})$/.exec(digits);
  if (!match) return false;
  const [, area, group, serial] = match as unknown as [string, string, string, string];
  return area !== '000' && area !== '666' && area < '900' && group !== '00' && serial !== '0000';
}
