/**
 * Salesforce record ids: 15 case-sensitive characters, or 18 with a suffix
 * that makes them case-insensitive. The first three characters (key prefix)
 * name the object, which lets an external id be routed without a query.
 */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-5]{3})?$/;

/** Key prefixes of the standard objects the connector reads. */
export const KEY_PREFIXES: Readonly<Record<string, string>> = {
  '001': 'Account',
  '002': 'Note',
  '003': 'Contact',
  '00Q': 'Lead',
  '00T': 'Task',
  '00v': 'CampaignMember',
  '0PK': 'Individual',
  '500': 'Case',
  '701': 'Campaign',
};

/** The 18-character form of a 15- or 18-character id; undefined when the text is not an id. */
export function toLongId(id: string): string | undefined {
  if (!ID_SHAPE.test(id)) return undefined;
  const short = id.length === 18 ? restoreCase(id) : id;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = short[chunk * 5 + i]!;
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return short + suffix;
}

/** An 18-character id may have lost its case (it is meant to survive that): the suffix says which letters are upper case. */
function restoreCase(id: string): string {
  let short = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX_ALPHABET.indexOf(id[15 + chunk]!.toUpperCase());
    for (let i = 0; i < 5; i++) {
      const c = id[chunk * 5 + i]!;
      short += bits & (1 << i) ? c.toUpperCase() : c.toLowerCase();
    }
  }
  return short;
}

/** The standard object an id belongs to, from its key prefix. */
export function objectOfId(id: string): string | undefined {
  return KEY_PREFIXES[id.slice(0, 3)];
}
