/**
 * SIREN (9 digits) and SIRET (14: SIREN + establishment number) identify French companies; both pass Luhn,
 * except La Poste's establishments (SIREN 356 000 000), whose SIRET digits sum to a multiple of 5.
 */
import { passesLuhn, withoutSeparators } from './checksums.js';

const LA_POSTE_SIREN = '356000000';

export function normaliseSiren(text: string): string {
  return withoutSeparators(text);
}

export function isValidSiren(text: string): boolean {
  const siren = normaliseSiren(text);
  return /^\d{9}$/.test(siren) && passesLuhn(siren);
}

export function isValidSiret(text: string): boolean {
  const siret = normaliseSiren(text);
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith(LA_POSTE_SIREN) && siret !== `${LA_POSTE_SIREN}00048`) {
    let sum = 0;
    for (const digit of siret) sum += Number(digit);
    return sum % 5 === 0;
  }
  return passesLuhn(siret);
}
