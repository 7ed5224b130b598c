/** Erasure in HubSpot, by plan: the GDPR delete by default, once per contact however often it runs. */
import { afterEach, describe, expect, it } from 'vitest';
import { normaliseIdentity } from '../../core/identity.js';
import { startHubspotEmulator, type HubspotEmulator } from '../../devstack/emulators/hubspot/server.js';
import type { Connector } from '../sdk/contract.js';
import { callsTo, openHubspot } from '../../test/support/hubspot/connector.js';

const CAMILLE = normaliseIdentity({ email: 'camille.durand@example.fr' });

describe('HubSpot erasure', () => {
  const opened: { hubspot: HubspotEmulator; connector: Connector }[] = [];
  const open = async (config: Record<string, unknown> = {}) => {
    const hubspot = await startHubspotEmulator({ rateLimits: false });
    const connector = await openHubspot(hubspot, config);
    opened.push({ hubspot, connector });
    return { hubspot, connector };
  };
  afterEach(async () => {
    for (const { hubspot, connector } of opened.splice(0)) {
      await connector.close();
      await hubspot.stop();
    }
  });

  it('by default, GDPR-deletes the contact once, deletes its own engagements, clears shared ones, keeps deals under a legal hold', async () => {
    const { hubspot, connector } = await open();
    const camille = hubspot.state.findContactByEmail(CAMILLE.email!)!;
    const james = hubspot.state.findContactByEmail('james.whitfield@example.co.uk')!;
    const refs = await connector.locate(CAMILLE);
    const outcomes = await connector.erase!(refs, {});
    const actions = outcomes.map((o) => `${o.ref.object} ${o.action}`);
    expect(actions).toEqual(['contacts vendor_deleted', 'notes deleted', 'notes deleted', 'notes anonymised', 'emails deleted', 'tickets anonymised', 'deals retained']);

    const shared = outcomes.find((o) => o.action === 'anonymised' && o.ref.object === 'notes')!;
    expect(shared.detail).toMatch(/also associated with 1 other contact/);
    expect(hubspot.state.get('notes', shared.ref.id)!.properties.hs_note_body).toBeNull();
    expect(hubspot.state.associated('notes', shared.ref.id, 'contacts')).toEqual([james.id]);
    const deal = outcomes.find((o) => o.ref.object === 'deals')!;
    expect(deal.legalHold?.basis).toMatch(/accounting/);
    expect(hubspot.state.get('deals', deal.ref.id)).toBeDefined();
    expect(hubspot.state.get('contacts', camille.id)).toBeUndefined();
    expect(hubspot.state.blocklist.has(CAMILLE.email!)).toBe(true);
    expect(await connector.locate(CAMILLE)).toEqual([]);

    const again = await connector.erase!(refs, {});
    expect(again.map((o) => `${o.ref.object} ${o.action}`)).toEqual([
      'contacts already_absent', 'notes already_absent', 'notes already_absent', 'notes anonymised', 'emails already_absent', 'tickets anonymised', 'deals retained',
    ]);
    const gdprDeletes = callsTo(hubspot, 'POST', '/crm/v3/objects/contacts/gdpr-delete');
    expect(gdprDeletes.map((c) => c.body)).toEqual([{ objectId: camille.id }]);
    expect(gdprDeletes[0]!.status).toBe(204);
  });

  it('anonymise: the contact stays with its personal properties cleared, and is found no more', async () => {
    const { hubspot, connector } = await open({ erasure: { strategy: 'anonymise' } });
    const refs = await connector.locate(CAMILLE);
    const [contact] = await connector.erase!(refs, {});
    expect(contact).toMatchObject({ action: 'anonymised', detail: expect.stringMatching(/^cleared .*email.*firstname.*lastname.*phone/) });
    expect(contact!.detail).toMatch(/HubSpot lets no API clear ip_city: clear them by hand$/);
    const kept = hubspot.state.get('contacts', contact!.ref.id)!;
    expect(kept.properties).toMatchObject({ email: null, firstname: null, lastname: null, phone: null, city: null, hs_searchable_calculated_phone_number: null });
    expect(kept.properties.gdpr_processing_restricted).toBeUndefined();
    expect(await connector.locate(CAMILLE)).toEqual([]);
    expect(await connector.locate(normaliseIdentity({ phone: '+33612345678' }))).toEqual([]);
    expect(callsTo(hubspot, 'POST', '/crm/v3/objects/contacts/gdpr-delete')).toEqual([]);
  });

  it('delete: an ordinary delete, and the outcome says HubSpot can restore it for 90 days', async () => {
    const { hubspot, connector } = await open({ erasure: { strategy: 'delete' } });
    const [contact] = await connector.erase!(await connector.locate(CAMILLE), {});
    expect(contact).toMatchObject({ action: 'deleted', detail: expect.stringContaining('90 days') });
    expect(hubspot.state.get('contacts', contact!.ref.id)).toBeUndefined();
    expect(callsTo(hubspot, 'POST', '/crm/v3/objects/contacts/batch/archive')).toHaveLength(1);
  });

  it("follows the plan's overrides: notes kept under a legal hold stay, so the contact is anonymised rather than deleted", async () => {
    const { hubspot, connector } = await open();
    const legalHold = { basis: 'Litigation hold in case 2024-117' };
    const outcomes = await connector.erase!(await connector.locate(CAMILLE), { objects: { notes: { strategy: 'retain', legalHold } } });
    const notes = outcomes.filter((o) => o.ref.object === 'notes');
    expect(notes.map((o) => o.action)).toEqual(['retained', 'retained', 'retained']);
    expect(notes[0]!.legalHold).toEqual(legalHold);
    for (const note of notes) expect(hubspot.state.get('notes', note.ref.id)!.properties.hs_note_body).toBeTruthy();
    const contact = outcomes.find((o) => o.ref.object === 'contacts')!;
    expect(contact).toMatchObject({ action: 'anonymised', detail: expect.stringMatching(/^anonymised rather than deleted: HubSpot deletes a contact's activities with it, and the plan keeps 2 of them/) });
    expect(hubspot.state.get('contacts', contact.ref.id)!.properties.email).toBeNull();
    expect(callsTo(hubspot, 'POST', '/crm/v3/objects/contacts/gdpr-delete')).toEqual([]);
  });
});
