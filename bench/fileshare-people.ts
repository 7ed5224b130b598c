/**
 * The fictional people of the benchmark share, and the seeded randomness that
 * writes them into files. Emails are on reserved example domains; phone
 * numbers are in the ranges ARCEP keeps for fiction (01 99 00, 02 61 91, …).
 * A few regulars (the demo people first) are in many files, most in a few.
 */
import { parsePhoneNumber } from 'libphonenumber-js';
import { demoPeopleIn } from '../devstack/demo/people.js';

export interface BenchPerson {
  index: number;
  firstName: string;
  lastName: string;
  email: string;
  /** E.164 */
  phone: string;
  company: string;
  city: string;
}

export type Random = () => number;

/** mulberry32: the same share on every run for the same seed. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
export const between = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
/** Mostly small, now and then large: what sizes on a real share look like. */
export const skewed = (random: Random, min: number, max: number): number => Math.round(min * (max / min) ** (random() ** 3));

const FIRST = ['Camille', 'Léa', 'Hugo', 'Chloé', 'Louis', 'Manon', 'Jules', 'Inès', 'Nathan', 'Sarah', 'Théo', 'Jade', 'Raphaël', 'Zoé', 'Arthur', 'Lina', 'Gabriel', 'Anna', 'Adam', 'Clara', 'Oliver', 'Emma', 'Lukas', 'Mia', 'Marco', 'Giulia', 'Pablo', 'Lucía', 'Yasmine', 'Karim', 'Sophie', 'Thomas', 'Julie', 'Nicolas', 'Élodie', 'Maxime'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Weber', 'Rossi', 'Novak', 'Haddad', 'Lemaire', 'Chevalier', 'Faure'];
const CITIES = ['Lyon', 'Paris', 'Marseille', 'Nantes', 'Lille', 'Bordeaux', 'Toulouse', 'Rennes', 'Strasbourg', 'Grenoble', 'Dijon', 'Montpellier'];
const COMPANY = ['Conseil', 'Logistique', 'Industries', 'Avocats', 'Design', 'Bâtiment', 'Informatique', 'Distribution', 'Santé', 'Transports'];
const DOMAINS = ['example.fr', 'example.com', 'example.org', 'example.net', 'example.de'];
const FICTION = ['1 99 00', '2 61 91', '3 53 01', '4 65 71', '5 36 49', '6 39 98'];

const ascii = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

export function benchPeople(count: number, random: Random): BenchPerson[] {
  const people: BenchPerson[] = demoPeopleIn('fileshare').map((p, index) => ({ index, ...p }));
  for (let i = people.length; i < count; i++) {
    const [firstName, lastName] = [pick(random, FIRST), pick(random, LAST)];
    const digits = String(Math.floor(i / FICTION.length)).padStart(4, '0');
    people.push({
      index: i,
      firstName,
      lastName,
      email: `${ascii(firstName)}.${ascii(lastName)}.${i}@${pick(random, DOMAINS)}`,
      phone: `+33${FICTION[i % FICTION.length]!.replace(/ /g, '')}${digits}`,
      company: `${lastName} ${pick(random, COMPANY)}`,
      city: pick(random, CITIES),
    });
  }
  return people;
}

/** Someone to write into a file: now and then one of the first `regulars` (the first most often), else anyone. */
export function somebody(people: readonly BenchPerson[], random: Random, regulars = 24): BenchPerson {
  if (random() < 0.03) return people[Math.floor(regulars ** random()) - 1]!;
  return pick(random, people);
}

/** A phone number as colleagues type them: national with spaces, dots or none, or international. */
export function writtenPhone(person: BenchPerson, random: Random): string {
  const phone = parsePhoneNumber(person.phone);
  if (phone.country !== 'FR') return phone.formatInternational(); // abroad, the share is read with FR as the default country
  const national = phone.formatNational();
  return pick(random, [national, national.replace(/ /g, '.'), national.replace(/ /g, ''), phone.formatInternational()]);
}

/** An address as written, now and then with capitals as a person typed it. */
export function writtenEmail(person: BenchPerson, random: Random): string {
  if (random() > 0.1) return person.email;
  const [local, domain] = person.email.split('@') as [string, string];
  return `${local.replace(/(^|\.)(\p{L})/gu, (_, dot: string, c: string) => dot + c.toUpperCase())}@${domain.replace(/^e/, 'E')}`;
}

export const fullName = (p: BenchPerson): string => `${p.firstName} ${p.lastName}`;
