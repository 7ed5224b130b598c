/**
 * What the register says about a connector's object, or one of its fields:
 * the processings that hold it, their purposes, basis, recipients, transfers,
 * and the retention that applies. Access answers (Art. 15) and erasure plans
 * (Art. 17(3)) read the register through here.
 */
import type { DataCategory } from '../categories.js';
import { headingsCovering } from './headings.js';
import type { ProcessingCategory, ProcessingMapping, ProcessingVersion, Retention } from './model.js';
import { periodDaysAtMost, retentionEnds, totalPeriod } from './periods.js';

/** The active processings (latest versions) and every mapping: what facts are drawn from. */
export interface RegisterSnapshot {
  processings: readonly ProcessingVersion[];
  mappings: readonly ProcessingMapping[];
}

export interface ProcessingFacts {
  processing: ProcessingVersion;
  /** The data categories of the processing this object or field falls under (all of them when none matches). */
  categories: ProcessingCategory[];
  /** The longest retention among those categories, if any is stated. */
  retention: Retention | null;
}

export interface FieldQuery {
  name: string;
  /** The field's Gardien category, to pick the processing's matching data categories. */
  category?: DataCategory;
}

function longest(retentions: readonly Retention[]): Retention | null {
  let best: Retention | null = null;
  for (const r of retentions) if (!best || periodDaysAtMost(totalPeriod(r)) > periodDaysAtMost(totalPeriod(best))) best = r;
  return best;
}

function mappingCovers(mapping: ProcessingMapping, connectorId: string, object: string, field?: string): boolean {
  if (mapping.connectorId !== connectorId || mapping.object !== object) return false;
  return !field || mapping.fields === null || mapping.fields.includes(field);
}

/** The processings holding `object` of `connectorId` (or its `field`), each with the categories and retention that apply. */
export function factsAbout(register: RegisterSnapshot, connectorId: string, object: string, field?: FieldQuery): ProcessingFacts[] {
  const ids = new Set(register.mappings.filter((m) => mappingCovers(m, connectorId, object, field?.name)).map((m) => m.processingId));
  return register.processings
    .filter((p) => p.status === 'active' && ids.has(p.id))
    .map((processing) => {
      const covering = field?.category ? new Set(headingsCovering(field.category)) : null;
      const matching = covering ? processing.dataCategories.filter((c) => covering.has(c.category)) : [];
      const categories = matching.length > 0 ? matching : processing.dataCategories;
      return { processing, categories, retention: longest(categories.flatMap((c) => (c.retention ? [c.retention] : []))) };
    });
}

/** When the retention ends for a person whose start event (end of contract, last contact…) happened on `eventDate`. */
export function retentionEndFor(facts: ProcessingFacts, eventDate: Date | null): Date | null {
  return facts.retention && eventDate ? retentionEnds(facts.retention, eventDate).endsOn : null;
}

interface DescribedErasure {
  name: string;
  erasure: { strategy: string; legalHold?: unknown };
}

export interface RegisterHold {
  strategy: 'retain';
  legalHold: { basis: string; retainForDays: number };
}

/**
 * Art. 17(3)(b): an object held for a legal obligation with a retention period
 * is kept under that hold when a person asks for erasure. A hold the connector's
 * own config states (or a `retain` it sets) wins: IT said so explicitly.
 */
export function registerHolds(register: RegisterSnapshot, connectorId: string, objects: readonly DescribedErasure[]): Record<string, RegisterHold> {
  const holds: Record<string, RegisterHold> = {};
  for (const object of objects) {
    if (object.erasure.legalHold || object.erasure.strategy === 'retain') continue;
    const obligations = factsAbout(register, connectorId, object.name).filter((f) => f.processing.legalBasis?.basis === 'legal_obligation' && f.retention);
    const strongest = obligations.sort((a, b) => periodDaysAtMost(totalPeriod(b.retention!)) - periodDaysAtMost(totalPeriod(a.retention!)))[0];
    if (!strongest) continue;
    const { processing, retention } = strongest;
    const named = [processing.reference, processing.name.fr ?? processing.name.en].filter(Boolean).join(' ');
    holds[object.name] = {
      strategy: 'retain',
      legalHold: { basis: `${retention!.basis} (registre : ${named} ; RGPD art. 6(1)(c) et 17(3)(b))`, retainForDays: periodDaysAtMost(totalPeriod(retention!)) },
    };
  }
  return holds;
}
