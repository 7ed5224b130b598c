/** Offences and convictions (Art. 10): suspicions, arrests, custody, trials, sentences, prison, probation. */
import { lexicon, STRONG, USUAL } from './entry.js';

export const OFFENCES = lexicon('offences', [
  ['fr', STRONG, `casier judiciaire|casier chargé|son casier|extrait de casier|condamné pour|condamnée pour|condamné à|condamnée à|condamnation|condamnations|
    déjà condamné|a été condamné|a été condamnée|peine de prison|prison ferme|prison avec sursis|avec sursis|sursis probatoire|bracelet électronique|
    en prison|sort de prison|sorti de prison|sortie de prison|de prison|incarcéré|incarcérée|incarcération|maison d'arrêt|centre pénitentiaire|
    taule|en taule|zonzon|ex-taulard|taulard|voleur|voleuse|pour vol|tentative de vol|vol à main armée|vol à l'arraché|vol avec violence|accusé de vol|
    arrêté par la police|arrêtée par la police|arrêté par les gendarmes|arrêtée par les gendarmes|s'est fait arrêter|s'est fait arrêté|s'est fait embarquer|a été arrêté|a été arrêtée|
    garde à vue|GAV|en GAV|placé en garde à vue|interpellé|interpellée|arrêté par la police|arrêtée par la police|
    embarqué par la police|mis en examen|mise en examen|inculpé|inculpée|poursuivi pour|poursuivie pour|comparution immédiate|tribunal correctionnel|
    cour d'assises|jugé pour|jugée pour|procès pénal|contrôle judiciaire|liberté conditionnelle|libération conditionnelle|SPIP|TIG|travaux d'intérêt général|
    délinquant|délinquante|délinquance|récidiviste|criminel|criminelle|repris de justice|fiché S|fiché au|fichier des personnes recherchées|FPR|FIJAIS|plainte pénale|porté plainte contre lui|porté plainte contre elle|
    vol à l'étalage|vol aggravé|cambriolage|cambrioleur|escroquerie|escroc|abus de confiance|abus de bien social|abus de biens sociaux|détournement de fonds|
    blanchiment|recel|trafic de drogue|trafic de stupéfiants|trafic de stups|stups|dealer|dealeur|deal de shit|usage de stupéfiants|
    violences conjugales|violence conjugale|coups et blessures|agression sexuelle|harcèlement sexuel|viol|pédophile|pédophilie|meurtre|homicide|
    conduite en état d'ivresse|alcool au volant|conduite sans permis|délit de fuite|retrait de permis|permis suspendu|permis retiré|suspension de permis|annulation de permis|
    perte de tous ses points|excès de vitesse|grand excès de vitesse|fraude fiscale|fraudeur|fraude à la carte|falsification|faux et usage de faux|usurpation d'identité`,
    { unlessAfter: ['bagages', 'bagage', 'rangement', 'vestiaire', 'piscine', 'consigne', 'bois', 'metallique', 'break'],
      unlessBefore: ['casier', 'porte', 'fenetre', 'acces', 'sortie', 'entree', 'garage', 'armoire', 'salle', 'victime'] }],
  ['fr', USUAL, 'détenu|détenue|détention', { unlessAfter: ['par', 'chez', 'en', 'de', 'd', 'des', 'du'] }],
  ['fr', STRONG, `purgé sa peine|purge sa peine|purger sa peine|purgé une peine|détention provisoire`],
  ['fr', USUAL, 'prison', { needBefore: ['sort', 'sorti', 'sortie', 'fait', 'risque', 'envoye', 'envoyee', 'ans', 'mois', 'ferme', 'va', 'aller', 'alle', 'retour', 'fini', 'finir', 'passe', 'passee', 'jete'], unlessAfter: ['break'] }],
  ['fr', USUAL, 'condamné|condamnée', { needBefore: ['est', 'etait', 'deja', 'ete', 'il', 'elle', 'jamais', 'client', 'cliente'], unlessBefore: ['porte', 'fenetre', 'acces', 'sortie', 'entree', 'issue'] }],
  ['fr', USUAL, 'fraude', { needBefore: ['pour', 'accuse', 'accusee', 'soupcon', 'soupcons', 'soupconne', 'soupconnee', 'suspicion', 'condamne', 'condamnee', 'tentative', 'auteur', 'auteure', 'coupable', 'pris', 'prise'] }],
  ['en', STRONG, `criminal record|police record|criminal history|criminal conviction|convicted|conviction for|previous convictions|prior convictions|
    served time|in prison|out of prison|released from prison|got out of prison|jail|jailed|in jail|behind bars|prison sentence|inmate|ex-con|ex-convict|ex-offender|
    arrested|under arrest|police custody|in custody|charged with|pleaded guilty|found guilty|on trial|court case|criminal case|sentenced|suspended sentence|
    community service order|on probation|probation officer|on parole|parole|ankle tag|electronic tag|restraining order|
    felony|felon|misdemeanour|misdemeanor|offender|sex offender|criminal|shoplifting|shoplifter|burglary|burglar|theft|assault charge|domestic violence|
    drink driving|drink-driving|drunk driving|DUI|DWI|driving ban|banned from driving|lost his licence|lost her licence|speeding conviction|
    fraud conviction|convicted of fraud|fraudster|embezzlement|money laundering|drug dealing|drug dealer|possession of drugs|possession charge`,
    { unlessBefore: ['victim', 'prevention', 'against', 'protection', 'vs', 'hard', 'game', 'theme', 'crime', 'insurance'], unlessAfter: ['break', 'prevention', 'insurance', 'policy', 'cover', 'alarm', 'free'] }],
]);
