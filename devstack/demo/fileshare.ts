/**
 * The demo file share: the documents a sales team leaves on a shared drive —
 * a CRM export, a trade-fair attendee list, a quote letter, an invoice, an
 * email, a JSON export and meeting notes — about the demo people whose
 * systems include 'fileshare'. Created once; later starts keep it (and any
 * erasure done to it).
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { parsePhoneNumber } from 'libphonenumber-js';
import { docxBytes, emlBytes, pdfBytes, writeFiles, xlsxBytes } from './documents.js';
import type { RegisterConnectorInput } from '../../connectors/sdk/catalog.js';
import { type DemoPerson, demoPeopleIn } from './people.js';

export const DEMO_FILESHARE_CONNECTOR_NAME = 'shared-drive';

/** As a colleague would type it: national format at home, international otherwise. */
const written = (p: DemoPerson) => (p.country === 'FR' ? parsePhoneNumber(p.phone).formatNational() : parsePhoneNumber(p.phone).formatInternational());
const fullName = (p: DemoPerson) => `${p.firstName} ${p.lastName}`;

export async function demoShareFiles(): Promise<Record<string, string | Buffer>> {
  const people = demoPeopleIn('fileshare');
  const person = (key: string) => people.find((p) => p.key === key)!;
  const [camille, amina, elise] = [person('camille'), person('amina'), person('elise')];
  const frenchClients = people.filter((p) => p.country === 'FR');
  return {
    'ventes/export-crm-2024.csv': [
      'Nom;Prénom;E-mail;Téléphone;Ville;Société;Remarque',
      ...frenchClients.map((p) => [p.lastName, p.firstName, p.email, written(p), p.city, p.company, `"${p.notes[0]!.replace(/"/g, '""')}"`].join(';')),
    ].join('\r\n') + '\r\n',
    'evenements/salon-2023-participants.xlsx': await xlsxBytes([
      { name: 'Participants', rows: [['Name', 'Email', 'Phone', 'Company', 'Country'], ...people.map((p) => [fullName(p), p.email, written(p), p.company, p.country])] },
      { name: 'Suivi', rows: [['Email', 'Action'], ...people.map((p) => [p.email, p.notes[p.notes.length - 1]!])] },
    ]),
    'courrier/devis-formation-dpo.docx': await docxBytes([
      `Paris, le 4 mars 2024`,
      `${fullName(elise)}, ${elise.company}, ${elise.email}`,
      'Objet : proposition de formation DPO',
      `Madame, suite à notre échange, veuillez trouver ci-joint notre proposition pour la formation DPO de votre cabinet.`,
      'Nous restons à votre disposition. Le service commercial.',
    ]),
    'factures/facture-2024-031.pdf': await pdfBytes([
      ['Facture 2024-031', 'Date : 15 mars 2024', 'Module RGPD — licence annuelle : 1 800,00 EUR HT'],
      [`Client : ${fullName(amina)} <${amina.email}>`, `Tél. ${written(amina)}`, `${amina.company}, ${amina.city}`],
    ]),
    'mail/renouvellement-abonnement.eml': await emlBytes({
      from: { name: fullName(camille), address: camille.email },
      to: [{ name: 'Service commercial', address: 'ventes@gardien.example' }],
      subject: 'Renouvellement de mon abonnement',
      text: `Bonjour,\nje souhaite renouveler mon abonnement annuel.\nVous pouvez me joindre au ${written(camille)}.\n${fullName(camille)}\n`,
      date: new Date('2024-03-12T09:30:00Z'),
      messageId: '<renouvellement-2024@ateliers-durand.example>',
    }),
    'exports/contacts-newsletter.json': JSON.stringify(
      { exportedAt: '2024-04-01T08:00:00Z', list: 'newsletter-fr', contacts: frenchClients.map((p) => ({ name: fullName(p), email: p.email, city: p.city, consent: true })) },
      null,
      2,
    ),
    'reunions/2024-03-12-point-commercial.md': [
      '# Point commercial du 12 mars 2024',
      '',
      ...[camille, amina].map((p) => `- ${fullName(p)} <${p.email}> : ${p.notes[0]}`),
      '- Budget salon 2024 validé.',
      '',
    ].join('\n'),
  };
}

/** Creates the demo share in `dir` unless it exists; written aside and moved in place, so an interrupted start never leaves half of it. */
export async function seedDemoShare(dir: string): Promise<void> {
  if (existsSync(dir)) return;
  const partial = `${dir}.partial`;
  await fs.rm(partial, { recursive: true, force: true });
  await writeFiles(partial, await demoShareFiles());
  await fs.rename(partial, dir);
}

export function demoFileshareConnectorInput(dir: string): RegisterConnectorInput {
  return { kind: 'fileshare', name: DEMO_FILESHARE_CONNECTOR_NAME, config: { roots: [path.resolve(dir)] }, secrets: null };
}
