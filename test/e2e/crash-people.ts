/**
 * The batch of the crash-safety suite: eight fictional customers, each in the
 * shop's PostgreSQL database, the Salesforce org and the HubSpot portal, with
 * a few records in each. Nobody here is real.
 */
import type { HubspotEmulator } from '../../devstack/emulators/hubspot/server.js';
import type { SalesforceEmulator } from '../../devstack/emulators/salesforce/server.js';
import type { ShopCustomer } from './shop-postgres.js';

export interface BatchPerson extends ShopCustomer {
  company: string;
}

const person = (id: number, firstName: string, lastName: string, email: string, phone: string, city: string, company: string): BatchPerson => ({
  id, customerNumber: `SHOP-${id}`, firstName, lastName, email, phone, city, company,
});

export const BATCH_PEOPLE: readonly BatchPerson[] = [
  person(101, 'Margaux', 'Lefèvre', 'margaux.lefevre@example.fr', '+33 6 21 43 65 87', 'Rennes', 'Lefèvre Céramique'),
  person(102, 'Oskar', 'Lindqvist', 'oskar.lindqvist@example.se', '+46 70 123 45 67', 'Uppsala', 'Lindqvist Trä AB'),
  person(103, 'Chiara', 'Bellini', 'chiara.bellini@example.it', '+39 333 765 4321', 'Bologna', 'Bellini Tessuti'),
  person(104, 'Tobias', 'Krüger', 'tobias.krueger@example.de', '+49 171 234 5678', 'Leipzig', 'Krüger Metallbau'),
  person(105, 'Inès', 'Haddad', 'ines.haddad@example.fr', '+33 7 88 12 34 56', 'Toulouse', 'Haddad Traiteur'),
  person(106, 'Pieter', 'de Vries', 'pieter.devries@example.nl', '+31 6 12 34 56 78', 'Utrecht', 'De Vries Fietsen'),
  person(107, 'Aoife', 'Brennan', 'aoife.brennan@example.ie', '+353 87 123 4567', 'Galway', 'Brennan Knitwear'),
  person(108, 'Mateo', 'Álvarez', 'mateo.alvarez@example.es', '+34 612 34 56 78', 'Valencia', 'Álvarez Cerámica'),
];

/** A Contact with its Individual, a Task and a Note; returns their ids. */
export function seedSalesforcePerson(sf: SalesforceEmulator, p: BatchPerson): string[] {
  const system = { system: true };
  const individual = sf.state.insert('Individual', { FirstName: p.firstName, LastName: p.lastName }, system);
  const contact = sf.state.insert('Contact', {
    FirstName: p.firstName, LastName: p.lastName, Email: p.email, MobilePhone: p.phone, MailingCity: p.city, IndividualId: individual.Id, LeadSource: 'Web',
  }, system);
  const { taskIds, noteIds } = sf.seedBulk(contact.Id, 1);
  return [individual.Id, contact.Id, ...taskIds, ...noteIds];
}

/** A contact with two notes; returns their ids. */
export function seedHubspotPerson(hs: HubspotEmulator, p: BatchPerson): string[] {
  const contact = hs.state.create('contacts', { email: p.email, firstname: p.firstName, lastname: p.lastName, phone: p.phone, city: p.city, company: p.company, lifecyclestage: 'customer' });
  return [contact.id, ...hs.seedBulk(contact.id, 2)];
}
