/**
 * Editable templates for the usual processing of a company with customers,
 * French first, each citing where its legal basis and periods come from. A
 * DPO creates a processing from one and changes what differs in their company.
 */
import type { ProcessingContent } from './model.js';
import { CNIL_2021_131, CUSTOMER_MANAGEMENT, CUSTOMER_SERVICE, PROSPECTING, USUAL_SECURITY_MEASURES } from './templates-commercial.js';

export interface ProcessingTemplate {
  key: string;
  content: ProcessingContent;
}

const ACCOUNTING_RETENTION = {
  from: 'end_of_financial_year',
  active: 'P0D',
  archive: 'P10Y',
  then: 'erase',
  basis: 'Code de commerce, art. L123-22 : les documents comptables et les pièces justificatives sont conservés pendant dix ans',
} as const;

const ACCOUNTING: ProcessingContent = {
  reference: 'TRT-COMPTA',
  name: { fr: 'Comptabilité et facturation', en: 'Accounting and invoicing' },
  purposes: [
    { fr: 'Tenue de la comptabilité générale et des comptabilités auxiliaires', en: 'Keeping the general and auxiliary accounts' },
    { fr: 'Émission et conservation des factures et pièces justificatives', en: 'Issuing and keeping invoices and supporting documents' },
  ],
  legalBasis: { basis: 'legal_obligation', detail: 'Code de commerce, art. L123-22 : tenue et conservation des documents comptables et des pièces justificatives' },
  dataSubjects: [{ category: 'customers' }, { category: 'suppliers' }],
  dataCategories: [
    { category: 'civil_status', detail: 'nom ou raison sociale du client', retention: ACCOUNTING_RETENTION },
    { category: 'contact', detail: 'adresse de facturation', retention: ACCOUNTING_RETENTION },
    { category: 'transactions', detail: 'factures, bons de commande, avoirs', retention: ACCOUNTING_RETENTION },
    { category: 'economic_financial', detail: 'montants, moyens et dates de paiement', retention: ACCOUNTING_RETENTION },
  ],
  recipients: [
    { kind: 'internal', name: 'Service comptabilité' },
    { kind: 'external', name: 'Expert-comptable et commissaire aux comptes' },
    { kind: 'external', name: 'Administration fiscale, sur demande' },
  ],
  transfers: [],
  source: 'Commandes et paiements des clients',
  securityMeasures: USUAL_SECURITY_MEASURES,
  note: [
    'Sources : Code de commerce, art. L123-22 (« Les documents comptables et les pièces justificatives sont conservés pendant dix ans ») ;',
    `${CNIL_2021_131}, qui compte la tenue de la comptabilité parmi les finalités de la gestion commerciale.`,
    'Les dix ans sont couramment comptés à partir de la clôture de l’exercice. Base légale : obligation légale, donc une demande d’effacement n’atteint pas ces pièces (RGPD art. 17(3)(b)) : Gardien les garde sous ce motif.',
  ].join('\n'),
};

const RECRUITMENT: ProcessingContent = {
  reference: 'TRT-RECRUTEMENT',
  name: { fr: 'Recrutement', en: 'Recruitment' },
  purposes: [{ fr: 'Gestion des candidatures, des entretiens et de la sélection des candidats', en: 'Handling applications, interviews and the selection of candidates' }],
  legalBasis: { basis: 'contract', detail: 'Mesures précontractuelles prises à la demande du candidat' },
  dataSubjects: [{ category: 'candidates' }],
  dataCategories: [
    { category: 'civil_status', detail: 'nom, prénom', retention: candidateRetention() },
    { category: 'contact', detail: 'courriel, téléphone, adresse', retention: candidateRetention() },
    { category: 'professional_life', detail: 'CV, lettre de motivation, diplômes, expériences, notes d’entretien', retention: candidateRetention() },
  ],
  recipients: [
    { kind: 'internal', name: 'Service des ressources humaines' },
    { kind: 'internal', name: 'Responsables du service qui recrute' },
  ],
  transfers: [],
  source: 'Directement auprès du candidat, ou d’un site d’offres d’emploi',
  securityMeasures: USUAL_SECURITY_MEASURES,
  note: [
    'Sources : CNIL, guide du recrutement (janvier 2023) ; CNIL, référentiel « gestion du personnel » (délibération n° 2019-160 du 21 novembre 2019), qui couvre aussi le recrutement.',
    'Selon le guide, tel que vérifié ici par des sources secondaires : un candidat non retenu peut voir ses données gardées jusqu’à 3 mois après la fin du recrutement (pour lui expliquer le refus) ; avec son accord, jusqu’à 2 ans après le dernier contact (vivier de candidats). La rédaction exacte du référentiel 2019-160 sur ce point n’a pas été vérifiée.',
    'Pour un vivier, ajoutez la finalité, la base légale « consentement » et portez la durée à 2 ans (P2Y) à compter du dernier contact.',
    'La reconnaissance de la qualité de travailleur handicapé est une donnée de santé (art. 9) selon la CNIL : ne la collectez qu’avec une condition de l’art. 9(2).',
  ].join('\n'),
};

function candidateRetention() {
  return {
    from: 'end_of_recruitment',
    fromDetail: 'décision de ne pas retenir le candidat',
    active: 'P3M',
    then: 'erase',
    basis: 'CNIL, guide du recrutement (2023) : 3 mois après la fin du processus de recrutement pour un candidat non retenu',
  } as const;
}

export const PROCESSING_TEMPLATES: readonly ProcessingTemplate[] = [
  { key: 'customer_management', content: CUSTOMER_MANAGEMENT },
  { key: 'prospecting', content: PROSPECTING },
  { key: 'accounting', content: ACCOUNTING },
  { key: 'customer_service', content: CUSTOMER_SERVICE },
  { key: 'recruitment', content: RECRUITMENT },
];

export function templateNamed(key: string): ProcessingTemplate | undefined {
  return PROCESSING_TEMPLATES.find((t) => t.key === key);
}
