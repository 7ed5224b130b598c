/** The DPO's view of one purpose: person by person, the state of each channel, paged by person id. */
import type { SubjectIdentity } from '../identity.js';
import type { ConsentStatus, LedgerEntry } from './model.js';
import type { PersonDirectory } from './people.js';
import { statesAt, type ConsentState } from './state.js';
import type { ConsentStore } from './store.js';

export interface PurposePerson {
  personId: string;
  identity: SubjectIdentity;
  states: ConsentState[];
}

export interface PurposePeopleQuery {
  first: number;
  after: string | null;
  at: Date;
  channel?: string | null;
  status?: ConsentStatus | null;
}

export async function purposePeople(
  store: ConsentStore,
  people: PersonDirectory,
  purpose: string,
  query: PurposePeopleQuery,
): Promise<{ items: PurposePerson[]; hasNextPage: boolean }> {
  const rows: { personId: string; states: ConsentState[] }[] = [];
  const keep = (personId: string, entries: LedgerEntry[]) => {
    const states = statesAt(entries, query.at).filter((s) => (!query.channel || s.channel === query.channel) && (!query.status || s.status === query.status));
    if (states.length > 0) rows.push({ personId, states });
  };
  let current: { personId: string; entries: LedgerEntry[] } | null = null;
  for await (const entry of store.byPurpose(purpose, query.after)) {
    if (current && current.personId !== entry.personId) {
      keep(current.personId, current.entries);
      current = null;
      if (rows.length > query.first) break;
    }
    current ??= { personId: entry.personId, entries: [] };
    current.entries.push(entry);
  }
  if (current && rows.length <= query.first) keep(current.personId, current.entries);
  const page = rows.slice(0, query.first);
  const items = await Promise.all(page.map(async (row) => ({ ...row, identity: await people.identity(row.personId) })));
  return { items, hasNextPage: rows.length > query.first };
}
