/** The connectors as the register needs them; the gateway adapts the connector catalog to this. */
import type { SystemHoldings } from './gaps.js';

/** A registered system as the register sees it; `source` says whether its description was read live. */
export interface SystemSnapshot extends SystemHoldings {
  kind: string;
  enabled: boolean;
  source: 'live' | 'stored' | 'none';
  /** Why the description is not live (unreachable, disabled). */
  problem?: string;
}

/** The connectors, as the register needs them (the gateway adapts the connector catalog). */
export interface RegisterSystems {
  /** A registered connector by id or name, with its stored description; null when there is none. */
  find(idOrName: string): Promise<SystemSnapshot | null>;
  /** Every registered connector, described live where it answers, else from what was stored. */
  describeAll(): Promise<SystemSnapshot[]>;
}

export interface MappingInput {
  connector: string;
  object: string;
  fields?: string[] | null;
  processing: string;
}
