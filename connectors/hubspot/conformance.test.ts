/** The HubSpot connector passes the conformance suite every connector passes, against the local HubSpot. */
import { startHubspotEmulator } from '../../devstack/emulators/hubspot/server.js';
import { runConformanceSuite } from '../sdk/testkit/conformance.js';
import { openHubspot } from '../../test/support/hubspot/connector.js';

runConformanceSuite({
  name: 'hubspot',
  async setup() {
    const hubspot = await startHubspotEmulator({ seed: false, rateLimits: false });
    const { state } = hubspot;
    const subject = state.create('contacts', { email: 'Margaux.Lefort@Example.FR', firstname: 'Margaux', lastname: 'Lefort', phone: '04 78 12 34 56', city: 'Lyon', country: 'France' });
    // Subscribed to the newsletter, so the opt-out has something to stop (subscriptions are keyed by the lower-cased email).
    state.subscriptions.set('margaux.lefort@example.fr', new Map([['87294215', { status: 'SUBSCRIBED', legalBasis: 'CONSENT_WITH_NOTICE' }]]));
    const bystander = state.create('contacts', { email: 'henri.vidal@example.fr', firstname: 'Henri', lastname: 'Vidal', phone: '+33 4 91 00 11 22', city: 'Marseille', country: 'France' });
    const attach = (type: 'notes' | 'emails' | 'calls' | 'tickets' | 'deals', properties: Record<string, string>, contactId: string) =>
      state.associate(type, state.create(type, properties).id, 'contacts', contactId);
    attach('notes', { hs_note_body: '<p>Souhaite un devis pour 3 postes ; rappeler mardi.</p>', hs_timestamp: state.tick() }, subject.id);
    attach('notes', { hs_note_body: '<p>Mentioned a back operation in May, prefers calls after 5 pm.</p>', hs_timestamp: state.tick() }, subject.id);
    attach('emails', { hs_email_subject: 'Votre devis', hs_email_text: 'Bonjour Margaux, voici le devis demandé.', hs_timestamp: state.tick() }, subject.id);
    attach('calls', { hs_call_title: 'Relance devis', hs_call_body: '<p>Pas de réponse.</p>', hs_timestamp: state.tick() }, subject.id);
    attach('tickets', { subject: 'Erreur de facturation', content: 'Montant incorrect sur la facture de mai.', hs_pipeline: '0', hs_pipeline_stage: '1' }, subject.id);
    attach('deals', { dealname: 'Lefort — 3 postes', amount: '1800', dealstage: 'closedwon', pipeline: 'default' }, subject.id);
    attach('notes', { hs_note_body: '<p>Client depuis 2021, très satisfait.</p>', hs_timestamp: state.tick() }, bystander.id);
    attach('deals', { dealname: 'Vidal — renouvellement', amount: '900', dealstage: 'contractsent', pipeline: 'default' }, bystander.id);
    return {
      connector: await openHubspot(hubspot),
      identity: { email: 'margaux.lefort@example.fr' },
      bystander: { email: 'HENRI.VIDAL@example.fr' },
      expectedObjects: ['contacts', 'notes', 'emails', 'calls', 'tickets', 'deals'],
      cleanup: () => hubspot.stop(),
    };
  },
});
