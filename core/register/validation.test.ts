import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { PROCESSING_TEMPLATES, templateNamed } from './templates.js';
import { validateController, validateProcessing } from './validation.js';

function problemsOf(input: unknown): { path: string; message: string }[] {
  try {
    validateProcessing(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  return [];
}

const minimal = { name: { fr: 'Fichier des adhérents' }, purposes: [{ fr: 'Gestion des adhésions' }], dataSubjects: [], dataCategories: [], recipients: [], transfers: [], securityMeasures: [] };

describe('the shipped templates', () => {
  it('are five valid processings, French first with English, each citing its sources', () => {
    expect(PROCESSING_TEMPLATES.map((t) => t.key)).toEqual(['customer_management', 'prospecting', 'accounting', 'customer_service', 'recruitment']);
    for (const { content } of PROCESSING_TEMPLATES) {
      expect(validateProcessing(content)).toEqual(content);
      expect(content.name.fr && content.name.en).toBeTruthy();
      expect(content.purposes.every((p) => p.fr && p.en)).toBe(true);
      expect(content.legalBasis).toBeDefined();
      expect(content.note).toMatch(/^Sources : /);
      expect(content.dataCategories.every((c) => c.retention?.basis)).toBe(true);
    }
  });

  it('carry the usual French periods: prospects 3 years, accounting 10 years as a legal obligation, card data 13 months, contracts 5 years', () => {
    const prospecting = templateNamed('prospecting')!.content;
    expect(prospecting.dataCategories[0]!.retention).toMatchObject({ from: 'last_contact', active: 'P3Y', basis: expect.stringContaining('2021-131') });
    const accounting = templateNamed('accounting')!.content;
    expect(accounting.legalBasis?.basis).toBe('legal_obligation');
    expect(accounting.dataCategories.map((c) => c.retention?.archive)).toEqual(['P10Y', 'P10Y', 'P10Y', 'P10Y']);
    expect(accounting.dataCategories[0]!.retention?.basis).toContain('L123-22');
    const customers = templateNamed('customer_management')!.content;
    const byHeading = Object.fromEntries(customers.dataCategories.map((c) => [c.category, c.retention]));
    expect(byHeading.economic_financial).toMatchObject({ from: 'payment', archive: 'P13M', basis: expect.stringContaining('L133-24') });
    expect(byHeading.transactions).toMatchObject({ from: 'end_of_contract', archive: 'P5Y', basis: expect.stringContaining('2224') });
    expect(byHeading.contact).toMatchObject({ from: 'end_of_contract', active: 'P3Y' });
  });
});

describe('checking a processing written by the DPO', () => {
  it('accepts a minimal one: what is missing (basis, retention) is a gap, not an error', () => {
    expect(problemsOf(minimal)).toEqual([]);
  });

  it('names each bad value by its path', () => {
    const problems = problemsOf({
      ...minimal,
      name: {},
      purposes: [],
      dataCategories: [{ category: 'health', retention: { from: 'collection', active: '3 years', then: 'erase', basis: 'contrat' } }],
      transfers: [{ recipient: 'Hébergeur', country: 'FR' }, { recipient: 'CRM', country: 'ZZ' }],
      legalBasis: { basis: 'contract', art9Condition: 'made_up' },
      colour: 'blue',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'processing.name', message: 'give the text in French (fr), English (en) or both' },
        { path: 'processing.purposes', message: 'state at least one purpose (Art. 30(1)(b))' },
        { path: 'processing.dataCategories.0.retention.active', message: 'an ISO 8601 duration in years, months and days, e.g. P3Y, P13M or P0D' },
        { path: 'processing.transfers.0.country', message: 'is in the EEA: data sent there is not a transfer outside the EU' },
        { path: 'processing.transfers.1.country', message: 'not a known country code' },
        expect.objectContaining({ path: 'processing.legalBasis.art9Condition' }),
        expect.objectContaining({ path: 'processing' }),
      ]),
    );
  });

  it('refuses an Art. 9 condition where no special category is processed, a category listed twice, an unnamed start event', () => {
    const problems = problemsOf({
      ...minimal,
      legalBasis: { basis: 'consent', art9Condition: 'explicit_consent' },
      dataCategories: [{ category: 'contact' }, { category: 'contact', retention: { from: 'other', active: 'P1Y', then: 'erase', basis: 'usage interne' } }],
    });
    expect(problems).toEqual([
      { path: 'processing.dataCategories.1.category', message: 'contact is listed twice' },
      { path: 'processing.dataCategories.1.retention.fromDetail', message: 'say which event the period counts from' },
      { path: 'processing.legalBasis.art9Condition', message: 'no special category (Art. 9) is listed among the data categories' },
    ]);
  });

  it('checks the controller’s identity', () => {
    expect(validateController({ name: 'Boutique Lumière SAS', dpo: { email: 'dpo@lumiere.example' } })).toEqual({ name: 'Boutique Lumière SAS', dpo: { email: 'dpo@lumiere.example' } });
    expect(() => validateController({ name: '', dpo: { email: 'nope' } })).toThrow(ValidationError);
  });
});
