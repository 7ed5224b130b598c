/** Genetic and biometric data (Art. 9): DNA and genetic tests, fingerprints, face, iris and voice templates. */
import { lexicon, STRONG } from './entry.js';

export const GENETIC_BIOMETRIC = lexicon('genetic_biometric', [
  ['*', STRONG, `ADN|DNA`, { unlessBefore: ['notre', 'votre', 'leur', 'our', 'their', 'its', 'company', 'brand', 'marque', 'l'], unlessAfter: ['de', 'du', 'des', 'of'] }],
  ['fr', STRONG, `test ADN|tests ADN|test génétique|tests génétiques|analyse génétique|dépistage génétique|séquençage|génome|génotype|patrimoine génétique|
    maladie génétique|maladie héréditaire|anomalie génétique|mutation génétique|porteur du gène|porteuse du gène|gène BRCA|BRCA1|BRCA2|prédisposition génétique|
    empreinte digitale|empreintes digitales|empreinte biométrique|données biométriques|biométrie|biométrique|reconnaissance faciale|reconnaissance du visage|
    scan de l'iris|scan rétinien|empreinte de la paume|empreinte palmaire|réseau veineux|reconnaissance de l'iris|empreinte vocale|empreinte de la voix|gabarit biométrique|test de paternité|
    23andMe|MyHeritage|Ancestry`, { unlessAfter: ['fleur', 'fleurs', 'couleur'], unlessBefore: ['photo', 'passeport'] }],
  ['en', STRONG, `DNA test|DNA results|genetic test|genetic testing|genetic screening|genetic condition|genetic disorder|hereditary condition|genome|genotype|
    carries the gene|carrier of the gene|BRCA|BRCA1|BRCA2|gene mutation|paternity test|23andMe|Ancestry DNA|
    fingerprint|fingerprints|biometric|biometrics|facial recognition|face ID template|face scan|iris scan|retina scan|retinal scan|voiceprint|voice print|voice biometrics|palm scan`, { unlessBefore: ['browser', 'device', 'digital', 'key', 'ssh', 'certificate', 'tls', 'ssl'] }],
]);
