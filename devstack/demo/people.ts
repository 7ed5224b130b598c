/**
 * The fictional people every demo system is seeded with. Some live in several
 * systems, some in one, so a lookup shows federation at work. Nobody here is real.
 */
export type DemoSystem = 'sql' | 'salesforce' | 'hubspot' | 'fileshare';

export interface DemoPerson {
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  /** E.164 */
  phone: string;
  language: 'fr' | 'en';
  city: string;
  country: string;
  company: string;
  systems: DemoSystem[];
  /** Free-text notes as a salesperson or support agent would write them. */
  notes: string[];
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    key: 'camille',
    firstName: 'Camille',
    lastName: 'Durand',
    email: 'camille.durand@example.fr',
    phone: '+33612345678',
    language: 'fr',
    city: 'Lyon',
    country: 'FR',
    company: 'Ateliers Durand',
    systems: ['sql', 'salesforce', 'hubspot', 'fileshare'],
    notes: [
      'Appel du 12 mars : Camille souhaite renouveler son abonnement annuel, rappeler avant fin avril.',
      'Préfère être contactée par e-mail, pas de démarchage téléphonique.',
    ],
  },
  {
    key: 'james',
    firstName: 'James',
    lastName: 'Whitfield',
    email: 'james.whitfield@example.co.uk',
    phone: '+447911123456',
    language: 'en',
    city: 'Manchester',
    country: 'GB',
    company: 'Whitfield & Sons',
    systems: ['sql', 'salesforce', 'hubspot'],
    notes: [
      'Demo went well, James wants a quote for 25 seats before the end of the quarter.',
      'Mentioned he will be off for a knee operation in June; follow up in July.',
    ],
  },
  {
    key: 'amina',
    firstName: 'Amina',
    lastName: 'Benali',
    email: 'amina.benali@example.fr',
    phone: '+33698765432',
    language: 'fr',
    city: 'Marseille',
    country: 'FR',
    company: 'Benali Conseil',
    systems: ['salesforce', 'fileshare'],
    notes: ['Rendez-vous salon Vivatech : intéressée par le module RGPD, envoyer la documentation.'],
  },
  {
    key: 'lucas',
    firstName: 'Lucas',
    lastName: 'Moreau',
    email: 'lucas.moreau@example.fr',
    phone: '+33701020304',
    language: 'fr',
    city: 'Nantes',
    country: 'FR',
    company: 'Moreau Logistique',
    systems: ['hubspot', 'sql'],
    notes: ['A téléchargé le livre blanc, score de lead élevé. Relancer par téléphone.'],
  },
  {
    key: 'sofia',
    firstName: 'Sofia',
    lastName: 'Ricci',
    email: 'sofia.ricci@example.it',
    phone: '+393471234567',
    language: 'en',
    city: 'Milano',
    country: 'IT',
    company: 'Ricci Design',
    systems: ['hubspot'],
    notes: ['Asked to be removed from the newsletter after the last campaign.'],
  },
  {
    key: 'peter',
    firstName: 'Peter',
    lastName: 'Novak',
    email: 'peter.novak@example.com',
    phone: '+420601234567',
    language: 'en',
    city: 'Brno',
    country: 'CZ',
    company: 'Novak Engineering',
    systems: ['sql'],
    notes: ['Invoice 2024-118 disputed, resolved by credit note.'],
  },
  {
    key: 'elise',
    firstName: 'Élise',
    lastName: 'Fontaine',
    email: 'elise.fontaine@example.fr',
    phone: '+33145678901',
    language: 'fr',
    city: 'Paris',
    country: 'FR',
    company: 'Fontaine Avocats',
    systems: ['salesforce', 'sql', 'fileshare'],
    notes: ['Cliente depuis 2019. Demande de devis pour la formation DPO de son cabinet.'],
  },
  {
    key: 'noah',
    firstName: 'Noah',
    lastName: 'Schmidt',
    email: 'noah.schmidt@example.de',
    phone: '+4915112345678',
    language: 'en',
    city: 'Berlin',
    country: 'DE',
    company: 'Schmidt GmbH',
    systems: ['fileshare'],
    notes: ['Listed in the 2023 trade-fair attendee spreadsheet only.'],
  },
];

export function demoPeopleIn(system: DemoSystem): DemoPerson[] {
  return DEMO_PEOPLE.filter((p) => p.systems.includes(system));
}
