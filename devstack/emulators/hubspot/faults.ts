/** Faults and the call log: the shared emulator machinery, with HubSpot's error bodies. */
import { Faults as EmulatorFaults } from '../faults.js';
import { defaultFaultBody } from './errors.js';

export type { CallRecord, FaultAnswer, FaultSpec } from '../faults.js';

export class Faults extends EmulatorFaults {
  constructor() {
    super(defaultFaultBody);
  }
}
