/**
 * Where a person's data sits in a standard Salesforce org, and how each object
 * is reached, matched and erased. Field categories come from describe; this is
 * the knowledge describe cannot give.
 */
import type { SubjectObjectName } from './config.js';

export interface SubjectObjectModel {
  name: SubjectObjectName;
  /** Fields that identify the person directly. */
  email: string[];
  phone: string[];
  /** A field naming the country of the record's address: the best hint for reading a local phone number. */
  countryField?: string;
  /** How records are reached from the person: the field on this object pointing at each parent object. */
  parents: Partial<Record<'Contact' | 'Lead' | 'Case', string>>;
  /** Replacement values when anonymising; any other personal field becomes null. */
  anonymised: Record<string, string | boolean | null>;
  /** Set even when `fields` narrows what is anonymised: Individual.ShouldForget tells every process to forget the person. */
  alwaysOnAnonymise?: Record<string, boolean>;
  /** Default erasure under each org-wide strategy. */
  erasure: { anonymise: 'anonymise' | 'delete'; delete: 'delete' };
}

const NAME_GONE = { FirstName: null, LastName: 'Anonymised', Salutation: null, Title: null };

export const MODEL: Record<SubjectObjectName, SubjectObjectModel> = {
  Contact: {
    name: 'Contact', email: ['Email'], phone: ['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone'], countryField: 'MailingCountry', parents: {},
    anonymised: { ...NAME_GONE, Description: null },
    erasure: { anonymise: 'anonymise', delete: 'delete' },
  },
  Lead: {
    name: 'Lead', email: ['Email'], phone: ['Phone', 'MobilePhone'], countryField: 'Country', parents: {},
    // Company is required, and a sole trader's company names the person.
    anonymised: { ...NAME_GONE, Company: 'Anonymised', Description: null },
    erasure: { anonymise: 'anonymise', delete: 'delete' },
  },
  Individual: {
    name: 'Individual', email: [], phone: [], parents: {},
    anonymised: { FirstName: null, LastName: 'Anonymised', Salutation: null },
    alwaysOnAnonymise: { ShouldForget: true },
    erasure: { anonymise: 'anonymise', delete: 'delete' },
  },
  Case: {
    name: 'Case', email: ['SuppliedEmail'], phone: ['SuppliedPhone'], parents: { Contact: 'ContactId' },
    anonymised: { SuppliedName: null, SuppliedEmail: null, SuppliedPhone: null, Subject: '[anonymised]', Description: null, Comments: null },
    erasure: { anonymise: 'anonymise', delete: 'delete' },
  },
  Task: {
    name: 'Task', email: [], phone: [], parents: { Contact: 'WhoId', Lead: 'WhoId' },
    anonymised: { Subject: '[anonymised]', Description: null },
    erasure: { anonymise: 'anonymise', delete: 'delete' },
  },
  Note: {
    name: 'Note', email: [], phone: [], parents: { Contact: 'ParentId', Lead: 'ParentId', Case: 'ParentId' },
    anonymised: { Title: '[anonymised]', Body: null },
    erasure: { anonymise: 'anonymise', delete: 'delete' },
  },
  // A membership only says the person was in a campaign: removing it is the anonymisation.
  CampaignMember: {
    name: 'CampaignMember', email: [], phone: [], parents: { Contact: 'ContactId', Lead: 'LeadId' },
    anonymised: {},
    erasure: { anonymise: 'delete', delete: 'delete' },
  },
};

/** Children before the records they point at, the person before their Individual. */
export const ERASE_ORDER: SubjectObjectName[] = ['Note', 'Task', 'CampaignMember', 'Case', 'Contact', 'Lead', 'Individual'];

/** Objects a person is found in by an identifier of their own. */
export const PERSON_OBJECTS = ['Contact', 'Lead'] as const;

/** Field types that hold no value of their own (compound fields repeat their components). */
export const COMPOUND_TYPES = new Set(['address', 'location', 'base64']);
