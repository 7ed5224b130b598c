import { describe, expect, it } from 'vitest';
import { DATA_CATEGORY_OF, FREE_TEXT_CATEGORIES } from './categories.js';
import { detectSensitive, type Finding } from './detect.js';

const found = (text: string, lang?: 'fr' | 'en') => detectSensitive(text, lang ? { lang } : {});
const categories = (text: string, lang?: 'fr' | 'en') => [...new Set(found(text, lang).map((f) => f.category))].sort();
const spans = (text: string) => found(text).map((f: Finding) => text.slice(f.start, f.end));

describe('what the detector finds', () => {
  it('finds health, union membership and insults in a French CRM note, with spans in the original text', () => {
    const text = 'Cliente diabétique, syndiquée CGT, un vrai pénible';
    expect(found(text)).toEqual([
      { start: 8, end: 18, category: 'health', rule: 'health:diabétique', confidence: 0.9 },
      { start: 20, end: 29, category: 'trade_union', rule: 'trade_union:syndiqué', confidence: 0.9 },
      { start: 30, end: 33, category: 'trade_union', rule: 'trade_union:CGT', confidence: 0.9 },
      { start: 43, end: 50, category: 'subjective', rule: 'subjective:pénible', confidence: 0.9 },
    ]);
  });

  it('reads inflections, missing accents, capitals and typos', () => {
    for (const text of ['diabétiques', 'DIABETIQUE', 'diabetik', 'handicapées', 'Handicape', 'enceinte de 5 mois', 'hospitalisee', 'schizofrène'])
      expect(categories(text, 'fr'), text).toEqual(['health']);
    expect(categories('menteuse et râleuse', 'fr')).toEqual(['subjective']);
    expect(categories('très religieuse, va à la messe', 'fr')).toEqual(['beliefs']);
  });

  it('reads the abbreviations of CRM notes', () => {
    expect(categories('rdv annulé, pb de santé')).toEqual(['health']);
    expect(categories('cl. sous tt pour son epilepsie')).toEqual(['health']);
    expect(categories('placé en GAV hier')).toEqual(['offences']);
  });

  it('gives each finding the rule that fired, and a lower confidence for a typo', () => {
    const [typo] = found('diabetik', 'fr');
    expect(typo).toMatchObject({ rule: 'health:diabétique~', category: 'health' });
    expect(typo!.confidence).toBeLessThan(found('diabétique', 'fr')[0]!.confidence);
  });

  it('keeps offsets right after a ligature spelt out in two letters', () => {
    const text = 'Sœur de Mme X, cœur fragile, elle est séropositive';
    expect(spans(text)).toEqual(['séropositive']);
  });
});

describe('negation', () => {
  it('does not flag "pas de souci de santé"', () => expect(found('pas de souci de santé, juste un retard')).toEqual([]));
  it('does not flag "n\'est pas syndiqué"', () => expect(found("Client n'est pas syndiqué")).toEqual([]));
  it('does not flag "no history of heart attack"', () => expect(found('no history of heart attack, standard cover')).toEqual([]));
  it('does not flag "Diabète : non" in a questionnaire', () => expect(found('Diabète : non')).toEqual([]));
  it('still flags what follows a negation in the next clause', () => expect(categories("pas d'allergie, mais diabétique")).toEqual(['health']));
  it('still flags an insult that is itself a negation ("pas aimable")', () => expect(categories('pas aimable du tout')).toEqual(['subjective']));
});

describe('hard negatives', () => {
  for (const text of [
    'rdv rue de la Santé, Paris 14e', 'livraison au Ministère de la Santé', 'le syndic de copropriété demande un devis',
    'syndicat des copropriétaires jeudi', 'casier à bagages cassé', 'Meeting at 14 Church Street', 'commande de 3 enceintes bluetooth',
    'vol Paris-Nice annulé', 'porte condamnée côté parking', 'Mr Gay a appelé', 'Mme Noir a appelé', 'contrat mutuelle santé renouvelé',
    'traitement de la commande en cours', 'customer is entitled to a refund', 'prices are aggressive this quarter', 'credit union transfer received',
    'grève SNCF, livraisons retardées', "l'ADN de notre marque", 'la cliente fait de la voile le week-end',
  ]) it(`does not flag "${text}"`, () => expect(found(text)).toEqual([]));
});

describe('numbers', () => {
  it('finds a NIR only when its key is right', () => {
    expect(found('n° sécu 1 85 05 78 006 084 91')).toMatchObject([{ category: 'national_id', rule: 'nir' }]);
    expect(found('n° sécu 1 85 05 78 006 084 92')).toEqual([]);
    expect(found('NIR 2 83 10 2A 004 017 96, né à Ajaccio')).toMatchObject([{ category: 'national_id', rule: 'nir' }]);
  });

  it('finds an IBAN only when its check digits are right, whatever its grouping', () => {
    const text = 'IBAN FR76 3000 6000 0112 3456 7890 189 pour le prélèvement';
    expect(spans(text)).toEqual(['FR76 3000 6000 0112 3456 7890 189']);
    expect(found('IBAN FR76 3000 6000 0112 3456 7890 188')).toEqual([]);
  });

  it('finds a card number only when it passes Luhn, and not after an order or SIRET label', () => {
    expect(found('carte 4970 1012 3456 7893 exp 09/27')).toMatchObject([{ category: 'bank', rule: 'payment-card' }]);
    expect(found('carte 4970 1012 3456 7894')).toEqual([]);
    expect(found('commande n° 4970101234567893')).toEqual([]);
    expect(found('SIRET 44306184100047')).toEqual([]);
  });

  it('finds a passport number next to the word passport', () => {
    expect(found('passeport n° 18AB12345')).toMatchObject([{ category: 'identity_document' }, { rule: 'passport-number', start: 13, end: 22 }]);
  });
});

describe('languages', () => {
  it('uses the French lexicon for French and the English one for English when told', () => {
    expect(categories('pros and cons of each plan', 'en')).toEqual([]);
    expect(categories('quel con ce client', 'fr')).toEqual(['subjective']);
    expect(categories('the union rep called', 'en')).toEqual(['trade_union']);
  });
});

describe('categories', () => {
  it('maps every category to a data category: Art. 9 to special, offences to criminal, subjective to communication', () => {
    expect(FREE_TEXT_CATEGORIES.map((c) => DATA_CATEGORY_OF[c])).toEqual([
      'special', 'special', 'special', 'special', 'special', 'special', 'special', 'criminal', 'identity', 'financial', 'identity', 'communication',
    ]);
  });
});
