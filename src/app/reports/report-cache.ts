import type { ReportDocument } from '../../domain/reports/report-document';
import type { Clock } from '../../ports/clock';
import { KIND } from '../kernel/kinds';

/** How long a computed report is reused when nothing was written through this process meanwhile [D]. */
export const REPORT_CACHE_TTL_IN_MS = 5 * 60_000;
/** How long the pages of one report (more, open, back) keep reading the snapshot the first page was made from [D]. */
export const REPORT_SNAPSHOT_TTL_IN_MS = 30 * 60_000;
const MAX_ENTRIES = 100;
const MAX_SNAPSHOTS = 50;
/**
 * Most items (card items and file rows) all snapshots hold together, oldest dropped first, the newest always kept: a
 * status report at 100k actions holds about 210,000 (60 MB), so fifty of them would not fit in an App Service plan's memory.
 */
export const MAX_SNAPSHOT_ITEMS = 500_000;

/**
 * Kinds whose records reports read. Writes of other kinds (audit entries alone, submissions, the scheduler's leases and
 * outbox, conversation references) leave computed reports valid, so they do not clear the cache.
 */
export const REPORT_SOURCE_KINDS: ReadonlySet<string> = new Set([
  KIND.action, KIND.review, KIND.progress, KIND.agency, KIND.theme, KIND.member, KIND.meeting, KIND.assuranceRequest, KIND.dipSample, KIND.themeDecision,
]);

/**
 * Computed reports, reused while the data cannot have changed: in a meeting the chair asks, pages with "more" and
 * shares the same report within minutes, and a 100k-action report takes seconds to compute. Every write of a kind
 * reports read, through the bot's store, clears it (see adapters/notifying-store.ts); writes it cannot see (the CLI, another instance) are bounded
 * by the time to live. Cards print the time the figures were read, so a reused report never claims to be newer.
 */
export class ReportCache {
  private readonly entries = new Map<string, { expiresAt: number; doc: Promise<ReportDocument> }>();
  /** Finished reports by key and the instant they were read: a write clears `entries`, never these. */
  private readonly snapshots = new Map<string, { expiresAt: number; doc: ReportDocument; items: number }>();
  private snapshotItems = 0;
  private generation = 0;

  constructor(
    private readonly clock: Clock,
    private readonly ttlInMs = REPORT_CACHE_TTL_IN_MS,
    private readonly snapshotTtlInMs = REPORT_SNAPSHOT_TTL_IN_MS,
    private readonly maxSnapshotItems = MAX_SNAPSHOT_ITEMS,
  ) {}

  /** Forget everything when any of the written kinds feeds a report. */
  invalidateFor(kinds: readonly string[]): void {
    if (kinds.some((kind) => REPORT_SOURCE_KINDS.has(kind))) this.invalidate();
  }

  /** Forget everything. */
  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** The cached report for the key, or computes it once (concurrent askers share the one computation). */
  async getOrCompute(key: string, compute: () => Promise<ReportDocument>): Promise<ReportDocument> {
    const now = this.clock.now().getTime();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.doc;
    const generation = this.generation;
    const doc = compute();
    this.entries.set(key, { expiresAt: now + this.ttlInMs, doc });
    try {
      const result = await doc;
      // A write while computing may not be in the result: keep it only if nothing was written meanwhile.
      if (generation !== this.generation) this.entries.delete(key);
      this.keepSnapshot(key, result, now);
      return result;
    } catch (error) {
      this.entries.delete(key);
      throw error;
    } finally {
      if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  /**
   * The report as it was read at `generatedAt` (a card's snapshot), so every page of one report shows one "as at"
   * even after a write; undefined when it has expired or this process never made it (then the caller recomputes).
   */
  snapshot(key: string, generatedAt: string): ReportDocument | undefined {
    const hit = this.snapshots.get(`${key}\u0000${generatedAt}`);
    if (!hit || hit.expiresAt <= this.clock.now().getTime()) return undefined;
    return hit.doc;
  }

  private keepSnapshot(key: string, doc: ReportDocument, now: number): void {
    const id = `${key}\u0000${doc.generatedAt}`;
    if (this.snapshots.has(id)) return;
    const items = itemsIn(doc);
    this.snapshots.set(id, { expiresAt: now + this.snapshotTtlInMs, doc, items });
    this.snapshotItems += items;
    // Oldest first (a Map keeps insertion order): expired ones, then as many as the bounds need, never the newest.
    for (const [oldest, entry] of this.snapshots) {
      const over = this.snapshots.size > MAX_SNAPSHOTS || this.snapshotItems > this.maxSnapshotItems || entry.expiresAt <= now;
      if (oldest === id || !over) break;
      this.snapshots.delete(oldest);
      this.snapshotItems -= entry.items;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** What a snapshot holds, counted as the card items of its sections and the rows of its files. */
function itemsIn(doc: ReportDocument): number {
  return doc.sections.reduce((sum, section) => sum + section.items.length, 0) + doc.tables.reduce((sum, table) => sum + table.rows.length, 0);
}
