/**
 * The testkit's in-memory connector as Gardien's tests register it (kind
 * `fixture`): by default two people of a CRM, one with a health note; with
 * `system: 'sql' | 'salesforce' | 'hubspot' | 'fileshare'`, the demo people of
 * that demo system and their notes.
 */
import type { FieldDescription, ObjectDescription } from '../../../connectors/sdk/contract.js';
import { memoryPlugin, type MemoryPeople, type MemoryPerson } from '../../../connectors/sdk/testkit/memory-connector.js';
import { demoPeopleIn, type DemoSystem } from '../../../devstack/demo/people.js';

const person = (name: string, fields: FieldDescription[]): ObjectDescription => ({ name, fields, erasure: { strategy: 'delete' } });
const related = (name: string, field: string, parent: string, via: string): ObjectDescription => ({
  name,
  fields: [{ name: field, category: 'communication', freeText: true }],
  erasure: { strategy: 'delete' },
  relation: { parent, via },
});

export const FIXTURE_PEOPLE: readonly MemoryPerson[] = [
  {
    id: 'p1', email: 'lea.martin@example.org', phone: '+33611223344',
    fields: { id: 'p1', full_name: 'Léa Martin', email: 'lea.martin@example.org', phone: '+33611223344', city: 'Lyon', health_note: 'Asthma: no dusty warehouse visits', notes: 'Called twice about the invoice' },
    related: [{ body: 'Parcel arrived damaged' }],
  },
  {
    id: 'p2', email: 'noah.petit@example.org', phone: '+33655667788',
    fields: { id: 'p2', full_name: 'Noah Petit', email: 'noah.petit@example.org', phone: '+33655667788', city: 'Nantes', health_note: null, notes: null },
    related: [],
  },
];

const crm: MemoryPeople = {
  person: person('contact', [
    { name: 'id', category: 'technical', key: true },
    { name: 'full_name', category: 'identity' },
    { name: 'email', category: 'contact', identifier: 'email' },
    { name: 'phone', category: 'contact', identifier: 'phone' },
    { name: 'health_note', category: 'special', freeText: true },
    { name: 'notes', category: 'communication', freeText: true },
    // `city` is left undeclared: the gateway guesses its category.
  ]),
  related: related('ticket', 'body', 'contact', 'contact_id'),
  people: FIXTURE_PEOPLE,
};

function demoSystem(system: DemoSystem): MemoryPeople {
  return {
    person: person('person', [
      { name: 'key', category: 'technical', key: true },
      { name: 'first_name', category: 'identity' },
      { name: 'last_name', category: 'identity' },
      { name: 'email', category: 'contact', identifier: 'email' },
      { name: 'phone', category: 'contact', identifier: 'phone' },
      { name: 'city', category: 'location' },
    ]),
    related: related('note', 'text', 'person', 'key'),
    people: demoPeopleIn(system).map((p) => ({
      id: p.key,
      email: p.email,
      phone: p.phone,
      fields: { key: p.key, first_name: p.firstName, last_name: p.lastName, email: p.email, phone: p.phone, city: p.city },
      related: p.notes.map((text) => ({ text })),
    })),
  };
}

export const fixturePlugin = memoryPlugin({
  kind: 'fixture',
  displayName: 'In-memory people (tests)',
  systems: { crm, sql: demoSystem('sql'), salesforce: demoSystem('salesforce'), hubspot: demoSystem('hubspot'), fileshare: demoSystem('fileshare') },
});

/** When each fixture connector's locate was called, by connector id. */
export const locateCalls = fixturePlugin.locateCalls;
