import { createHash } from 'node:crypto';
import { ValidationError } from '../domain/errors';
/**
 * The one storage contract. Every record belongs to a partnership (the partition) and has a kind
 * (member, agency, review, action, audit, ...). Two real implementations honour it identically:
 * SqliteStore (embedded default) and CosmosStore (production). See test/contract/.
 */

/** A stored record as callers see it: their fields plus identity and the concurrency token. */
export type Stored<T> = T & { id: string; partnershipId: string; etag: string };

/** Fields a caller hands in: identity is explicit, the etag is the store's. */
export type NewDocument<T> = T & { id: string };

export type FieldValue = string | number | boolean | null;

export interface ListOptions {
  /** Page size; the store may return fewer. Default 100, at most 1000. */
  pageSize?: number;
  /** Opaque token from the previous page. */
  continuationToken?: string;
  /** Equality filters on top-level fields (`{ agencyId: 'a1' }`); field names are plain identifiers. */
  where?: Record<string, FieldValue>;
  /**
   * Only these top-level fields (plain identifiers), for reads over many records that do not need the long free
   * text (descriptions, notes). Each item then holds those of the fields the record has, with their whole values, plus
   * `id`, `partnershipId` and `etag`; a field missing from the record or null in it is left out. Omitted: every field.
   */
  fields?: readonly string[];
  /**
   * Only records whose top-level `field` is a string at most `value` (ISO instants compare as text). With `where`
   * on the same record's status this is what the stores index: the outbox's due messages are listed through
   * (kind, status, readyAt), never by reading the whole kind.
   */
  upTo?: { field: string; value: string };
}

export interface Page<T> {
  items: Stored<T>[];
  /** Present while more items follow. */
  continuationToken?: string;
}

export interface UpdateOptions {
  /** The etag the caller read; a mismatch means someone else wrote first (ConflictError). */
  ifMatch: string;
}

/** One write in an atomic group. Conditional writes should come first (see README on Cosmos batches). */
export type WriteOperation =
  | { op: 'create'; kind: string; doc: NewDocument<object> }
  | { op: 'update'; kind: string; doc: NewDocument<object>; ifMatch: string }
  | { op: 'upsert'; kind: string; doc: NewDocument<object> }
  | { op: 'delete'; kind: string; id: string };

/** Most writes a store takes in one `commit` (the Cosmos transactional batch limit). */
export const STORE_COMMIT_LIMIT = 100;
/**
 * Most writes a caller puts in one `commit`: the rest of the batch carries the report summaries and mirror shards the
 * writes change (app/reports/summary-keeping-store.ts): eight summaries and their registry, and at most two shards a
 * write (the one a record leaves and the one it joins), so 30 + 60 + 9 stays within STORE_COMMIT_LIMIT.
 */
export const MAX_OPERATIONS_PER_COMMIT = 30;

export interface DocumentStore {
  /** Undefined when missing (never throws for not-found). */
  get<T extends object>(kind: string, partnershipId: string, id: string): Promise<Stored<T> | undefined>;
  /** AlreadyExistsError when the id is taken. */
  create<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>): Promise<Stored<T>>;
  /** NotFoundError when missing; ConflictError when `ifMatch` is stale. Writes nothing on failure. */
  update<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>, options: UpdateOptions): Promise<Stored<T>>;
  /** Creates or replaces without a concurrency check: for records the bot owns alone (conversation references). */
  upsert<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>): Promise<Stored<T>>;
  /** Idempotent: deleting a missing id succeeds. */
  delete(kind: string, partnershipId: string, id: string): Promise<void>;
  /** One page, ordered by id. */
  list<T extends object>(kind: string, partnershipId: string, options?: ListOptions): Promise<Page<T>>;
  /**
   * Applies the operations together in one partnership, in order, or none of them: used to write a change
   * and its audit entry as one. Returns the stored documents (undefined for deletes).
   */
  commit(partnershipId: string, operations: WriteOperation[]): Promise<(Stored<object> | undefined)[]>;
  /** Cheap round trip for readiness probes; throws when the store is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Ids are plain strings without characters Cosmos DB refuses in ids. */
export const DOCUMENT_ID_PATTERN = /^[^/\\?#\s]{1,200}$/;
/**
 * A fixed-length store id for text that may be long or hold characters Cosmos ids refuse (conversation ids,
 * idempotency keys, snooze prefixes).
 */
export function hashedIdOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 40);
}

/** Kinds and filter fields are identifiers so they can be written into queries safely. */
export const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Reads every page: for callers that need the whole (small) set of a partnership's records of one kind. */
export async function listAll<T extends object>(
  store: DocumentStore,
  kind: string,
  partnershipId: string,
  options: Omit<ListOptions, 'continuationToken'> = {},
): Promise<Stored<T>[]> {
  const all: Stored<T>[] = [];
  let continuationToken: string | undefined;
  do {
    const page: Page<T> = await store.list<T>(kind, partnershipId, { ...options, pageSize: options.pageSize ?? 1000, continuationToken });
    all.push(...page.items);
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return all;
}

/** Both stores check keys the same way, so a bad id fails identically everywhere. */
export function assertValidKey(kind: string, id?: string): void {
  if (!IDENTIFIER_PATTERN.test(kind)) throw new ValidationError('The record kind is not a plain identifier.', { kind });
  if (id !== undefined && !DOCUMENT_ID_PATTERN.test(id)) {
    throw new ValidationError('A record id must be 1 to 200 characters without spaces, slashes, ? or #.');
  }
}

/** Both stores check filters the same way before writing them into a query. */
export function assertValidFilter(where: Record<string, FieldValue> | undefined): void {
  for (const field of Object.keys(where ?? {})) {
    if (!IDENTIFIER_PATTERN.test(field)) throw new ValidationError('A filter field is not a plain identifier.', { field });
  }
}

/** Both stores check projected fields the same way before writing them into a query. */
export function assertValidFields(fields: readonly string[] | undefined): void {
  for (const field of fields ?? []) {
    if (!IDENTIFIER_PATTERN.test(field)) throw new ValidationError('A projected field is not a plain identifier.', { field });
  }
}

/** Page sizes are bounded so a caller cannot ask for an unbounded read. */
export function pageSizeOf(options: ListOptions | undefined): number {
  const size = options?.pageSize ?? 100;
  if (!Number.isInteger(size) || size < 1 || size > 1000) throw new ValidationError('A page size is a whole number from 1 to 1000.');
  return size;
}

/** The caller's fields without the store's own (etag, partnershipId), so they are never stored twice. */
export function bodyOf(doc: object): Record<string, unknown> {
  const { etag: _etag, partnershipId: _partnershipId, ...body } = doc as Record<string, unknown>;
  return body;
}
