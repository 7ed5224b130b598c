/** Identity documents of a person: identity card, passport, residence permit, driving licence (their numbers are found by shape). */
import { lexicon, STRONG, USUAL } from './entry.js';

export const IDENTITY_DOCUMENT = lexicon('identity_document', [
  ['fr', STRONG, `carte d'identité|carte nationale d'identité|CNI|pièce d'identité|pièces d'identité|passeport|passeports|titre de séjour|carte de séjour|
    récépissé de demande de titre de séjour|carte de résident|permis de conduire|numéro de passeport|n° de passeport|copie CNI|copie de la CNI|livret de famille|
    acte de naissance`, { unlessAfter: ['talent', 'vacances', 'culture', 'culturel', 'senior', 'formation', 'sante', 'langues', 'pro', 'numerique', 'velo', 'bateau', 'imprimante', 'lecteur'] }],
  ['en', STRONG, `passport|passports|passport number|ID card|identity card|national ID card|driving licence|driving license|driver's licence|driver's license|
    drivers license|residence permit|residence card|biometric residence permit|BRP|green card|visa copy|birth certificate|proof of ID|photo ID`,
    { unlessAfter: ['office', 'photo', 'photos', 'holder', 'holders', 'cover', 'wallet', 'control', 'lottery', 'to', 'printer', 'printers', 'reader', 'readers', 'lanyard', 'lanyards', 'template'] }],
  ['fr', USUAL, `permis|permis B|papiers d'identité|ses papiers`, { needAfter: ['b', 'de', 'conduire', 'n', 'numero', 'no', 'recto', 'verso', 'scanne', 'scannee', 'copie', 'valide', 'expire', 'photocopie'], unlessAfter: ['construire', 'chasse', 'peche', 'demolir', 'amenager', 'feu', 'visite'] }],
]);
