/** Communication preferences v3: subscription definitions, an email's statuses, subscribe and unsubscribe. */
import { HsError, resourceNotFound, validationError } from './errors.js';
import { type ApiRequest, type Reply, ok, requireObjectBody } from './http.js';
import type { PortalState, SubscriptionStatus } from './portal.js';

export interface SubscriptionDefinition {
  id: string;
  name: string;
  description: string;
  purpose: string;
  communicationMethod: string;
}

export const SUBSCRIPTION_DEFINITIONS: readonly SubscriptionDefinition[] = [
  { id: '87294215', name: 'Newsletter', description: 'Monthly product news and tips', purpose: 'Marketing', communicationMethod: 'Email' },
  { id: '87294216', name: 'Events and webinars', description: 'Invitations to events and webinars', purpose: 'Marketing', communicationMethod: 'Email' },
  { id: '87294217', name: 'One to one', description: 'One to one emails', purpose: 'Sales', communicationMethod: 'Email' },
];

const READ = ['communication_preferences.read', 'communication_preferences.read_write'];
const WRITE = ['communication_preferences.write', 'communication_preferences.read_write'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function statusOf(definition: SubscriptionDefinition, status: SubscriptionStatus | undefined) {
  return {
    id: definition.id,
    name: definition.name,
    description: definition.description,
    status: status?.status ?? 'NOT_SUBSCRIBED',
    sourceOfStatus: 'SUBSCRIPTION_STATUS',
    preferenceGroupName: definition.purpose,
    ...(status?.legalBasis ? { legalBasis: status.legalBasis } : {}),
    ...(status?.legalBasisExplanation ? { legalBasisExplanation: status.legalBasisExplanation } : {}),
  };
}

export function handlePreferences(portal: PortalState, req: ApiRequest): Reply {
  const [first, second, email] = req.segments;
  if (req.method === 'GET' && first === 'definitions' && second === undefined) {
    req.require(READ);
    const now = '2023-05-02T09:00:00.000Z';
    return ok({ subscriptionDefinitions: SUBSCRIPTION_DEFINITIONS.map((d) => ({ ...d, isActive: true, isDefault: d.id === '87294217', isInternal: false, createdAt: now, updatedAt: now })) });
  }
  if (req.method === 'GET' && first === 'status' && second === 'email' && email) {
    req.require(READ);
    if (!EMAIL.test(email)) throw validationError(`${email} is not a valid email address`);
    const statuses = portal.subscriptions.get(email.toLowerCase());
    return ok({ recipient: email, subscriptionStatuses: SUBSCRIPTION_DEFINITIONS.map((d) => statusOf(d, statuses?.get(d.id))) });
  }
  if (req.method === 'POST' && (first === 'subscribe' || first === 'unsubscribe') && second === undefined) {
    req.require(WRITE);
    return change(portal, first, requireObjectBody(req.body));
  }
  throw resourceNotFound();
}

function change(portal: PortalState, action: 'subscribe' | 'unsubscribe', body: Record<string, unknown>): Reply {
  const email = typeof body.emailAddress === 'string' ? body.emailAddress.trim().toLowerCase() : '';
  const definition = SUBSCRIPTION_DEFINITIONS.find((d) => d.id === String(body.subscriptionId ?? ''));
  if (!EMAIL.test(email)) throw validationError('emailAddress must be a valid email address', [{ message: 'invalid email', in: 'emailAddress' }]);
  if (!definition) throw new HsError(400, 'VALIDATION_ERROR', `Subscription ${String(body.subscriptionId ?? '')} does not exist`);
  const statuses = portal.subscriptions.get(email) ?? new Map<string, SubscriptionStatus>();
  const current = statuses.get(definition.id)?.status ?? 'NOT_SUBSCRIBED';
  if (action === 'unsubscribe' && current === 'NOT_SUBSCRIBED') throw validationError(`${email} is already unsubscribed from subscription ${definition.id}`);
  if (action === 'subscribe' && current === 'SUBSCRIBED') throw validationError(`${email} is already subscribed to subscription ${definition.id}`);
  // HubSpot documents that v3 will not resubscribe a contact who opted out: only the contact can, from the preferences page.
  if (action === 'subscribe' && statuses.get(definition.id)?.status === 'NOT_SUBSCRIBED') throw validationError(`${email} has opted out of subscription ${definition.id} and cannot be resubscribed through the API`);
  if (action === 'subscribe' && portal.blocklist.has(email)) throw validationError(`${email} was permanently deleted and cannot be subscribed`);
  const status: SubscriptionStatus = {
    status: action === 'subscribe' ? 'SUBSCRIBED' : 'NOT_SUBSCRIBED',
    ...(typeof body.legalBasis === 'string' ? { legalBasis: body.legalBasis } : {}),
    ...(typeof body.legalBasisExplanation === 'string' ? { legalBasisExplanation: body.legalBasisExplanation } : {}),
  };
  statuses.set(definition.id, status);
  portal.subscriptions.set(email, statuses);
  return ok(statusOf(definition, status));
}
