import { describe, expect, it } from 'vitest';
import { fromTemplate, mapped } from '../../test/support/register/processings.js';
import { factsAbout, registerHolds, retentionEndFor, type RegisterSnapshot } from './facts.js';

const accounting = fromTemplate('proc_compta', 'accounting');
const customers = fromTemplate('proc_clients', 'customer_management');
const prospecting = fromTemplate('proc_prospection', 'prospecting');

const register: RegisterSnapshot = {
  processings: [accounting, customers, prospecting],
  mappings: [
    mapped('conn_shop', 'commande', 'proc_compta'),
    mapped('conn_shop', 'commande', 'proc_clients'),
    mapped('conn_shop', 'client', 'proc_clients'),
    mapped('conn_shop', 'client', 'proc_prospection', ['email', 'telephone']),
  ],
};

const erasure = (strategy: string, legalHold?: object) => ({ strategy, ...(legalHold ? { legalHold } : {}) });

describe('what the register says about an object or a field', () => {
  it('lists every processing holding an object, with its basis, purposes and the retention that applies', () => {
    const facts = factsAbout(register, 'conn_shop', 'commande');
    expect(facts.map((f) => [f.processing.reference, f.processing.legalBasis?.basis])).toEqual([
      ['TRT-COMPTA', 'legal_obligation'],
      ['TRT-CLIENTS', 'contract'],
    ]);
    expect(facts[0]!.retention).toMatchObject({ archive: 'P10Y' });
    expect(facts[1]!.retention).toMatchObject({ archive: 'P5Y' });
  });

  it('answers for a field: only the processings mapped to it, with the retention of its data category', () => {
    const email = factsAbout(register, 'conn_shop', 'client', { name: 'email', category: 'contact' });
    expect(email.map((f) => f.processing.reference)).toEqual(['TRT-CLIENTS', 'TRT-PROSPECTION']);
    expect(email.map((f) => f.categories.map((c) => c.category))).toEqual([['contact'], ['contact']]);
    const card = factsAbout(register, 'conn_shop', 'client', { name: 'carte', category: 'financial' });
    expect(card.map((f) => f.processing.reference)).toEqual(['TRT-CLIENTS']);
    expect(card[0]!.retention).toMatchObject({ from: 'payment', archive: 'P13M' });
    expect(retentionEndFor(card[0]!, new Date('2025-03-10T00:00:00Z'))?.toISOString().slice(0, 10)).toBe('2026-04-10');
    expect(retentionEndFor(card[0]!, null)).toBeNull();
  });

  it('ignores archived processings and other connectors', () => {
    const archived: RegisterSnapshot = { ...register, processings: [{ ...accounting, status: 'archived' }, customers, prospecting] };
    expect(factsAbout(archived, 'conn_shop', 'commande').map((f) => f.processing.reference)).toEqual(['TRT-CLIENTS']);
    expect(factsAbout(register, 'conn_other', 'commande')).toEqual([]);
  });
});

describe('legal holds from the register (Art. 17(3)(b))', () => {
  it('keeps an object mapped to a legal obligation with a retention, for the whole of it, citing the law and the register', () => {
    const holds = registerHolds(register, 'conn_shop', [
      { name: 'client', erasure: erasure('delete') },
      { name: 'commande', erasure: erasure('delete') },
    ]);
    expect(Object.keys(holds)).toEqual(['commande']);
    expect(holds.commande!.strategy).toBe('retain');
    expect(holds.commande!.legalHold.basis).toContain('L123-22');
    expect(holds.commande!.legalHold.basis).toContain('TRT-COMPTA');
    expect(holds.commande!.legalHold.retainForDays).toBeGreaterThanOrEqual(3653);
  });

  it('leaves an object alone whose connector config keeps it already', () => {
    const holds = registerHolds(register, 'conn_shop', [
      { name: 'commande', erasure: erasure('retain', { basis: 'Contrat cadre, 12 ans' }) },
    ]);
    expect(holds).toEqual({});
    expect(registerHolds(register, 'conn_shop', [{ name: 'commande', erasure: erasure('anonymise', { basis: 'x' }) }])).toEqual({});
  });

  it('sets no hold for a legal obligation without a retention period, nor for other bases', () => {
    const noPeriod = { ...accounting, dataCategories: accounting.dataCategories.map(({ retention: _r, ...c }) => c) };
    const holds = registerHolds({ ...register, processings: [noPeriod, customers] }, 'conn_shop', [{ name: 'commande', erasure: erasure('delete') }]);
    expect(holds).toEqual({});
  });
});
