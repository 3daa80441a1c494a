import {
  pageSizeOf, type DocumentStore, type ListOptions, type NewDocument, type Page, type Stored, type UpdateOptions, type WriteOperation,
} from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { KIND } from '../kernel/kinds';
import { storesOf } from '../kernel/records';
import { mirrorAnswers, mirrorSpecOf, selectRows, shardIdsOf, type MirrorShardDoc, type MirrorSpec, type Row } from './report-mirrors';
import { REGISTRY_ID, SUMMARY_VERSION, type SummaryRegistryDoc } from './report-summaries';

/** Our page tokens: an offset into the rows this reader selected. */
const TOKEN_PREFIX = 'mirror:';

/**
 * The store as one report reads it (issue 14): a list of a mirrored kind that the mirror can answer is answered from
 * its shards, read by id once for the whole report; anything else goes to the store. One reader serves one report,
 * so all of a report's reads come from the shards as they were when it first read them. Rows read from a mirror carry
 * no etag: this is for reading, and a write through it goes to the store, where an empty etag never matches.
 */
export class ReportReadingStore implements DocumentStore {
  private registry?: Promise<Stored<SummaryRegistryDoc> | undefined>;
  private readonly rows = new Map<string, Promise<Row[] | undefined>>();
  private readonly selections = new Map<string, Row[]>();

  constructor(private readonly inner: DocumentStore) {}

  get<T extends object>(kind: string, partnershipId: string, id: string): Promise<Stored<T> | undefined> {
    return this.inner.get<T>(kind, partnershipId, id);
  }

  async list<T extends object>(kind: string, partnershipId: string, options: ListOptions = {}): Promise<Page<T>> {
    const spec = mirrorSpecOf(kind);
    const token = options.continuationToken;
    const ours = token === undefined || token.startsWith(TOKEN_PREFIX);
    const rows = spec && ours && mirrorAnswers(spec, options) ? await this.rowsOf(spec, partnershipId) : undefined;
    if (!rows) return this.inner.list<T>(kind, partnershipId, options);
    const key = JSON.stringify([kind, partnershipId, options.where ?? {}, options.fields ?? null]);
    let selection = this.selections.get(key);
    if (!selection) {
      selection = selectRows(rows, options);
      this.selections.set(key, selection);
    }
    const offset = token ? Number(token.slice(TOKEN_PREFIX.length)) : 0;
    const end = offset + pageSizeOf(options);
    const items = selection.slice(offset, end) as unknown as Stored<T>[];
    return { items, continuationToken: end < selection.length ? `${TOKEN_PREFIX}${end}` : undefined };
  }

  /** Every row of the kind, or undefined when its mirror is not ready (no rebuild yet, or dropped for size). */
  private rowsOf(spec: MirrorSpec, partnershipId: string): Promise<Row[] | undefined> {
    let read = this.rows.get(spec.kind);
    if (!read) {
      read = this.readRows(spec, partnershipId);
      this.rows.set(spec.kind, read);
    }
    return read;
  }

  private async readRows(spec: MirrorSpec, partnershipId: string): Promise<Row[] | undefined> {
    this.registry ??= this.inner.get<SummaryRegistryDoc>(KIND.reportSummary, partnershipId, REGISTRY_ID);
    const registry = await this.registry;
    if (!registry || registry.version !== SUMMARY_VERSION || !registry.readyMirrors.includes(spec.kind)) return undefined;
    const shards = await Promise.all(shardIdsOf(spec).map((id) => this.inner.get<MirrorShardDoc>(KIND.reportSummary, partnershipId, id)));
    if (shards.some((shard) => shard === undefined)) return undefined;
    // Parsed for this reader alone, so each row becomes the stored record it stands for without a copy.
    const rows = shards.flatMap((shard) => Object.values((shard as MirrorShardDoc).rows));
    for (const row of rows) Object.assign(row, { partnershipId, etag: '' });
    return rows;
  }

  create<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>): Promise<Stored<T>> {
    return this.inner.create<T>(kind, partnershipId, doc);
  }

  update<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>, options: UpdateOptions): Promise<Stored<T>> {
    return this.inner.update<T>(kind, partnershipId, doc, options);
  }

  upsert<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>): Promise<Stored<T>> {
    return this.inner.upsert<T>(kind, partnershipId, doc);
  }

  delete(kind: string, partnershipId: string, id: string): Promise<void> {
    return this.inner.delete(kind, partnershipId, id);
  }

  commit(partnershipId: string, operations: WriteOperation[]): Promise<(Stored<object> | undefined)[]> {
    return this.inner.commit(partnershipId, operations);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** The context one report reads through: lists of mirrored kinds from their shards, everything else as before. */
export function withReportReads(ctx: AppContext): AppContext {
  const store = new ReportReadingStore(ctx.store);
  return { ...ctx, store, stores: storesOf(store, ctx.partnershipId) };
}
