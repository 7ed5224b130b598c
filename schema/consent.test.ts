import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, startTestServices, type GraphQLAnswer, type TestServices } from '../test/support/gateway/services.js';
import { createGateway, type Gateway } from '../gateway/yoga.js';

const DECLARE = /* GraphQL */ `
  mutation Declare($input: DeclareConsentPurposeInput!) {
    declareConsentPurpose(input: $input) { __typename ... on ConsentPurpose { id name processingId analogousOffer } ... on ValidationError { message problems { path message } } }
  }
`;
const RECORD = /* GraphQL */ `
  mutation Record($identity: IdentityInput!, $input: RecordConsentInput!) {
    recordConsent(identity: $identity, input: $input) {
      __typename
      ... on ConsentRecord { id seq purpose channel status legalBasis source { kind name version } proof { kind reference sha256 } wording capturedBy recordedBy }
      ... on ValidationError { message problems { path message } }
    }
  }
`;
const PERSON = /* GraphQL */ `
  query Person($identity: IdentityInput!) {
    consents(identity: $identity) {
      __typename
      ... on PersonConsents { personRef intact states { purpose channel status legalBasis since record { proof { sha256 } } } history { seq status source { kind } } profile { audience customerSince } }
    }
  }
`;
const CAN_CONTACT = /* GraphQL */ `
  query Can($identity: IdentityInput!, $purpose: String!, $channel: String!, $at: DateTime) {
    canContact(identity: $identity, purpose: $purpose, channel: $channel, at: $at) {
      __typename
      ... on ContactDecision { allowed code reason rule { id title cites { text url } effectiveFrom } record { id } }
      ... on ValidationError { message problems { path message } }
    }
  }
`;
const LINKS = /* GraphQL */ `
  mutation Links($input: UnsubscribeLinksInput!) {
    issueUnsubscribeLinks(input: $input) { __typename ... on UnsubscribeLinks { links { url listUnsubscribe listUnsubscribePost } } ... on ValidationError { message problems { path } } }
  }
`;

const PROOF = { kind: 'form_snapshot', reference: 'forms/newsletter/v3.html', sha256: 'ab'.repeat(32) };
const newsletterGrant = {
  purpose: 'newsletter', channel: 'email', status: 'GRANTED', source: { kind: 'WEB_FORM', name: 'newsletter-signup', version: 'v3' },
  capturedAt: '2026-05-02T10:00:00Z', proof: PROOF, wording: 'Je souhaite recevoir la lettre d’information.', language: 'fr',
};

let services: TestServices;
let gateway: Gateway;
const as = (token: string | null) => (query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer> => graphql(gateway.fetch, token, query, variables);
beforeAll(async () => {
  services = await startTestServices();
  gateway = createGateway(services);
  await as(services.tokens.dpo)(DECLARE, { input: { id: 'newsletter', name: 'Newsletter', description: 'Our monthly news', processingId: 'proc-email-marketing' } });
});
afterAll(() => services?.dispose());

describe('consent through GraphQL', () => {
  it('lets the DPO declare a purpose linked to a processing, and no one else', async () => {
    const declared = await as(services.tokens.dpo)(DECLARE, { input: { id: 'offers', name: 'Offers', description: 'Products like those you bought', analogousOffer: true } });
    expect(declared.data!.declareConsentPurpose).toEqual({ __typename: 'ConsentPurpose', id: 'offers', name: 'Offers', processingId: null, analogousOffer: true });
    const refused = await as(services.tokens.integration)(DECLARE, { input: { id: 'sneaky', name: 'x', description: 'x' } });
    expect(refused.errors?.[0]).toMatchObject({ message: 'The integration role may not read Mutation.declareConsentPurpose', extensions: { code: 'FORBIDDEN' } });
  });

  it('records a consent from a form with an integration token, with its proof and wording', async () => {
    const answer = await as(services.tokens.integration)(RECORD, { identity: { email: 'Camille.Durand@example.fr' }, input: newsletterGrant });
    expect(answer.data!.recordConsent).toMatchObject({
      __typename: 'ConsentRecord', seq: 1, status: 'GRANTED', legalBasis: 'CONSENT', source: { kind: 'WEB_FORM', name: 'newsletter-signup', version: 'v3' },
      proof: PROOF, capturedBy: 'integration-tester', recordedBy: 'integration-tester',
    });
  });

  it('answers a grant without proof with a ValidationError naming it, and stores nothing', async () => {
    const answer = await as(services.tokens.integration)(RECORD, { identity: { email: 'paul.roux@example.fr' }, input: { ...newsletterGrant, proof: null } });
    expect(answer.data!.recordConsent).toMatchObject({ __typename: 'ValidationError', problems: [{ path: 'input.proof' }] });
    const person = await as(services.tokens.dpo)(PERSON, { identity: { email: 'paul.roux@example.fr' } });
    expect(person.data!.consents).toMatchObject({ personRef: null, states: [], history: [] });
  });

  it('shows the DPO a person’s states and history; an integration token may record but not read them', async () => {
    await as(services.tokens.integration)(RECORD, { identity: { email: 'camille.durand@example.fr' }, input: { ...newsletterGrant, status: 'WITHDRAWN', proof: null, capturedAt: '2026-06-01T08:00:00Z', source: { kind: 'CRM', name: 'hubspot' } } });
    const person = await as(services.tokens.dpo)(PERSON, { identity: { email: 'camille.durand@example.fr' } });
    expect(person.data!.consents).toMatchObject({
      intact: true,
      states: [{ purpose: 'newsletter', channel: 'email', status: 'WITHDRAWN', since: '2026-06-01T08:00:00.000Z' }],
      history: [{ seq: 1, status: 'GRANTED', source: { kind: 'WEB_FORM' } }, { seq: 2, status: 'WITHDRAWN', source: { kind: 'CRM' } }],
      profile: { audience: 'CONSUMER', customerSince: null },
    });
    const refused = await as(services.tokens.integration)(PERSON, { identity: { email: 'camille.durand@example.fr' } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers canContact with the reason, the rule and its text, and the entry it rests on', async () => {
    const recorded = await as(services.tokens.integration)(RECORD, { identity: { email: 'lea.martin@example.org' }, input: newsletterGrant });
    const answer = await as(services.tokens.integration)(CAN_CONTACT, { identity: { email: 'lea.martin@example.org' }, purpose: 'newsletter', channel: 'email', at: '2026-06-16T09:00:00Z' });
    expect(answer.data!.canContact).toMatchObject({
      __typename: 'ContactDecision', allowed: true, code: 'CONSENT',
      rule: { id: 'fr.cpce-l34-5.consumer', cites: [{ text: 'Code des postes et des communications électroniques, art. L34-5' }] },
      record: { id: recorded.data!.recordConsent.id },
    });
    const sms = await as(services.tokens.dpo)(CAN_CONTACT, { identity: { email: 'lea.martin@example.org' }, purpose: 'newsletter', channel: 'sms' });
    expect(sms.data!.canContact).toMatchObject({ allowed: false, code: 'NO_CONSENT', reason: 'No prior consent recorded' });
    const unknown = await as(services.tokens.integration)(CAN_CONTACT, { identity: { email: 'lea.martin@example.org' }, purpose: 'lottery', channel: 'email' });
    expect(unknown.data!.canContact).toMatchObject({ __typename: 'ValidationError', message: 'No purpose "lottery" is declared' });
  });

  it('keeps consent away from the it, agent and subject roles, and from callers without a token', async () => {
    for (const role of ['it', 'agent', 'subject'] as const) {
      const answer = await as(services.tokens[role])(CAN_CONTACT, { identity: { email: 'lea.martin@example.org' }, purpose: 'newsletter', channel: 'email' });
      expect(answer.errors?.[0]?.extensions, role).toMatchObject({ code: 'FORBIDDEN' });
      const record = await as(services.tokens[role])(RECORD, { identity: { email: 'lea.martin@example.org' }, input: newsletterGrant });
      expect(record.errors?.[0]?.extensions, role).toMatchObject({ code: 'FORBIDDEN' });
    }
    const anonymous = await as(null)(CAN_CONTACT, { identity: { email: 'lea.martin@example.org' }, purpose: 'newsletter', channel: 'email' });
    expect(anonymous.status).toBe(401);
  });

  it('issues opaque one-click unsubscribe links to an integration, with the headers to set', async () => {
    const answer = await as(services.tokens.integration)(LINKS, { input: { purpose: 'newsletter', channel: 'email', language: 'FR', recipients: [{ email: 'lea.martin@example.org' }, { email: 'hugo.bernard@example.fr' }] } });
    const links = answer.data!.issueUnsubscribeLinks.links as { url: string; listUnsubscribe: string; listUnsubscribePost: string }[];
    expect(links).toHaveLength(2);
    expect(links[0]).toEqual({ url: expect.stringMatching(/^http:\/\/localhost:\d+\/unsubscribe\/[A-Za-z0-9_-]+$/), listUnsubscribe: `<${links[0]!.url}>`, listUnsubscribePost: 'List-Unsubscribe=One-Click' });
    expect(links[0]!.url).not.toBe(links[1]!.url);
    expect(links.map((l) => l.url).join()).not.toMatch(/lea|martin|hugo|example|newsletter/i);
    const bad = await as(services.tokens.integration)(LINKS, { input: { purpose: 'newsletter', channel: 'email', recipients: [{ email: 'not an email' }] } });
    expect(bad.data!.issueUnsubscribeLinks).toMatchObject({ __typename: 'ValidationError', problems: [{ path: 'input.recipients.0.identity.email' }] });
  });

  it('lists a purpose’s people for the DPO with each channel’s state', async () => {
    const PEOPLE = `query { consentPurpose(id: "newsletter") { ... on ConsentPurpose { processingId people(first: 10) { edges { node { identity { email } states { channel status } } } } } } }`;
    const answer = await as(services.tokens.dpo)(PEOPLE);
    const people = answer.data!.consentPurpose.people.edges.map((e: { node: { identity: { email: string }; states: { status: string }[] } }) => [e.node.identity.email, e.node.states[0]!.status]);
    expect(people.sort()).toEqual([['camille.durand@example.fr', 'WITHDRAWN'], ['lea.martin@example.org', 'GRANTED']]);
    const asIntegration = await as(services.tokens.integration)(PEOPLE);
    expect(asIntegration.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
