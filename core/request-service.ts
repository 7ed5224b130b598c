import { createHash, timingSafeEqual } from 'node:crypto';
import type { CountryCode } from 'libphonenumber-js';
import { randomToken, seal, type SecretKey } from './crypto.js';
import { ValidationError } from './errors.js';
import { normaliseIdentity, type IdentityInput } from './identity.js';
import { createLogger } from './logger.js';
import { validatePortabilityPassphrase } from './portability.js';
import { normaliseRectification } from './rectification.js';
import { REQUEST_TYPES, TERMINAL_STATUSES, dueDate, isLanguage, type Language, type RequestType, type SystemProgress } from './requests.js';
import { newRequestId, type RequestDoc, type RequestPage, type RequestRepository } from './storage/requests.js';
import type { VerificationService } from './verification.js';

const log = createLogger('requests');

/** What the request service needs from the orchestrator (Temporal, in practice). */
export interface RequestWorkflows {
  workflowId(requestId: string): string;
  /** Starts the request's workflow with the request id only. */
  start(requestId: string): Promise<void>;
  /** Tells the workflow the subject is verified; resolves once the workflow has recorded it. */
  confirmVerified(requestId: string, verifiedAt: Date, method?: 'email_code' | 'dpo_attestation'): Promise<void>;
  /** Refuses the request before it runs; a ValidationError when it is too late. */
  reject(requestId: string, reason: 'verification_failed' | 'dpo'): Promise<void>;
  /** Withdraws the request; a ValidationError when it is too late. */
  cancel(requestId: string, by: 'subject' | 'dpo'): Promise<void>;
  deadlineChanged(requestId: string, dueAt: Date): Promise<void>;
  /** Runs a failed system's steps again; a ValidationError when it is not failed. */
  retrySystem(requestId: string, connectorId: string): Promise<void>;
  /** A person settled the system; `taskId` holds their evidence. */
  resolveSystem(requestId: string, connectorId: string, taskId: string): Promise<void>;
  manualTaskDone(requestId: string, connectorId: string, taskId: string): Promise<void>;
}

export interface SubmitRequestInput {
  type: string;
  identity: IdentityInput;
  language?: string | null;
  details?: string | null;
  /** RECTIFICATION: what is wrong, as personal attributes and their right values. */
  rectification?: readonly { attribute: string; value: string }[] | null;
  /** RESTRICTION: lift an earlier restriction instead. */
  liftRestriction?: boolean | null;
  /** PORTABILITY: encrypt the ZIP with this passphrase. */
  passphrase?: string | null;
}

export interface RequestServiceOptions {
  /** Where the gateway serves reports and exports. */
  publicUrl: string;
  defaultLanguage: Language;
  defaultCountry: string;
  /** Seals a portability passphrase until the package is written. */
  secretKey: SecretKey;
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
    const extra = this.#typeSpecific(type, input);
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
      ...extra,
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

  /** What only some request types carry, validated; a field given to the wrong type is refused rather than ignored. */
  #typeSpecific(type: RequestType, input: SubmitRequestInput): Pick<RequestDoc, 'rectification' | 'liftRestriction' | 'passphrase'> {
    const misplaced = (path: string, wanted: RequestType) =>
      new ValidationError(`${path} goes with ${wanted} requests only`, [{ path, message: `only for ${wanted}` }]);
    if (input.rectification != null && type !== 'RECTIFICATION') throw misplaced('rectification', 'RECTIFICATION');
    if (input.liftRestriction != null && type !== 'RESTRICTION') throw misplaced('liftRestriction', 'RESTRICTION');
    if (input.passphrase != null && type !== 'PORTABILITY') throw misplaced('passphrase', 'PORTABILITY');
    if (type === 'RECTIFICATION') return { rectification: normaliseRectification(input.rectification ?? [], this.options.defaultCountry as CountryCode) };
    if (type === 'RESTRICTION') return { liftRestriction: input.liftRestriction === true };
    const passphrase = type === 'PORTABILITY' ? validatePortabilityPassphrase(input.passphrase || null) : null;
    return passphrase ? { passphrase: seal(passphrase, this.options.secretKey) } : {};
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
    let verifiedAt: Date;
    try {
      ({ verifiedAt } = await this.verification.check(id, code));
    } catch (error) {
      // The last attempt used up: the request is refused now, and the subject told why, rather than left waiting.
      const state = await this.verification.status(id);
      if (state && !state.verifiedAt && state.attempts >= this.verification.maxAttempts && !TERMINAL_STATUSES.has(doc.status)) {
        await this.workflows.reject(id, 'verification_failed').catch((refusal: unknown) => log.warn('could not reject the request', { requestId: id, reason: (refusal as Error).message }));
      }
      throw error;
    }
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
  return type as RequestType;
}

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
