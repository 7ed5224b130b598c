/**
 * The fictional people of the erasure benchmark, generated at run time and
 * written into the three connected systems the way the demo people are: a
 * billing customer with an address, two orders and an invoice; a Salesforce
 * Contact with its Account, Individual, two call Tasks, a Note and a Case; a
 * HubSpot contact with two notes, a deal, a ticket and an email subscription.
 * Emails are on reserved example domains, phones in ARCEP's range for fiction.
 */
import { createClient, type InStatement } from '@libsql/client';
import type { OrgState } from '../devstack/emulators/salesforce/org.js';
import type { PortalState } from '../devstack/emulators/hubspot/portal.js';
import type { BenchPerson } from './fileshare-people.js';

/** The fileshare bench's person, without its place in that share's list. */
export type ErasurePerson = Omit<BenchPerson, 'index'>;

const FIRST = ['Léa', 'Hugo', 'Chloé', 'Louis', 'Manon', 'Jules', 'Inès', 'Nathan', 'Sarah', 'Théo', 'Jade', 'Raphaël', 'Zoé', 'Arthur', 'Lina', 'Oliver', 'Emma', 'Lukas', 'Giulia', 'Pablo'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Petit', 'Leroy', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'Roux', 'Fournier', 'Girard', 'Mercier', 'Lambert', 'Bonnet', 'Weber', 'Rossi', 'Haddad', 'Chevalier'];
const CITIES = ['Lyon', 'Paris', 'Marseille', 'Nantes', 'Lille', 'Bordeaux', 'Toulouse', 'Rennes'];
const TRADES = ['Conseil', 'Logistique', 'Industries', 'Design', 'Informatique', 'Transports'];

const ascii = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** `count` different people; the same ones on every run. */
export function erasurePeople(count: number): ErasurePerson[] {
  if (count > 10_000) throw new Error('at most 10,000 people: their phone numbers must stay in the fiction range');
  return Array.from({ length: count }, (_, i) => {
    const firstName = FIRST[i % FIRST.length]!;
    const lastName = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    return {
      firstName,
      lastName,
      email: `${ascii(firstName)}.${ascii(lastName)}.${i}@example.org`,
      phone: `+3319900${String(i).padStart(4, '0')}`,
      company: `${lastName} ${TRADES[i % TRADES.length]}`,
      city: CITIES[i % CITIES.length]!,
    };
  });
}

const nationalPhone = (p: ErasurePerson) => `0${p.phone.slice(3)}`.replace(/(\d\d)(?=\d)/g, '$1 ');

/** Adds the people to a billing database made by `seedDemoSqlite` (its schema, after its own customers). */
export async function seedBillingDatabase(file: string, people: readonly ErasurePerson[]): Promise<void> {
  const client = createClient({ url: `file:${file}` });
  try {
    const statements: InStatement[] = [];
    people.forEach((p, i) => {
      const id = 10_000 + i;
      statements.push(
        { sql: 'INSERT INTO addresses VALUES (?, ?, ?, ?, ?)', args: [id, `${1 + (i % 90)} rue de la Paix`, `${69000 + (i % 9)}`, p.city, 'FR'] },
        {
          sql: 'INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 1)',
          args: [id, `CUST-${id}`, p.firstName, p.lastName, p.email, nationalPhone(p), p.company, 'fr', 'Client fidèle, préfère le courriel.', id, '2022-05-10 09:30:00'],
        },
      );
      for (let n = 0; n < 2; n++) {
        const orderId = id * 10 + n;
        const amount = (90 + (i % 40) * 5 + n * 50).toFixed(2);
        statements.push({ sql: 'INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)', args: [orderId, id, `2024-0${3 + n}-15 14:00:00`, 'Annual subscription', amount, n === 0 ? 'invoiced' : 'open'] });
        if (n === 0) statements.push({ sql: 'INSERT INTO invoices VALUES (?, ?, ?, ?, ?, ?, ?, ?)', args: [orderId, `2024-B${id}`, id, orderId, `${p.firstName} ${p.lastName}`, p.email, amount, '2024-03-20'] });
      }
    });
    await client.batch(statements, 'write');
  } finally {
    client.close();
  }
}

export function seedSalesforceOrg(org: OrgState, people: readonly ErasurePerson[]): void {
  const system = { system: true };
  for (const p of people) {
    const account = org.insert('Account', { Name: p.company, Type: 'Customer - Direct', BillingCity: p.city, BillingCountry: 'FR' }, system);
    const individual = org.insert('Individual', { FirstName: p.firstName, LastName: p.lastName }, system);
    const contact = org.insert('Contact', {
      FirstName: p.firstName, LastName: p.lastName, Email: p.email, IndividualId: individual.Id, AccountId: account.Id,
      MobilePhone: nationalPhone(p), MailingCity: p.city, MailingCountry: 'FR', LeadSource: 'Web', Description: 'Contact principal du compte.',
    }, system);
    for (const [n, text] of ['Appel de découverte, rappeler en fin de mois.', 'Relance sur le renouvellement annuel.'].entries()) {
      org.insert('Task', { WhoId: contact.Id, WhatId: account.Id, Subject: `Appel ${n + 1}`, Status: 'Completed', Type: 'Call', ActivityDate: `2024-0${4 + n}-12`, Description: text }, system);
    }
    org.insert('Note', { ParentId: contact.Id, Title: 'Compte-rendu de visite', Body: `Visite à ${p.city} : intérêt pour l’offre annuelle, budget à confirmer.` }, system);
    org.insert('Case', { ContactId: contact.Id, AccountId: account.Id, Subject: 'Facture reçue en double', Description: 'Merci d’annuler le doublon.', Status: 'Closed', Origin: 'Email' }, system);
  }
}

export function seedHubspotPortal(portal: PortalState, people: readonly ErasurePerson[]): void {
  for (const p of people) {
    const contact = portal.create('contacts', {
      email: p.email, firstname: p.firstName, lastname: p.lastName, phone: nationalPhone(p), company: p.company, city: p.city,
      country: 'France', hs_language: 'fr', lifecyclestage: 'customer', hs_analytics_source: 'ORGANIC_SEARCH',
    });
    portal.subscriptions.set(p.email, new Map([['87294215', { status: 'SUBSCRIBED', legalBasis: 'CONSENT_WITH_NOTICE' }]]));
    for (const text of ['Premier échange, envoyer la plaquette.', 'A demandé un devis pour dix postes.']) {
      const note = portal.create('notes', { hs_note_body: `<p>${text}</p>`, hs_timestamp: portal.tick(0) });
      portal.associate('notes', note.id, 'contacts', contact.id);
    }
    const deal = portal.create('deals', { dealname: `${p.company} — abonnement`, amount: '2400', dealstage: 'closedwon', pipeline: 'default', closedate: portal.tick(0) });
    portal.associate('deals', deal.id, 'contacts', contact.id);
    const ticket = portal.create('tickets', { subject: 'Accès au portail', content: 'Le lien de connexion a expiré.', hs_pipeline: '0', hs_pipeline_stage: '1', hs_ticket_priority: 'LOW' });
    portal.associate('tickets', ticket.id, 'contacts', contact.id);
  }
}
