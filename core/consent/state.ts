/**
 * The current state, derived from the history and nothing else. The entry that
 * took effect last wins (ties go to the one recorded last), so an old grant
 * imported late never undoes a newer withdrawal.
 */
import { DEFAULT_PROFILE, type ConsentEntry, type ConsentStatus, type ContactEntry, type LedgerEntry, type ObjectionEntry, type PersonProfile } from './model.js';

export interface ConsentState {
  purpose: string;
  channel: string;
  /** `expired` when a grant or a pending confirmation passed its end. */
  status: ConsentStatus;
  /** The entry the state comes from. */
  entry: ConsentEntry;
}

const laterThan = (a: ConsentEntry, b: ConsentEntry) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime() || a.seq - b.seq;

function stateOf(entry: ConsentEntry, at: Date): ConsentState {
  const lapsed = entry.effectiveTo !== null && entry.effectiveTo <= at && (entry.status === 'granted' || entry.status === 'pending_confirmation');
  return { purpose: entry.purpose, channel: entry.channel, status: lapsed ? 'expired' : entry.status, entry };
}

/** Every purpose × channel the person has an entry for, as it stands at `at`, by purpose then channel. */
export function statesAt(entries: readonly LedgerEntry[], at: Date): ConsentState[] {
  const winners = new Map<string, ConsentEntry>();
  for (const entry of entries) {
    if (entry.kind !== 'consent' || entry.effectiveFrom > at) continue;
    const key = `${entry.purpose}\u0000${entry.channel}`;
    const current = winners.get(key);
    if (!current || laterThan(entry, current) > 0) winners.set(key, entry);
  }
  return [...winners.values()]
    .map((entry) => stateOf(entry, at))
    .sort((a, b) => a.purpose.localeCompare(b.purpose) || a.channel.localeCompare(b.channel));
}

export function stateAt(entries: readonly LedgerEntry[], purpose: string, channel: string, at: Date): ConsentState | null {
  return statesAt(entries, at).find((s) => s.purpose === purpose && s.channel === channel) ?? null;
}

/** The person's attributes, each as last declared. */
export function profileOf(entries: readonly LedgerEntry[]): PersonProfile {
  const profile: PersonProfile = { ...DEFAULT_PROFILE };
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) if (entry.kind === 'profile') Object.assign(profile, entry.attributes);
  return profile;
}

/** The latest Art. 21 objection made by `at` that covers this purpose and channel. */
export function objectionAt(entries: readonly LedgerEntry[], purpose: string, channel: string, at: Date): ObjectionEntry | null {
  let found: ObjectionEntry | null = null;
  for (const entry of entries) {
    if (entry.kind !== 'objection' || entry.capturedAt > at) continue;
    if ((entry.purpose ?? purpose) !== purpose || (entry.channel ?? channel) !== channel) continue;
    if (!found || entry.capturedAt > found.capturedAt) found = entry;
  }
  return found;
}

/** Contacts made on these channels in [from, to], oldest first. */
export function contactsBetween(entries: readonly LedgerEntry[], channels: readonly string[], from: Date, to: Date): ContactEntry[] {
  return entries
    .filter((e): e is ContactEntry => e.kind === 'contact' && channels.includes(e.channel) && e.attemptedAt >= from && e.attemptedAt <= to)
    .sort((a, b) => a.attemptedAt.getTime() - b.attemptedAt.getTime());
}
