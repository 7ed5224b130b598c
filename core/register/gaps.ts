/**
 * What the register lacks, for the DPO to fix: systems whose data no processing
 * explains, processings without a legal basis, retention, Art. 9 condition,
 * transfer safeguard or processor contract, and mappings to what is gone.
 */
import { SENSITIVE_CATEGORIES, type DataCategory } from '../categories.js';
import type { RegisterSnapshot } from './facts.js';
import { headingInfo, isSpecialHeading } from './headings.js';
import type { LocalizedText, ProcessingVersion } from './model.js';
import { textIn } from './model.js';

export const GAP_KINDS = [
  'unmapped_objects',
  'no_legal_basis',
  'special_without_art9',
  'special_field_undeclared',
  'transfer_without_safeguard',
  'no_retention',
  'processor_without_contract',
  'stale_mapping',
] as const;
export type GapKind = (typeof GAP_KINDS)[number];

export interface Gap {
  kind: GapKind;
  processingId?: string;
  processingName?: LocalizedText;
  connectorId?: string;
  connectorName?: string;
  objects?: string[];
  message: { fr: string; en: string };
}

/** A system as the register sees it: its objects and their fields, or null when its description is unknown. */
export interface SystemHoldings {
  connectorId: string;
  name: string;
  objects: { name: string; fields: { name: string; category: DataCategory }[] }[] | null;
}

function named(p: ProcessingVersion, language: 'fr' | 'en'): string {
  const name = language === 'fr' ? `« ${textIn(p.name, 'fr')} »` : `"${textIn(p.name, 'en')}"`;
  return p.reference ? `${p.reference} ${name}` : name;
}

function processingGaps(p: ProcessingVersion): Gap[] {
  const gap = (kind: GapKind, fr: string, en: string): Gap => ({ kind, processingId: p.id, processingName: p.name, message: { fr, en } });
  const gaps: Gap[] = [];
  const [fr, en] = [named(p, 'fr'), named(p, 'en')];
  if (!p.legalBasis) gaps.push(gap('no_legal_basis', `Le traitement ${fr} n’a pas de base légale (art. 6).`, `Processing ${en} has no legal basis (Art. 6).`));
  const special = p.dataCategories.filter((c) => isSpecialHeading(c.category));
  if (special.length > 0 && !p.legalBasis?.art9Condition) {
    const list = (language: 'fr' | 'en') => special.map((c) => headingInfo(c.category)[language].toLowerCase()).join(', ');
    gaps.push(gap('special_without_art9', `Le traitement ${fr} porte sur des données sensibles (${list('fr')}) sans condition de l’art. 9(2).`, `Processing ${en} covers special categories (${list('en')}) without an Art. 9(2) condition.`));
  }
  for (const t of p.transfers.filter((t) => !t.safeguard)) {
    gaps.push(gap('transfer_without_safeguard', `Le traitement ${fr} transfère des données à ${t.recipient} (${t.country}) sans garantie (chapitre V).`, `Processing ${en} transfers data to ${t.recipient} (${t.country}) without a safeguard (Chapter V).`));
  }
  const missing = p.dataCategories.filter((c) => !c.retention);
  if (p.dataCategories.length === 0 || missing.length === p.dataCategories.length) {
    gaps.push(gap('no_retention', `Le traitement ${fr} n’indique aucune durée de conservation (art. 30(1)(f)).`, `Processing ${en} states no retention period (Art. 30(1)(f)).`));
  } else if (missing.length > 0) {
    const list = (language: 'fr' | 'en') => missing.map((c) => headingInfo(c.category)[language].toLowerCase()).join(', ');
    gaps.push(gap('no_retention', `Le traitement ${fr} n’indique pas de durée de conservation pour : ${list('fr')}.`, `Processing ${en} states no retention period for: ${list('en')}.`));
  }
  for (const r of p.recipients.filter((r) => r.kind === 'processor' && !r.contractRef)) {
    gaps.push(gap('processor_without_contract', `Le sous-traitant ${r.name} du traitement ${fr} n’a pas de référence de contrat (art. 28).`, `Processor ${r.name} of processing ${en} has no contract reference (Art. 28).`));
  }
  return gaps;
}

function systemGaps(register: RegisterSnapshot, system: SystemHoldings, active: Map<string, ProcessingVersion>): Gap[] {
  const gaps: Gap[] = [];
  const mine = register.mappings.filter((m) => m.connectorId === system.connectorId && active.has(m.processingId));
  const base = { connectorId: system.connectorId, connectorName: system.name };
  if (!system.objects) return gaps;
  const unmapped = system.objects.filter((o) => !mine.some((m) => m.object === o.name)).map((o) => o.name);
  if (unmapped.length > 0) {
    gaps.push({ ...base, kind: 'unmapped_objects', objects: unmapped, message: {
      fr: `${system.name} : aucun traitement n’explique ${unmapped.join(', ')}.`,
      en: `${system.name}: no processing explains ${unmapped.join(', ')}.`,
    } });
  }
  for (const m of mine) {
    const object = system.objects.find((o) => o.name === m.object);
    if (!object) {
      gaps.push({ ...base, kind: 'stale_mapping', objects: [m.object], processingId: m.processingId, message: {
        fr: `${system.name} ne décrit plus ${m.object}, pourtant rattaché à un traitement.`,
        en: `${system.name} no longer describes ${m.object}, which is mapped to a processing.`,
      } });
      continue;
    }
    const processing = active.get(m.processingId)!;
    const sensitive = object.fields.filter((f) => SENSITIVE_CATEGORIES.has(f.category) && (m.fields === null || m.fields.includes(f.name)));
    if (sensitive.length > 0 && !processing.dataCategories.some((c) => isSpecialHeading(c.category) || 'criminal' in headingInfo(c.category))) {
      const fields = sensitive.map((f) => `${m.object}.${f.name}`).join(', ');
      gaps.push({ ...base, kind: 'special_field_undeclared', objects: [m.object], processingId: processing.id, processingName: processing.name, message: {
        fr: `${system.name} : ${fields} semble sensible, mais le traitement ${named(processing, 'fr')} ne déclare aucune donnée sensible.`,
        en: `${system.name}: ${fields} looks sensitive, but processing ${named(processing, 'en')} declares no special category.`,
      } });
    }
  }
  return gaps;
}

/** Every gap of the register, processings first, then systems by name. */
export function registerGaps(register: RegisterSnapshot, systems: readonly SystemHoldings[]): Gap[] {
  const active = new Map(register.processings.filter((p) => p.status === 'active').map((p) => [p.id, p]));
  return [...[...active.values()].flatMap(processingGaps), ...systems.flatMap((s) => systemGaps(register, s, active))];
}
