/** Purposes people consent to, declared by the DPO, and each purpose's people with the state of each channel. */
import type { PurposePerson } from '../core/consent/purpose-people.js';
import type { ConsentPurpose } from '../core/consent/purposes.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { builder } from './builder.js';
import { ConsentStateType, ConsentStatusEnum, READERS, RECORDERS } from './consent-types.js';
import { IdentityType } from './identity.js';
import { forwardPage } from './paging.js';

const PurposePersonType = builder.objectRef<PurposePerson>('PurposePerson').implement({
  authScopes: READERS,
  fields: (t) => ({
    personRef: t.exposeID('personId'),
    identity: t.field({ type: IdentityType, description: 'The identifiers the ledger holds for them (sealed at rest).', resolve: (p) => p.identity }),
    states: t.field({ type: [ConsentStateType], description: 'One per channel.', resolve: (p) => p.states }),
  }),
});

const ConsentPurposeType = builder.objectRef<ConsentPurpose>('ConsentPurpose').implement({
  description: 'What people consent to. `processingId` points at a processing of the register.',
  authScopes: RECORDERS,
  fields: (t) => ({
    id: t.exposeID('_id'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    processingId: t.exposeString('processingId', { nullable: true }),
    reconfirmAfterDays: t.exposeInt('reconfirmAfterDays', { nullable: true, description: 'How often consents to it should be confirmed again.' }),
    analogousOffer: t.exposeBoolean('analogousOffer', { description: 'Offers analogous to what customers bought: the soft opt-in may apply.' }),
    relatedToWork: t.exposeBoolean('relatedToWork', { description: 'Offers related to the recipient’s work: business email on legitimate interest.' }),
    relatedToContract: t.exposeBoolean('relatedToContract', { description: 'Offers related to a contract in force: calls need no consent during it.' }),
    declaredBy: t.exposeString('declaredBy'),
    createdAt: t.field({ type: 'DateTime', resolve: (p) => p.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (p) => p.updatedAt }),
    people: t.connection(
      {
        type: PurposePersonType,
        description: 'Who has a consent entry for this purpose, with each channel’s state at `at`. Audited.',
        authScopes: READERS,
        args: {
          at: t.arg({ type: 'DateTime', required: false }),
          channel: t.arg.string({ required: false }),
          status: t.arg({ type: ConsentStatusEnum, required: false }),
        },
        resolve: async (purpose, args, { services, actor }) => {
          const { first, after } = forwardPage(args);
          const page = await services.consents.purposePeople(purpose._id, { first, after, at: args.at ?? new Date(), channel: args.channel, status: args.status }, actor!);
          return {
            edges: page.items.map((node) => ({ cursor: node.personId, node })),
            pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: after != null, startCursor: page.items[0]?.personId ?? null, endCursor: page.items.at(-1)?.personId ?? null },
          };
        },
      },
      { name: 'PurposePersonConnection' },
      { name: 'PurposePersonEdge' },
    ),
  }),
});

const DeclarePurposeInput = builder.inputType('DeclareConsentPurposeInput', {
  fields: (t) => ({
    id: t.string({ required: true, description: 'Lower-case letters, digits, - and _; e.g. newsletter.' }),
    name: t.string({ required: true }),
    description: t.string({ required: true }),
    processingId: t.string({ required: false, description: 'The processing of the register this purpose belongs to.' }),
    reconfirmAfterDays: t.int({ required: false }),
    analogousOffer: t.boolean({ required: false }),
    relatedToWork: t.boolean({ required: false }),
    relatedToContract: t.boolean({ required: false }),
  }),
});

builder.queryFields((t) => ({
  consentPurposes: t.field({ type: [ConsentPurposeType], description: 'Every declared purpose, by id.', authScopes: RECORDERS, resolve: (_root, _args, { services }) => services.consents.purposes.list() }),
  consentPurpose: t.field({
    type: ConsentPurposeType,
    authScopes: RECORDERS,
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'ConsentPurposeResult' } },
    resolve: (_root, { id }, { services }) => services.consents.purposes.get(String(id)),
  }),
}));

builder.mutationField('declareConsentPurpose', (t) =>
  t.field({
    type: ConsentPurposeType,
    description: 'Declares a purpose, or describes an existing one anew.',
    authScopes: READERS,
    args: { input: t.arg({ type: DeclarePurposeInput, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'DeclareConsentPurposeResult' } },
    resolve: (_root, { input }, { services, actor }) => services.consents.declarePurpose(input, actor!),
  }),
);
