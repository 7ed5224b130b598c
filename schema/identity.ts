import type { IdentityInput, SubjectIdentity } from '../core/identity.js';
import { builder } from './builder.js';

export const IdentityInputType = builder.inputRef<IdentityInput>('IdentityInput').implement({
  description: 'Who the subject is: at least one of email, phone or externalId.',
  fields: (t) => ({
    email: t.string({ required: false, description: 'Any case; compared lower-cased.' }),
    phone: t.string({ required: false, description: 'Any usual form; compared in E.164 (the configured default country applies to national numbers).' }),
    externalId: t.string({ required: false, description: 'An id in one system, e.g. a customer number.' }),
    externalSystem: t.string({ required: false, description: 'The connector (id or name) the external id belongs to; any system when absent.' }),
    name: t.string({ required: false, description: 'Helps a person confirm a match; never identifies on its own.' }),
  }),
});

export const IdentityType = builder.objectRef<SubjectIdentity>('Identity').implement({
  description: 'An identity as Gardien compares it: email lower-cased, phone in E.164.',
  fields: (t) => ({
    email: t.exposeString('email', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true }),
    externalId: t.exposeString('externalId', { nullable: true }),
    externalSystem: t.exposeString('externalSystem', { nullable: true }),
    name: t.exposeString('name', { nullable: true }),
  }),
});
