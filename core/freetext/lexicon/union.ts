/** Trade-union membership (Art. 9): unions by name, union roles, strikes. */
import { lexicon, STRONG, USUAL } from './entry.js';

const UNION_CUES = ['syndicat', 'syndique', 'syndiquee', 'delegue', 'deleguee', 'elu', 'elue', 'representant', 'representante', 'adherent', 'adherente', 'militant', 'militante', 'carte', 'membre', 'secretaire', 'section', 'chez', 'a', 'au', 'la', 'du', 'syndicaliste'];

export const TRADE_UNION = lexicon('trade_union', [
  ['fr', STRONG, `syndiqué|syndiquée|syndicaliste|délégué syndical|déléguée syndicale|représentant syndical|représentante syndicale|
    section syndicale|mandat syndical|activité syndicale|activités syndicales|engagement syndical|militant syndical|militante syndicale|tract syndical|
    carte syndicale|cotisation syndicale|permanence syndicale|élu syndical|élue syndicale|
    CGT|CFDT|CFTC|CFE-CGC|CGC|UNSA|FSU|SNES|SNUipp|Force ouvrière|FNSEA|Confédération paysanne|SUD Rail|SUD PTT|SUD Santé|SUD Éducation|Sud-Rail|
    gréviste|grévistes|en grève|fait grève|faire grève|font grève|piquet de grève|préavis de grève|mouvement de grève|jour de grève|journée de grève|
    syndicat|syndicats|syndical|syndicale`,
    { unlessAfter: ['copropriete', 'coproprietaire', 'coproprietaires', 'initiative', 'eaux', 'intercommunal', 'mixte', 'energie', 'electricite', 'transport', 'transports', 'agricole', 'viticole', 'professionnel', 'patronal', 'proprietaire', 'proprietaires'] }],
  ['fr', STRONG, 'Solidaires', { caseSensitive: true }],
  ['fr', USUAL, `FO|SUD`, { caseSensitive: true, needBefore: UNION_CUES, needAfter: ['rail', 'ptt', 'sante', 'education', 'solidaires', 'industrie', 'chimie', 'commerce', 'cheminots'], needEither: true }],
  ['fr', USUAL, 'grève', { unlessAfter: ['des', 'de', 'sncf', 'ratp', 'transport', 'transports', 'dockers', 'routiers', 'aerienne', 'postale'], unlessBefore: ['une', 'la', 'cause', 'raison', 'pendant', 'avec'] }],
  ['en', STRONG, `union member|union membership|member of the union|unionised|unionized|shop steward|union rep|union representative|union official|trade union|trade unionist|
    labor union|labour union|union dues|union card|union meeting|union activist|local union|union steward|steward for the union|
    Unite|Unison|GMB|Teamsters|AFL-CIO|UAW|RMT|NEU|NASUWT|Usdaw|Aslef|SEIU|Unite union|Unite the union|
    on strike|went on strike|going on strike|picket line|picketing|striking workers|walkout|walked out`,
    { caseSensitive: true, unlessBefore: ['credit', 'european', 'customs', 'students', 'student', 'in'] }],
]);
