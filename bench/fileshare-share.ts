/**
 * The benchmark's file share, generated at run time in nested folders: notes,
 * call memos, logs, CRM exports (CSV, TSV, JSON), emails, attendee workbooks,
 * letters and reports (DOCX), invoices and statements (PDF with a text layer),
 * each a real document written by the libraries the tests use, each with its
 * own content. Sizes run from a few hundred bytes to a few hundred KB.
 */
import type { FileFormat } from '../connectors/fileshare/config.js';
import { formatOf } from '../connectors/fileshare/config.js';
import { docxBytes, emlBytes, pdfBytes, writeFiles, xlsxBytes } from '../devstack/demo/documents.js';
import { demoShareFiles } from '../devstack/demo/fileshare.js';
import { type BenchPerson, type Random, between, fullName, pick, seededRandom, skewed, somebody, writtenEmail, writtenPhone } from './fileshare-people.js';

/** A document and who can be found in it, by email or by phone. */
interface Written {
  content: string | Buffer;
  byEmail: Set<number>;
  byPhone: Set<number>;
}

interface Kind {
  folder: string;
  name: string;
  ext: string;
  /** Share of the files, in percent. */
  weight: number;
  build(w: Writer): Promise<string | Buffer> | string;
}

/** Picks people and remembers whom it wrote down. */
class Writer {
  readonly byEmail = new Set<number>();
  readonly byPhone = new Set<number>();
  constructor(
    readonly random: Random,
    private readonly people: readonly BenchPerson[],
  ) {}
  person(): BenchPerson {
    return somebody(this.people, this.random);
  }
  email(p: BenchPerson): string {
    this.byEmail.add(p.index);
    return writtenEmail(p, this.random);
  }
  phone(p: BenchPerson): string {
    this.byPhone.add(p.index);
    return writtenPhone(p, this.random);
  }
  filler(): string {
    return pick(this.random, FILLER);
  }
  date(): string {
    return `${between(this.random, 2019, 2024)}-${String(between(this.random, 1, 12)).padStart(2, '0')}-${String(between(this.random, 1, 28)).padStart(2, '0')}`;
  }
}

const FILLER = [
  'Budget du salon validé, stand de 18 m² réservé.',
  'Relancer le service achats avant la fin du trimestre.',
  'Le client attend la nouvelle grille tarifaire.',
  'Point sur la migration du module de facturation : rien de bloquant.',
  'Demo went well; they want a quote for the team licence.',
  'Contract renewal is due in the spring, no change in scope.',
  'Follow up after the holidays, nothing urgent.',
  'Livraison reportée à la semaine prochaine, transporteur prévenu.',
  'Questions sur la conservation des données : envoyer la politique RGPD.',
  'Ticket fermé après mise à jour du connecteur.',
  'Formation des nouveaux utilisateurs prévue en septembre.',
  'Remise de 5 % accordée sur la commande groupée.',
];
const PRODUCTS = ['Module RGPD', 'Licence annuelle', 'Formation DPO', 'Support premium', 'Connecteur CRM', 'Audit de conformité'];

const lines = <T,>(count: number, line: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => line(i));
const csvCell = (text: string) => (/[";\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export const KINDS: readonly Kind[] = [
  {
    folder: 'reunions', name: 'compte-rendu', ext: 'md', weight: 12,
    build: (w) => [`# Compte rendu du ${w.date()}`, '', ...lines(skewed(w.random, 2, 80), () => {
      const p = w.person();
      const r = w.random();
      return r < 0.5 ? `- ${fullName(p)} <${w.email(p)}> : ${w.filler()}` : r < 0.7 ? `- ${fullName(p)}, tél. ${w.phone(p)} : ${w.filler()}` : `- ${w.filler()}`;
    }), ''].join('\n'),
  },
  {
    folder: 'support', name: 'appel', ext: 'txt', weight: 10,
    build: (w) => {
      const p = w.person();
      return [`Appel du ${w.date()} — ${fullName(p)} (${w.phone(p)})`, `Rappel demandé sur ${w.email(p)}`, ...lines(skewed(w.random, 1, 60), () => w.filler()), ''].join('\r\n');
    },
  },
  {
    folder: 'informatique/journaux', name: 'envois', ext: 'log', weight: 3,
    build: (w) => lines(skewed(w.random, 100, 3000), (i) => {
      const at = `${w.date()}T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`;
      return w.random() < 0.05 ? `${at} INFO mailer sent invoice to ${w.email(w.person())}` : `${at} INFO worker job ${i} done in ${between(w.random, 3, 900)} ms, queue depth ${between(w.random, 0, 40)}`;
    }).join('\n') + '\n',
  },
  {
    folder: 'ventes', name: 'export-crm', ext: 'csv', weight: 10,
    build: (w) => ['Nom;Prénom;E-mail;Téléphone;Ville;Société;Segment;Produit;CA 2023;Dernier contact;Remarque', ...lines(skewed(w.random, 5, 1000), () => {
      const p = w.person();
      return [p.lastName, p.firstName, w.email(p), w.random() < 0.7 ? w.phone(p) : '', p.city, p.company, pick(w.random, ['PME', 'ETI', 'Grand compte']), pick(w.random, PRODUCTS), `${between(w.random, 1, 900)} k€`, w.date(), csvCell(w.filler())].join(';');
    })].join('\r\n') + '\r\n',
  },
  {
    folder: 'comptabilite', name: 'commandes', ext: 'tsv', weight: 4,
    build: (w) => ['Email\tPhone\tOrder\tProduct\tAmount', ...lines(skewed(w.random, 5, 600), (i) => {
      const p = w.person();
      return [w.email(p), w.phone(p), `CMD-${String.fromCharCode(65 + (i % 26))}${i}`, pick(w.random, PRODUCTS), `${between(w.random, 90, 9000)},00`].join('\t');
    })].join('\n') + '\n',
  },
  {
    folder: 'exports', name: 'contacts', ext: 'json', weight: 10,
    build: (w) => JSON.stringify({
      exportedAt: `${w.date()}T08:00:00Z`,
      source: pick(w.random, ['newsletter', 'crm', 'webinar']),
      contacts: lines(skewed(w.random, 1, 500), (id) => {
        const p = w.person();
        return { id, name: fullName(p), email: w.email(p), ...(w.random() < 0.4 ? { phone: w.phone(p) } : {}), address: { city: p.city }, tags: [pick(w.random, PRODUCTS)], consent: w.random() < 0.8 };
      }),
    }, null, 2),
  },
  {
    folder: 'mail', name: 'message', ext: 'eml', weight: 22,
    build: (w) => {
      const [from, cc] = [w.person(), lines(between(w.random, 0, 3), () => w.person())];
      // Now and then an attached spreadsheet export: bytes to read, nobody indexed in it.
      const attachments = w.random() < 0.05 ? [{ filename: 'commandes.csv', content: lines(skewed(w.random, 200, 4000), (i) => `CMD-${i};${pick(w.random, PRODUCTS)};${between(w.random, 90, 9000)},00`).join('\n') }] : [];
      return emlBytes({
        from: { name: fullName(from), address: w.email(from) },
        to: [{ name: 'Service commercial', address: 'ventes@gardien.example' }],
        cc: cc.map((p) => ({ name: fullName(p), address: w.email(p) })),
        subject: pick(w.random, ['Renouvellement', 'Demande de devis', 'Question sur la facture', 'Re: rendez-vous', 'Order follow-up']),
        text: [`Bonjour,`, ...lines(skewed(w.random, 2, 30), () => w.filler()), '', fullName(from), `Tél. ${w.phone(from)}`, ''].join('\n'),
        date: new Date(`${w.date()}T09:30:00Z`),
        messageId: `<${Math.floor(w.random() * 1e12)}@${from.email.split('@')[1]}>`,
        attachments,
      });
    },
  },
  {
    folder: 'evenements', name: 'participants', ext: 'xlsx', weight: 10,
    build: (w) => xlsxBytes(lines(w.random() < 0.7 ? 1 : 2, (s) => ({
      name: ['Participants', 'Suivi'][s]!,
      rows: [['Name', 'Email', 'Phone', 'Company', 'Notes'], ...lines(skewed(w.random, 5, 600), () => {
        const p = w.person();
        return [fullName(p), w.email(p), w.random() < 0.6 ? w.phone(p) : null, p.company, w.filler()];
      })],
    }))),
  },
  {
    folder: 'courrier', name: 'lettre', ext: 'docx', weight: 10,
    build: (w) => {
      const p = w.person();
      const letter = [`${p.city}, le ${w.date()}`, `${fullName(p)}, ${p.company}, ${w.email(p)}`, `Objet : ${pick(w.random, PRODUCTS)}`, ...lines(between(w.random, 3, 10), () => w.filler()), 'Le service commercial.'];
      // One in five is a longer report mentioning clients here and there.
      const report = w.random() < 0.2 ? lines(skewed(w.random, 20, 600), () => (w.random() < 0.2 ? ((q) => `${fullName(q)} (${w.email(q)}) : ${w.filler()}`)(w.person()) : w.filler())) : [];
      return docxBytes([...letter, ...report]);
    },
  },
  {
    folder: 'factures', name: 'facture', ext: 'pdf', weight: 9,
    build: (w) => {
      const p = w.person();
      const invoice = [[`Facture ${w.date()}`, `${pick(w.random, PRODUCTS)} : ${between(w.random, 90, 9000)},00 EUR HT`], [`Client : ${fullName(p)} <${w.email(p)}>`, `Tél. ${w.phone(p)}`, `${p.company}, ${p.city}`]];
      // One in six is a statement of several pages listing clients.
      const statement = w.random() < 1 / 6 ? lines(skewed(w.random, 2, 40), () => lines(40, () => (w.random() < 0.3 ? ((q) => `${fullName(q)} ${w.email(q)} ${w.filler()}`)(w.person()) : w.filler()))) : [];
      return pdfBytes([...invoice, ...statement]);
    },
  },
];

export interface GeneratedShare {
  /** Files, bytes and the largest file's size per format. */
  formats: Map<FileFormat, { files: number; bytes: number; largest: number }>;
  files: number;
  bytes: number;
  /** For each person, how many files hold their email / phone number. */
  filesByEmail: Map<number, number>;
  filesByPhone: Map<number, number>;
  /** Rewrites about `share` of the files with other content and people; returns how many. */
  change(share: number): Promise<number>;
}

interface Slot {
  rel: string;
  kind: Kind;
  n: number;
  bytes: number;
  byEmail: Set<number>;
  byPhone: Set<number>;
}

async function build(slot: Slot, people: readonly BenchPerson[], variant: number): Promise<Written> {
  const w = new Writer(seededRandom(slot.n * 7 + variant * 1_000_003), people);
  return { content: await slot.kind.build(w), byEmail: w.byEmail, byPhone: w.byPhone };
}

export async function generateShare(dir: string, count: number, people: readonly BenchPerson[]): Promise<GeneratedShare> {
  const random = seededRandom(42);
  const total = KINDS.reduce((sum, k) => sum + k.weight, 0);
  const kindOf = () => {
    let r = random() * total;
    return KINDS.find((k) => (r -= k.weight) < 0) ?? KINDS[0]!;
  };
  const slots: Slot[] = [];
  const demo = await demoShareFiles();
  await writeFiles(`${dir}/demo`, demo);
  const demoBytes = Object.values(demo).map((c) => Buffer.byteLength(c));
  for (let n = 0; n < count - demoBytes.length; n++) {
    const kind = kindOf();
    const year = 2019 + (n % 6);
    slots.push({ rel: `${kind.folder}/${year}/${String(1 + (Math.floor(n / 6) % 12)).padStart(2, '0')}/${kind.name}-${n}.${kind.ext}`, kind, n, bytes: 0, byEmail: new Set(), byPhone: new Set() });
  }
  const write = async (batch: Slot[], variant: number) => {
    const written = await Promise.all(batch.map((slot) => build(slot, people, variant)));
    await writeFiles(dir, Object.fromEntries(batch.map((slot, i) => [slot.rel, written[i]!.content])));
    batch.forEach((slot, i) => Object.assign(slot, { bytes: Buffer.byteLength(written[i]!.content), byEmail: written[i]!.byEmail, byPhone: written[i]!.byPhone }));
  };
  for (let i = 0; i < slots.length; i += 16) await write(slots.slice(i, i + 16), 0);

  const formats = new Map<FileFormat, { files: number; bytes: number; largest: number }>();
  const add = (rel: string, bytes: number) => {
    const f = formats.get(formatOf(rel)!) ?? { files: 0, bytes: 0, largest: 0 };
    formats.set(formatOf(rel)!, { files: f.files + 1, bytes: f.bytes + bytes, largest: Math.max(f.largest, bytes) });
  };
  Object.keys(demo).forEach((rel, i) => add(rel, demoBytes[i]!));
  for (const slot of slots) add(slot.rel, slot.bytes);
  const tally = (of: (s: Slot) => Set<number>) => {
    const counts = new Map<number, number>();
    for (const slot of slots) for (const p of of(slot)) counts.set(p, (counts.get(p) ?? 0) + 1);
    return counts;
  };
  const share: GeneratedShare = {
    formats,
    files: slots.length + demoBytes.length,
    bytes: [...formats.values()].reduce((sum, f) => sum + f.bytes, 0),
    filesByEmail: tally((s) => s.byEmail),
    filesByPhone: tally((s) => s.byPhone),
    async change(part) {
      const every = Math.round(1 / part);
      const changed = slots.filter((slot) => slot.n % every === every - 1);
      for (let i = 0; i < changed.length; i += 16) await write(changed.slice(i, i + 16), 1);
      share.filesByEmail = tally((s) => s.byEmail);
      share.filesByPhone = tally((s) => s.byPhone);
      return changed.length;
    },
  };
  return share;
}
