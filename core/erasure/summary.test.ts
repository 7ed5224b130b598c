import { describe, expect, it } from 'vitest';
import type { ErasureOutcome } from '../records.js';
import { summariseErasure, verifyErasure } from './summary.js';

const hold = { basis: 'Invoices are kept 10 years', retainForDays: 10 };
const outcomes: ErasureOutcome[] = [
  { ref: { object: 'people', id: '1' }, action: 'anonymised' },
  { ref: { object: 'orders', id: '10' }, action: 'deleted' },
  { ref: { object: 'orders', id: '11' }, action: 'already_absent' },
  { ref: { object: 'invoices', id: '7' }, action: 'retained', legalHold: hold },
  { ref: { object: 'invoices', id: '8' }, action: 'retained', legalHold: hold },
  { ref: { object: 'notes', id: '3' }, action: 'retained' },
];

describe('erasure summary', () => {
  it('counts each action and groups what was kept by object, basis and end date', () => {
    const summary = summariseErasure(outcomes, new Date('2026-01-25T10:00:00Z'));
    expect(summary.actions).toEqual({ anonymised: 1, deleted: 1, already_absent: 1, retained: 3 });
    expect(summary.retained).toEqual([
      { object: 'invoices', records: 2, basis: 'Invoices are kept 10 years', retainUntil: '2026-02-04' },
      { object: 'notes', records: 1, basis: 'kept by the erasure plan without a stated basis', retainUntil: null },
    ]);
  });

  it('says which records found again were kept by the plan, anonymised, or should not be there', () => {
    const found = [
      { object: 'invoices', id: '7' },
      { object: 'people', id: '1' },
      { object: 'orders', id: '10' },
      { object: 'orders', id: '99' },
    ];
    expect(verifyErasure(found, outcomes, new Date('2026-01-25T10:00:00Z'))).toEqual({
      checkedAt: '2026-01-25T10:00:00.000Z',
      remaining: 4,
      retained: 1,
      anonymised: 1,
      unexpected: [{ object: 'orders', records: 2 }],
    });
  });
});
