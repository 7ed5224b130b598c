/** A contact with thousands of notes: located, read and erased page by page, within HubSpot's real rate limits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseIdentity } from '../../core/identity.js';
import { startHubspotEmulator, type HubspotEmulator } from '../../devstack/emulators/hubspot/server.js';
import type { RecordRef } from '../sdk/contract.js';
import type { HubspotConnector } from './connector.js';
import { callsTo, openHubspot } from '../../test/support/hubspot/connector.js';

const NOTES = 3_200;
const LUCAS = normaliseIdentity({ email: 'lucas.moreau@example.fr' });
const NOTE_READS = /^\/crm\/v3\/objects\/notes\/batch\/read$/;

describe('HubSpot connector with thousands of notes on one contact', () => {
  let hubspot: HubspotEmulator;
  let connector: HubspotConnector;
  let refs: RecordRef[];
  beforeAll(async () => {
    hubspot = await startHubspotEmulator();
    hubspot.seedBulk(hubspot.state.findContactByEmail(LUCAS.email!)!.id, NOTES);
    connector = await openHubspot(hubspot);
  });
  afterAll(async () => {
    await connector.close();
    await hubspot.stop();
  });

  it('locates every note through the association pages', async () => {
    refs = await connector.locate(LUCAS);
    expect(refs.filter((r) => r.object === 'notes')).toHaveLength(NOTES + 1);
    const pages = callsTo(hubspot, 'GET', /\/associations\/notes$/);
    expect(pages).toHaveLength(Math.ceil((NOTES + 1) / 500));
  });

  it('reads them a batch of 100 at a time, never fetching ahead of what was consumed', async () => {
    const before = callsTo(hubspot, 'POST', NOTE_READS).length;
    let notes = 0;
    let mostAhead = 0;
    for await (const record of connector.read(refs)) {
      if (record.ref.object !== 'notes') continue;
      notes++;
      const fetched = callsTo(hubspot, 'POST', NOTE_READS).length - before;
      // Fetched batches cover what was consumed, plus at most the batch being consumed: memory holds one batch.
      mostAhead = Math.max(mostAhead, fetched * 100 - notes);
      expect(fetched).toBeLessThanOrEqual(Math.ceil(notes / 100));
      expect(typeof record.fields.hs_note_body).toBe('string');
    }
    expect(notes).toBe(NOTES + 1);
    expect(mostAhead).toBeLessThan(100);
    const reads = callsTo(hubspot, 'POST', NOTE_READS).slice(before);
    expect(reads).toHaveLength(Math.ceil((NOTES + 1) / 100));
    for (const call of reads) expect((call.body as { inputs: unknown[] }).inputs.length).toBeLessThanOrEqual(100);
  });

  it('erases them in batches, GDPR-deletes the contact once, and a second run deletes nothing more', async () => {
    const othersNotes = hubspot.state.records.notes.size - (NOTES + 1);
    const outcomes = await connector.erase(refs, {});
    expect(outcomes.filter((o) => o.action === 'deleted')).toHaveLength(NOTES + 2);
    const archives = callsTo(hubspot, 'POST', '/crm/v3/objects/notes/batch/archive');
    expect(archives).toHaveLength(Math.ceil((NOTES + 1) / 100));
    expect(hubspot.state.records.notes.size).toBe(othersNotes);
    const again = await connector.erase(refs, {});
    expect(new Set(again.map((o) => o.action))).toEqual(new Set(['already_absent']));
    expect(callsTo(hubspot, 'POST', '/crm/v3/objects/notes/batch/archive')).toHaveLength(archives.length);
    expect(callsTo(hubspot, 'POST', '/crm/v3/objects/contacts/gdpr-delete')).toHaveLength(1);
  });
});
