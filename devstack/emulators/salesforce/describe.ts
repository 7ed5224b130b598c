/** The describeGlobal and sObject describe answers, shaped as the REST API sends them. */
import { notFound } from './errors.js';
import type { Access, OrgState } from './org.js';
import { OBJECTS, type FieldDef, type ObjectDef } from './schema.js';

const SOAP_TYPES: Record<FieldDef['type'], string> = {
  id: 'tns:ID', reference: 'tns:ID', string: 'xsd:string', textarea: 'xsd:string', email: 'xsd:string', phone: 'xsd:string',
  url: 'xsd:string', picklist: 'xsd:string', boolean: 'xsd:boolean', date: 'xsd:date', datetime: 'xsd:dateTime',
  double: 'xsd:double', address: 'urn:address',
};

function urls(object: ObjectDef, version: string) {
  const base = `/services/data/v${version}/sobjects/${object.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

function objectFlags(object: ObjectDef, access: Access, version: string) {
  return {
    activateable: false,
    createable: access.create,
    custom: false,
    customSetting: false,
    deletable: access.delete,
    deprecatedAndHidden: false,
    feedEnabled: ['Account', 'Contact', 'Lead', 'Case'].includes(object.name),
    hasSubtypes: false,
    isSubtype: false,
    keyPrefix: object.keyPrefix,
    label: object.label,
    labelPlural: object.labelPlural,
    layoutable: true,
    mergeable: ['Account', 'Contact', 'Lead'].includes(object.name),
    mruEnabled: true,
    name: object.name,
    queryable: access.read,
    replicateable: true,
    retrieveable: access.read,
    searchable: object.name !== 'CampaignMember' && object.name !== 'Note',
    triggerable: true,
    undeletable: access.delete,
    updateable: access.edit,
    urls: urls(object, version),
  };
}

export function describeGlobal(org: OrgState, version: string) {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: OBJECTS.filter((o) => org.access(o.name).read).map((o) => objectFlags(o, org.access(o.name), version)),
  };
}

function fieldJson(field: FieldDef, access: Access) {
  const text = !['boolean', 'date', 'datetime', 'double', 'address'].includes(field.type);
  return {
    aggregatable: field.type !== 'textarea' && field.type !== 'address',
    autoNumber: field.name === 'CaseNumber',
    byteLength: text ? field.length * 3 : 0,
    calculated: field.calculated,
    calculatedFormula: null,
    cascadeDelete: false,
    caseSensitive: false,
    compoundFieldName: field.compoundFieldName,
    createable: field.createable && access.create,
    custom: false,
    defaultValue: typeof field.defaultValue === 'boolean' ? field.defaultValue : null,
    defaultedOnCreate: field.defaultValue !== undefined || field.type === 'id' || ['OwnerId', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'IsDeleted'].includes(field.name),
    deprecatedAndHidden: false,
    digits: 0,
    externalId: false,
    filterable: field.type !== 'textarea' && field.type !== 'address',
    groupable: !['textarea', 'address', 'datetime', 'double'].includes(field.type),
    htmlFormatted: false,
    idLookup: field.type === 'id' || field.type === 'email' || field.nameField,
    inlineHelpText: null,
    label: field.label,
    length: field.type === 'reference' || field.type === 'id' ? 18 : text ? field.length : 0,
    name: field.name,
    nameField: field.nameField,
    namePointing: field.referenceTo.length > 1,
    nillable: field.nillable,
    permissionable: field.nillable && field.type !== 'id',
    picklistValues: field.picklist.map((value) => ({ active: true, defaultValue: value === field.defaultValue, label: value, validFor: null, value })),
    polymorphicForeignKey: field.referenceTo.length > 1,
    precision: 0,
    referenceTo: field.referenceTo,
    relationshipName: field.relationshipName,
    restrictedPicklist: field.picklist.length > 0,
    scale: 0,
    soapType: SOAP_TYPES[field.type],
    sortable: field.type !== 'textarea' && field.type !== 'address',
    type: field.type,
    unique: false,
    updateable: field.updateable && access.edit,
  };
}

export function describeObject(org: OrgState, object: ObjectDef, version: string) {
  const access = org.access(object.name);
  if (!access.read) throw notFound();
  return {
    ...objectFlags(object, access, version),
    childRelationships: object.children
      .filter((c) => org.access(c.childSObject).read)
      .map((c) => ({ cascadeDelete: c.cascadeDelete, childSObject: c.childSObject, deprecatedAndHidden: false, field: c.field, relationshipName: c.relationshipName, restrictedDelete: false })),
    fields: object.fields.map((f) => fieldJson(f, access)),
    recordTypeInfos: [],
    supportedScopes: [{ label: 'All', name: 'everything' }, { label: 'Mine', name: 'mine' }],
  };
}

/** GET /sobjects/<Type>: the object's summary and recently viewed records. */
export function objectInfo(org: OrgState, object: ObjectDef, version: string) {
  if (!org.access(object.name).read) throw notFound();
  return { objectDescribe: objectFlags(object, org.access(object.name), version), recentItems: [] };
}
