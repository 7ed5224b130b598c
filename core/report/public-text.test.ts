import { describe, expect, it } from 'vitest';
import { HIDDEN_ADDRESS as H, withoutAddresses } from './public-text.js';

describe('a failure as the subject reads it', () => {
  it.each([
    ['PostgreSQL at db.internal:5432/billing cannot be reached (ECONNREFUSED): is the host up and the port right?', `PostgreSQL at ${H} cannot be reached (ECONNREFUSED): is the host up and the port right?`],
    ['connect ECONNREFUSED 10.0.3.7:5432', `connect ECONNREFUSED ${H}`],
    ['connect ECONNREFUSED ::1:3306', `connect ECONNREFUSED ${H}`],
    ['Cannot reach HubSpot at http://127.0.0.1:4011/crm while searching: fetch failed', `Cannot reach HubSpot at ${H} while searching: fetch failed`],
    ['The share root /mnt/sales/2024 cannot be opened (ENOENT): is it mounted?', `The share root ${H} cannot be opened (ENOENT): is it mounted?`],
    ['SQLite database file C:\\data\\billing.db does not exist', `SQLite database file ${H} does not exist`],
    ['Salesforce at https://login.salesforce.com returned no session', `Salesforce at ${H} returned no session`],
  ])('hides the address in %j', (text, expected) => {
    expect(withoutAddresses(text)).toBe(expected);
  });

  it('keeps words, counts and codes', () => {
    const text = 'HubSpot answered 429 while erasing: try again in 10 s (INVALID_AUTHENTICATION); 3 records kept under Art. 17(3)(b)';
    expect(withoutAddresses(text)).toBe(text);
  });
});
