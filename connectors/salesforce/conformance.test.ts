/**
 * The connector conformance suite on the emulated org, under both org-wide
 * strategies. The subjects are demo people whose email Salesforce holds in
 * mixed case (James's web lead, Élise's web case).
 */
import { runConformanceSuite } from '../sdk/testkit/conformance.js';
import { emulatedOrg } from '../../test/support/salesforce/org.js';

runConformanceSuite({
  name: 'salesforce (anonymise + Individual.ShouldForget)',
  setup: async () => {
    const org = await emulatedOrg();
    return {
      connector: org.connector,
      identity: { email: 'james.whitfield@example.co.uk' },
      bystander: { email: 'camille.durand@example.fr' },
      expectedObjects: ['Contact', 'Lead', 'Individual', 'Case', 'Task', 'Note', 'CampaignMember'],
      cleanup: () => org.stop(),
    };
  },
});

runConformanceSuite({
  name: 'salesforce (delete)',
  setup: async () => {
    const org = await emulatedOrg({ erasure: { strategy: 'delete' } });
    return {
      connector: org.connector,
      identity: { email: 'Elise.Fontaine@example.fr' },
      bystander: { phone: '06 98 76 54 32' },
      expectedObjects: ['Contact', 'Individual', 'Case', 'Task', 'Note'],
      cleanup: () => org.stop(),
    };
  },
});
