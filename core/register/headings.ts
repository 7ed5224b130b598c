/**
 * Categories of personal data as the CNIL's register template names them,
 * with the special categories of GDPR Art. 9 and the criminal data of Art. 10,
 * each tied to the data categories Gardien classifies fields into.
 */
import type { DataCategory } from '../categories.js';

export interface HeadingInfo {
  fr: string;
  en: string;
  /** The Gardien field categories this heading covers. */
  covers: readonly DataCategory[];
  /** GDPR Art. 9 special category: needs an Art. 9(2) condition. */
  special?: true;
  /** GDPR Art. 10: criminal convictions and offences. */
  criminal?: true;
}

export const HEADINGS = {
  civil_status: { fr: 'État civil, identité, données d’identification, images', en: 'Civil status, identity, identification data, images', covers: ['identity'] },
  contact: { fr: 'Coordonnées (adresse, courriel, téléphone)', en: 'Contact details (address, email, phone)', covers: ['contact', 'location'] },
  personal_life: { fr: 'Vie personnelle (habitudes de vie, situation familiale…)', en: 'Personal life (lifestyle, family situation…)', covers: ['behavioural'] },
  professional_life: { fr: 'Vie professionnelle (CV, scolarité, formation, distinctions…)', en: 'Professional life (CV, education, training, awards…)', covers: ['other'] },
  economic_financial: {
    fr: 'Informations d’ordre économique et financier (revenus, situation financière, données bancaires…)',
    en: 'Economic and financial information (income, financial situation, bank details…)',
    covers: ['financial'],
  },
  transactions: { fr: 'Commandes, contrats et factures', en: 'Orders, contracts and invoices', covers: ['transaction'] },
  connection: { fr: 'Données de connexion (adresse IP, journaux, identifiants des terminaux…)', en: 'Connection data (IP address, logs, device identifiers…)', covers: ['technical'] },
  location: { fr: 'Données de localisation (déplacements, données GPS, GSM…)', en: 'Location data (movements, GPS, GSM…)', covers: ['location'] },
  internet: { fr: 'Internet (cookies, traceurs, données de navigation, mesure d’audience…)', en: 'Internet (cookies, trackers, browsing data, audience measurement…)', covers: ['behavioural', 'technical'] },
  correspondence: { fr: 'Échanges et correspondances (messages, réclamations, notes)', en: 'Correspondence (messages, complaints, notes)', covers: ['communication'] },
  national_id_number: { fr: 'Numéro de sécurité sociale (NIR)', en: 'Social security number (NIR)', covers: ['identity'] },
  racial_ethnic_origin: { fr: 'Origine raciale ou ethnique', en: 'Racial or ethnic origin', covers: ['special'], special: true },
  political_opinions: { fr: 'Opinions politiques', en: 'Political opinions', covers: ['special'], special: true },
  religious_beliefs: { fr: 'Convictions religieuses ou philosophiques', en: 'Religious or philosophical beliefs', covers: ['special'], special: true },
  trade_union: { fr: 'Appartenance syndicale', en: 'Trade union membership', covers: ['special'], special: true },
  genetic: { fr: 'Données génétiques', en: 'Genetic data', covers: ['special'], special: true },
  biometric: { fr: 'Données biométriques aux fins d’identification', en: 'Biometric data for identification', covers: ['special'], special: true },
  health: { fr: 'Données de santé', en: 'Health data', covers: ['special'], special: true },
  sex_life: { fr: 'Vie sexuelle ou orientation sexuelle', en: 'Sex life or sexual orientation', covers: ['special'], special: true },
  criminal: { fr: 'Condamnations pénales et infractions', en: 'Criminal convictions and offences', covers: ['criminal'], criminal: true },
} as const satisfies Record<string, HeadingInfo>;

export type CategoryHeading = keyof typeof HEADINGS;

export const CATEGORY_HEADINGS = Object.keys(HEADINGS) as CategoryHeading[];

export function headingInfo(heading: CategoryHeading): HeadingInfo {
  return HEADINGS[heading];
}

export function isSpecialHeading(heading: CategoryHeading): boolean {
  return 'special' in HEADINGS[heading];
}

/** The headings that cover a field of this Gardien category. */
export function headingsCovering(category: DataCategory): CategoryHeading[] {
  return CATEGORY_HEADINGS.filter((h) => (HEADINGS[h].covers as readonly DataCategory[]).includes(category));
}
