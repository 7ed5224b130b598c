import { describe, expect, it } from 'vitest';
import { isValidIban } from './iban.js';
import { isFrenchIdCardNumber, isFrenchPassportNumber } from './identity-document.js';
import { isValidNino, isValidSsn } from './national-insurance.js';
import { isValidNir, nirKey } from './nir.js';
import { cardIssuer, isValidCardNumber } from './payment-card.js';
import { isValidRib } from './rib.js';
import { isValidSiren, isValidSiret } from './siren.js';

describe('IBAN', () => {
  it('accepts IBANs whose mod-97 check digits are right, printed or compact', () => {
    expect(isValidIban('FR76 3000 6000 0112 3456 7890 189')).toBe(true);
    expect(isValidIban('GB82WEST12345698765432')).toBe(true);
    expect(isValidIban('de89 3704 0044 0532 0130 00')).toBe(true);
  });
  it('refuses one wrong digit, a wrong length for the country and an unknown country', () => {
    expect(isValidIban('FR76 3000 6000 0112 3456 7890 188')).toBe(false);
    expect(isValidIban('FR76 3000 6000 0112 3456 7890 1')).toBe(false);
    expect(isValidIban('QQ82WEST12345698765432')).toBe(false);
  });
});

describe('French NIR', () => {
  it('finds a NIR valid only when its key is 97 minus the number mod 97', () => {
    expect(isValidNir('1 85 05 78 006 084 91')).toBe(true);
    expect(isValidNir('2-85-05-96-123-456-38')).toBe(true);
    expect(isValidNir('185057800608492')).toBe(false);
  });
  it('counts Corsica’s 2A and 2B as 19 and 18', () => {
    expect(nirKey('185052A006084')).toBe('35');
    expect(isValidNir('1 85 05 2A 006 084 35')).toBe(true);
    expect(isValidNir('2 85 05 2b 123 456 10')).toBe(true);
    expect(isValidNir('1 85 05 2B 006 084 35')).toBe(false);
  });
  it('refuses an impossible sex digit or month', () => {
    expect(isValidNir('585057800608491')).toBe(false);
    expect(isValidNir('185137800608491')).toBe(false);
  });
});

describe('payment cards', () => {
  it('accepts Luhn-valid numbers of a known issuer, with spaces or dashes', () => {
    expect(isValidCardNumber('4970 1012 3456 7893')).toBe(true);
    expect(isValidCardNumber('5555-5555-5555-4444')).toBe(true);
    expect(isValidCardNumber('378282246310005')).toBe(true);
    expect(isValidCardNumber('2223000048400011')).toBe(true);
    expect(cardIssuer('378282246310005')).toBe('amex');
  });
  it('refuses a wrong check digit, an unknown prefix, a wrong length and one digit repeated', () => {
    expect(isValidCardNumber('4970 1012 3456 7894')).toBe(false);
    expect(isValidCardNumber('9999999999999995')).toBe(false);
    expect(isValidCardNumber('411111111111111')).toBe(false);
    expect(isValidCardNumber('0000000000000000')).toBe(false);
  });
});

describe('SIREN and SIRET', () => {
  it('checks both with Luhn', () => {
    expect(isValidSiren('732 829 320')).toBe(true);
    expect(isValidSiren('732 829 321')).toBe(false);
    expect(isValidSiret('443 061 841 00047')).toBe(true);
    expect(isValidSiret('443 061 841 00048')).toBe(false);
  });
  it('checks La Poste’s establishments by the sum of their digits instead', () => {
    expect(isValidSiret('356 000 000 49837')).toBe(true);
    expect(isValidSiret('356 000 000 12345')).toBe(false);
    expect(isValidSiret('356 000 000 00048')).toBe(true);
  });
});

describe('RIB', () => {
  it('accepts a RIB whose key is right, letters in the account included', () => {
    expect(isValidRib('30004 00550 00012345678 40')).toBe(true);
    expect(isValidRib('20041 01005 0500013M026 06')).toBe(true);
    expect(isValidRib('30004 00550 00012345678 41')).toBe(false);
  });
});

describe('identity documents and foreign national numbers', () => {
  it('knows the shapes of French passports and identity cards', () => {
    expect(isFrenchPassportNumber('18AB12345')).toBe(true);
    expect(isFrenchPassportNumber('18AB1234')).toBe(false);
    expect(isFrenchIdCardNumber('880692310285')).toBe(true);
    expect(isFrenchIdCardNumber('X4RTBPFW4')).toBe(true);
    expect(isFrenchIdCardNumber('ABCDEFGHI')).toBe(false);
  });
  it('follows the issuing rules of UK National Insurance and US Social Security numbers', () => {
    expect(isValidNino('AB 12 34 56 C')).toBe(true);
    expect(isValidNino('QQ123456C')).toBe(false);
    expect(isValidNino('GB123456A')).toBe(false);
    expect(isValidSsn('123-45-6789')).toBe(true);
    expect(isValidSsn('666-45-6789')).toBe(false);
    expect(isValidSsn('123-00-6789')).toBe(false);
  });
});
