/** The register's entries as sentences, in French or English: shared by the CSV, XLSX and HTML forms. */
import { headingInfo } from './headings.js';
import { ART9_LABELS, END_LABELS, EVENT_LABELS, LEGAL_BASIS_LABELS, RECIPIENT_LABELS, SAFEGUARD_LABELS, SUBJECT_LABELS, type Language } from './labels.js';
import type { LegalBasis, ProcessingCategory, Recipient, Retention, Transfer } from './model.js';
import { describePeriod, parsePeriod } from './periods.js';

const countries = { fr: new Intl.DisplayNames(['fr'], { type: 'region' }), en: new Intl.DisplayNames(['en'], { type: 'region' }) };

/** French puts a space before a colon. */
export function colon(language: Language): string {
  return language === 'fr' ? ' : ' : ': ';
}

export function countryName(code: string, language: Language): string {
  return countries[language].of(code) ?? code;
}

export function legalBasisText(basis: LegalBasis | undefined, language: Language): string {
  if (!basis) return language === 'fr' ? 'Non renseignée' : 'Not stated';
  const main = `${LEGAL_BASIS_LABELS[basis.basis][language]} (${language === 'fr' ? 'RGPD art.' : 'GDPR Art.'} ${LEGAL_BASIS_LABELS[basis.basis].article})`;
  const art9 = basis.art9Condition
    ? `; ${language === 'fr' ? 'données sensibles' : 'special categories'}${colon(language)}${ART9_LABELS[basis.art9Condition][language]} (${language === 'fr' ? 'art.' : 'Art.'} ${ART9_LABELS[basis.art9Condition].article})${basis.art9Detail ? ` — ${basis.art9Detail}` : ''}`
    : '';
  return `${main}${basis.detail ? ` — ${basis.detail}` : ''}${art9}`;
}

const isZero = (period: string) => {
  const p = parsePeriod(period);
  return !p || p.years + p.months + p.days === 0;
};

/** "3 ans à compter de la fin du contrat, puis suppression (CNIL …)". */
export function retentionText(retention: Retention, language: Language, withBasis = true): string {
  const from = `${language === 'fr' ? 'à compter de' : 'from'} ${EVENT_LABELS[retention.from][language]}${retention.fromDetail ? ` (${retention.fromDetail})` : ''}`;
  const phases: string[] = [];
  if (!isZero(retention.active) || !retention.archive) phases.push(`${describePeriod(retention.active, language)}${language === 'fr' ? ' en base active' : ' in the active base'}`);
  if (retention.archive) phases.push(`${describePeriod(retention.archive, language)}${language === 'fr' ? ' en archivage intermédiaire' : ' in intermediate archive'}`);
  const text = `${phases.join(language === 'fr' ? ' puis ' : ' then ')} ${from}, ${END_LABELS[retention.then][language]}`;
  return withBasis ? `${text} — ${retention.basis}` : text;
}

export function categoryText(category: ProcessingCategory, language: Language): string {
  return `${headingInfo(category.category)[language]}${category.detail ? `${colon(language)}${category.detail}` : ''}`;
}

export function categoryRetentionText(category: ProcessingCategory, language: Language): string {
  const heading = headingInfo(category.category)[language];
  return `${heading}${colon(language)}${category.retention ? retentionText(category.retention, language) : language === 'fr' ? 'durée non renseignée' : 'no period stated'}`;
}

export function subjectText(subject: { category: keyof typeof SUBJECT_LABELS; detail?: string }, language: Language): string {
  return `${SUBJECT_LABELS[subject.category][language]}${subject.detail ? ` (${subject.detail})` : ''}`;
}

export function recipientText(recipient: Recipient, language: Language): string {
  const contract = recipient.kind === 'processor' ? (recipient.contractRef ? `, ${language === 'fr' ? 'contrat' : 'contract'} ${recipient.contractRef}` : `, ${language === 'fr' ? 'contrat non renseigné' : 'no contract stated'}`) : '';
  return `${recipient.name} (${RECIPIENT_LABELS[recipient.kind][language].toLowerCase()}${contract})${recipient.purpose ? `${colon(language)}${recipient.purpose}` : ''}`;
}

export function transferText(transfer: Transfer, language: Language): string {
  const safeguard = transfer.safeguard ? SAFEGUARD_LABELS[transfer.safeguard][language] : language === 'fr' ? 'AUCUNE GARANTIE' : 'NO SAFEGUARD';
  return `${transfer.recipient}, ${countryName(transfer.country, language)} (${transfer.country}) — ${safeguard}${transfer.documentUrl ? ` — ${transfer.documentUrl}` : ''}`;
}

/** Headings of the register's columns; letters refer to GDPR Art. 30(1). */
export const COLUMNS = {
  reference: { fr: 'Référence', en: 'Reference' },
  name: { fr: 'Traitement', en: 'Processing activity' },
  controller: { fr: 'Responsable du traitement et DPO (a)', en: 'Controller and DPO (a)' },
  purposes: { fr: 'Finalités (b)', en: 'Purposes (b)' },
  legalBasis: { fr: 'Base légale', en: 'Legal basis' },
  subjects: { fr: 'Catégories de personnes concernées (c)', en: 'Categories of data subjects (c)' },
  categories: { fr: 'Catégories de données (c)', en: 'Categories of personal data (c)' },
  special: { fr: 'Données sensibles', en: 'Special categories' },
  recipients: { fr: 'Destinataires (d)', en: 'Recipients (d)' },
  transfers: { fr: 'Transferts hors UE et garanties (e)', en: 'Transfers outside the EU and safeguards (e)' },
  retention: { fr: 'Durées de conservation (f)', en: 'Retention periods (f)' },
  security: { fr: 'Mesures de sécurité (g)', en: 'Security measures (g)' },
  source: { fr: 'Source des données', en: 'Source of the data' },
  automated: { fr: 'Décision automatisée', en: 'Automated decision-making' },
  systems: { fr: 'Systèmes et champs', en: 'Systems and fields' },
  gaps: { fr: 'Écarts', en: 'Gaps' },
  created: { fr: 'Créé le', en: 'Created' },
  updated: { fr: 'Mis à jour le', en: 'Updated' },
  version: { fr: 'Version', en: 'Version' },
} as const;

export type Column = keyof typeof COLUMNS;

/** Whether a system's description in the register was read live. */
export function sourceText(source: 'live' | 'stored' | 'none', language: Language): string {
  const texts = {
    live: { fr: 'lue en direct', en: 'read live' },
    stored: { fr: 'enregistrée (système injoignable ou désactivé)', en: 'as stored (system unreachable or disabled)' },
    none: { fr: 'inconnue', en: 'unknown' },
  } as const;
  return texts[source][language];
}
