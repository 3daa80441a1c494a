import { Container, CosmosClient, ErrorResponse, JSONObject, OperationInput, SqlParameter } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';
import type { Agent } from 'node:https';
import { AlreadyExistsError, ConflictError, NotFoundError, ValidationError } from '../../domain/errors';
import {
  assertValidFields, assertValidFilter, assertValidKey, bodyOf, DocumentStore, ListOptions, STORE_COMMIT_LIMIT, NewDocument, Page,
  pageSizeOf, Stored, WriteOperation,
} from '../../ports/document-store';

/** The container every partnership's records live in; the deployment template creates it under this name. */
export const COSMOS_CONTAINER_ID = 'items';

export interface CosmosStoreOptions {
  endpoint: string;
  /**
   * The account key (local server, emulator, key-based accounts): the database and container are created when missing.
   * Or an Entra ID token credential (managed identity): the database and container must exist already, because a
   * data-plane role cannot create them and the template did; nothing is sent until the first read or write.
   */
  auth: { key: string } | { credential: TokenCredential };
  databaseId: string;
  /** Container holding the partnerships' records (default `items`). */
  containerId?: string;
  /** Tests pass an agent that accepts the local server's self-signed certificate. */
  agent?: Agent;
}

/** How a record sits in Cosmos: the caller's fields under `body`, keyed so kinds never collide in a partition. */
interface CosmosItem {
  id: string;
  partnershipId: string;
  kind: string;
  body: Record<string, unknown>;
  _etag?: string;
}

/**
 * Azure Cosmos DB (NoSQL API) store, partitioned by `/partnershipId`: one partnership's queries stay in one
 * logical partition. `commit` uses a transactional batch, atomic in Cosmos DB itself.
 */
export class CosmosStore implements DocumentStore {
  private constructor(
    private readonly client: CosmosClient,
    private readonly container: Container,
  ) {}

  /** With a key, connects and creates the database and container when missing; with a credential, only points at them. */
  static async open(options: CosmosStoreOptions): Promise<CosmosStore> {
    const containerId = options.containerId ?? COSMOS_CONTAINER_ID;
    const client = new CosmosClient({
      endpoint: options.endpoint,
      ...('key' in options.auth ? { key: options.auth.key } : { aadCredentials: options.auth.credential }),
      agent: options.agent,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    if ('credential' in options.auth) return new CosmosStore(client, client.database(options.databaseId).container(containerId));
    const { database } = await client.databases.createIfNotExists({ id: options.databaseId });
    const { container } = await database.containers.createIfNotExists({
      id: containerId,
      partitionKey: { paths: ['/partnershipId'] },
      indexingPolicy: INDEXING_POLICY,
    });
    return new CosmosStore(client, container);
  }

  async get<T extends object>(kind: string, partnershipId: string, id: string): Promise<Stored<T> | undefined> {
    assertValidKey(kind, id);
    try {
      const { resource } = await this.container.item(itemId(kind, id), partnershipId).read<CosmosItem>();
      return resource ? toStored<T>(resource) : undefined;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw translate(error, kind);
    }
  }

  async create<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>): Promise<Stored<T>> {
    assertValidKey(kind, doc.id);
    try {
      const { resource } = await this.container.items.create<CosmosItem>(toItem(kind, partnershipId, doc));
      return toStored<T>(resource as CosmosItem);
    } catch (error) {
      throw translate(error, kind);
    }
  }

  async update<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>, options: { ifMatch: string }): Promise<Stored<T>> {
    assertValidKey(kind, doc.id);
    try {
      const { resource } = await this.container
        .item(itemId(kind, doc.id), partnershipId)
        .replace<CosmosItem>(toItem(kind, partnershipId, doc), { accessCondition: { type: 'IfMatch', condition: options.ifMatch } });
      return toStored<T>(resource as CosmosItem);
    } catch (error) {
      throw translate(error, kind);
    }
  }

  async upsert<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>): Promise<Stored<T>> {
    assertValidKey(kind, doc.id);
    try {
      const { resource } = await this.container.items.upsert<CosmosItem>(toItem(kind, partnershipId, doc));
      return toStored<T>(resource as CosmosItem);
    } catch (error) {
      throw translate(error, kind);
    }
  }

  async delete(kind: string, partnershipId: string, id: string): Promise<void> {
    assertValidKey(kind, id);
    try {
      await this.container.item(itemId(kind, id), partnershipId).delete();
    } catch (error) {
      if (statusOf(error) === 404) return;
      throw translate(error, kind);
    }
  }

  async list<T extends object>(kind: string, partnershipId: string, options: ListOptions = {}): Promise<Page<T>> {
    assertValidKey(kind);
    assertValidFilter(options.where);
    assertValidFields(options.fields);
    const pageSize = pageSizeOf(options);
    const parameters: SqlParameter[] = [{ name: '@partnershipId', value: partnershipId }, { name: '@kind', value: kind }];
    // The partition is named in the query too: the partitionKey option alone does not scope the local test server.
    const clauses = ['c.partnershipId = @partnershipId', 'c.kind = @kind'];
    Object.entries(options.where ?? {}).forEach(([field, value], index) => {
      if (value === null) {
        clauses.push(`(NOT IS_DEFINED(c.body["${field}"]) OR IS_NULL(c.body["${field}"]))`);
      } else {
        clauses.push(`c.body["${field}"] = @v${index}`);
        parameters.push({ name: `@v${index}`, value });
      }
    });
    if (options.upTo) {
      assertValidFilter({ [options.upTo.field]: null });
      clauses.push(`c.body["${options.upTo.field}"] <= @upTo`);
      parameters.push({ name: '@upTo', value: options.upTo.value });
    }
    // A projection names each field with an alias (f0, f1, ...): Cosmos leaves undefined properties out of the result.
    const fields = options.fields ? [...new Set(options.fields)].filter((field) => field !== 'id') : undefined;
    const selected = fields
      ? ['c.id', 'c.partnershipId', 'c._etag', 'c.body.id AS bodyId', ...fields.map((field, index) => `c.body["${field}"] AS f${index}`)].join(', ')
      : '*';
    const iterator = this.container.items.query<CosmosItem & ProjectedItem>(
      { query: `SELECT ${selected} FROM c WHERE ${clauses.join(' AND ')} ORDER BY c.id`, parameters },
      { partitionKey: partnershipId, maxItemCount: pageSize, continuationToken: unwrapToken(options.continuationToken) },
    );
    try {
      const response = await iterator.fetchNext();
      const items = response.resources.map((item) => (fields ? projectedOf<T>(item, fields) : toStored<T>(item)));
      return { items, continuationToken: wrapToken(response.continuationToken) };
    } catch (error) {
      throw translate(error, kind);
    }
  }

  async commit(partnershipId: string, operations: WriteOperation[]): Promise<(Stored<object> | undefined)[]> {
    if (operations.length === 0) return [];
    if (operations.length > STORE_COMMIT_LIMIT) {
      throw new ValidationError(`A commit carries at most ${STORE_COMMIT_LIMIT} writes.`);
    }
    for (const operation of operations) assertValidKey(operation.kind, operation.op === 'delete' ? operation.id : operation.doc.id);
    // Each operation names its partition as well: the batch header alone is not read by the local test server.
    const batch: OperationInput[] = operations.map((operation) => ({ ...toBatchOperation(partnershipId, operation), partitionKey: partnershipId }));
    const response = await this.container.items.batch(batch, partnershipId);
    const results = response.result ?? [];
    const failedAt = results.findIndex((result, index) => result.statusCode >= 400 && !isToleratedDelete(operations[index], result.statusCode));
    if (failedAt >= 0) {
      throw errorFor(results[failedAt].statusCode, operations[failedAt].kind);
    }
    return results.map((result, index) =>
      operations[index].op === 'delete' ? undefined : toStored<object>(result.resourceBody as unknown as CosmosItem),
    );
  }

  async ping(): Promise<void> {
    await this.container.read();
  }

  async close(): Promise<void> {
    this.client.dispose();
  }
}

/**
 * Everything is range-indexed as by default, plus a composite index for the outbox's due list (kind, status, ready
 * time: equality, equality, range). Declared here so a new container gets it; an existing container's policy is
 * changed in the portal or with the Azure CLI (`az cosmosdb sql container update --idx`).
 */
export const INDEXING_POLICY = {
  indexingMode: 'consistent' as const,
  automatic: true,
  includedPaths: [{ path: '/*' }],
  excludedPaths: [{ path: '/"_etag"/?' }],
  compositeIndexes: [
    [
      { path: '/kind', order: 'ascending' as const },
      { path: '/body/status', order: 'ascending' as const },
      { path: '/body/readyAt', order: 'ascending' as const },
    ],
  ],
};

/** Our tokens wrap the SDK's, so a token this store never issued is refused rather than passed to Cosmos. */
function wrapToken(sdkToken: string | undefined): string | undefined {
  return sdkToken ? Buffer.from(JSON.stringify({ cosmos: sdkToken })).toString('base64url') : undefined;
}

function unwrapToken(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { cosmos?: unknown };
    if (typeof parsed.cosmos === 'string') return parsed.cosmos;
  } catch {
    // fall through to the error below
  }
  throw new ValidationError('The continuation token is not one this store issued.');
}

function itemId(kind: string, id: string): string {
  return `${kind}|${id}`;
}

function toItem(kind: string, partnershipId: string, doc: { id: string }): CosmosItem {
  return { id: itemId(kind, doc.id), partnershipId, kind, body: bodyOf(doc) };
}

function toStored<T>(item: CosmosItem): Stored<T> {
  return { ...(item.body as T), id: item.body.id as string, partnershipId: item.partnershipId, etag: item._etag ?? '' };
}

/** A projected query row: the record's id and etag, then `f<n>` for the n-th field when the record has it. */
interface ProjectedItem {
  partnershipId: string;
  bodyId: string;
  _etag?: string;
  [alias: string]: unknown;
}

function projectedOf<T>(item: ProjectedItem, fields: readonly string[]): Stored<T> {
  const doc: Record<string, unknown> = { id: item.bodyId };
  fields.forEach((field, index) => {
    const value = item[`f${index}`];
    if (value !== undefined && value !== null) doc[field] = value;
  });
  doc.partnershipId = item.partnershipId;
  doc.etag = item._etag ?? '';
  return doc as Stored<T>;
}

function toBatchOperation(partnershipId: string, operation: WriteOperation): OperationInput {
  switch (operation.op) {
    case 'create':
      return { operationType: 'Create', resourceBody: toItem(operation.kind, partnershipId, operation.doc) as unknown as JSONObject };
    case 'upsert':
      return { operationType: 'Upsert', resourceBody: toItem(operation.kind, partnershipId, operation.doc) as unknown as JSONObject };
    case 'update':
      return {
        operationType: 'Replace',
        id: itemId(operation.kind, operation.doc.id),
        resourceBody: toItem(operation.kind, partnershipId, operation.doc) as unknown as JSONObject,
        ifMatch: operation.ifMatch,
      };
    case 'delete':
      return { operationType: 'Delete', id: itemId(operation.kind, operation.id) };
  }
}

/**
 * Deleting a missing record is a success in this contract. A 404 inside a batch still aborts a real Cosmos
 * batch, so callers put deletes of possibly-missing ids last.
 */
function isToleratedDelete(operation: WriteOperation, statusCode: number): boolean {
  return operation.op === 'delete' && statusCode === 404;
}

function statusOf(error: unknown): number | undefined {
  return (error as ErrorResponse | undefined)?.code as number | undefined;
}

/** SDK errors never leak upward: the three the contract names become domain errors, the rest stay as they are. */
function translate(error: unknown, kind: string): unknown {
  const status = statusOf(error);
  return status === undefined ? error : (errorFor(status, kind, error) ?? error);
}

function errorFor(status: number, kind: string, original?: unknown): Error {
  if (status === 404) return new NotFoundError(`That ${kind} no longer exists.`);
  if (status === 409) return new AlreadyExistsError(`A ${kind} with that id already exists.`);
  if (status === 412) return new ConflictError(`The ${kind} was changed by someone else.`);
  if (original instanceof Error) return original;
  return new Error(`Cosmos DB refused a write to ${kind} with status ${status}.`);
}
