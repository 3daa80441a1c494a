import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AlreadyExistsError, ConflictError, NotFoundError, ValidationError } from '../../domain/errors';
import {
  assertValidFields, assertValidFilter, assertValidKey, bodyOf, DocumentStore, FieldValue, ListOptions, STORE_COMMIT_LIMIT,
  NewDocument, Page, pageSizeOf, Stored, WriteOperation,
} from '../../ports/document-store';
import { DEFAULT_CACHE_MIN_ROWS, indexAfter, ProjectionCache, type ProjectionQuery } from './projection-cache';

interface Row {
  partnership_id: string;
  kind: string;
  id: string;
  etag: string;
  body: string;
}

/**
 * The embedded default store: one SQLite file (WAL) or `:memory:`. Every write runs in a transaction,
 * so `commit` (a change plus its audit entry) is all or nothing.
 */
export class SqliteStore implements DocumentStore {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly projections: ProjectionCache;

  /** `cacheMinRows`: the smallest projection kept in memory between reads (tests set 0 to keep every one). */
  constructor(path: string, options: { cacheMinRows?: number } = {}) {
    this.projections = new ProjectionCache(options.cacheMinRows ?? DEFAULT_CACHE_MIN_ROWS);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS documents (
      partnership_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      id TEXT NOT NULL,
      etag TEXT NOT NULL,
      body TEXT NOT NULL,
      PRIMARY KEY (partnership_id, kind, id)
    ) WITHOUT ROWID`);
    // The outbox's due messages are listed by status and ready time (ListOptions.upTo): an expression index, so a
    // drain or a retention sweep reads the rows it needs, not every message ever queued.
    this.db.exec(`CREATE INDEX IF NOT EXISTS documents_status_ready ON documents
      (partnership_id, kind, json_extract(body, '$.status'), json_extract(body, '$.readyAt'))`);
  }

  async get<T extends object>(kind: string, partnershipId: string, id: string): Promise<Stored<T> | undefined> {
    assertValidKey(kind, id);
    const row = this.read(kind, partnershipId, id);
    return row ? toStored<T>(row) : undefined;
  }

  async create<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>): Promise<Stored<T>> {
    return (await this.commit(partnershipId, [{ op: 'create', kind, doc }]))[0] as Stored<T>;
  }

  async update<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>, options: { ifMatch: string }): Promise<Stored<T>> {
    return (await this.commit(partnershipId, [{ op: 'update', kind, doc, ifMatch: options.ifMatch }]))[0] as Stored<T>;
  }

  async upsert<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>): Promise<Stored<T>> {
    return (await this.commit(partnershipId, [{ op: 'upsert', kind, doc }]))[0] as Stored<T>;
  }

  async delete(kind: string, partnershipId: string, id: string): Promise<void> {
    await this.commit(partnershipId, [{ op: 'delete', kind, id }]);
  }

  async list<T extends object>(kind: string, partnershipId: string, options: ListOptions = {}): Promise<Page<T>> {
    assertValidKey(kind);
    assertValidFilter(options.where);
    assertValidFields(options.fields);
    const pageSize = pageSizeOf(options);
    const after = options.continuationToken === undefined ? '' : decodeToken(options.continuationToken);
    const filter = filterOf(options);
    // A projection is one json_extract with every path, which returns a JSON array of the values (null when missing);
    // '$.id' goes first. With one path json_extract returns the bare value, so ids alone are wrapped in an array.
    const fields = options.fields ? [...new Set(options.fields)].filter((field) => field !== 'id') : undefined;
    const selected = !fields ? 'body' : fields.length === 0 ? `json_array(json_extract(body, '$.id'))` : `json_extract(body, '$.id'${fields.map((field) => `, '$.${field}'`).join('')})`;
    const read = (where: string, params: (string | number | null)[]): Stored<T>[] => {
      const sql = `SELECT id, etag, ${selected} FROM documents WHERE partnership_id = ? AND kind = ? AND ${where}`;
      const rows = this.statement(sql).raw().all(partnershipId, kind, ...params) as [string, string, string][];
      return rows.map(([id, etag, body]) => (fields ? projectedOf<T>(body, fields, id, partnershipId, etag) : storedOf<T>(body, id, partnershipId, etag)));
    };

    // A projection (not the outbox's due list) may be served from memory: the same rows, in the same pages.
    const query: ProjectionQuery | undefined = fields && !options.upTo
      ? { partnershipId, kind, key: JSON.stringify([partnershipId, kind, fields, options.where ?? {}]) }
      : undefined;
    const dataVersion = query ? this.dataVersion() : 0;
    if (query) {
      const kept = this.projections.rows(query, dataVersion, (ids) => chunked(ids, 500).flatMap((some) => read(
        [...filter.clauses, `id IN (${some.map(() => '?').join(', ')})`].join(' AND '),
        [...filter.params, ...some],
      )));
      if (kept) return pageOf(kept as Stored<T>[], after, pageSize);
    }

    // Filtered on status, the (status, readyAt) index narrows best; `+id` keeps the planner off the primary key.
    const byStatus = options.upTo !== undefined || (options.where !== undefined && 'status' in options.where);
    const items = read(
      [byStatus ? '+id > ?' : 'id > ?', ...filter.clauses].join(' AND ') + ' ORDER BY id LIMIT ?',
      [after, ...filter.params, pageSize + 1],
    );
    const more = items.length > pageSize;
    if (more) items.length = pageSize;
    if (query) this.projections.pageRead(query, after, items as Stored<object>[], !more, dataVersion);
    return { items, continuationToken: more ? encodeToken(items[pageSize - 1].id) : undefined };
  }

  async commit(partnershipId: string, operations: WriteOperation[]): Promise<(Stored<object> | undefined)[]> {
    if (operations.length === 0) return [];
    if (operations.length > STORE_COMMIT_LIMIT) {
      throw new ValidationError(`A commit carries at most ${STORE_COMMIT_LIMIT} writes.`);
    }
    for (const operation of operations) assertValidKey(operation.kind, operation.op === 'delete' ? operation.id : operation.doc.id);
    const run = this.db.transaction(() => operations.map((operation) => this.apply(partnershipId, operation)));
    return run();
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.projections.clear();
    if (this.db.open) this.db.close();
  }

  /**
   * Prepared statements by SQL text: a list page, a read and a write each reuse theirs instead of compiling it again
   * (listAll over 100k records asks for 100 pages). The SQL varies only with the filter fields, so the map stays small.
   */
  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Moves when another connection (another process on the same file) commits: what the projection cache checks. */
  private dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  private read(kind: string, partnershipId: string, id: string): Row | undefined {
    return this.statement('SELECT * FROM documents WHERE partnership_id = ? AND kind = ? AND id = ?').get(partnershipId, kind, id) as Row | undefined;
  }

  private apply(partnershipId: string, operation: WriteOperation): Stored<object> | undefined {
    const { kind } = operation;
    this.projections.written(partnershipId, kind, operation.op === 'delete' ? operation.id : operation.doc.id);
    if (operation.op === 'delete') {
      this.statement('DELETE FROM documents WHERE partnership_id = ? AND kind = ? AND id = ?').run(partnershipId, kind, operation.id);
      return undefined;
    }
    const { doc } = operation;
    const existing = this.read(kind, partnershipId, doc.id);
    if (operation.op === 'create' && existing) throw new AlreadyExistsError(`A ${kind} with that id already exists.`);
    if (operation.op === 'update') {
      if (!existing) throw new NotFoundError(`That ${kind} no longer exists.`);
      if (existing.etag !== operation.ifMatch) throw new ConflictError(`The ${kind} was changed by someone else.`);
    }
    const row: Row = { partnership_id: partnershipId, kind, id: doc.id, etag: randomUUID(), body: JSON.stringify(bodyOf(doc)) };
    this
      .statement(`INSERT INTO documents (partnership_id, kind, id, etag, body) VALUES (@partnership_id, @kind, @id, @etag, @body)
                ON CONFLICT (partnership_id, kind, id) DO UPDATE SET etag = excluded.etag, body = excluded.body`)
      .run(row);
    return toStored(row);
  }
}

function toStored<T>(row: Row): Stored<T> {
  return storedOf<T>(row.body, row.id, row.partnership_id, row.etag);
}

/**
 * The parsed body with the store's fields set on it. Assigning to the fresh object rather than spreading it into
 * another halves the cost of a 100k-record read and gives the same keys in the same order (the body holds `id`).
 */
function storedOf<T>(body: string, id: string, partnershipId: string, etag: string): Stored<T> {
  const doc = JSON.parse(body) as Stored<T>;
  doc.id = id;
  doc.partnershipId = partnershipId;
  doc.etag = etag;
  return doc;
}

/** A projected row: `values` is the JSON array from json_extract, the record's id first, then one value per field. */
function projectedOf<T>(values: string, fields: readonly string[], id: string, partnershipId: string, etag: string): Stored<T> {
  const parsed = JSON.parse(values) as unknown[];
  const doc: Record<string, unknown> = { id };
  for (let index = 0; index < fields.length; index += 1) {
    const value = parsed[index + 1];
    if (value !== null) doc[fields[index]] = value;
  }
  doc.partnershipId = partnershipId;
  doc.etag = etag;
  return doc as Stored<T>;
}

/** SQLite has no boolean: JSON true/false come back from json_extract as 1/0. */
function sqlValue(value: Exclude<FieldValue, null>): string | number {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

/** The filter's SQL, beyond partnership and kind: one clause per field (and the upper bound), with its values. */
function filterOf(options: ListOptions): { clauses: string[]; params: (string | number | null)[] } {
  const clauses: string[] = [];
  const params: (string | number | null)[] = [];
  for (const [field, value] of Object.entries(options.where ?? {})) {
    if (value === null) {
      clauses.push(`json_extract(body, '$.${field}') IS NULL`);
    } else {
      clauses.push(`json_extract(body, '$.${field}') = ?`);
      params.push(sqlValue(value));
    }
  }
  if (options.upTo) {
    assertValidFilter({ [options.upTo.field]: null });
    clauses.push(`json_extract(body, '$.${options.upTo.field}') <= ?`);
    params.push(options.upTo.value);
  }
  return { clauses, params };
}

/** One page of rows kept in memory, after the continuation's id, as the SQL would give it. */
function pageOf<T>(rows: readonly Stored<T>[], after: string, pageSize: number): Page<T> {
  const start = indexAfter(rows, after);
  const items = rows.slice(start, start + pageSize);
  const more = start + pageSize < rows.length;
  return { items, continuationToken: more ? encodeToken(items[items.length - 1].id) : undefined };
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}

function encodeToken(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId })).toString('base64url');
}

function decodeToken(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // fall through to the error below
  }
  throw new ValidationError('The continuation token is not one this store issued.');
}
