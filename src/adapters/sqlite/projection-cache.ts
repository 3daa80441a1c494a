import type { Stored } from '../../ports/document-store';

/** Below this many rows a projection is read afresh: it takes milliseconds, and memory is better spent elsewhere. */
export const DEFAULT_CACHE_MIN_ROWS = 1000;
/** At most this many projections are kept (the least recently read goes first): a report reads two or three. */
const MAX_ENTRIES = 8;

/** What the store needs to read one projection again, for the ids written since it was kept. */
export interface ProjectionQuery {
  partnershipId: string;
  kind: string;
  /** Same fields and filter give the same key. */
  key: string;
}

interface Entry {
  query: ProjectionQuery;
  /** Every matching record in id order (the order the store's pages give), frozen: callers share them. */
  rows: readonly Stored<object>[];
  /** Ids this connection wrote since the rows were read, read again before the rows are served. */
  dirty: Set<string>;
  /** SQLite's data_version when the rows were read: it moves when another connection (the CLI) commits. */
  dataVersion: number;
}

interface Filling {
  query: ProjectionQuery;
  rows: Stored<object>[];
  lastId: string;
  dataVersion: number;
}

/**
 * The large projections the reports read (every review action's report fields: 1 s of SQLite's time at 100k actions),
 * kept in memory between reads and kept exact: this connection's own writes mark their ids to be read again, and any
 * other connection's commit (SQLite's data_version) drops everything. Filled as a caller pages through a projection
 * to its end, so a caller that reads one page never pays for the rest.
 */
export class ProjectionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly filling = new Map<string, Filling>();

  constructor(private readonly minRows = DEFAULT_CACHE_MIN_ROWS) {}

  /** The kept rows, after reading again the ids written since; undefined when not kept or another connection wrote. */
  rows(query: ProjectionQuery, dataVersion: number, reread: (ids: string[]) => Stored<object>[]): readonly Stored<object>[] | undefined {
    const entry = this.entries.get(query.key);
    if (!entry) return undefined;
    if (entry.dataVersion !== dataVersion) {
      this.clear();
      return undefined;
    }
    if (entry.dirty.size > 0) {
      const ids = [...entry.dirty];
      entry.dirty.clear();
      entry.rows = mergeById(entry.rows, new Set(ids), reread(ids).map(deepFreeze));
    }
    // Most recently read last, so the eviction below takes the oldest.
    this.entries.delete(query.key);
    this.entries.set(query.key, entry);
    return entry.rows;
  }

  /**
   * One page the store read from SQLite for a projection: the first page starts a fill, each next page (after the last
   * id) adds to it, and the last page keeps it. A write, a gap or another connection's commit in between abandons it.
   */
  pageRead(query: ProjectionQuery, after: string, items: Stored<object>[], done: boolean, dataVersion: number): void {
    let fill = this.filling.get(query.key);
    if (after === '') {
      fill = { query, rows: [], lastId: '', dataVersion };
      this.filling.set(query.key, fill);
    }
    if (!fill || fill.lastId !== after || fill.dataVersion !== dataVersion) {
      this.filling.delete(query.key);
      return;
    }
    for (const item of items) fill.rows.push(item);
    fill.lastId = items.length ? items[items.length - 1].id : after;
    if (!done) return;
    this.filling.delete(query.key);
    if (fill.rows.length < this.minRows) return;
    for (const row of fill.rows) deepFreeze(row);
    this.entries.set(query.key, { query, rows: fill.rows, dirty: new Set(), dataVersion });
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** This connection wrote (or deleted) a record: kept projections of its kind read it again; fills under way stop. */
  written(partnershipId: string, kind: string, id: string): void {
    for (const entry of this.entries.values()) {
      if (entry.query.kind === kind && entry.query.partnershipId === partnershipId) entry.dirty.add(id);
    }
    for (const [key, fill] of this.filling) {
      if (fill.query.kind === kind && fill.query.partnershipId === partnershipId) this.filling.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
    this.filling.clear();
  }
}

/** The rows without the re-read ids, with what those ids read now (absent when deleted or no longer matching). */
function mergeById(rows: readonly Stored<object>[], reread: Set<string>, fresh: Stored<object>[]): readonly Stored<object>[] {
  const merged = rows.filter((row) => !reread.has(row.id));
  // A few ids among many, none of them still in `merged`: each goes before the first id that sorts after it.
  for (const row of fresh) merged.splice(indexAfter(merged, row.id), 0, row);
  return merged;
}

/**
 * The index of the first row whose id sorts after `id`, in SQLite's order (UTF-8 bytes), by binary search: where a
 * page after `id` starts, and where a row with that id goes.
 */
export function indexAfter(rows: readonly { id: string }[], id: string): number {
  const key = Buffer.from(id, 'utf8');
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (Buffer.compare(Buffer.from(rows[middle].id, 'utf8'), key) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
