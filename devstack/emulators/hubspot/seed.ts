/**
 * The demo portal: the demo people who live in HubSpot, as a sales and support
 * team would have left them — phones typed in local formats, notes, emails,
 * calls, tickets and deals in French and English, one note shared by two
 * contacts, and email subscriptions with their legal basis.
 */
import { DEMO_PEOPLE, type DemoPerson } from '../../demo/people.js';
import type { CrmRecord, PortalState, SubscriptionStatus } from './portal.js';

interface Activity {
  subject: string;
  text: string;
}

interface PortalExtras {
  phone?: string;
  /** Synced from the ERP for customers. */
  customerNumber?: string;
  /** Secondary addresses HubSpot merged in (read-only through the API). */
  additionalEmails?: string;
  /** Where HubSpot's analytics placed the visitor. */
  ipCity?: string;
  mobilephone?: string;
  jobtitle: string;
  lifecyclestage: string;
  /** Subscription id → legal basis of the consent. */
  subscriptions: Record<string, string>;
  emails?: (Activity & { incoming?: boolean })[];
  calls?: Activity[];
  tickets?: Activity[];
  deals?: { name: string; amount: string; stage: string }[];
}

const OWNER = '81234567';
const TEAM_MAILBOX = { email: 'ventes@gardien-demo.example', firstName: 'Claire', lastName: 'Martin' };
const COUNTRY_NAMES: Record<string, string> = { FR: 'France', GB: 'United Kingdom', IT: 'Italy', DE: 'Germany', CZ: 'Czechia' };

const EXTRAS: Record<string, PortalExtras> = {
  camille: {
    phone: '06 12 34 56 78',
    customerNumber: 'ERP-20190042',
    ipCity: 'Villeurbanne',
    jobtitle: 'Gérante',
    lifecyclestage: 'customer',
    subscriptions: { '87294215': 'CONSENT_WITH_NOTICE', '87294217': 'LEGITIMATE_INTEREST_CLIENT' },
    emails: [{ subject: 'Renouvellement de votre abonnement', text: 'Bonjour Camille,\n\nVotre abonnement annuel arrive à échéance le 30 avril. Souhaitez-vous le renouveler aux mêmes conditions ?\n\nBien cordialement,\nClaire' }],
    tickets: [{ subject: 'Facture de mars reçue en double', text: "Bonjour, j'ai reçu deux fois la facture de mars, pouvez-vous annuler le doublon ? Merci. Camille Durand" }],
    deals: [{ name: 'Ateliers Durand — renouvellement annuel', amount: '4800', stage: 'closedwon' }],
  },
  james: {
    phone: '+44 7911 123456',
    additionalEmails: 'james@whitfield-sons.example',
    jobtitle: 'Operations Director',
    lifecyclestage: 'opportunity',
    subscriptions: { '87294215': 'CONSENT_WITH_NOTICE', '87294216': 'CONSENT_WITH_NOTICE' },
    emails: [{ subject: 'Re: Quote for 25 seats', text: 'Hi Claire,\n\nThanks for the demo. Could you send the quote for 25 seats by Friday? I am away from mid-June.\n\nJames', incoming: true }],
    calls: [{ subject: 'Discovery call', text: 'Talked through their current spreadsheets; 3 sites, 25 users. Budget approved for Q3.' }],
    deals: [{ name: 'Whitfield & Sons — 25 seats', amount: '12500', stage: 'contractsent' }],
  },
  lucas: {
    mobilephone: '+33 7 01 02 03 04',
    jobtitle: 'Responsable logistique',
    lifecyclestage: 'marketingqualifiedlead',
    subscriptions: { '87294216': 'LEGITIMATE_INTEREST_PQL' },
    calls: [{ subject: 'Relance livre blanc', text: 'Messagerie. Rappeler jeudi matin, il préfère le portable.' }],
  },
  sofia: {
    phone: '+39 347 123 4567',
    jobtitle: 'Founder',
    lifecyclestage: 'subscriber',
    subscriptions: {},
    tickets: [{ subject: 'Unsubscribe request', text: 'Please remove me from your newsletter, I never signed up for it. Sofia Ricci' }],
  },
};

export function seedDemoPortal(portal: PortalState): void {
  const contacts = new Map<string, CrmRecord>();
  for (const person of DEMO_PEOPLE.filter((p) => p.systems.includes('hubspot'))) contacts.set(person.key, seedPerson(portal, person, EXTRAS[person.key]));
  const [camille, james] = [contacts.get('camille'), contacts.get('james')];
  if (camille && james) {
    const shared = note(portal, 'Appel commun avec Camille Durand et James Whitfield : projet de distribution au Royaume-Uni. Envoyer le projet de contrat aux deux.');
    portal.associate('notes', shared.id, 'contacts', camille.id);
    portal.associate('notes', shared.id, 'contacts', james.id);
  }
}

function seedPerson(portal: PortalState, person: DemoPerson, extras: PortalExtras | undefined): CrmRecord {
  const contact = portal.create('contacts', {
    email: person.email,
    firstname: person.firstName,
    lastname: person.lastName,
    phone: extras ? (extras.phone ?? null) : person.phone,
    mobilephone: extras?.mobilephone ?? null,
    company: person.company,
    jobtitle: extras?.jobtitle ?? null,
    city: person.city,
    country: COUNTRY_NAMES[person.country] ?? person.country,
    hs_language: person.language,
    lifecyclestage: extras?.lifecyclestage ?? 'lead',
    hs_analytics_source: 'ORGANIC_SEARCH',
    customer_number: extras?.customerNumber ?? null,
    hs_additional_emails: extras?.additionalEmails ?? null,
    ip_city: extras?.ipCity ?? null,
  });
  const statuses = new Map<string, SubscriptionStatus>();
  for (const [id, legalBasis] of Object.entries(extras?.subscriptions ?? {})) statuses.set(id, { status: 'SUBSCRIBED', legalBasis });
  portal.subscriptions.set(person.email, statuses);
  for (const text of person.notes) portal.associate('notes', note(portal, text).id, 'contacts', contact.id);
  for (const mail of extras?.emails ?? []) {
    const headers = mail.incoming
      ? { from: { email: person.email, firstName: person.firstName, lastName: person.lastName }, to: [TEAM_MAILBOX], cc: [], bcc: [] }
      : { from: TEAM_MAILBOX, to: [{ email: person.email, firstName: person.firstName, lastName: person.lastName }], cc: [], bcc: [] };
    const email = portal.create('emails', {
      hs_timestamp: portal.tick(0),
      hs_email_direction: mail.incoming ? 'INCOMING_EMAIL' : 'EMAIL',
      hs_email_status: 'SENT',
      hs_email_subject: mail.subject,
      hs_email_text: mail.text,
      hs_email_html: `<div>${mail.text.replace(/\n/g, '<br>')}</div>`,
      hs_email_headers: JSON.stringify(headers),
      hubspot_owner_id: OWNER,
    });
    portal.associate('emails', email.id, 'contacts', contact.id);
  }
  for (const call of extras?.calls ?? []) {
    const record = portal.create('calls', {
      hs_timestamp: portal.tick(0),
      hs_call_title: call.subject,
      hs_call_body: `<p>${call.text}</p>`,
      hs_call_direction: 'OUTBOUND',
      hs_call_duration: '420000',
      hs_call_to_number: person.phone,
      hs_call_from_number: '+33 4 72 00 00 00',
      hs_call_status: 'COMPLETED',
      hubspot_owner_id: OWNER,
    });
    portal.associate('calls', record.id, 'contacts', contact.id);
  }
  for (const ticket of extras?.tickets ?? []) {
    const record = portal.create('tickets', { subject: ticket.subject, content: ticket.text, hs_pipeline: '0', hs_pipeline_stage: '1', hs_ticket_priority: 'MEDIUM' });
    portal.associate('tickets', record.id, 'contacts', contact.id);
  }
  for (const deal of extras?.deals ?? []) {
    const record = portal.create('deals', { dealname: deal.name, amount: deal.amount, dealstage: deal.stage, pipeline: 'default', closedate: portal.tick(0) });
    portal.associate('deals', record.id, 'contacts', contact.id);
  }
  return contact;
}

function note(portal: PortalState, text: string): CrmRecord {
  return portal.create('notes', { hs_note_body: `<p>${text}</p>`, hs_timestamp: portal.tick(0), hubspot_owner_id: OWNER });
}

const BULK_LINES = [
  'Relance téléphonique, pas de réponse. Nouvel essai la semaine prochaine.',
  'Sent the updated price list and the onboarding guide.',
  'Visite sur site : l’équipe logistique a posé des questions sur l’export des données.',
  'Asked about invoices by email rather than post; switched the billing preference.',
  'Compte rendu de réunion : validation du planning de déploiement.',
];

/** Adds n notes to one contact (thousands, for large-data tests); returns their ids. */
export function seedBulk(portal: PortalState, contactId: string, n: number): string[] {
  if (!portal.get('contacts', contactId)) throw new Error(`no contact ${contactId} in the emulated portal`);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const record = note(portal, `#${i + 1} ${BULK_LINES[i % BULK_LINES.length]!}`);
    portal.associate('notes', record.id, 'contacts', contactId);
    ids.push(record.id);
  }
  return ids;
}
