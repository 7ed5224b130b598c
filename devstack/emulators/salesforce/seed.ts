/**
 * The demo org: the demo people who live in Salesforce, as a sales and support
 * team would have entered them — phones in local formats, an email typed in
 * capitals, a web-to-case without a contact, free-text call notes.
 */
import { demoPeopleIn, type DemoPerson } from '../../demo/people.js';
import type { OrgState } from './org.js';

interface PersonExtras {
  /** Contacts are customers; a lead is someone sales has not converted yet. */
  as: 'Contact' | 'Lead';
  storedPhone: string;
  title: string;
  street: string;
  postalCode: string;
  birthdate?: string;
  cases: { subject: string; description: string; status: string; origin: string; viaWebOnly?: boolean }[];
  campaign?: 'gdpr' | 'launch';
  longNote: { title: string; body: string };
}

const EXTRAS: Record<string, PersonExtras> = {
  camille: {
    as: 'Contact', storedPhone: '+33 6 12 34 56 78', title: 'Gérante', street: '14 rue de la Charité', postalCode: '69002', birthdate: '1986-04-17',
    cases: [{ subject: 'Facture de mars reçue en double', description: 'Bonjour, j’ai reçu deux fois la facture de mars pour le même abonnement. Pouvez-vous annuler la seconde ? Merci, Camille Durand', status: 'Closed', origin: 'Email' }],
    campaign: 'gdpr',
    longNote: { title: 'Compte-rendu de visite', body: 'Visite à l’atelier de Lyon le 4 mars. Camille gère seule la partie administrative depuis le départ de son associé. Budget serré cette année, mais intérêt réel pour l’offre annuelle si le paiement peut être mensualisé. Son numéro personnel est le seul joignable en journée.' },
  },
  james: {
    as: 'Contact', storedPhone: '+44 7911 123456', title: 'Operations Director', street: '22 Deansgate', postalCode: 'M3 1RH',
    cases: [{ subject: 'Cannot log in after password reset', description: 'James reports that the reset link expires immediately. Reproduced on Chrome; workaround sent by email.', status: 'Working', origin: 'Phone' }],
    campaign: 'launch',
    longNote: { title: 'Account plan FY25', body: 'Whitfield & Sons are consolidating suppliers. James is the decision maker, his CFO signs above 20k. He asked us not to call his mobile before 9am. Renewal risk: medium.' },
  },
  amina: {
    as: 'Lead', storedPhone: '06 98 76 54 32', title: 'Consultante RGPD', street: '5 quai du Port', postalCode: '13002',
    cases: [],
    campaign: 'gdpr',
    longNote: { title: 'Salon Vivatech', body: 'Rencontrée sur le stand. Accompagne des PME marseillaises sur leur mise en conformité, cherche un outil pour traiter les demandes d’accès de ses clients. Rappeler après l’envoi de la documentation.' },
  },
  elise: {
    as: 'Contact', storedPhone: '01 45 67 89 01', title: 'Avocate associée', street: '8 boulevard Malesherbes', postalCode: '75008', birthdate: '1979-11-02',
    cases: [
      { subject: 'Devis formation DPO', description: 'Maître Fontaine souhaite un devis pour former quatre collaborateurs du cabinet au rôle de DPO, sessions à Paris de préférence.', status: 'New', origin: 'Phone' },
      { subject: 'Demande via le formulaire du site', description: 'Message laissé sur le site : « Merci de me recontacter au sujet de la facturation du cabinet. »', status: 'New', origin: 'Web', viaWebOnly: true },
    ],
    longNote: { title: 'Historique client', body: 'Cliente depuis 2019, très attentive aux clauses de confidentialité. A demandé que toute correspondance passe par son adresse professionnelle.' },
  },
};

export function seedDemoOrg(org: OrgState): void {
  const system = { system: true };
  const campaigns = {
    gdpr: org.insert('Campaign', { Name: 'Webinaire RGPD – printemps 2024', Type: 'Webinar', Status: 'Completed', StartDate: '2024-04-11', IsActive: false }, system).Id,
    launch: org.insert('Campaign', { Name: 'Spring product launch 2024', Type: 'Email', Status: 'Completed', StartDate: '2024-03-20', IsActive: false }, system).Id,
  };
  for (const person of demoPeopleIn('salesforce')) {
    const extras = EXTRAS[person.key];
    if (extras) seedPerson(org, person, extras, campaigns);
  }
}

function seedPerson(org: OrgState, p: DemoPerson, x: PersonExtras, campaigns: Record<'gdpr' | 'launch', string>): void {
  const system = { system: true };
  const account = org.insert('Account', { Name: p.company, Type: 'Customer - Direct', BillingCity: p.city, BillingCountry: p.country }, system);
  const individual = org.insert('Individual', { FirstName: p.firstName, LastName: p.lastName, BirthDate: x.birthdate ?? null }, system);
  const person = { FirstName: p.firstName, LastName: p.lastName, Email: p.email, Title: x.title, IndividualId: individual.Id };
  const owner =
    x.as === 'Contact'
      ? org.insert('Contact', {
          ...person, AccountId: account.Id, MobilePhone: x.storedPhone, MailingStreet: x.street, MailingCity: p.city,
          MailingPostalCode: x.postalCode, MailingCountry: p.country, Birthdate: x.birthdate ?? null, LeadSource: 'Web',
          Description: p.notes[0] ?? null,
        }, system)
      : org.insert('Lead', {
          ...person, Company: p.company, Phone: x.storedPhone, Street: x.street, City: p.city, PostalCode: x.postalCode,
          Country: p.country, LeadSource: 'Trade Show', Description: p.notes[0] ?? null,
        }, system);
  const french = p.language === 'fr';
  p.notes.forEach((text, i) => {
    org.insert('Task', {
      WhoId: owner.Id, WhatId: x.as === 'Contact' ? account.Id : null, Subject: french ? `Appel ${i + 1}` : `Call ${i + 1}`,
      Status: 'Completed', Type: 'Call', ActivityDate: `2024-0${3 + i}-12`, Description: text,
    }, system);
  });
  org.insert('Note', { ParentId: owner.Id, Title: x.longNote.title, Body: x.longNote.body }, system);
  for (const c of x.cases) {
    const origin = c.viaWebOnly
      ? { SuppliedName: `${p.firstName} ${p.lastName}`, SuppliedEmail: p.email.toUpperCase(), SuppliedPhone: x.storedPhone }
      : { ContactId: owner.Id, AccountId: account.Id };
    org.insert('Case', { ...origin, Subject: c.subject, Description: c.description, Status: c.status, Origin: c.origin }, system);
  }
  if (x.campaign) {
    org.insert('CampaignMember', { CampaignId: campaigns[x.campaign], [x.as === 'Contact' ? 'ContactId' : 'LeadId']: owner.Id, Status: 'Responded' }, system);
  }
  if (p.key === 'james') {
    // The same man again, from a web form, his email typed with capitals: a lookup must find both.
    org.insert('Lead', {
      FirstName: p.firstName, LastName: p.lastName, Company: p.company, Email: 'James.Whitfield@Example.co.uk',
      Phone: '07911 123456', Country: 'GB', LeadSource: 'Web', Description: 'Downloaded the GDPR checklist; asked for pricing for 25 seats.',
    }, system);
  }
}

const BULK_TEXT = [
  'Relance téléphonique : pas de réponse, message laissé sur le répondeur. Le client avait demandé un rappel en fin de semaine pour discuter du renouvellement et des conditions de paiement. ',
  'Follow-up call: discussed the onboarding plan, the customer asked for a summary by email and a second session with their IT team next month. They mentioned budget approval is pending. ',
];

/** Thousands of activities for one person, to show reading page by page. */
export function seedBulk(org: OrgState, parentId: string, n: number): { taskIds: string[]; noteIds: string[] } {
  const system = { system: true };
  const taskIds: string[] = [];
  const noteIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const text = `${BULK_TEXT[i % 2]!.repeat(5)}(#${i + 1})`;
    taskIds.push(org.insert('Task', { WhoId: parentId, Subject: `Relance ${i + 1}`, Status: 'Completed', Type: 'Call', Description: text }, system).Id);
    noteIds.push(org.insert('Note', { ParentId: parentId, Title: `Note ${i + 1}`, Body: text }, system).Id);
  }
  return { taskIds, noteIds };
}
