/**
 * The controller's record of processing activities (GDPR Art. 30(1) a–g, with
 * the CNIL template's columns): each active processing with the systems and
 * fields that hold its data, and the gaps. One structure, rendered as JSON,
 * CSV, XLSX or HTML.
 */
import type { DataCategory } from '../categories.js';
import type { RegisterSnapshot } from './facts.js';
import type { Gap } from './gaps.js';
import { isSpecialHeading } from './headings.js';
import type { Language } from './labels.js';
import { textIn, type ControllerIdentity, type ProcessingVersion } from './model.js';
import type { SystemSnapshot } from './systems.js';
import { categoryRetentionText, categoryText, colon, COLUMNS, legalBasisText, recipientText, subjectText, transferText, type Column } from './text.js';

export interface RegisterHolding {
  connectorId: string;
  connectorName: string;
  kind: string;
  object: string;
  /** The mapped fields as the system describes them (all of the object's when it is mapped whole). */
  fields: { name: string; category: DataCategory }[];
  /** The system no longer describes this object (or its description is unknown). */
  missing: boolean;
  source: SystemSnapshot['source'];
}

export interface RegisterEntry {
  processing: ProcessingVersion;
  holdings: RegisterHolding[];
  gaps: Gap[];
}

export interface RegisterDocument {
  generatedAt: Date;
  controller: ControllerIdentity & { set: boolean };
  entries: RegisterEntry[];
  gaps: Gap[];
  systems: Omit<SystemSnapshot, 'objects'>[];
}

export function buildRegister(input: {
  controller: ControllerIdentity & { set: boolean };
  register: RegisterSnapshot;
  systems: readonly SystemSnapshot[];
  gaps: Gap[];
  generatedAt: Date;
}): RegisterDocument {
  const systems = new Map(input.systems.map((s) => [s.connectorId, s]));
  const entries = input.register.processings
    .filter((p) => p.status === 'active')
    .map((processing) => {
      const holdings = input.register.mappings
        .filter((m) => m.processingId === processing.id)
        .map((m): RegisterHolding => {
          const system = systems.get(m.connectorId);
          const object = system?.objects?.find((o) => o.name === m.object);
          const fields = (object?.fields ?? []).filter((f) => m.fields === null || m.fields.includes(f.name));
          return {
            connectorId: m.connectorId,
            connectorName: system?.name ?? m.connectorId,
            kind: system?.kind ?? 'unknown',
            object: m.object,
            fields: object ? fields : (m.fields ?? []).map((name) => ({ name, category: 'other' as const })),
            missing: !object,
            source: system?.source ?? 'none',
          };
        });
      return { processing, holdings, gaps: input.gaps.filter((g) => g.processingId === processing.id) };
    });
  return {
    generatedAt: input.generatedAt,
    controller: input.controller,
    entries,
    gaps: input.gaps,
    systems: input.systems.map(({ objects: _objects, ...s }) => s),
  };
}

export function controllerText(controller: RegisterDocument['controller'], language: Language): string {
  const unset = language === 'fr' ? 'non renseigné' : 'not set';
  const who = [controller.name || unset, controller.address, controller.email, controller.phone, controller.registration].filter(Boolean).join(', ');
  const dpo = [controller.dpo.name, controller.dpo.email, controller.dpo.phone, controller.dpo.address].filter(Boolean).join(', ') || unset;
  const representative = controller.representative ? ` — ${language === 'fr' ? 'représentant' : 'representative'}${colon(language)}${controller.representative}` : '';
  return `${who} — DPO${colon(language)}${dpo}${representative}`;
}

export function holdingText(h: RegisterHolding, language: Language): string {
  const fields = h.fields.map((f) => f.name).join(', ');
  const missing = h.missing ? (language === 'fr' ? ' (objet introuvable dans la description du système)' : ' (object not in the system’s description)') : '';
  return `${h.connectorName} (${h.kind}) › ${h.object}${fields ? `${colon(language)}${fields}` : ''}${missing}`;
}

const date = (d: Date) => d.toISOString().slice(0, 10);

/** One cell per column for a processing; multi-valued cells list one item per line. */
export function entryCells(entry: RegisterEntry, controller: RegisterDocument['controller'], language: Language): Record<Column, string> {
  const p = entry.processing;
  const none = language === 'fr' ? 'Aucun' : 'None';
  const lines = (items: string[]) => (items.length > 0 ? items.join('\n') : none);
  const special = p.dataCategories.filter((c) => isSpecialHeading(c.category));
  return {
    reference: p.reference ?? '',
    name: textIn(p.name, language),
    controller: controllerText(controller, language),
    purposes: p.purposes.map((t) => textIn(t, language)).join('\n'),
    legalBasis: legalBasisText(p.legalBasis, language),
    subjects: lines(p.dataSubjects.map((s) => subjectText(s, language))),
    categories: lines(p.dataCategories.map((c) => categoryText(c, language))),
    special: special.length > 0 ? special.map((c) => categoryText(c, language)).join('\n') : language === 'fr' ? 'Non' : 'No',
    recipients: lines(p.recipients.map((r) => recipientText(r, language))),
    transfers: lines(p.transfers.map((t) => transferText(t, language))),
    retention: lines(p.dataCategories.map((c) => categoryRetentionText(c, language))),
    security: lines(p.securityMeasures),
    source: p.source ?? '',
    automated: p.automatedDecision ? [p.automatedDecision.description, p.automatedDecision.logic, p.automatedDecision.consequences].filter(Boolean).join(' — ') : none,
    systems: lines(entry.holdings.map((h) => holdingText(h, language))),
    gaps: lines(entry.gaps.map((g) => g.message[language])),
    created: date(p.createdAt),
    updated: date(p.at),
    version: String(p.version),
  };
}

/** The register as a table: headers and one row per processing. */
export function registerTable(doc: RegisterDocument, language: Language): { headers: string[]; rows: string[][] } {
  const columns = Object.keys(COLUMNS) as Column[];
  return {
    headers: columns.map((c) => COLUMNS[c][language]),
    rows: doc.entries.map((entry) => {
      const cells = entryCells(entry, doc.controller, language);
      return columns.map((c) => cells[c]);
    }),
  };
}
