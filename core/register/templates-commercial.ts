/**
 * Templates for the commercial side of a company with customers, after the
 * CNIL's référentiel on commercial management (délibération n° 2021-131 du
 * 23 septembre 2021, JO du 10 avril 2022). Each says where its periods come from.
 */
import type { ProcessingContent } from './model.js';

export const CNIL_2021_131 = 'CNIL, référentiel « gestion commerciale » (délibération n° 2021-131 du 23 septembre 2021)';

/** The CNIL register template's headings for security measures, as a starting point to edit. */
export const USUAL_SECURITY_MEASURES = [
  'Contrôle d’accès des utilisateurs (comptes nominatifs, profils d’habilitation)',
  'Mesures de traçabilité (journalisation des accès et des modifications)',
  'Sauvegarde des données',
  'Chiffrement des données en transit et des sauvegardes',
  'Contrôle des sous-traitants (clauses de l’article 28 du RGPD)',
];

export const CUSTOMER_MANAGEMENT: ProcessingContent = {
  reference: 'TRT-CLIENTS',
  name: { fr: 'Gestion de la clientèle', en: 'Customer management' },
  purposes: [
    { fr: 'Gestion des contrats : commandes, livraisons, exécution du service, factures et paiements', en: 'Managing contracts: orders, deliveries, service, invoices and payments' },
    { fr: 'Gestion du programme de fidélité', en: 'Running the loyalty programme' },
  ],
  legalBasis: { basis: 'contract', detail: 'Exécution du contrat de vente ou de service conclu avec le client' },
  dataSubjects: [{ category: 'customers' }],
  dataCategories: [
    {
      category: 'civil_status',
      detail: 'nom, prénom, numéro client',
      retention: { from: 'end_of_contract', fromDetail: 'fin de la relation commerciale (dernier achat, fin de la garantie)', active: 'P3Y', then: 'erase', basis: `${CNIL_2021_131} : pendant la relation contractuelle, puis 3 ans à des fins de prospection` },
    },
    {
      category: 'contact',
      detail: 'adresse postale, courriel, téléphone',
      retention: { from: 'end_of_contract', fromDetail: 'fin de la relation commerciale (dernier achat, fin de la garantie)', active: 'P3Y', then: 'erase', basis: `${CNIL_2021_131} : pendant la relation contractuelle, puis 3 ans à des fins de prospection` },
    },
    {
      category: 'transactions',
      detail: 'commandes, contrats, historique des achats',
      retention: { from: 'end_of_contract', active: 'P0D', archive: 'P5Y', then: 'erase', basis: 'Code civil, art. 2224 : les actions personnelles ou mobilières se prescrivent par 5 ans (archivage intermédiaire à titre de preuve)' },
    },
    {
      category: 'economic_financial',
      detail: 'numéro et date d’expiration de la carte de paiement (jamais le cryptogramme)',
      retention: { from: 'payment', fromDetail: 'date de débit', active: 'P0D', archive: 'P13M', then: 'erase', basis: 'Code monétaire et financier, art. L133-24 : une opération contestée doit l’être dans les 13 mois suivant la date de débit' },
    },
  ],
  recipients: [
    { kind: 'internal', name: 'Service commercial et service client' },
    { kind: 'internal', name: 'Service comptabilité' },
    { kind: 'processor', name: 'Prestataire de paiement', purpose: 'Encaissement des paiements par carte' },
  ],
  transfers: [],
  source: 'Directement auprès du client (commande, compte client)',
  securityMeasures: USUAL_SECURITY_MEASURES,
  note: [
    `Sources : ${CNIL_2021_131} ; Code civil, art. 2224 ; Code monétaire et financier, art. L133-24.`,
    'La recommandation de la CNIL sur les données de carte de paiement (délibération n° 2018-303) admet 15 mois pour les cartes à débit différé : non vérifié ici, à confirmer avant de l’appliquer.',
    'Indiquez la référence du contrat du prestataire de paiement (art. 28).',
  ].join('\n'),
};

export const PROSPECTING: ProcessingContent = {
  reference: 'TRT-PROSPECTION',
  name: { fr: 'Prospection commerciale', en: 'Direct marketing' },
  purposes: [
    { fr: 'Actions de prospection commerciale par courriel, téléphone et courrier', en: 'Direct marketing by email, phone and post' },
    { fr: 'Sélection de personnes pour des études et enquêtes', en: 'Selecting people for studies and surveys' },
  ],
  legalBasis: {
    basis: 'legitimate_interests',
    detail:
      'Intérêt légitime à promouvoir ses produits ; par courriel ou SMS, consentement préalable de la personne, sauf pour un client sollicité pour des produits ou services analogues (Code des postes et des communications électroniques, art. L34-5)',
  },
  dataSubjects: [{ category: 'prospects' }, { category: 'customers', detail: 'clients sollicités pour des produits analogues' }],
  dataCategories: [
    {
      category: 'civil_status',
      detail: 'nom, prénom',
      retention: { from: 'last_contact', fromDetail: 'collecte, ou dernier contact émanant du prospect (un clic sur un lien, pas la seule ouverture d’un courriel)', active: 'P3Y', then: 'erase', basis: `${CNIL_2021_131} : 3 ans à compter de la collecte ou du dernier contact émanant du prospect` },
    },
    {
      category: 'contact',
      detail: 'courriel, téléphone, adresse postale',
      retention: { from: 'last_contact', fromDetail: 'collecte, ou dernier contact émanant du prospect (un clic sur un lien, pas la seule ouverture d’un courriel)', active: 'P3Y', then: 'erase', basis: `${CNIL_2021_131} : 3 ans à compter de la collecte ou du dernier contact émanant du prospect` },
    },
  ],
  recipients: [
    { kind: 'internal', name: 'Service marketing' },
    { kind: 'processor', name: 'Plateforme d’envoi de courriels', purpose: 'Envoi des campagnes' },
  ],
  transfers: [],
  source: 'Formulaires de contact, salons, achats antérieurs',
  securityMeasures: USUAL_SECURITY_MEASURES,
  note: [
    `Sources : ${CNIL_2021_131} ; Code des postes et des communications électroniques, art. L34-5.`,
    'Au terme des 3 ans, la personne peut être recontactée pour savoir si elle souhaite encore être sollicitée ; sans réponse positive, les données sont supprimées.',
  ].join('\n'),
};

export const CUSTOMER_SERVICE: ProcessingContent = {
  reference: 'TRT-SAV',
  name: { fr: 'Service client et réclamations', en: 'Customer service and complaints' },
  purposes: [
    { fr: 'Traitement des demandes, des réclamations et du service après-vente', en: 'Handling requests, complaints and after-sales service' },
    { fr: 'Enquêtes de satisfaction', en: 'Satisfaction surveys' },
  ],
  legalBasis: { basis: 'contract', detail: 'Exécution du contrat (service après-vente, garanties) ; les enquêtes de satisfaction relèvent de l’intérêt légitime' },
  dataSubjects: [{ category: 'customers' }],
  dataCategories: [
    { category: 'civil_status', detail: 'nom, prénom, numéro client', retention: { from: 'last_contact', active: 'P3Y', then: 'erase', basis: `${CNIL_2021_131} : durée retenue pour les données des clients` } },
    { category: 'contact', detail: 'courriel, téléphone', retention: { from: 'last_contact', active: 'P3Y', then: 'erase', basis: `${CNIL_2021_131} : durée retenue pour les données des clients` } },
    {
      category: 'correspondence',
      detail: 'demandes, réclamations, échanges avec le service client',
      retention: { from: 'last_contact', active: 'P3Y', then: 'erase', basis: `${CNIL_2021_131} : durée retenue pour les données des clients` },
    },
  ],
  recipients: [
    { kind: 'internal', name: 'Service client' },
    { kind: 'processor', name: 'Outil de gestion des demandes (ticketing)' },
  ],
  transfers: [],
  source: 'Directement auprès du client (courriel, téléphone, formulaire)',
  securityMeasures: USUAL_SECURITY_MEASURES,
  note: [
    `Sources : ${CNIL_2021_131}, qui compte la gestion des réclamations et du service après-vente parmi les finalités de la gestion commerciale.`,
    'Aucune durée propre aux réclamations n’a été vérifiée dans ce référentiel : le modèle applique celle des données clients (3 ans après le dernier contact). Ajustez-la à vos garanties et contrats.',
    'Les champs libres (commentaires) peuvent contenir des données sensibles : à surveiller.',
  ].join('\n'),
};
