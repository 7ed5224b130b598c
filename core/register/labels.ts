/** How the register's codes read in French and English, with the article they come from. */
import type { Art9Condition, EndOfRetention, LegalBasisKind, RecipientKind, RetentionEvent, Safeguard, SubjectCategory } from './model.js';

export type Language = 'fr' | 'en';
type Labels<K extends string> = Record<K, { fr: string; en: string }>;

export const LEGAL_BASIS_LABELS: Labels<LegalBasisKind> & Record<LegalBasisKind, { article: string }> = {
  consent: { article: '6(1)(a)', fr: 'Consentement', en: 'Consent' },
  contract: { article: '6(1)(b)', fr: 'Exécution d’un contrat ou de mesures précontractuelles', en: 'Performance of a contract or pre-contractual steps' },
  legal_obligation: { article: '6(1)(c)', fr: 'Obligation légale', en: 'Legal obligation' },
  vital_interests: { article: '6(1)(d)', fr: 'Sauvegarde des intérêts vitaux', en: 'Vital interests' },
  public_task: { article: '6(1)(e)', fr: 'Mission d’intérêt public', en: 'Public task' },
  legitimate_interests: { article: '6(1)(f)', fr: 'Intérêt légitime', en: 'Legitimate interests' },
};

export const ART9_LABELS: Labels<Art9Condition> & Record<Art9Condition, { article: string }> = {
  explicit_consent: { article: '9(2)(a)', fr: 'Consentement explicite', en: 'Explicit consent' },
  employment_social_protection: { article: '9(2)(b)', fr: 'Droit du travail, sécurité et protection sociales', en: 'Employment, social security and social protection law' },
  vital_interests: { article: '9(2)(c)', fr: 'Intérêts vitaux', en: 'Vital interests' },
  not_for_profit_body: { article: '9(2)(d)', fr: 'Organisme à but non lucratif, pour ses membres', en: 'Not-for-profit body, for its members' },
  made_public: { article: '9(2)(e)', fr: 'Données manifestement rendues publiques par la personne', en: 'Data manifestly made public by the person' },
  legal_claims: { article: '9(2)(f)', fr: 'Constatation, exercice ou défense d’un droit en justice', en: 'Legal claims' },
  substantial_public_interest: { article: '9(2)(g)', fr: 'Motif d’intérêt public important', en: 'Substantial public interest' },
  health_or_social_care: { article: '9(2)(h)', fr: 'Médecine préventive ou du travail, soins', en: 'Preventive or occupational medicine, care' },
  public_health: { article: '9(2)(i)', fr: 'Santé publique', en: 'Public health' },
  archiving_research_statistics: { article: '9(2)(j)', fr: 'Archivage, recherche ou statistiques', en: 'Archiving, research or statistics' },
};

export const SUBJECT_LABELS: Labels<SubjectCategory> = {
  customers: { fr: 'Clients', en: 'Customers' },
  prospects: { fr: 'Prospects', en: 'Prospects' },
  employees: { fr: 'Salariés', en: 'Employees' },
  candidates: { fr: 'Candidats', en: 'Job applicants' },
  suppliers: { fr: 'Fournisseurs', en: 'Suppliers' },
  users: { fr: 'Usagers', en: 'Users' },
  patients: { fr: 'Patients', en: 'Patients' },
  visitors: { fr: 'Visiteurs', en: 'Visitors' },
  other: { fr: 'Autres', en: 'Others' },
};

export const RECIPIENT_LABELS: Labels<RecipientKind> = {
  internal: { fr: 'Service interne', en: 'Internal department' },
  external: { fr: 'Destinataire externe', en: 'External recipient' },
  processor: { fr: 'Sous-traitant', en: 'Processor' },
};

export const SAFEGUARD_LABELS: Labels<Safeguard> = {
  adequacy_decision: { fr: 'Décision d’adéquation (art. 45)', en: 'Adequacy decision (Art. 45)' },
  standard_contractual_clauses: { fr: 'Clauses contractuelles types (art. 46)', en: 'Standard contractual clauses (Art. 46)' },
  binding_corporate_rules: { fr: 'Règles d’entreprise contraignantes (art. 47)', en: 'Binding corporate rules (Art. 47)' },
  code_of_conduct: { fr: 'Code de conduite (art. 46)', en: 'Code of conduct (Art. 46)' },
  certification: { fr: 'Certification (art. 46)', en: 'Certification (Art. 46)' },
  art49_derogation: { fr: 'Dérogation (art. 49)', en: 'Derogation (Art. 49)' },
};

export const EVENT_LABELS: Labels<RetentionEvent> = {
  collection: { fr: 'la collecte', en: 'collection' },
  last_contact: { fr: 'le dernier contact', en: 'the last contact' },
  end_of_contract: { fr: 'la fin du contrat', en: 'the end of the contract' },
  payment: { fr: 'le paiement', en: 'payment' },
  end_of_financial_year: { fr: 'la clôture de l’exercice', en: 'the end of the financial year' },
  end_of_recruitment: { fr: 'la fin du recrutement', en: 'the end of the recruitment' },
  other: { fr: 'l’événement indiqué', en: 'the stated event' },
};

export const END_LABELS: Labels<EndOfRetention> = {
  erase: { fr: 'puis suppression', en: 'then erased' },
  anonymise: { fr: 'puis anonymisation', en: 'then anonymised' },
};

export function label<K extends string>(labels: Labels<K>, key: K, language: Language): string {
  return labels[key][language];
}
