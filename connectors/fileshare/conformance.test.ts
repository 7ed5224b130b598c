/** The file share passes the conformance suite every connector passes, on a share of real documents. */
import path from 'node:path';
import { runConformanceSuite } from '../sdk/testkit/conformance.js';
import { emlBytes, writeFiles, xlsxBytes } from '../../devstack/demo/documents.js';
import { openShare, openTestShare } from '../../test/support/fileshare/share.js';

runConformanceSuite({
  name: 'fileshare',
  async setup() {
    const { storage, dir, close } = await openTestShare('fileshare_conformance');
    const share = path.join(dir, 'share');
    await writeFiles(share, {
      'ventes/salon-2024.xlsx': await xlsxBytes([
        {
          name: 'Inscrits',
          rows: [
            ['Nom', 'Email', 'Téléphone'],
            ['Margaux Lefort', 'Margaux.Lefort@Example.FR', '04 78 12 34 56'],
            ['Henri Vidal', 'henri.vidal@example.fr', '+33 4 91 00 11 22'],
          ],
        },
      ]),
      'ventes/export-crm.csv': 'name,email,city\r\nHenri Vidal,henri.vidal@example.fr,Marseille\r\nMargaux Lefort,margaux.lefort@example.fr,Lyon\r\n',
      'notes/2024-03-12.md': '# Appels\n\n- Margaux Lefort <MARGAUX.LEFORT@example.fr> : devis 3 postes\n- Henri Vidal <henri.vidal@example.fr> : satisfait\n',
      'exports/contacts.json': JSON.stringify({ contacts: [{ name: 'Margaux Lefort', email: 'margaux.lefort@example.fr' }, { name: 'Henri Vidal', email: 'henri.vidal@example.fr' }] }, null, 2),
      'mail/devis.eml': await emlBytes({ from: { name: 'Margaux Lefort', address: 'margaux.lefort@example.fr' }, to: 'ventes@gardien.example', subject: 'Devis', text: 'Bonjour, pouvez-vous me rappeler ?\n' }),
    });
    const connector = await openShare(storage, { roots: [share] }, { context: { connectorId: 'conn_conformance' } });
    await connector.crawl();
    return {
      connector,
      identity: { email: 'margaux.lefort@example.fr' },
      bystander: { email: 'HENRI.VIDAL@example.fr' },
      expectedObjects: ['xlsx', 'csv', 'md', 'json', 'eml'],
      cleanup: close,
    };
  },
});
