import { MongoClient, type Collection, type Db, type Document } from 'mongodb';

/** Every collection Gardien keeps; one name each, declared here so none is misspelt. */
export type CollectionName =
  | 'connectors'
  | 'requests'
  | 'request_systems'
  | 'audit'
  | 'consents'
  | 'consent_identifiers'
  | 'consent_purposes'
  | 'exports'
  | 'export_chunks'
  | 'reports'
  | 'outbox'
  | 'manual_tasks'
  | 'restrictions'
  | 'verifications'
  | 'signing_keys'
  | 'file_index'
  | 'file_crawl_state'
  | 'processings'
  | 'processing_mappings'
  | 'register_settings';

/**
 * MongoDB through the official driver. FerretDB 1.x serves it locally, so only
 * CRUD, findOneAndUpdate, unique/compound indexes and simple aggregation are used.
 */
export class Storage {
  private constructor(
    readonly client: MongoClient,
    readonly db: Db,
  ) {}

  static async open(uri: string, dbName: string): Promise<Storage> {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000, ignoreUndefined: true });
    await client.connect();
    return new Storage(client, client.db(dbName));
  }

  collection<T extends Document>(name: CollectionName): Collection<T> {
    return this.db.collection<T>(name);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/** `true` when a write failed on a unique index. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
