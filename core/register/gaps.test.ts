import { describe, expect, it } from 'vitest';
import { fromTemplate, mapped, versionOf } from '../../test/support/register/processings.js';
import { registerGaps, type SystemHoldings } from './gaps.js';

const shop: SystemHoldings = {
  connectorId: 'conn_shop',
  name: 'boutique',
  objects: [
    { name: 'client', fields: [{ name: 'email', category: 'contact' }, { name: 'num_secu', category: 'identity' }] },
    { name: 'commande', fields: [{ name: 'montant', category: 'financial' }] },
    { name: 'interaction', fields: [{ name: 'commentaire', category: 'communication' }, { name: 'allergies', category: 'special' }] },
  ],
};

describe('gaps in the register', () => {
  it('finds nothing to say about complete processings mapped to every object', () => {
    const accounting = fromTemplate('proc_compta', 'accounting');
    const service = fromTemplate('proc_sav', 'customer_service', { recipients: [{ kind: 'internal', name: 'Service client' }] });
    const customers = fromTemplate('proc_clients', 'customer_management', { recipients: [{ kind: 'processor', name: 'PSP', contractRef: 'DPA-2024-07' }] });
    const mappings = [mapped('conn_shop', 'client', 'proc_clients'), mapped('conn_shop', 'commande', 'proc_compta'), mapped('conn_shop', 'interaction', 'proc_sav', ['commentaire'])];
    expect(registerGaps({ processings: [accounting, service, customers], mappings }, [shop])).toEqual([]);
  });

  it('flags each thing a DPO must fix, in French and English', () => {
    const bare = versionOf('proc_bare', { name: { fr: 'Fichier santé' }, purposes: [{ fr: 'Suivi' }], dataSubjects: [], dataCategories: [{ category: 'health' }, { category: 'contact' }], recipients: [], transfers: [{ recipient: 'Hébergeur', country: 'US' }], securityMeasures: [] });
    const prospecting = fromTemplate('proc_prospection', 'prospecting');
    const gone = versionOf('proc_gone', { name: { fr: 'Ancien' }, purposes: [{ fr: 'x' }], dataSubjects: [], dataCategories: [], recipients: [], transfers: [], securityMeasures: [] }, { status: 'archived' });
    const mappings = [
      mapped('conn_shop', 'client', 'proc_prospection'),
      mapped('conn_shop', 'interaction', 'proc_prospection'),
      mapped('conn_shop', 'commande', 'proc_gone'),
      mapped('conn_shop', 'factures', 'proc_prospection'),
    ];
    const gaps = registerGaps({ processings: [bare, prospecting, gone], mappings }, [shop, { connectorId: 'conn_down', name: 'crm', objects: null }]);
    expect(gaps.map((g) => [g.kind, g.processingId ?? g.connectorId, g.objects])).toEqual([
      ['no_legal_basis', 'proc_bare', undefined],
      ['special_without_art9', 'proc_bare', undefined],
      ['transfer_without_safeguard', 'proc_bare', undefined],
      ['no_retention', 'proc_bare', undefined],
      ['processor_without_contract', 'proc_prospection', undefined],
      ['unmapped_objects', 'conn_shop', ['commande']],
      ['special_field_undeclared', 'proc_prospection', ['interaction']],
      ['stale_mapping', 'proc_prospection', ['factures']],
    ]);
    const byKind = Object.fromEntries(gaps.map((g) => [g.kind, g.message]));
    expect(byKind.special_without_art9).toEqual({
      fr: 'Le traitement « Fichier santé » porte sur des données sensibles (données de santé) sans condition de l’art. 9(2).',
      en: 'Processing "Fichier santé" covers special categories (health data) without an Art. 9(2) condition.',
    });
    expect(byKind.transfer_without_safeguard!.en).toBe('Processing "Fichier santé" transfers data to Hébergeur (US) without a safeguard (Chapter V).');
    expect(byKind.unmapped_objects!.fr).toBe('boutique : aucun traitement n’explique commande.');
    expect(byKind.special_field_undeclared!.en).toContain('interaction.allergies looks sensitive');
  });

  it('counts a processing whose some categories lack a period', () => {
    const partial = fromTemplate('proc_clients', 'customer_management');
    partial.dataCategories[0] = { category: 'civil_status' };
    const gaps = registerGaps({ processings: [partial], mappings: [] }, []).filter((g) => g.kind === 'no_retention');
    expect(gaps.map((g) => g.message.en)).toEqual(['Processing TRT-CLIENTS "Customer management" states no retention period for: civil status, identity, identification data, images.']);
  });
});
