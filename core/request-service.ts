import { createHash, timingSafeEqual } from 'node:crypto';
import type { CountryCode } from 'libphonenumber-js';
import { randomToken } from './crypto.js';
import { ValidationError } from './errors.js';
import { normaliseIdentity, type IdentityInput } from './identity.js';
import { createLogger } from './logger.js';
import { REQUEST_TYPES, SUPPORTED_REQUEST_TYPES, TERMINAL_STATUSES, dueDate, isLanguage, type Language, type RequestType, type SystemProgress } from './requests.js';
import { newRequestId, type RequestDoc, type RequestPage, type RequestRepository } from './storage/requests.js';
import type { VerificationService } from './verification.js';

const log = createLogger('requests');

/** What the request service needs from the orchestrator (Temporal, in practice). */
export interface RequestWorkflows {
  workflowId(requestId: string): string;
  /** Starts the request's workflow with the request id only. */
  start(requestId: string): Promise<void>;
  /** Tells the workflow the subject is verified; resolves once the workflow has recorded it. */
  confirmVerified(requestId: string, verifiedAt: Date): Promise<void>;
}

export interface SubmitRequestInput {
  type: string;
  identity: IdentityInput;
  language?: string | null;
  details?: string | null;
}

export interface RequestServiceOptions {
  /** Where the gateway serves reports and exports. */
  publicUrl: string;
  defaultLanguage: Language;
  defaultCountry: string;
  now?: () => Date;
}

const MAX_DETAILS = 2000;

/** Submitting, verifying and reading data-subject requests. */
export class RequestService {
  readonly #now: () => Date;
  constructor(
    private readonly requests: RequestRepository,
    private readonly verification: VerificationService,
    private readonly workflows: RequestWorkflows,
    private readonly options: RequestServiceOptions,
  ) {
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Validates, stores and starts a request. Bad input throws a ValidationError
   * and stores nothing. The access token lets the subject follow the request
   * without an account; only its hash is kept.
   */
  async submit(input: SubmitRequestInput): Promise<{ request: RequestDoc; accessToken: string }> {
    const type = parseType(input.type);
    const identity = normaliseIdentity(input.identity, this.options.defaultCountry as CountryCode);
    if (!identity.email) {
      throw new ValidationError('An email address is needed to verify the request and send the answer', [{ path: 'identity.email', message: 'required' }]);
    }
    const language = input.language?.trim() || this.options.defaultLanguage;
    if (!isLanguage(language)) throw new ValidationError(`Language "${language}" is not offered; use en or fr`, [{ path: 'language', message: 'en or fr' }]);
    const details = input.details?.trim() || null;
    if (details && details.length > MAX_DETAILS) {
      throw new ValidationError(`Details are limited to ${MAX_DETAILS} characters`, [{ path: 'details', message: 'too long' }]);
    }
    const id = newRequestId();
    const accessToken = randomToken(24);
    const now = this.#now();
    const doc: RequestDoc = {
      _id: id,
      type,
      status: 'RECEIVED',
      statusReason: null,
      identity,
      language,
      details,
      accessTokenHash: sha256(accessToken),
      workflowId: this.workflows.workflowId(id),
      receivedAt: now,
      dueAt: dueDate(now),
      verifiedAt: null,
      verificationMethod: null,
      completedAt: null,
      updatedAt: now,
      reportId: null,
      exportId: null,
    };
    await this.requests.insert(doc);
    try {
      await this.workflows.start(id);
    } catch (error) {
      // Without its workflow the request would sit unseen: take it back and let the caller retry.
      await this.requests.remove(id);
      log.error('could not start the request workflow', { requestId: id, reason: (error as Error).message });
      throw error;
    }
    log.info('request submitted', { requestId: id, type });
    return { request: doc, accessToken };
  }

  /**
   * Checks the emailed code. A wrong or expired code throws a ValidationError
   * and changes nothing but the attempt count; the right one lets the workflow go on.
   */
  async verify(id: string, code: string): Promise<RequestDoc> {
    const doc = await this.requests.get(id);
    if (TERMINAL_STATUSES.has(doc.status) && doc.status !== 'COMPLETED') {
      throw new ValidationError(`This request is ${doc.status.toLowerCase()} and can no longer be verified`, [{ path: 'id', message: doc.status }]);
    }
    const { verifiedAt } = await this.verification.check(id, code);
    if (doc.status === 'AWAITING_VERIFICATION' || doc.status === 'RECEIVED') await this.workflows.confirmVerified(id, verifiedAt);
    return this.requests.get(id);
  }

  get(id: string): Promise<RequestDoc> {
    return this.requests.get(id);
  }

  find(id: string): Promise<RequestDoc | null> {
    return this.requests.find(id);
  }

  /** Each system's progress, by name. */
  systems(id: string): Promise<SystemProgress[]> {
    return this.requests.systems(id);
  }

  list(options: Parameters<RequestRepository['list']>[0]): Promise<RequestPage> {
    return this.requests.list(options);
  }

  /** Where the signed report of a completed request is downloaded. */
  reportUrl(doc: RequestDoc): string | null {
    return doc.reportId ? `${this.options.publicUrl}/reports/${encodeURIComponent(doc.reportId)}` : null;
  }

  /** Whether `token` is the access token handed out when `doc` was submitted. */
  holdsAccessToken(doc: RequestDoc, token: string | null | undefined): boolean {
    if (!token) return false;
    const given = Buffer.from(sha256(token), 'hex');
    const expected = Buffer.from(doc.accessTokenHash, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

function parseType(value: string): RequestType {
  const type = value.trim().toUpperCase();
  if (!(REQUEST_TYPES as readonly string[]).includes(type)) {
    throw new ValidationError(`Unknown request type "${value}"; one of ${REQUEST_TYPES.join(', ')}`, [{ path: 'type', message: 'unknown type' }]);
  }
  if (!SUPPORTED_REQUEST_TYPES.has(type as RequestType)) {
    throw new ValidationError(`${type} requests are not available yet; ACCESS requests are`, [{ path: 'type', message: 'not available yet' }]);
  }
  return type as RequestType;
}

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
