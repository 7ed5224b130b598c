import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, startTestServices, type GraphQLAnswer, type TestServices } from '../test/support/gateway/services.js';
import { createGateway, type Gateway } from './yoga.js';

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateProcessingInput!) {
    createProcessing(input: $input) {
      __typename
      ... on Processing { id version reference template name { fr en } legalBasis { basis article } dataCategories { category retention { active archive text(language: EN) } } }
      ... on ValidationError { message problems { path message } }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($id: ID!, $version: Int!, $changes: ProcessingInput!) {
    updateProcessing(id: $id, version: $version, changes: $changes) {
      __typename
      ... on Processing { version source legalBasis { basis } history { version source } }
      ... on VersionConflict { message basedOn currentVersion }
      ... on ValidationError { problems { path message } }
    }
  }
`;
const REGISTER_CONNECTOR = /* GraphQL */ `
  mutation Register($input: RegisterConnectorInput!) {
    registerConnector(input: $input) {
      __typename
      ... on Connector { id name }
      ... on ValidationError { message problems { path message } }
    }
  }
`;
const MAP = /* GraphQL */ `
  mutation Map($input: MapToProcessingInput!) {
    mapToProcessing(input: $input) { __typename ... on ProcessingMapping { connectorName object fields processing { reference } } ... on ValidationError { problems { path message } } }
  }
`;

let services: TestServices;
let gateway: Gateway;
const as = (role: 'dpo' | 'it' | 'agent' | null) => (query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer> =>
  graphql(gateway.fetch, role ? services.tokens[role] : null, query, variables);

beforeAll(async () => {
  services = await startTestServices();
  gateway = createGateway(services);
});
afterAll(() => services?.dispose());

describe('the processing register in GraphQL', () => {
  it('lets the DPO create a processing from a template and change it; a change based on an old version is a VersionConflict', async () => {
    const created = (await as('dpo')(CREATE, { input: { template: 'accounting', processing: { reference: 'TRT-COMPTA' } } })).data!.createProcessing;
    expect(created).toMatchObject({
      __typename: 'Processing', version: 1, reference: 'TRT-COMPTA', template: 'accounting',
      name: { fr: 'Comptabilité et facturation', en: 'Accounting and invoicing' },
      legalBasis: { basis: 'LEGAL_OBLIGATION', article: '6(1)(c)' },
    });
    expect(created.dataCategories[0].retention).toEqual({
      active: 'P0D', archive: 'P10Y',
      text: '10 years in intermediate archive from the end of the financial year, then erased — Code de commerce, art. L123-22 : les documents comptables et les pièces justificatives sont conservés pendant dix ans',
    });

    const updated = (await as('dpo')(UPDATE, { id: created.id, version: 1, changes: { source: 'Logiciel de facturation' } })).data!.updateProcessing;
    expect(updated).toMatchObject({ __typename: 'Processing', version: 2, source: 'Logiciel de facturation', history: [{ version: 1 }, { version: 2 }] });
    const stale = (await as('dpo')(UPDATE, { id: created.id, version: 1, changes: { legalBasis: null } })).data!.updateProcessing;
    expect(stale).toEqual({ __typename: 'VersionConflict', basedOn: 1, currentVersion: 2, message: expect.stringContaining('reload it') });
    const cleared = (await as('dpo')(UPDATE, { id: created.id, version: 2, changes: { legalBasis: null } })).data!.updateProcessing;
    expect(cleared).toMatchObject({ version: 3, legalBasis: null });
  });

  it('returns bad input as a ValidationError naming each path, and stores nothing', async () => {
    const before = (await as('dpo')('{ processings { edges { node { id } } } }')).data!.processings.edges.length;
    const answer = (await as('dpo')(CREATE, {
      input: { processing: { name: { fr: 'Hébergement' }, purposes: [{ fr: 'Héberger le site' }], transfers: [{ recipient: 'OVH', country: 'FR' }], dataCategories: [{ category: 'CONTACT', retention: { from: 'COLLECTION', active: '3 ans', then: 'ERASE', basis: 'contrat' } }] } },
    })).data!.createProcessing;
    expect(answer.__typename).toBe('ValidationError');
    expect(answer.problems).toEqual([
      { path: 'processing.dataCategories.0.retention.active', message: 'an ISO 8601 duration in years, months and days, e.g. P3Y, P13M or P0D' },
      { path: 'processing.transfers.0.country', message: 'is in the EEA: data sent there is not a transfer outside the EU' },
    ]);
    const unknown = (await as('dpo')(CREATE, { input: { template: 'payroll' } })).data!.createProcessing;
    expect(unknown.problems).toEqual([{ path: 'template', message: 'one of customer_management, prospecting, accounting, customer_service, recruitment' }]);
    expect((await as('dpo')('{ processings { edges { node { id } } } }')).data!.processings.edges).toHaveLength(before);
  });

  it('gives the register to read to dpo, it and agent, its changes to the DPO only, and the mappings to IT and the DPO', async () => {
    const read = '{ processings { edges { node { reference } } } processingTemplates { key draft { name { text(language: EN) } } } registerGaps { kind } controller { set } }';
    for (const role of ['dpo', 'it', 'agent'] as const) expect((await as(role)(read)).errors).toBeUndefined();
    expect((await as('agent')(read)).data!.processingTemplates.map((t: { draft: { name: { text: string } } }) => t.draft.name.text)).toEqual([
      'Customer management', 'Direct marketing', 'Accounting and invoicing', 'Customer service and complaints', 'Recruitment',
    ]);
    for (const role of ['it', 'agent'] as const) {
      const answer = await as(role)(CREATE, { input: { template: 'prospecting' } });
      expect(answer.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    }
    const agentMaps = await as('agent')(MAP, { input: { connector: 'x', object: 'y', processing: 'z' } });
    expect(agentMaps.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const anonymous = await as(null)(read);
    expect(anonymous.status).toBe(401);
    const setController = await as('it')('mutation { setController(input: { name: "X", dpo: {} }) { __typename } }');
    expect(setController.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('lets IT map a connector’s objects when registering it; a bad mapping stores nothing', async () => {
    await as('dpo')(CREATE, { input: { template: 'customer_service', processing: { reference: 'TRT-SAV' } } });
    const unknownProcessing = (await as('it')(REGISTER_CONNECTOR, { input: { kind: 'fixture', name: 'crm-a', config: {}, processing: [{ object: 'contact', processing: 'TRT-NOPE' }] } })).data!.registerConnector;
    expect(unknownProcessing.problems).toEqual([{ path: 'processing.0.processing', message: 'no processing "TRT-NOPE"' }]);
    const unknownObject = (await as('it')(REGISTER_CONNECTOR, { input: { kind: 'fixture', name: 'crm-a', config: {}, processing: [{ object: 'contact', processing: 'TRT-SAV' }, { object: 'tickets', processing: 'TRT-SAV' }] } })).data!.registerConnector;
    expect(unknownObject.problems).toEqual([{ path: 'processing.1.object', message: 'crm-a holds no object "tickets" (it holds contact, ticket)' }]);
    expect(await services.catalog.list()).toEqual([]);
    expect(await services.register.mappings()).toEqual([]);

    const registered = (await as('it')(REGISTER_CONNECTOR, { input: { kind: 'fixture', name: 'crm', config: {}, processing: [{ object: 'contact', fields: ['email', 'full_name'], processing: 'TRT-SAV' }] } })).data!.registerConnector;
    expect(registered.__typename).toBe('Connector');
    const mapped = (await as('it')(MAP, { input: { connector: 'crm', object: 'ticket', processing: 'TRT-SAV' } })).data!.mapToProcessing;
    expect(mapped).toEqual({ __typename: 'ProcessingMapping', connectorName: 'crm', object: 'ticket', fields: null, processing: { reference: 'TRT-SAV' } });
    const mappings = (await as('agent')('{ processingMappings(connector: "crm") { object fields } }')).data!.processingMappings;
    expect(mappings).toEqual([{ object: 'contact', fields: ['email', 'full_name'] }, { object: 'ticket', fields: null }]);
  });

  it('generates the Art. 30 register with the controller, the systems and fields holding each processing, and the gaps', async () => {
    const controller = await as('dpo')('mutation { setController(input: { name: "Boutique Lumière SAS", address: "3 rue des Lilas, 69003 Lyon", dpo: { name: "Claire Martin", email: "dpo@lumiere.example" } }) { __typename ... on Controller { name } } }');
    expect(controller.data!.setController).toEqual({ __typename: 'Controller', name: 'Boutique Lumière SAS' });
    const answer = await as('agent')(/* GraphQL */ `{
      register {
        controller { name dpo { email } set }
        entries { processing { reference } holdings { connectorName object fields { name category } source } gaps { kind } }
        gaps { kind connectorName objects message(language: EN) }
        systems { name source }
      }
    }`);
    expect(answer.errors).toBeUndefined();
    const register = answer.data!.register;
    expect(register.controller).toEqual({ name: 'Boutique Lumière SAS', dpo: { email: 'dpo@lumiere.example' }, set: true });
    const sav = register.entries.find((e: { processing: { reference: string } }) => e.processing.reference === 'TRT-SAV');
    expect(sav.holdings).toEqual([
      { connectorName: 'crm', object: 'contact', fields: [{ name: 'full_name', category: 'IDENTITY' }, { name: 'email', category: 'CONTACT' }], source: 'LIVE' },
      { connectorName: 'crm', object: 'ticket', fields: [{ name: 'body', category: 'COMMUNICATION' }], source: 'LIVE' },
    ]);
    expect(sav.gaps).toEqual([{ kind: 'PROCESSOR_WITHOUT_CONTRACT' }]);
    expect(register.gaps).toContainEqual({ kind: 'NO_LEGAL_BASIS', connectorName: null, objects: [], message: 'Processing TRT-COMPTA "Accounting and invoicing" has no legal basis (Art. 6).' });
    expect(register.systems).toEqual([{ name: 'crm', source: 'LIVE' }]);
  });

  it('forgets a removed connector’s mappings', async () => {
    const removed = await as('it')('mutation { removeConnector(id: "crm") { __typename } }');
    expect(removed.data!.removeConnector).toEqual({ __typename: 'Connector' });
    expect((await as('dpo')('{ processingMappings { object } }')).data!.processingMappings).toEqual([]);
  });
});
