/**
 * The emulated org's metadata: the standard objects Gardien reads, with the
 * field types, flags and relationships Salesforce's describe calls report.
 */
export type FieldType =
  | 'id' | 'string' | 'textarea' | 'email' | 'phone' | 'url' | 'boolean' | 'date' | 'datetime'
  | 'picklist' | 'reference' | 'double' | 'address';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  length: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  calculated: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  picklist: string[];
  compoundFieldName: string | null;
  nameField: boolean;
  defaultValue?: string | boolean;
  /** For compound address fields: component field per address key. */
  components?: Record<string, string>;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  fields: FieldDef[];
  children: { childSObject: string; field: string; relationshipName: string | null; cascadeDelete: boolean }[];
}

type Extra = Partial<Omit<FieldDef, 'name' | 'type'>>;

function field(name: string, type: FieldType, extra: Extra = {}): FieldDef {
  const system = type === 'id';
  return {
    name,
    label: extra.label ?? name.replace(/Id$/, ' ID').replace(/([a-z])([A-Z])/g, '$1 $2'),
    type,
    length: extra.length ?? (type === 'id' || type === 'reference' ? 18 : ['string', 'phone', 'email', 'url', 'picklist'].includes(type) ? 255 : type === 'textarea' ? 32000 : 0),
    nillable: extra.nillable ?? (!system && type !== 'boolean'),
    createable: extra.createable ?? !system,
    updateable: extra.updateable ?? !system,
    calculated: extra.calculated ?? false,
    referenceTo: extra.referenceTo ?? [],
    relationshipName: extra.relationshipName ?? null,
    picklist: extra.picklist ?? [],
    compoundFieldName: extra.compoundFieldName ?? null,
    nameField: extra.nameField ?? false,
    defaultValue: extra.defaultValue ?? (type === 'boolean' ? false : undefined),
    components: extra.components,
  };
}

const ref = (name: string, to: string[], extra: Extra = {}) =>
  field(name, 'reference', { referenceTo: to, relationshipName: name.replace(/Id$/, ''), ...extra });
const required = { nillable: false };
const readOnly = { createable: false, updateable: false };
const calculatedName = field('Name', 'string', { ...readOnly, calculated: true, nameField: true, label: 'Full Name' });
const flag = (name: string) => field(name, 'boolean');

function address(prefix: string, compound: string): FieldDef[] {
  const part = (key: string, name: string, type: FieldType = 'string') =>
    [key, field(`${prefix}${name}`, type, { compoundFieldName: compound })] as const;
  const parts = [part('street', 'Street', 'textarea'), part('city', 'City'), part('postalCode', 'PostalCode'), part('country', 'Country')];
  const components = Object.fromEntries(parts.map(([key, f]) => [key, f.name]));
  return [...parts.map(([, f]) => f), field(compound, 'address', { ...readOnly, components })];
}

function systemFields(owned: boolean): FieldDef[] {
  return [
    field('Id', 'id', { nillable: false }),
    field('IsDeleted', 'boolean', readOnly),
    ...(owned ? [ref('OwnerId', ['User'], { nillable: false, relationshipName: 'Owner' })] : []),
    field('CreatedDate', 'datetime', readOnly),
    ref('CreatedById', ['User'], { ...readOnly, relationshipName: 'CreatedBy' }),
    field('LastModifiedDate', 'datetime', readOnly),
    ref('LastModifiedById', ['User'], { ...readOnly, relationshipName: 'LastModifiedBy' }),
    field('SystemModstamp', 'datetime', readOnly),
  ];
}

function object(name: string, keyPrefix: string, labelPlural: string, fields: FieldDef[], owned = true): ObjectDef {
  return { name, label: name.replace(/([a-z])([A-Z])/g, '$1 $2'), labelPlural, keyPrefix, fields: [...systemFields(owned), ...fields], children: [] };
}

const PERSON_NAME = [
  field('Salutation', 'picklist', { picklist: ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'] }),
  field('FirstName', 'string', { length: 40, compoundFieldName: 'Name' }),
  field('LastName', 'string', { length: 80, compoundFieldName: 'Name', ...required }),
  calculatedName,
];
const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Trade Show', 'Other'];

export const OBJECTS: ObjectDef[] = [
  object('Account', '001', 'Accounts', [
    field('Name', 'string', { ...required, nameField: true, label: 'Account Name' }),
    field('Type', 'picklist', { picklist: ['Prospect', 'Customer - Direct', 'Partner'] }),
    field('Industry', 'picklist', { picklist: ['Consulting', 'Legal', 'Logistics', 'Manufacturing', 'Design'] }),
    field('Phone', 'phone'),
    field('Website', 'url'),
    ...address('Billing', 'BillingAddress'),
    field('Description', 'textarea', { label: 'Account Description' }),
  ]),
  object('Individual', '0PK', 'Individuals', [
    ...PERSON_NAME,
    field('BirthDate', 'date'),
    flag('ShouldForget'),
    flag('HasOptedOutProcessing'),
    flag('HasOptedOutTracking'),
    flag('HasOptedOutProfiling'),
    flag('HasOptedOutSolicit'),
    flag('HasOptedOutGeoTracking'),
    flag('CanStorePiiElsewhere'),
    flag('SendIndividualData'),
  ]),
  object('Contact', '003', 'Contacts', [
    ref('AccountId', ['Account']),
    ...PERSON_NAME,
    field('Title', 'string', { length: 128 }),
    field('Email', 'email', { length: 80 }),
    field('Phone', 'phone', { length: 40, label: 'Business Phone' }),
    field('MobilePhone', 'phone', { length: 40 }),
    ...address('Mailing', 'MailingAddress'),
    field('Birthdate', 'date'),
    field('LeadSource', 'picklist', { picklist: LEAD_SOURCES }),
    field('Description', 'textarea', { label: 'Contact Description' }),
    flag('HasOptedOutOfEmail'),
    flag('DoNotCall'),
    ref('IndividualId', ['Individual']),
  ]),
  object('Lead', '00Q', 'Leads', [
    ...PERSON_NAME,
    field('Company', 'string', required),
    field('Title', 'string', { length: 128 }),
    field('Email', 'email', { length: 80 }),
    field('Phone', 'phone', { length: 40 }),
    field('MobilePhone', 'phone', { length: 40 }),
    ...address('', 'Address'),
    field('Status', 'picklist', { ...required, picklist: ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'], defaultValue: 'Open - Not Contacted' }),
    field('LeadSource', 'picklist', { picklist: LEAD_SOURCES }),
    field('Description', 'textarea'),
    flag('HasOptedOutOfEmail'),
    flag('DoNotCall'),
    ref('IndividualId', ['Individual']),
    field('IsConverted', 'boolean', readOnly),
  ]),
  object('Campaign', '701', 'Campaigns', [
    field('Name', 'string', { ...required, nameField: true }),
    field('Type', 'picklist', { picklist: ['Email', 'Webinar', 'Trade Show', 'Conference'] }),
    field('Status', 'picklist', { picklist: ['Planned', 'In Progress', 'Completed'] }),
    field('StartDate', 'date'),
    flag('IsActive'),
  ]),
  object('CampaignMember', '00v', 'Campaign Members', [
    ref('CampaignId', ['Campaign'], { ...required, updateable: false }),
    ref('ContactId', ['Contact'], { updateable: false }),
    ref('LeadId', ['Lead'], { updateable: false }),
    field('Status', 'picklist', { picklist: ['Sent', 'Responded'], defaultValue: 'Sent' }),
    field('HasResponded', 'boolean', readOnly),
    // Copied from the member's contact or lead, as Salesforce shows them.
    field('FirstName', 'string', { ...readOnly, length: 40 }),
    field('LastName', 'string', { ...readOnly, length: 80 }),
    field('Email', 'email', readOnly),
    field('Phone', 'phone', readOnly),
  ], false),
  object('Case', '500', 'Cases', [
    field('CaseNumber', 'string', { ...readOnly, nameField: true, length: 30 }),
    ref('ContactId', ['Contact']),
    ref('AccountId', ['Account']),
    field('SuppliedName', 'string', { length: 80, label: 'Web Name' }),
    field('SuppliedEmail', 'email', { length: 80, label: 'Web Email' }),
    field('SuppliedPhone', 'string', { length: 40, label: 'Web Phone' }),
    field('Subject', 'string'),
    field('Description', 'textarea'),
    field('Comments', 'textarea', { label: 'Internal Comments' }),
    field('Status', 'picklist', { picklist: ['New', 'Working', 'Escalated', 'Closed'], defaultValue: 'New' }),
    field('Origin', 'picklist', { picklist: ['Phone', 'Email', 'Web'] }),
    field('Priority', 'picklist', { picklist: ['High', 'Medium', 'Low'], defaultValue: 'Medium' }),
  ]),
  object('Task', '00T', 'Tasks', [
    ref('WhoId', ['Contact', 'Lead'], { relationshipName: 'Who', label: 'Name ID' }),
    ref('WhatId', ['Account', 'Case', 'Campaign'], { relationshipName: 'What', label: 'Related To ID' }),
    field('Subject', 'string'),
    field('ActivityDate', 'date', { label: 'Due Date Only' }),
    field('Status', 'picklist', { ...required, picklist: ['Not Started', 'In Progress', 'Completed'], defaultValue: 'Not Started' }),
    field('Priority', 'picklist', { ...required, picklist: ['High', 'Normal', 'Low'], defaultValue: 'Normal' }),
    field('Type', 'picklist', { picklist: ['Call', 'Email', 'Meeting', 'Other'] }),
    field('Description', 'textarea', { label: 'Comments' }),
  ]),
  object('Note', '002', 'Notes', [
    ref('ParentId', ['Account', 'Contact', 'Lead', 'Case'], { ...required, updateable: false, relationshipName: 'Parent' }),
    field('Title', 'string', { ...required, length: 80 }),
    field('Body', 'textarea'),
    flag('IsPrivate'),
  ]),
];

// Child relationships, as describe lists them on the parent.
for (const child of OBJECTS) {
  for (const f of child.fields) {
    if (f.type !== 'reference' || ['OwnerId', 'CreatedById', 'LastModifiedById'].includes(f.name)) continue;
    for (const parentName of f.referenceTo) {
      const parent = OBJECTS.find((o) => o.name === parentName);
      parent?.children.push({
        childSObject: child.name,
        field: f.name,
        relationshipName: child.name === 'Note' ? 'Notes' : `${child.name}s`,
        cascadeDelete: child.name === 'Note' || child.name === 'CampaignMember',
      });
    }
  }
}

const BY_NAME = new Map(OBJECTS.map((o) => [o.name.toLowerCase(), o]));

export function objectNamed(name: string): ObjectDef | undefined {
  return BY_NAME.get(name.toLowerCase());
}

export function fieldNamed(object: ObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  return object.fields.find((f) => f.name.toLowerCase() === lower);
}
