/**
 * Every call the connector makes to Salesforce, through jsforce's `request`.
 * The connector owns the retry policy: jsforce's transport retries are turned
 * off per call, so a 429 waits as long as Salesforce asks (bounded) instead of
 * a blind backoff, and a 5xx surfaces at once as a retryable ConnectorError
 * for the activity's retry policy — no retries stacked on retries.
 */
import type { DescribeGlobalResult, DescribeSObjectResult, HttpRequest } from 'jsforce';
import { ConnectorError } from '../../core/errors.js';
import { toConnectorError, type Operation } from './errors.js';
import { retryAfterFrom, watchRetryAfter } from './retry-after.js';
import type { SalesforceSession } from './session.js';

export type SfRecord = Record<string, unknown> & { Id: string; attributes?: { type: string; url: string } };
export interface CollectionResult {
  id?: string;
  success: boolean;
  errors: { statusCode: string; message: string; fields?: string[] }[];
}
interface QueryPage {
  totalSize: number;
  done: boolean;
  records: SfRecord[];
  nextRecordsUrl?: string;
}

/** Waits for rate limits within one call (as Retry-After says, or one short pause); a longer wait goes back to the activity's retry policy. */
const MAX_RATE_LIMIT_WAITS = 3;
const MAX_WAIT_MS = 60_000;
/** Salesforce's limit for sObject collections. */
export const COLLECTION_SIZE = 200;

export interface ApiOptions {
  timeoutMs: number;
  queryBatchSize: number;
  sleep?: (ms: number) => Promise<void>;
}

export class SalesforceApi {
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly session: SalesforceSession,
    private readonly options: ApiOptions,
  ) {
    watchRetryAfter();
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async call<T>(op: Operation, request: HttpRequest): Promise<T> {
    for (let waits = 0; ; waits++) {
      const started = Date.now();
      this.session.beginCall();
      try {
        return await this.session.conn.request<T>(request, { retry: { maxRetries: 0 }, timeout: this.options.timeoutMs });
      } catch (error) {
        const host = safeHost(this.session.instanceUrl);
        const failure = toConnectorError(error, op, host ? retryAfterFrom(host, started) : undefined);
        if (failure.kind !== 'rate_limited' || waits >= MAX_RATE_LIMIT_WAITS) throw failure;
        // Without Retry-After it is likely the daily limit (REQUEST_LIMIT_EXCEEDED): one short pause for a concurrency limit, no more.
        if (failure.retryAfterMs === undefined && waits > 0) throw failure;
        const waitMs = failure.retryAfterMs ?? 1000;
        if (waitMs > MAX_WAIT_MS) throw failure;
        await this.#sleep(waitMs);
      }
    }
  }

  /** A SOQL query, page by page as Salesforce serves them (nextRecordsUrl); memory holds one page. */
  async *pages(op: Operation, soql: string): AsyncGenerator<SfRecord[]> {
    const headers = { 'Sforce-Query-Options': `batchSize=${this.options.queryBatchSize}` };
    let url: string | undefined = `/query?q=${encodeURIComponent(soql)}`;
    while (url) {
      const page: QueryPage = await this.call<QueryPage>(op, { method: 'GET', url, headers });
      yield page.records;
      url = page.done ? undefined : page.nextRecordsUrl;
    }
  }

  /** Every record of a query; for small results (ids and links), never for record bodies. */
  async all(op: Operation, soql: string): Promise<SfRecord[]> {
    const out: SfRecord[] = [];
    for await (const page of this.pages(op, soql)) out.push(...page);
    return out;
  }

  search(op: Operation, sosl: string): Promise<{ searchRecords: SfRecord[] }> {
    return this.call(op, { method: 'GET', url: `/search?q=${encodeURIComponent(sosl)}` });
  }

  describeGlobal(): Promise<DescribeGlobalResult> {
    return this.call({ object: 'the object list', action: 'read' }, { method: 'GET', url: '/sobjects' });
  }

  describe(object: string): Promise<DescribeSObjectResult> {
    return this.call({ object, action: 'read' }, { method: 'GET', url: `/sobjects/${object}/describe` });
  }

  limits(): Promise<Record<string, { Max: number; Remaining: number }>> {
    return this.call({ object: 'the org limits', action: 'read' }, { method: 'GET', url: '/limits' });
  }

  async create(object: string, values: Record<string, unknown>): Promise<string> {
    const result = await this.call<{ id: string }>({ object, action: 'create' }, json('POST', `/sobjects/${object}`, values));
    return result.id;
  }

  async update(object: string, id: string, values: Record<string, unknown>): Promise<void> {
    await this.call({ object, action: 'update' }, json('PATCH', `/sobjects/${object}/${id}`, values));
  }

  /** Updates up to any number of records, 200 per call; one result per record. */
  async updateMany(object: string, records: ({ Id: string } & Record<string, unknown>)[]): Promise<CollectionResult[]> {
    const results: CollectionResult[] = [];
    for (let i = 0; i < records.length; i += COLLECTION_SIZE) {
      const chunk = records.slice(i, i + COLLECTION_SIZE).map(({ Id, ...values }) => ({ attributes: { type: object }, id: Id, ...values }));
      results.push(...(await this.call<CollectionResult[]>({ object, action: 'update' }, json('PATCH', '/composite/sobjects', { allOrNone: false, records: chunk }))));
    }
    return results;
  }

  /** Deletes any number of records, 200 per call; one result per id. */
  async deleteMany(object: string, ids: string[]): Promise<CollectionResult[]> {
    const results: CollectionResult[] = [];
    for (let i = 0; i < ids.length; i += COLLECTION_SIZE) {
      const chunk = ids.slice(i, i + COLLECTION_SIZE);
      const url = `/composite/sobjects?ids=${chunk.join(',')}&allOrNone=false`;
      results.push(...(await this.call<CollectionResult[]>({ object, action: 'delete' }, { method: 'DELETE', url })));
    }
    return results;
  }
}

function json(method: 'POST' | 'PATCH', url: string, body: unknown): HttpRequest {
  return { method, url, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** A collection result's failure as a ConnectorError, for the caller to throw. */
export function collectionFailure(object: string, action: Operation['action'], result: CollectionResult): ConnectorError {
  const code = result.errors[0]?.statusCode ?? 'UNKNOWN';
  return toConnectorError(Object.assign(new Error(code), { errorCode: code }), { object, action });
}
