import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';

const env = { NODE_ENV: 'test' as const, GARDIEN_SECRET_KEY: randomBytes(32).toString('base64'), GARDIEN_TOKEN_SECRET: 'x'.repeat(32), GARDIEN_HOME: path.join(tmpdir(), 'gardien-consent-settings') };

describe('the company’s consent choices (CONSENT_*)', () => {
  it('default to what the law allows, calling hours in Paris time and the law’s cap', () => {
    expect(loadConfig(env).consent).toEqual({ softOptIn: true, b2bLegitimateInterest: true, callTimezone: 'Europe/Paris', callCap: null, extraChannels: {} });
  });

  it('are read from the environment, channels a company adds with the rules they follow', () => {
    const consent = loadConfig({ ...env, CONSENT_SOFT_OPT_IN: 'off', CONSENT_B2B_LEGITIMATE_INTEREST: 'off', CONSENT_CALL_TIMEZONE: 'America/Martinique', CONSENT_CALL_CAP: '2', CONSENT_CHANNELS: 'whatsapp=sms, push' }).consent;
    expect(consent).toEqual({ softOptIn: false, b2bLegitimateInterest: false, callTimezone: 'America/Martinique', callCap: 2, extraChannels: { whatsapp: 'sms', push: null } });
  });

  it('name the variable and what is wrong with it', () => {
    expect(() => loadConfig({ ...env, CONSENT_CALL_TIMEZONE: 'Paris' })).toThrow('CONSENT_CALL_TIMEZONE: an IANA time zone such as Europe/Paris');
    expect(() => loadConfig({ ...env, CONSENT_CHANNELS: 'whatsapp=telegram' })).toThrow('CONSENT_CHANNELS: comma-separated channel names');
    expect(() => loadConfig({ ...env, CONSENT_CHANNELS: 'email=sms' })).toThrow('CONSENT_CHANNELS');
    expect(() => loadConfig({ ...env, CONSENT_CALL_CAP: '0' })).toThrow('CONSENT_CALL_CAP');
    expect(() => loadConfig({ ...env, CONSENT_SOFT_OPT_IN: 'yes' })).toThrow('CONSENT_SOFT_OPT_IN');
  });
});
