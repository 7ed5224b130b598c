/** Political opinions (Art. 9): parties, votes, activism, office held for a party. */
import { lexicon, STRONG, USUAL } from './entry.js';

const CUES = ['vote', 'votait', 'voter', 'votera', 'electeur', 'electrice', 'militant', 'militante', 'adherent', 'adherente', 'sympathisant', 'sympathisante', 'encarte', 'encartee', 'membre', 'soutien', 'soutient', 'soutenir', 'partisan', 'partisane', 'candidat', 'candidate', 'elu', 'elue', 'proche', 'pro', 'anti', 'du', 'au', 'chez', 'pour', 'le', 'tendance', 'fan', 'de', 'est', 'militer', 'milite'];

export const POLITICAL = lexicon('political_opinion', [
  ['fr', STRONG, `France insoumise|insoumis|insoumise|LFI|Rassemblement national|Front national|lepéniste|mélenchoniste|macroniste|LREM|
    Parti socialiste|Parti communiste|PCF|EELV|Europe Écologie|zemmouriste|NPA|Lutte ouvrière|Debout la France|gilets jaunes|gilet jaune|
    d'extrême droite|d'extrême gauche|extrême droite|extrême gauche|facho|gaucho|gauchiste|communiste|anarchiste|trotskiste|royaliste|souverainiste|
    identitaire|nationaliste|écolo convaincu|militant écologiste|militante écologiste|militant politique|militante politique|
    opinions politiques|opinion politique|engagé politiquement|engagée politiquement|engagement politique|idées politiques|
    encarté|encartée|vote pour|voté pour|votera pour|votait pour|vote à droite|vote à gauche|vote écolo|vote extrême|vote blanc|
    très à droite|très à gauche|plutôt à droite|plutôt à gauche|homme de droite|homme de gauche|femme de gauche|femme de droite|
    manifeste contre|manif contre|manifestation contre|manifeste pour|manifestations contre|milite pour|milite contre|milite au|milite à|tracte|tractage|distribue des tracts|
    conseiller municipal|conseillère municipale|adjoint au maire|adjointe au maire|candidat aux municipales|candidate aux municipales|candidat aux législatives|
    candidate aux législatives|élu municipal|élue municipale|sympathisant|sympathisante|militant|militante|divers droite|divers gauche`,
    { unlessAfter: ['syndical', 'syndicale', 'cgt', 'cfdt', 'fo', 'sud', 'cftc', 'associatif', 'associative', 'sportif', 'sportive', 'route', 'rue', 'salle'], unlessBefore: ['rue', 'salle', 'bureau', 'campagne', 'bulletin', 'procedure', 'droit', 'appel', 'concours', 'jeu'] }],
  ['fr', STRONG, `En Marche|Modem|MoDem|Les Républicains|Reconquête|UDI|Génération.s`, { caseSensitive: true }],
  ['fr', USUAL, `de droite|de gauche|député|députée|sénateur|sénatrice|maire|pétition`, { needBefore: ['est', 'etait', 'plutot', 'tres', 'homme', 'femme', 'vote', 'sensibilite', 'idees', 'opinions', 'bord', 'politiquement', 'candidat', 'candidate', 'liste', 'parti', 'elu', 'elue', 'ancien', 'ancienne', 'signe', 'lance', 'circule', 'fait'], unlessAfter: ['de', 'du', 'des'] }],
  ['fr', USUAL, `Macron|Le Pen|Mélenchon|Zemmour|Bardella|Retailleau|Ruffin|Glucksmann|Roussel|Attal|Jadot|Pécresse|Ciotti|Villepin`, { caseSensitive: true, needBefore: ['vote', 'voter', 'votera', 'votait', 'pour', 'pro', 'anti', 'fan', 'soutien', 'soutient', 'admire', 'electeur', 'electrice', 'sympathisant', 'militant', 'voted', 'aime', 'deteste', 'adore'] }],
  ['fr', USUAL, `RN|FN|PS|LR|LO|Renaissance|Horizons|Reconquête`, { caseSensitive: true, needBefore: CUES, unlessAfter: ['#num'] }],
  ['en', STRONG, `Tory|Tories|Conservative Party|Labour Party|Lib Dem|Lib Dems|Liberal Democrats|Green Party|UKIP|Reform UK|SNP|Plaid Cymru|
    Democratic Party|Republican Party|GOP|MAGA|Trump supporter|Biden supporter|Harris supporter|Brexiteer|Brexiter|Remainer|
    far right|far-right|far left|far-left|leftist|right-wing|left-wing|socialist|communist|anarchist|libertarian|
    political views|political opinions|politically active|party member|party activist|canvasses|canvassing|campaigns for|campaigned for|volunteers for|
    voted for|votes for|voted Leave|voted Remain|
    activist|protester|protesting against|at the protest|on the march|Extinction Rebellion|Just Stop Oil|Black Lives Matter|councillor|councilman|councilwoman`, { caseSensitive: true }],
  ['en', USUAL, `Labour|Conservative|Conservatives|Democrat|Democrats|Republican|Republicans|Trump|Biden|Obama|Farage|Corbyn|Starmer|Harris`, { caseSensitive: true, needEither: true,
    needBefore: ['votes', 'voted', 'voter', 'voting', 'vote', 'supporter', 'member', 'staunch', 'lifelong', 'die', 'diehard', 'card', 'pro', 'anti', 'for', 'loves', 'hates', 'registered', 'a', 'an'],
    needAfter: ['party', 'supporter', 'supporters', 'voter', 'member', 'councillor', 'activist', 'candidate', 'donor', 'mp', 'politician', 'campaign', 'fan', 'hat'] }],
]);
