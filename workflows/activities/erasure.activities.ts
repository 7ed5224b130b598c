import { ApplicationFailure } from '@temporalio/common';
import type { ErasureOutcome } from '../../connectors/sdk/contract.js';
import { registerHolds } from '../../core/register/facts.js';
import { summariseErasure, verifyErasure, type ErasureSummary, type ErasureVerification } from '../../core/erasure/summary.js';
import { erasureFileId } from '../../core/storage/export-ids.js';
import { provenIdentity } from '../../core/storage/requests.js';
import { erasedCount } from '../erased-count.js';
import type { SystemInput } from '../types.js';
import { whileBeating, withFailureMapping } from './failures.js';
import type { ActivityDeps } from './index.js';
import { storedRefs } from './system.activities.js';

/** Art. 17 in one system: the connector's erasure plan, then a new search for what remains. */
export function erasureActivities(deps: ActivityDeps) {
  const { requests, exports, processings } = deps.storage;
  const now = deps.now ?? (() => new Date());

  async function storedOutcomes(input: SystemInput): Promise<ErasureOutcome[] | null> {
    const id = erasureFileId(input.requestId, input.connectorId);
    return (await exports.get(id)) ? exports.readJson<ErasureOutcome[]>(id) : null;
  }

  return {
    /**
     * Erases what was located. Once the outcomes are stored a retry returns them
     * without calling the system again; before that, the connector's erase is
     * idempotent (records already gone come back as `already_absent`).
     */
    async eraseSubject(input: SystemInput): Promise<ErasureSummary> {
      let outcomes = await storedOutcomes(input);
      if (!outcomes) {
        const refs = await storedRefs(deps, input);
        const connector = await withFailureMapping(() => deps.catalog.open(input.connectorId));
        if (!connector.erase) throw ApplicationFailure.nonRetryable('This connector cannot erase records: resolve this system manually with evidence', 'NOT_SUPPORTED');
        const erase = connector.erase.bind(connector);
        outcomes = [];
        if (refs.length > 0) {
          // Art. 17(3)(b): what the register holds for a legal obligation is kept under its hold, unless the connector's config set one.
          const described = await withFailureMapping(() => connector.describe());
          const plan = { objects: registerHolds(await processings.snapshot(), input.connectorId, described.objects) };
          outcomes = await whileBeating(() => withFailureMapping(() => erase(refs, plan)));
        }
        await exports.writeJson(erasureFileId(input.requestId, input.connectorId), { requestId: input.requestId, connectorId: input.connectorId, kind: 'refs' }, outcomes);
      }
      const file = await exports.get(erasureFileId(input.requestId, input.connectorId));
      const summary = summariseErasure(outcomes, file?.createdAt ?? now());
      await requests.patchSystem(input.requestId, input.connectorId, { counts: { erased: erasedCount(summary), retained: summary.actions.retained ?? 0 } });
      return summary;
    },

    /** Locates the subject again and says what remains and why. */
    async verifyErasure(input: SystemInput): Promise<ErasureVerification> {
      const doc = await requests.get(input.requestId);
      const outcomes = (await storedOutcomes(input)) ?? [];
      const found = await whileBeating(() => withFailureMapping(async () => (await deps.catalog.open(input.connectorId)).locate(provenIdentity(doc))));
      const verification = verifyErasure(found, outcomes, now());
      await requests.patchSystem(input.requestId, input.connectorId, { counts: { remaining: verification.remaining } });
      return verification;
    },
  };
}
