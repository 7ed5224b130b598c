/**
 * The property definitions the emulated portal holds, per object type, shaped as
 * `GET /crm/v3/properties/{objectType}` returns them. A realistic subset of a
 * portal's hundreds: the personal ones, the calculated ones HubSpot maintains,
 * and one custom property an admin would add for GDPR restriction.
 */
export type CrmObjectType = 'contacts' | 'notes' | 'emails' | 'calls' | 'tickets' | 'deals';

export const CRM_OBJECT_TYPES: readonly CrmObjectType[] = ['contacts', 'notes', 'emails', 'calls', 'tickets', 'deals'];

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool' | 'phone_number';
  fieldType: 'text' | 'textarea' | 'html' | 'number' | 'date' | 'select' | 'radio' | 'checkbox' | 'booleancheckbox' | 'phonenumber' | 'calculation_equation';
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  calculated: boolean;
  externalOptions: boolean;
  hasUniqueValue: boolean;
  hidden: boolean;
  hubspotDefined: boolean;
  formField: boolean;
  modificationMetadata: { archivable: boolean; readOnlyDefinition: boolean; readOnlyValue: boolean };
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

type Spec = [name: string, label: string, type: PropertyDefinition['type'], fieldType: PropertyDefinition['fieldType'], group: string, flags?: string, options?: string[]];

const CREATED = '2019-08-06T02:41:52.131Z';

/** flags: r = read-only value (HubSpot computes it), u = unique, c = custom (not HubSpot-defined), h = hidden. */
function define(specs: Spec[]): PropertyDefinition[] {
  return specs.map(([name, label, type, fieldType, groupName, flags = '', options = []], i) => {
    const custom = flags.includes('c');
    return {
      name,
      label,
      type,
      fieldType,
      groupName,
      description: '',
      options: options.map((value, n) => ({ label: value.replace(/_/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase()), value, displayOrder: n, hidden: false })),
      displayOrder: custom ? -1 : i,
      calculated: flags.includes('r') && fieldType === 'calculation_equation',
      externalOptions: false,
      hasUniqueValue: flags.includes('u'),
      hidden: flags.includes('h'),
      hubspotDefined: !custom,
      formField: !flags.includes('r'),
      modificationMetadata: { archivable: custom, readOnlyDefinition: !custom, readOnlyValue: flags.includes('r') },
      createdAt: custom ? '2024-01-15T10:12:00.000Z' : CREATED,
      updatedAt: custom ? '2024-01-15T10:12:00.000Z' : CREATED,
      archived: false,
    };
  });
}

const system = (created: 'createdate' | 'hs_createdate', modified: 'lastmodifieddate' | 'hs_lastmodifieddate'): Spec[] => [
  ['hs_object_id', 'Record ID', 'number', 'number', 'contactinformation', 'r'],
  [created, 'Create Date', 'datetime', 'text', 'contactinformation', 'r'],
  [modified, 'Last Modified Date', 'datetime', 'text', 'contactinformation', 'r'],
];

const engagement = (group: string): Spec[] => [
  ['hs_timestamp', 'Activity date', 'datetime', 'date', group],
  ['hubspot_owner_id', 'Activity assigned to', 'enumeration', 'select', group],
  ...system('hs_createdate', 'hs_lastmodifieddate').map(([n, l, t, f, , fl]): Spec => [n, l, t, f, group, fl]),
];

export const PROPERTY_DEFINITIONS: Readonly<Record<CrmObjectType, PropertyDefinition[]>> = {
  contacts: define([
    ['email', 'Email', 'string', 'text', 'contactinformation', 'u'],
    ['hs_additional_emails', 'Additional email addresses', 'enumeration', 'checkbox', 'contactinformation', 'r'],
    ['firstname', 'First Name', 'string', 'text', 'contactinformation'],
    ['lastname', 'Last Name', 'string', 'text', 'contactinformation'],
    ['phone', 'Phone Number', 'string', 'phonenumber', 'contactinformation'],
    ['mobilephone', 'Mobile Phone Number', 'string', 'phonenumber', 'contactinformation'],
    ['hs_calculated_phone_number', 'Calculated Phone Number', 'string', 'calculation_equation', 'contactinformation', 'rh'],
    ['hs_searchable_calculated_phone_number', 'Phone Number (searchable)', 'string', 'calculation_equation', 'contactinformation', 'rh'],
    ['hs_searchable_calculated_mobile_number', 'Mobile Phone Number (searchable)', 'string', 'calculation_equation', 'contactinformation', 'rh'],
    ['company', 'Company Name', 'string', 'text', 'contactinformation'],
    ['jobtitle', 'Job Title', 'string', 'text', 'contactinformation'],
    ['address', 'Street Address', 'string', 'text', 'contactinformation'],
    ['city', 'City', 'string', 'text', 'contactinformation'],
    ['zip', 'Postal Code', 'string', 'text', 'contactinformation'],
    ['country', 'Country/Region', 'string', 'text', 'contactinformation'],
    ['date_of_birth', 'Date of birth', 'string', 'text', 'contactinformation'],
    ['hs_language', 'Preferred language', 'enumeration', 'select', 'contactinformation', '', ['fr', 'en', 'de', 'it', 'es']],
    ['message', 'Message', 'string', 'textarea', 'contactinformation'],
    ['lifecyclestage', 'Lifecycle Stage', 'enumeration', 'radio', 'contactinformation', '', ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other']],
    ['hs_lead_status', 'Lead Status', 'enumeration', 'radio', 'sales_properties', '', ['NEW', 'OPEN', 'IN_PROGRESS', 'OPEN_DEAL', 'UNQUALIFIED', 'ATTEMPTED_TO_CONTACT', 'CONNECTED', 'BAD_TIMING']],
    ['hs_legal_basis', 'Legal basis for processing contact\'s data', 'enumeration', 'checkbox', 'contactinformation', '', ['Legitimate interest – prospect/lead', 'Legitimate interest – existing customer', 'Legitimate interest - other', 'Performance of a contract', 'Freely given consent from contact', 'Not applicable']],
    ['hs_email_optout', 'Unsubscribed from all email', 'bool', 'booleancheckbox', 'emailinformation', 'r', ['true', 'false']],
    ['ip_city', 'IP City', 'string', 'text', 'analyticsinformation', 'r'],
    ['hs_analytics_source', 'Original Traffic Source', 'enumeration', 'select', 'analyticsinformation', 'r', ['ORGANIC_SEARCH', 'PAID_SEARCH', 'EMAIL_MARKETING', 'SOCIAL_MEDIA', 'REFERRALS', 'OTHER_CAMPAIGNS', 'DIRECT_TRAFFIC', 'OFFLINE', 'PAID_SOCIAL']],
    ['notes_last_contacted', 'Last Contacted', 'datetime', 'date', 'sales_properties', 'r'],
    ['gdpr_processing_restricted', 'GDPR: processing restricted', 'bool', 'booleancheckbox', 'contactinformation', 'c', ['true', 'false']],
    ['customer_number', 'Customer number (ERP)', 'string', 'text', 'contactinformation', 'cu'],
    ...system('createdate', 'lastmodifieddate'),
  ]),
  notes: define([
    ['hs_note_body', 'Note body', 'string', 'html', 'note'],
    ['hs_attachment_ids', 'Attached file IDs', 'enumeration', 'checkbox', 'note'],
    ...engagement('note'),
  ]),
  emails: define([
    ['hs_email_subject', 'Email subject', 'string', 'text', 'email'],
    ['hs_email_text', 'Email body', 'string', 'textarea', 'email'],
    ['hs_email_html', 'Email HTML body', 'string', 'html', 'email'],
    ['hs_email_headers', 'Email headers', 'string', 'textarea', 'email'],
    ['hs_email_direction', 'Email direction', 'enumeration', 'select', 'email', '', ['EMAIL', 'INCOMING_EMAIL', 'FORWARDED_EMAIL']],
    ['hs_email_status', 'Email send status', 'enumeration', 'select', 'email', '', ['BOUNCED', 'FAILED', 'SCHEDULED', 'SENDING', 'SENT']],
    ['hs_email_from_email', 'From', 'string', 'text', 'email', 'r'],
    ['hs_email_to_email', 'To', 'string', 'text', 'email', 'r'],
    ...engagement('email'),
  ]),
  calls: define([
    ['hs_call_title', 'Call title', 'string', 'text', 'call'],
    ['hs_call_body', 'Call notes', 'string', 'html', 'call'],
    ['hs_call_direction', 'Call direction', 'enumeration', 'select', 'call', '', ['INBOUND', 'OUTBOUND']],
    ['hs_call_duration', 'Call duration', 'number', 'number', 'call'],
    ['hs_call_from_number', 'From number', 'string', 'text', 'call'],
    ['hs_call_to_number', 'To number', 'string', 'text', 'call'],
    ['hs_call_recording_url', 'Recording URL', 'string', 'text', 'call'],
    ['hs_call_status', 'Call status', 'enumeration', 'select', 'call', '', ['BUSY', 'CALLING_CRM_USER', 'CANCELED', 'COMPLETED', 'CONNECTING', 'FAILED', 'IN_PROGRESS', 'NO_ANSWER', 'QUEUED', 'RINGING']],
    ...engagement('call'),
  ]),
  tickets: define([
    ['subject', 'Ticket name', 'string', 'text', 'ticketinformation'],
    ['content', 'Ticket description', 'string', 'textarea', 'ticketinformation'],
    ['hs_pipeline', 'Pipeline', 'enumeration', 'select', 'ticketinformation', '', ['0']],
    ['hs_pipeline_stage', 'Ticket status', 'enumeration', 'select', 'ticketinformation', '', ['1', '2', '3', '4']],
    ['hs_ticket_priority', 'Priority', 'enumeration', 'select', 'ticketinformation', '', ['LOW', 'MEDIUM', 'HIGH', 'URGENT']],
    ['hs_ticket_category', 'Category', 'enumeration', 'checkbox', 'ticketinformation', '', ['PRODUCT_ISSUE', 'BILLING_ISSUE', 'FEATURE_REQUEST', 'GENERAL_INQUIRY']],
    ...system('createdate', 'hs_lastmodifieddate'),
  ]),
  deals: define([
    ['dealname', 'Deal Name', 'string', 'text', 'dealinformation'],
    ['amount', 'Amount', 'number', 'number', 'dealinformation'],
    ['closedate', 'Close Date', 'datetime', 'date', 'dealinformation'],
    ['dealstage', 'Deal Stage', 'enumeration', 'radio', 'dealinformation', '', ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent', 'closedwon', 'closedlost']],
    ['pipeline', 'Pipeline', 'enumeration', 'select', 'dealinformation', '', ['default']],
    ['description', 'Deal Description', 'string', 'textarea', 'dealinformation'],
    ...system('createdate', 'hs_lastmodifieddate'),
  ]),
};

/** What a read returns when the caller names no properties (HubSpot's documented defaults). */
export const DEFAULT_PROPERTIES: Readonly<Record<CrmObjectType, string[]>> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  notes: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  emails: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  calls: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  tickets: ['content', 'createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hs_pipeline', 'hs_pipeline_stage', 'hs_ticket_category', 'hs_ticket_priority', 'subject'],
  deals: ['amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'hs_lastmodifieddate', 'hs_object_id', 'pipeline'],
};

export function propertyOf(type: CrmObjectType, name: string): PropertyDefinition | undefined {
  return PROPERTY_DEFINITIONS[type].find((p) => p.name === name);
}
