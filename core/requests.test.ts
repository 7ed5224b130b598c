import { describe, expect, it } from 'vitest';
import { canMove, dueDate } from './requests.js';

describe('dueDate (GDPR Art. 12(3): one month from receipt)', () => {
  it('is the same date of the next month', () => {
    expect(dueDate(new Date('2025-03-14T09:30:00Z')).toISOString()).toBe('2025-04-14T09:30:00.000Z');
  });

  it('is the last day of a shorter month', () => {
    expect(dueDate(new Date('2025-01-31T12:00:00Z')).toISOString()).toBe('2025-02-28T12:00:00.000Z');
    expect(dueDate(new Date('2024-01-31T12:00:00Z')).toISOString()).toBe('2024-02-29T12:00:00.000Z');
  });

  it('crosses the year and takes extensions in months', () => {
    expect(dueDate(new Date('2025-12-15T00:00:00Z')).toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(dueDate(new Date('2025-11-30T00:00:00Z'), 3).toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });
});

describe('status moves', () => {
  it('never leaves a terminal status', () => {
    expect(canMove('AWAITING_VERIFICATION', 'IN_PROGRESS')).toBe(true);
    expect(canMove('COMPLETED', 'IN_PROGRESS')).toBe(false);
    expect(canMove('REJECTED', 'IN_PROGRESS')).toBe(false);
  });
});
