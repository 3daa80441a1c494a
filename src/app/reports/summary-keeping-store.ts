import type { Agency, Theme } from '../../domain/directory/agency';
import { AlreadyExistsError, ConflictError } from '../../domain/errors';
import { indexProgress } from '../../domain/reports/as-at';
import { openReviewActionOf, tallyOpenReviewAction, type AssuranceAction } from '../../domain/reports/assurance-tracker';
import { tallyYearlyFact, yearlyFactOf, type YearlyAction } from '../../domain/reports/yearly';
import type { ProgressInput } from '../../domain/reports/common';
import {
  QUARTERLY_ACTION_FIELDS, quarterlyFactOf, quarterlyReviewFactOf, tallyFact, tallyReviewFact, type QuarterlyAction, type QuarterlyReview,
} from '../../domain/reports/quarterly-themes';
import {
  listAll, type DocumentStore, type ListOptions, type NewDocument, type Page, type Stored, type UpdateOptions, type WriteOperation,
} from '../../ports/document-store';
import { KIND } from '../kernel/kinds';
import { MAX_COMMIT_SHARD_CHARS, MAX_SHARD_CHARS, MIRRORS, mirrorSpecOf, rowOf, shardIdOf, shardOf, type MirrorShardDoc, type MirrorSpec } from './report-mirrors';
import {
  agencyRefOf, frameOfSummary, OPEN_ACTIONS_ID, REGISTRY_ID, SUMMARY_VERSION, themeRefOf, YEARLY_TALLY_ID, type OpenActionsDoc, type QuarterlySummaryDoc,
  type SummaryRegistryDoc, type YearlyTallyDoc,
} from './report-summaries';

/** Kinds whose writes change a stored summary or a mirror. */
const SUMMARISED: ReadonlySet<string> = new Set([KIND.action, KIND.progress, KIND.review, KIND.agency, KIND.theme, ...MIRRORS.map((spec) => spec.kind)]);
/** Tries of a write whose summaries another write changed first (each try reads them again). */
const ATTEMPTS = 5;

type Doc = Record<string, unknown> & { id: string };

/**
 * A store that keeps the report summaries current: a write of an action, progress record, review, agency or theme
 * carries, in the same commit, the change it makes to each stored summary (the action's fact after the write minus
 * its fact before, report-summaries.ts). Nothing is kept until the summaries have been built once (no registry).
 * A summary is written on the etag read, so two writes at once cannot both count on the same old figures: the one
 * that loses reads them again and retries. Reads pass straight through.
 */
export class SummaryKeepingStore implements DocumentStore {
  /** The last summarised commit per partnership: this instance makes them one at a time, so they never race each other. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(readonly inner: DocumentStore) {}

  /** The store with summaries kept, wrapping it once however often it is asked. */
  static around(store: DocumentStore): DocumentStore {
    return store instanceof SummaryKeepingStore ? store : new SummaryKeepingStore(store);
  }

  get<T extends object>(kind: string, partnershipId: string, id: string): Promise<Stored<T> | undefined> {
    return this.inner.get<T>(kind, partnershipId, id);
  }

  list<T extends object>(kind: string, partnershipId: string, options?: ListOptions): Promise<Page<T>> {
    return this.inner.list<T>(kind, partnershipId, options);
  }

  async create<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>): Promise<Stored<T>> {
    if (!SUMMARISED.has(kind)) return this.inner.create<T>(kind, partnershipId, doc);
    return (await this.commit(partnershipId, [{ op: 'create', kind, doc }]))[0] as Stored<T>;
  }

  async update<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>, options: UpdateOptions): Promise<Stored<T>> {
    if (!SUMMARISED.has(kind)) return this.inner.update<T>(kind, partnershipId, doc, options);
    return (await this.commit(partnershipId, [{ op: 'update', kind, doc, ifMatch: options.ifMatch }]))[0] as Stored<T>;
  }

  async upsert<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>): Promise<Stored<T>> {
    if (!SUMMARISED.has(kind)) return this.inner.upsert<T>(kind, partnershipId, doc);
    return (await this.commit(partnershipId, [{ op: 'upsert', kind, doc }]))[0] as Stored<T>;
  }

  async delete(kind: string, partnershipId: string, id: string): Promise<void> {
    if (!SUMMARISED.has(kind)) return this.inner.delete(kind, partnershipId, id);
    await this.commit(partnershipId, [{ op: 'delete', kind, id }]);
  }

  async commit(partnershipId: string, operations: WriteOperation[]): Promise<(Stored<object> | undefined)[]> {
    if (!operations.some((operation) => SUMMARISED.has(operation.kind))) return this.inner.commit(partnershipId, operations);
    const previous = this.queues.get(partnershipId) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(() => this.commitKeepingSummaries(partnershipId, operations));
    this.queues.set(partnershipId, mine);
    try {
      return await mine;
    } finally {
      if (this.queues.get(partnershipId) === mine) this.queues.delete(partnershipId);
    }
  }

  /** Another instance may still write between our read and our commit: then the etags differ and we count again. */
  private async commitKeepingSummaries(partnershipId: string, operations: WriteOperation[]): Promise<(Stored<object> | undefined)[]> {
    for (let attempt = 1; ; attempt += 1) {
      const summaries = await this.readSummaries(partnershipId);
      if (!summaries) return this.inner.commit(partnershipId, operations);
      const changes = await this.summaryChanges(partnershipId, operations, summaries);
      try {
        const results = await this.inner.commit(partnershipId, [...operations, ...changes]);
        return results.slice(0, operations.length);
      } catch (error) {
        // Retry only when a summary or shard moved under us; a conflict on the caller's own record is the caller's answer.
        if (!(error instanceof ConflictError || error instanceof AlreadyExistsError) || attempt >= ATTEMPTS || !(await this.summariesMoved(partnershipId, summaries.seen))) throw error;
      }
    }
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async readSummaries(partnershipId: string): Promise<SummariesRead | undefined> {
    const registry = await this.inner.get<SummaryRegistryDoc>(KIND.reportSummary, partnershipId, REGISTRY_ID);
    if (!registry || registry.version !== SUMMARY_VERSION) return undefined;
    // Every summary the registry names, and the two undated ones, in one round of reads.
    const [quarterlyRead, openActions, yearly] = await Promise.all([
      Promise.all(registry.summaryIds.map((id) => this.inner.get<QuarterlySummaryDoc>(KIND.reportSummary, partnershipId, id))),
      this.inner.get<OpenActionsDoc>(KIND.reportSummary, partnershipId, OPEN_ACTIONS_ID),
      this.inner.get<YearlyTallyDoc>(KIND.reportSummary, partnershipId, YEARLY_TALLY_ID),
    ]);
    const quarterly = quarterlyRead.filter((doc): doc is Stored<QuarterlySummaryDoc> => doc !== undefined);
    const read = [registry, ...quarterly, ...(openActions ? [openActions] : []), ...(yearly ? [yearly] : [])];
    const seen = new Map<string, string | undefined>(read.map((doc) => [doc.id, doc.etag]));
    return { registry, quarterly, openActions, yearly, seen };
  }

  /** Whether any summary or shard this commit counted on was written by someone else since we read it. */
  private async summariesMoved(partnershipId: string, seen: ReadonlyMap<string, string | undefined>): Promise<boolean> {
    const now = await Promise.all([...seen.keys()].map((id) => this.inner.get(KIND.reportSummary, partnershipId, id)));
    return [...seen.values()].some((etag, index) => now[index]?.etag !== etag);
  }

  /** A review's stored actions with their histories: from the action mirror when it is ready, else by a query. */
  private async actionsOfReview(partnershipId: string, reviewId: string, reads: ShardReads): Promise<{ action: QuarterlyAction; history: ProgressInput[] }[]> {
    const actions = reads.ready(KIND.action)
      ? (await reads.rowsOf(KIND.action, { reviewId })).filter((row) => row.reviewId === reviewId) as unknown as QuarterlyAction[]
      : await listAll<QuarterlyAction>(this.inner, KIND.action, partnershipId, { where: { reviewId }, fields: QUARTERLY_ACTION_FIELDS });
    return Promise.all(actions.map(async (action) => ({ action, history: await this.historyOf(partnershipId, action.id, reads) })));
  }

  /**
   * The action's progress records, oldest first (as-at.ts orders them): from the progress mirror when it is ready (a
   * read by id; the local Cosmos server scans the container for a query), else by a query.
   */
  private async historyOf(partnershipId: string, actionId: string, reads: ShardReads): Promise<(ProgressInput & { id: string })[]> {
    const records = reads.ready(KIND.progress)
      ? (await reads.rowsOf(KIND.progress, { actionId })).filter((row) => row.actionId === actionId) as unknown as (ProgressInput & { id: string })[]
      : await listAll<ProgressInput & { id: string }>(this.inner, KIND.progress, partnershipId, { where: { actionId } });
    return indexProgress(records).get(actionId) ?? [];
  }

  /** The summary updates this commit brings: each changed action and review counted out as it was and in as it will be. */
  private async summaryChanges(
    partnershipId: string,
    operations: readonly WriteOperation[],
    summaries: SummariesRead,
  ): Promise<WriteOperation[]> {
    const reads = new ShardReads(this.inner, partnershipId, summaries);
    const actions = new Map<string, Doc | undefined>();
    const newProgress = new Map<string, ProgressInput[]>();
    const reviews = new Map<string, Doc | undefined>();
    const agencies = new Map<string, Doc | undefined>();
    const themes = new Map<string, Doc | undefined>();
    const after = (operation: WriteOperation) => (operation.op === 'delete' ? undefined : (operation.doc as Doc));
    const idOf = (operation: WriteOperation) => (operation.op === 'delete' ? operation.id : operation.doc.id);
    for (const operation of operations) {
      if (operation.kind === KIND.action) actions.set(idOf(operation), after(operation));
      else if (operation.kind === KIND.review) reviews.set(idOf(operation), after(operation));
      else if (operation.kind === KIND.agency) agencies.set(idOf(operation), after(operation));
      else if (operation.kind === KIND.theme) themes.set(idOf(operation), after(operation));
      else if (operation.kind === KIND.progress && operation.op !== 'delete') {
        const record = operation.doc as unknown as ProgressInput & { id: string };
        const list = newProgress.get(record.actionId);
        if (list) list.push(record);
        else newProgress.set(record.actionId, [record]);
      }
    }

    // Before and after of every action the commit touches (a progress record alone changes its action's history).
    const actionIds = new Set([...actions.keys(), ...newProgress.keys()]);
    const befores = new Map<string, Promise<Doc | undefined>>();
    const beforeOf = (kind: string, id: string): Promise<Doc | undefined> => {
      const key = `${kind}\u0000${id}`;
      if (!befores.has(key)) befores.set(key, this.inner.get<Doc>(kind, partnershipId, id));
      return befores.get(key) as Promise<Doc | undefined>;
    };
    const actionChanges = await Promise.all(
      [...actionIds].map(async (id) => {
        const before = await beforeOf(KIND.action, id);
        const historyBefore = before ? await this.historyOf(partnershipId, id, reads) : [];
        const added = newProgress.get(id) ?? [];
        const addedIds = new Set(added.map((record) => (record as { id?: string }).id));
        const historyAfter = indexProgress([...historyBefore.filter((record) => !addedIds.has(record.id)), ...added]).get(id) ?? [];
        return { before, historyBefore, after: actions.has(id) ? actions.get(id) : before, historyAfter };
      }),
    );
    const reviewChanges = await Promise.all(
      [...reviews.entries()].map(async ([id, next]) => ({ id, before: await beforeOf(KIND.review, id), after: next })),
    );

    // A review's stored actions and their histories, read once for all summaries and only when a review comes due.
    const reviewActionsRead = new Map<string, Promise<{ action: QuarterlyAction; history: ProgressInput[] }[]>>();
    const reviewActions = (reviewId: string) => {
      let read = reviewActionsRead.get(reviewId);
      if (!read) {
        read = this.actionsOfReview(partnershipId, reviewId, reads);
        reviewActionsRead.set(reviewId, read);
      }
      return read;
    };

    const changes: WriteOperation[] = [];
    for (const summary of summaries.quarterly) {
      const frame = frameOfSummary(summary);
      // The summary was read for this commit alone, so its tally is changed in place; a fact that the write leaves
      // as it was (most summaries for most writes) changes nothing and the summary is not written.
      const { tally } = summary;
      let changed = false;
      // Reviews before actions: a review coming due next quarter is counted with its open actions as stored, and the
      // action changes of the same commit then move that count as they move every other.
      for (const change of reviewChanges) {
        const old = change.before && quarterlyReviewFactOf(change.before as unknown as QuarterlyReview, frame);
        const next = change.after && quarterlyReviewFactOf(change.after as unknown as QuarterlyReview, frame);
        if (sameFact(old, next)) continue;
        const carried = tally.assuranceDue[change.id]?.openActions;
        if (old) tallyReviewFact(tally, change.id, old, -1);
        if (next) tallyReviewFact(tally, change.id, next, 1, next.assuranceDue ? carried ?? (await reviewActions(change.id)).filter((entry) => quarterlyFactOf(entry.action, entry.history, frame)?.open).length : 0);
        changed = true;
      }
      for (const change of actionChanges) {
        const old = change.before && quarterlyFactOf(change.before as unknown as QuarterlyAction, change.historyBefore, frame);
        const next = change.after && quarterlyFactOf(change.after as unknown as QuarterlyAction, change.historyAfter, frame);
        if (sameFact(old, next)) continue;
        if (old) tallyFact(tally, old, -1);
        if (next) tallyFact(tally, next, 1);
        changed = true;
      }
      if (changed) {
        const doc: QuarterlySummaryDoc = { ...summary, tally };
        changes.push({ op: 'update', kind: KIND.reportSummary, doc, ifMatch: summary.etag });
      }
    }

    // The tracker's open review actions per review, and the yearly data pack's tally by reporting year.
    const { openActions, yearly } = summaries;
    if (openActions && keepActionTally(actionChanges, (action) => openReviewActionOf(action as unknown as AssuranceAction), (reviewId, sign) => tallyOpenReviewAction(openActions.counts, reviewId, sign))) {
      const doc: OpenActionsDoc = { id: openActions.id, version: openActions.version, counts: openActions.counts };
      changes.push({ op: 'update', kind: KIND.reportSummary, doc, ifMatch: openActions.etag });
    }
    if (yearly && keepActionTally(actionChanges, (action) => yearlyFactOf(action as unknown as YearlyAction), (fact, sign) => tallyYearlyFact(yearly.tally, fact, sign))) {
      const doc: YearlyTallyDoc = { id: yearly.id, version: yearly.version, tally: yearly.tally };
      changes.push({ op: 'update', kind: KIND.reportSummary, doc, ifMatch: yearly.etag });
    }

    const mirrors = await this.mirrorChanges(operations, summaries, reads, beforeOf);
    changes.push(...mirrors.writes);

    if (agencies.size > 0 || themes.size > 0 || mirrors.dropped.size > 0) {
      const { registry } = summaries;
      const doc: SummaryRegistryDoc = {
        ...registry,
        agencies: replaceNames(registry.agencies, agencies, (written) => agencyRefOf(written as unknown as Agency)),
        themes: replaceNames(registry.themes, themes, (written) => themeRefOf(written as unknown as Theme)),
        keptMirrors: registry.keptMirrors.filter((kind) => !mirrors.dropped.has(kind)),
        readyMirrors: registry.readyMirrors.filter((kind) => !mirrors.dropped.has(kind)),
      };
      changes.push({ op: 'update', kind: KIND.reportSummary, doc, ifMatch: registry.etag });
    }
    return changes;
  }

  /**
   * The shard writes this commit brings: each written record of a kept mirror taken out of the shard it was in and
   * put, as its mirror keeps it, in the shard it now belongs to. A kind whose shard would grow past MAX_SHARD_CHARS,
   * or whose shards together would pass MAX_COMMIT_SHARD_CHARS, is dropped from the mirrors instead (its reports query
   * it again until a rebuild), so the caller's write never fails for it.
   */
  private async mirrorChanges(
    operations: readonly WriteOperation[],
    summaries: SummariesRead,
    reads: ShardReads,
    beforeOf: (kind: string, id: string) => Promise<Doc | undefined>,
  ): Promise<{ writes: WriteOperation[]; dropped: Set<string> }> {
    const kept = new Set(summaries.registry.keptMirrors);
    const shards = new Map<string, { doc: MirrorShardDoc; etag?: string }>();
    const shardFor = async (kind: string, shard: number) => {
      const read = await reads.get(kind, shard);
      shards.set(read.doc.id, read);
      return read.doc;
    };
    // Records this commit wrote earlier: a second write of the same record starts from the first.
    const written = new Map<string, Doc | undefined>();
    for (const operation of operations) {
      const spec = mirrorSpecOf(operation.kind);
      if (!spec || !kept.has(spec.kind)) continue;
      const id = operation.op === 'delete' ? operation.id : operation.doc.id;
      const key = `${operation.kind}\u0000${id}`;
      const before = written.has(key) ? written.get(key) : await beforeOf(operation.kind, id);
      if (before) delete (await shardFor(spec.kind, shardOf(spec, rowOf(spec, before)))).rows[id];
      const after = operation.op === 'delete' ? undefined : (operation.doc as Doc);
      if (after) {
        const row = rowOf(spec, after);
        (await shardFor(spec.kind, shardOf(spec, row))).rows[id] = row;
      }
      written.set(key, after);
    }
    const dropped = new Set<string>();
    const sized = [...shards.values()].map((entry) => ({ ...entry, chars: JSON.stringify(entry.doc).length }));
    for (const entry of sized) if (entry.chars > MAX_SHARD_CHARS) dropped.add(entry.doc.mirror);
    // A Cosmos batch takes 2 MB in all: shards too big to go together in one stop being kept rather than fail the write.
    if (sized.reduce((sum, entry) => sum + entry.chars, 0) > MAX_COMMIT_SHARD_CHARS) for (const entry of sized) dropped.add(entry.doc.mirror);
    const writes = sized
      .filter((entry) => !dropped.has(entry.doc.mirror))
      .map(({ doc, etag }): WriteOperation => (etag ? { op: 'update', kind: KIND.reportSummary, doc, ifMatch: etag } : { op: 'create', kind: KIND.reportSummary, doc }));
    return { writes, dropped };
  }
}

/**
 * The mirror shards one try of a commit reads, each once, noting the etag it was read at in `seen` (so a shard another
 * instance changed meanwhile makes the commit count again). The history and review reads and the shard writes of the
 * same try share them.
 */
class ShardReads {
  private readonly docs = new Map<string, Promise<{ doc: MirrorShardDoc; etag?: string }>>();

  constructor(
    private readonly store: DocumentStore,
    private readonly partnershipId: string,
    private readonly summaries: SummariesRead,
  ) {}

  /** Whether the kind's shards are filled, so a read of them is whole. */
  ready(kind: string): boolean {
    return this.summaries.registry.readyMirrors.includes(kind);
  }

  get(kind: string, shard: number): Promise<{ doc: MirrorShardDoc; etag?: string }> {
    const id = shardIdOf(kind, shard);
    let read = this.docs.get(id);
    if (!read) {
      read = this.store.get<MirrorShardDoc>(KIND.reportSummary, this.partnershipId, id).then((stored) => {
        this.summaries.seen.set(id, stored?.etag);
        return { doc: stored ?? { id, version: SUMMARY_VERSION, mirror: kind, shard, rows: {} }, etag: stored?.etag };
      });
      this.docs.set(id, read);
    }
    return read;
  }

  /** The rows of the shard a record with these fields belongs to. */
  async rowsOf(kind: string, key: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    const spec = mirrorSpecOf(kind) as MirrorSpec;
    return Object.values((await this.get(kind, shardOf(spec, key))).doc.rows);
  }
}

/** The summaries a commit counts on, and the etag of every summary and shard it read (undefined: not there yet). */
interface SummariesRead {
  registry: Stored<SummaryRegistryDoc>;
  quarterly: Stored<QuarterlySummaryDoc>[];
  openActions?: Stored<OpenActionsDoc>;
  yearly?: Stored<YearlyTallyDoc>;
  seen: Map<string, string | undefined>;
}

/**
 * Changes a tally kept by action in place: each changed action's fact counted out as it was and in as it will be.
 * True when the tally moved (a write that leaves every fact as it was leaves the tally unwritten).
 */
function keepActionTally<F>(
  changes: readonly { before?: Doc; after?: Doc }[],
  factOf: (action: Doc) => F | undefined,
  tally: (fact: F, sign: 1 | -1) => void,
): boolean {
  let moved = false;
  for (const change of changes) {
    const old = change.before && factOf(change.before);
    const next = change.after && factOf(change.after);
    if (sameFact(old, next)) continue;
    if (old) tally(old, -1);
    if (next) tally(next, 1);
    moved = true;
  }
  return moved;
}

/** Facts are small plain records or ids: equal as JSON means the write changes nothing the summary counts. */
function sameFact(a: unknown, b: unknown): boolean {
  return a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b));
}

/** The names with the written ones replaced, added or (deleted) taken out. */
function replaceNames<R extends { id: string }>(names: readonly R[], written: Map<string, Doc | undefined>, refOf: (doc: Doc) => R): R[] {
  const kept = names.filter((name) => !written.has(name.id));
  for (const doc of written.values()) if (doc) kept.push(refOf(doc));
  return kept;
}
