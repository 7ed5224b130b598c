import { createSalesforceConnector } from '../../../connectors/salesforce/plugin.js';
import { salesforceConfigSchema } from '../../../connectors/salesforce/config.js';
import { createLogger } from '../../../core/logger.js';
import { startSalesforceEmulator } from './server.js';
const em = await startSalesforceEmulator();
try {
  const c = await createSalesforceConnector(salesforceConfigSchema.parse({ loginUrl: em.url }), { clientId: em.credentials.clientId, clientSecret: em.credentials.clientSecret }, { connectorId: 'c1', name: 'sf', logger: createLogger('t'), timeoutMs: 10000, defaultCountry: 'FR' });
  console.log(await c.check());
  const d = await c.describe();
  console.log(d.objects.map(o => `${o.name} ${o.erasure.strategy} ${o.erasure.fields?.join(',')} rel=${JSON.stringify(o.relation)}`).join('\n'));
  console.log(d.objects.find(o => o.name === 'Contact')!.fields.map(f => `${f.name}:${f.category}${f.identifier ? '/' + f.identifier : ''}${f.freeText ? '/free' : ''}`).join(' '));
  for (const id of [{ email: 'james.whitfield@example.co.uk' }, { phone: '+33612345678' }, { phone: '+33145678901' }, { email: 'elise.fontaine@example.fr' }]) {
    const refs = await c.locate(id);
    console.log(JSON.stringify(id), refs.map(r => `${r.object}:${r.matchedOn}`).join(' '));
  }
  const refs = await c.locate({ email: 'camille.durand@example.fr' });
  let n = 0; for await (const r of c.read(refs)) { n++; if (r.ref.object === 'Contact') console.log(r.fields); }
  console.log('read', n, refs.length);
  console.log(await c.consent(refs));
  console.log((await c.restrict(refs, true)).slice(0, 3));
  console.log(await c.consent(refs));
  const out = await c.erase(refs, {});
  console.log(out.map(o => `${o.ref.object}:${o.action}`).join(' '));
  console.log('again', (await c.locate({ email: 'camille.durand@example.fr' })).length);
  console.log((await c.erase(refs, {})).map(o => `${o.ref.object}:${o.action}`).join(' '));
  const jrefs = await c.locate({ email: 'james.whitfield@example.co.uk' });
  console.log((await c.erase(jrefs, { objects: { Contact: { strategy: 'delete' }, Lead: { strategy: 'delete' }, Task: { strategy: 'delete' }, Note: { strategy: 'delete' }, Case: { strategy: 'retain', legalHold: { basis: 'x law' } }, Individual: { strategy: 'delete' } } })).map(o => `${o.ref.object}:${o.action}:${o.detail ?? ''}`).join('\n'));
  console.log(em.calls.length, em.calls.filter(x => x.method === 'DELETE').map(x => x.query.ids ?? x.path));
  await c.close();
} finally { await em.stop(); }
