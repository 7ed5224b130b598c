/** What the law leaves to the company, set in its configuration (see core/config.ts, `CONSENT_*`). */
import { CHANNEL_KINDS, type ChannelKind } from './model.js';

export interface ConsentSettings {
  /** Rely on the customer exception for analogous products (CPCE L34-5 al. 4), or ask every consumer for consent. */
  softOptIn: boolean;
  /** Email professionals about offers related to their work on legitimate interest (CNIL), or ask them too. */
  b2bLegitimateInterest: boolean;
  /** Time zone of calling hours when the person's own is not known (the décret counts in the consumer's). */
  callTimezone: string;
  /** At most this many canvassing calls per the rule's period; the law's figure when null or higher. */
  callCap: number | null;
  /** Channels the company adds, each ruled like a built-in kind or (null) by Gardien's most protective default. */
  extraChannels: Readonly<Record<string, ChannelKind | null>>;
}

export const DEFAULT_CONSENT_SETTINGS: ConsentSettings = {
  softOptIn: true,
  b2bLegitimateInterest: true,
  callTimezone: 'Europe/Paris',
  callCap: null,
  extraChannels: {},
};

const CHANNEL_NAME = /^[a-z][a-z0-9_-]{0,31}$/;

/** `whatsapp=sms,push` → { whatsapp: 'sms', push: null }; null when any part is malformed or names a built-in. */
export function parseExtraChannels(text: string): Record<string, ChannelKind | null> | null {
  const channels: Record<string, ChannelKind | null> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name = '', like] = part.split('=').map((s) => s.trim());
    if (!CHANNEL_NAME.test(name) || (CHANNEL_KINDS as readonly string[]).includes(name)) return null;
    if (like !== undefined && !(CHANNEL_KINDS as readonly string[]).includes(like)) return null;
    channels[name] = (like as ChannelKind | undefined) ?? null;
  }
  return channels;
}

export function isTimeZone(text: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: text });
    return true;
  } catch {
    return false;
  }
}

export function knownChannels(settings: Pick<ConsentSettings, 'extraChannels'>): string[] {
  return [...CHANNEL_KINDS, ...Object.keys(settings.extraChannels)];
}

/** The kind whose rules apply to a channel: itself for a built-in, the configured one for an extra, null for an extra ruled by default. */
export function channelKind(settings: Pick<ConsentSettings, 'extraChannels'>, channel: string): ChannelKind | null {
  if ((CHANNEL_KINDS as readonly string[]).includes(channel)) return channel as ChannelKind;
  return settings.extraChannels[channel] ?? null;
}
