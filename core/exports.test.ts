import { describe, expect, it } from 'vitest';
import { checkExportLink, exportLinkToken } from './exports.js';

describe('export download links', () => {
  const secret = 'x'.repeat(40);
  const expiresAt = new Date('2025-05-08T00:00:00Z');
  const token = exportLinkToken('exp_1', expiresAt, secret);

  it('work until they expire', () => {
    expect(checkExportLink('exp_1', token, secret, new Date('2025-05-07T23:59:59Z')).expiresAt).toEqual(expiresAt);
    expect(() => checkExportLink('exp_1', token, secret, new Date('2025-05-08T00:00:01Z'))).toThrow('This download link has expired');
  });

  it('do not open another export, nor survive an edited expiry', () => {
    expect(() => checkExportLink('exp_2', token, secret, new Date('2025-05-01T00:00:00Z'))).toThrow('This download link is not valid');
    const later = `${new Date('2030-01-01T00:00:00Z').getTime().toString(36)}.${token.split('.')[1]}`;
    expect(() => checkExportLink('exp_1', later, secret, new Date('2025-05-01T00:00:00Z'))).toThrow('This download link is not valid');
    expect(() => checkExportLink('exp_1', 'garbage', secret)).toThrow('This download link is not valid');
  });
});
