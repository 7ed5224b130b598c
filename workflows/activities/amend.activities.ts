import { ApplicationFailure } from '@temporalio/common';
import type { CountryCode } from 'libphonenumber-js';
import type { Connector, RecordRef } from '../../connectors/sdk/contract.js';
import { emptyAmendment, noteFields, noteSkipped, type AmendmentSummary } from '../../core/amendment.js';
import { attributeOfField, fieldsToRectify, sameValue } from '../../core/rectification.js';
import { provenIdentity, type RequestDoc } from '../../core/storage/requests.js';
import type { SystemInput } from '../types.js';
import { beat, whileBeating, withFailureMapping } from './failures.js';
import type { ActivityDeps } from './index.js';
import { storedRefs } from './system.activities.js';

const key = (ref: RecordRef) => `${ref.object}\u0000${ref.id}`;

/** Art. 16, 18 and 21 in one system: correct, restrict (or lift) or opt out what was located, then check. */
export function amendActivities(deps: ActivityDeps) {
  const { requests } = deps.storage;
  const country = deps.config.defaultCountry as CountryCode;

  async function rectify(connector: Connector, doc: RequestDoc, refs: RecordRef[]): Promise<AmendmentSummary> {
    const changes = doc.rectification ?? [];
    const summary = emptyAmendment('rectify', 'read_back');
    const wanted = new Map<string, { field: string; value: string }[]>();
    for await (const record of connector.read(refs)) {
      const fields = fieldsToRectify(record.fields, changes, provenIdentity(doc), country);
      if (fields.length === 0) {
        // Counted only where the record holds one of the attributes: a rental is not "unchanged".
        if (Object.keys(record.fields).some((f) => changes.some((c) => c.attribute === attributeOfField(f)))) summary.unchanged += 1;
        continue;
      }
      const outcome = await connector.rectify!(record.ref, fields.map((f) => ({ object: record.ref.object, field: f.field, value: f.value })));
      beat();
      for (const skipped of outcome.skipped) noteSkipped(summary, record.ref.object, skipped.field, skipped.reason);
      if (outcome.applied.length === 0) continue;
      summary.changed += 1;
      noteFields(summary, record.ref.object, outcome.applied);
      wanted.set(key(record.ref), fields.filter((f) => outcome.applied.includes(f.field)));
    }
    // Read back what was written: each applied field must now hold the new value.
    const changedRefs = refs.filter((r) => wanted.has(key(r)));
    for await (const record of connector.read(changedRefs)) {
      const ok = wanted.get(key(record.ref))!.every((f) => sameValue(attributeOfField(f.field)!, record.fields[f.field], f.value, country));
      if (ok) summary.verified += 1;
      else summary.unverified += 1;
    }
    summary.missing = changedRefs.length - summary.verified - summary.unverified;
    summary.unverified += summary.missing;
    return summary;
  }

  async function restrictOrOptOut(connector: Connector, doc: RequestDoc, refs: RecordRef[]): Promise<AmendmentSummary> {
    const lift = doc.type === 'RESTRICTION' && doc.liftRestriction === true;
    const action = doc.type === 'OBJECTION' ? 'opt_out' : lift ? 'lift_restriction' : 'restrict';
    const summary = emptyAmendment(action, connector.consent ? 'consent' : 'none');
    const outcomes =
      doc.type === 'OBJECTION'
        ? (await connector.optOut!(refs)).map((o) => ({ ref: o.ref, done: o.optedOut, changed: o.changed, detail: o.detail }))
        : (await connector.restrict!(refs, !lift)).map((o) => ({ ref: o.ref, done: o.restricted === !lift, changed: o.changed, detail: o.detail }));
    for (const outcome of outcomes) {
      // A record the connector left as it was (already so, or no flag of its own) is not counted as changed by this request.
      if (outcome.done && outcome.changed === false) summary.unchanged += 1;
      else if (outcome.done) summary.changed += 1;
      else noteSkipped(summary, outcome.ref.object, null, outcome.detail ?? 'not changed');
    }
    if (connector.consent) {
      for (const state of await connector.consent(outcomes.filter((o) => o.done).map((o) => o.ref))) {
        const asked = doc.type === 'OBJECTION' ? state.marketing === 'denied' : state.processingRestricted === !lift;
        if (asked) summary.verified += 1;
        else summary.unverified += 1;
      }
    }
    return summary;
  }

  return {
    async amendSubject(input: SystemInput): Promise<AmendmentSummary> {
      const doc = await requests.get(input.requestId);
      const refs = await storedRefs(deps, input);
      const connector = await withFailureMapping(() => deps.catalog.open(input.connectorId));
      const method = doc.type === 'RECTIFICATION' ? connector.rectify : doc.type === 'OBJECTION' ? connector.optOut : connector.restrict;
      if (!method) throw ApplicationFailure.nonRetryable(`This connector cannot carry out ${doc.type.toLowerCase()} requests: resolve this system manually with evidence`, 'NOT_SUPPORTED');
      const summary = await whileBeating(() => withFailureMapping(() => (refs.length === 0 ? Promise.resolve(emptyAmendment(actionOf(doc), 'none')) : doc.type === 'RECTIFICATION' ? rectify(connector, doc, refs) : restrictOrOptOut(connector, doc, refs))));
      await requests.patchSystem(input.requestId, input.connectorId, { counts: { changed: summary.changed, verified: summary.verified } });
      return summary;
    },
  };
}

function actionOf(doc: RequestDoc): AmendmentSummary['action'] {
  if (doc.type === 'RECTIFICATION') return 'rectify';
  if (doc.type === 'OBJECTION') return 'opt_out';
  return doc.liftRestriction ? 'lift_restriction' : 'restrict';
}
