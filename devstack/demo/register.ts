/**
 * The demo register `npm start` seeds: the controller, the five templates as
 * processings, and the demo systems' objects mapped to them by what they hold —
 * so a newcomer opens a full register (with the gaps a real one would show).
 * What a DPO changed is never overwritten: processings are created once, and
 * only a demo system without any mapping is mapped.
 */
import type { ConnectorCatalog } from '../../connectors/sdk/catalog.js';
import type { Actor } from '../../core/actor.js';
import { errorMessage } from '../../core/errors.js';
import type { ProcessingContent, ProcessingVersion } from '../../core/register/model.js';
import type { ProcessingRegister } from '../../core/register/service.js';

const SEED: Actor = { sub: 'demo-seed', role: 'dpo' };

/** What the demo company changed in each template. */
const DEMO_CHANGES: Record<string, Partial<ProcessingContent>> = {
  customer_management: { recipients: [{ kind: 'internal', name: 'Service commercial et service client' }, { kind: 'internal', name: 'Service comptabilité' }, { kind: 'processor', name: 'Prestataire de paiement', purpose: 'Encaissement des paiements par carte', contractRef: 'Contrat PSP-2024-03, annexe RGPD' }] },
  prospecting: {
    recipients: [{ kind: 'internal', name: 'Service marketing' }, { kind: 'processor', name: 'HubSpot, Inc.', purpose: 'CRM marketing et envoi des campagnes', contractRef: 'DPA HubSpot signé le 2024-01-15' }],
    transfers: [{ recipient: 'HubSpot, Inc.', country: 'US', safeguard: 'standard_contractual_clauses' }],
  },
  customer_service: { transfers: [{ recipient: 'Salesforce, Inc. (support)', country: 'US' }] },
};

/** Which processing an object serves, by what its name says (first match wins); others stay unmapped and show as a gap. */
const RULES: [RegExp, string[]][] = [
  [/invoice|factur/i, ['accounting']],
  [/order|deal|commande|payment/i, ['customer_management', 'accounting']],
  [/case|ticket|interaction|note|email|call|task|^eml$/i, ['customer_service']],
  [/lead|campaign|^(csv|tsv|xlsx|json)$/i, ['prospecting']],
  [/contact|customer|client|address|individual|account|compan|^(docx|pdf|txt|md)$/i, ['customer_management', 'prospecting']],
];

async function ensureProcessings(register: ProcessingRegister): Promise<{ byTemplate: Map<string, ProcessingVersion>; lines: string[] }> {
  const existing = await register.list();
  const byTemplate = new Map(existing.filter((p) => p.template).map((p) => [p.template!, p]));
  const lines: string[] = [];
  for (const template of register.templates()) {
    if (byTemplate.has(template.key)) continue;
    byTemplate.set(template.key, await register.create(SEED, { template: template.key, processing: DEMO_CHANGES[template.key] ?? null }));
    lines.push(`demo register: recorded processing ${template.content.reference}`);
  }
  return { byTemplate, lines };
}

export async function seedDemoRegister(register: ProcessingRegister, catalog: Pick<ConnectorCatalog, 'list'>, demoConnectors: readonly string[], dpoEmail: string): Promise<string[]> {
  try {
    if (!(await register.controller()).set) {
      await register.setController(SEED, { name: 'Gardien Démo SAS', address: '1 place Bellecour, 69002 Lyon', dpo: { name: 'Déléguée à la protection des données', email: dpoEmail } });
    }
    const { byTemplate, lines } = await ensureProcessings(register);
    const mapped = new Set((await register.mappings()).map((m) => m.connectorId));
    for (const doc of await catalog.list()) {
      if (!demoConnectors.includes(doc.name) || mapped.has(doc._id)) continue;
      const objects = ((doc.description as { objects?: { name: string }[] } | null)?.objects ?? []).map((o) => o.name);
      const inputs = objects.flatMap((object) => {
        const templates = RULES.find(([pattern]) => pattern.test(object))?.[1] ?? [];
        return templates.flatMap((key) => (byTemplate.get(key)?.status === 'active' ? [{ object, processing: byTemplate.get(key)!.id }] : []));
      });
      if (inputs.length === 0) continue;
      await register.mapAll(SEED, doc._id, inputs);
      lines.push(`demo register: mapped ${doc.name} (${new Set(inputs.map((i) => i.object)).size} of ${objects.length} objects)`);
    }
    return lines.length > 0 ? lines : ['demo register already seeded'];
  } catch (error) {
    return [`could not seed the demo register: ${errorMessage(error)}`];
  }
}
