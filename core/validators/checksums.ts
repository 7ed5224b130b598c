/** Check-digit arithmetic shared by the validators: Luhn (cards, SIREN/SIRET) and ISO 7064 mod 97 (IBAN, RIB). */

/** True when the digits pass the Luhn check (the last digit is the check digit). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** The remainder of a long decimal string divided by 97, read in chunks so it never loses precision. */
export function mod97(digits: string): number {
  let remainder = 0;
  for (let i = 0; i < digits.length; i += 7) {
    remainder = Number(`${remainder}${digits.slice(i, i + 7)}`) % 97;
  }
  return remainder;
}

/** Spaces, dots, dashes and non-breaking spaces people type inside numbers. */
export function withoutSeparators(text: string): string {
  return text.replace(/[\s.\-\u00a0\u202f]/g, '');
}
