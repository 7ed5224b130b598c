/** Sex life and sexual orientation (Art. 9), gender transition included. */
import { lexicon, STRONG, USUAL } from './entry.js';

export const SEX_LIFE = lexicon('sex_life', [
  ['fr', STRONG, `homosexuel|homosexuelle|homosexualité|homo|lesbienne|gay|gays|gai|bisexuel|bisexuelle|bi|pansexuel|asexuel|hétéro|hétérosexuel|
    transgenre|trans|transsexuel|transidentité|en transition|transition de genre|changement de sexe|non-binaire|non binaire|queer|LGBT|LGBTQ|LGBTQI|LGBTQIA|
    orientation sexuelle|vie sexuelle|vie intime|pratiques sexuelles|relations sexuelles|libertin|libertine|libertinage|échangiste|club libertin|club échangiste|
    trompe sa femme|trompe son mari|trompe sa compagne|trompe son compagnon|infidèle|adultère|sa maîtresse|son amant|un amant|liaison extraconjugale|
    prostitution|prostituée|escort|escort-girl|travailleuse du sexe|site de rencontre|Grindr|Tinder|Meetic|sextape|impuissance|impuissant|troubles de l'érection|
    couple homo|couple gay|couple de femmes|couple d'hommes|même sexe|mariage homo|coming out|coming-out|fait son coming out`,
    { unlessBefore: ['rue', 'avenue', 'place', 'famille'], unlessAfter: ['lussac', 'luron', 'lurons'] }],
  ['fr', USUAL, 'une maîtresse', { unlessAfter: ['d', 'de', 'ecole', 'maison'] }],
  ['en', STRONG, `gay|lesbian|bisexual|bi|homosexual|pansexual|asexual|queer|LGBT|LGBTQ|LGBTQ+|LGBTQIA|transgender|trans|trans woman|trans man|transitioning|
    non-binary|nonbinary|came out|coming out|sexual orientation|sex life|sexual history|same-sex|same sex partner|his husband|her wife|
    having an affair|had an affair|an affair|cheating on his wife|cheating on her husband|mistress|lover|swinger|swingers club|sex worker|escort|prostitute|
    OnlyFans|Grindr|Tinder|dating app|hook-up|hookup|one-night stand|kinky|BDSM|fetish|erectile dysfunction|impotent|impotence|porn`,
    { unlessBefore: ['mr', 'mrs', 'ms', 'street', 'marvin'], unlessAfter: ['street', 'st', 'road', 'lussac', 'weekly', 'monthly', 'annual', 'annually'] }],
]);

/** Words that mean a partner of the same sex only when the person's own sex is written beside them. */
export const SEX_LIFE_USUAL = lexicon('sex_life', [
  ['fr', USUAL, `son compagnon|son mari`, { needBefore: ['il', 'monsieur', 'mr', 'homme', 'client'] }],
  ['fr', USUAL, `sa compagne|sa femme`, { needBefore: ['elle', 'madame', 'mme', 'femme', 'cliente'] }],
]);
