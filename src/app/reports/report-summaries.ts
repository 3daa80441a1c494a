import type { Agency, Theme } from '../../domain/directory/agency';
import type { RagSettings } from '../../domain/actions/rag';
import type { IsoDate } from '../../domain/calendar';
import { ConflictError, AlreadyExistsError } from '../../domain/errors';
import { parsePeriod, periodId, type ReportPeriod } from '../../domain/period';
import type { AgencyRef, ThemeRef } from '../../domain/reports/common';
import { indexProgress, type ProgressHistory } from '../../domain/reports/as-at';
import {
  QUARTERLY_ACTION_FIELDS, QUARTERLY_REVIEW_FIELDS, quarterlyFrameOf, quarterlyTallyOf, type QuarterlyAction, type QuarterlyFrame, type QuarterlyReview,
  type QuarterlyTally,
} from '../../domain/reports/quarterly-themes';
import { REPORT_SOURCES, type ReportSource } from '../../domain/reports/report-source';
import { openActionsByReview } from '../../domain/reports/assurance-tracker';
import { yearlyTallyOf, type YearlyTally } from '../../domain/reports/yearly';
import { listAll, MAX_OPERATIONS_PER_COMMIT, type DocumentStore, type WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { todayOf } from '../kernel/app-context';
import { KIND } from '../kernel/kinds';
import { progressOf } from '../actions/update-action';
import { MAX_SHARD_CHARS, MIRRORS, rowOf, shardIdsOf, shardOf, type MirrorShardDoc, type MirrorSpec, type Row } from './report-mirrors';

/**
 * Report summaries (issue 14; docs/design/architecture.md, "Reports at 100,000 actions"): the quarterly report's tally
 * for each source, for the current quarter as at today and for the last quarter as at its end, stored so that a report
 * reads a few documents by id instead of every action. The tick builds them each day (a tally as at today is stale
 * tomorrow), `npm run cli -- rebuild summaries` builds them on demand, and SummaryKeepingStore changes them in the
 * commit of every write of an action, progress record, review, agency or theme.
 */

/** Bumped when the stored shape changes: a summary of another version is not read, and the next rebuild replaces it. */
export const SUMMARY_VERSION = 3;
export const REGISTRY_ID = 'registry';
/** The open review actions per review, for the assurance tracker (not tied to a day: kept until the next rebuild). */
export const OPEN_ACTIONS_ID = 'open-review-actions';

/** Every action's yearly figures by reporting year, for the yearly data pack (not tied to a day either). */
export const YEARLY_TALLY_ID = 'yearly-actions';

export interface YearlyTallyDoc {
  id: typeof YEARLY_TALLY_ID;
  version: number;
  tally: YearlyTally;
}

export interface OpenActionsDoc {
  id: typeof OPEN_ACTIONS_ID;
  version: number;
  counts: Record<string, number>;
}

/** The quarterly tally for one source and one frame. */
export interface QuarterlySummaryDoc {
  id: string;
  version: number;
  report: 'quarterly-themes';
  source: ReportSource;
  period: ReportPeriod;
  asAt: IsoDate;
  dayBefore: IsoDate;
  rag: RagSettings;
  tally: QuarterlyTally;
}

/** Which summaries exist, the day they were built for, and the names reports print (so a report lists nothing). */
export interface SummaryRegistryDoc {
  id: typeof REGISTRY_ID;
  version: number;
  builtFor: IsoDate;
  builtAt: string;
  summaryIds: string[];
  agencies: AgencyRef[];
  themes: ThemeRef[];
  /** Mirrored kinds whose shards every write keeps current (report-mirrors.ts). */
  keptMirrors: string[];
  /** Kept kinds whose shards a rebuild has filled: reports read these from the shards. */
  readyMirrors: string[];
  /** REPORT_MIRRORS when these were built: a change of the setting makes the next tick build them again. */
  mirrorsOn: boolean;
}

export function quarterlySummaryIdOf(frame: Pick<QuarterlyFrame, 'source' | 'period' | 'asAt'>): string {
  return `quarterly--${frame.source.toLowerCase()}--${periodId(frame.period)}--${frame.asAt}`;
}

export function frameOfSummary(doc: QuarterlySummaryDoc): QuarterlyFrame {
  return { period: doc.period, asAt: doc.asAt, dayBefore: doc.dayBefore, rag: doc.rag, source: doc.source };
}

/** The frames kept: every source, for the current quarter as at today and the last quarter as at its end. */
export function keptFrames(ctx: AppContext): QuarterlyFrame[] {
  const today = todayOf(ctx);
  const periods = [parsePeriod('', { today, expect: 'quarter' }), parsePeriod('last quarter', { today, expect: 'quarter' })];
  return REPORT_SOURCES.flatMap((source) => periods.map((period) => quarterlyFrameOf({ period, today, rag: ctx.settings.rag, source })));
}

export const agencyRefOf = (agency: Pick<Agency, 'id' | 'name' | 'shortName'>): AgencyRef => ({ id: agency.id, name: agency.name, ...(agency.shortName ? { shortName: agency.shortName } : {}) });
export const themeRefOf = (theme: Pick<Theme, 'id' | 'name'>): ThemeRef => ({ id: theme.id, name: theme.name });

/**
 * What a quarterly tally counts, read once: the actions of the source (only the fields the facts read), their
 * progress records indexed by action, and the reviews. The report counting for itself and the rebuild both read here.
 */
export async function readTallyInputs(ctx: AppContext, source: ReportSource): Promise<{ actions: QuarterlyAction[]; history: ProgressHistory; reviews: QuarterlyReview[] }> {
  const [actions, progress, reviews] = await Promise.all([
    ctx.stores.actions.pick(QUARTERLY_ACTION_FIELDS, source === 'ALL' ? {} : { where: { sourceType: source } }),
    // Progress records are small: projecting them measured slower on SQLite than reading them whole.
    progressOf(ctx).all(),
    ctx.stores.reviews.pick(QUARTERLY_REVIEW_FIELDS),
  ]);
  return { actions, history: indexProgress(progress), reviews };
}

function sameRag(a: RagSettings, b: RagSettings): boolean {
  return a.amberWithinDays === b.amberWithinDays && a.staleAfterDays === b.staleAfterDays && a.notStartedAfterDays === b.notStartedAfterDays;
}

/**
 * The stored tally for the frame and the names to print, or undefined when there is none for it (not built yet today,
 * another version, or RAG settings changed since): the report then counts every action itself.
 */
export async function readQuarterlySummary(ctx: AppContext, frame: QuarterlyFrame): Promise<{ tally: QuarterlyTally; agencies: AgencyRef[]; themes: ThemeRef[] } | undefined> {
  const [registry, summary] = await Promise.all([
    ctx.store.get<SummaryRegistryDoc>(KIND.reportSummary, ctx.partnershipId, REGISTRY_ID),
    ctx.store.get<QuarterlySummaryDoc>(KIND.reportSummary, ctx.partnershipId, quarterlySummaryIdOf(frame)),
  ]);
  if (!registry || !summary || registry.version !== SUMMARY_VERSION || summary.version !== SUMMARY_VERSION) return undefined;
  if (!registry.summaryIds.includes(summary.id) || !sameRag(summary.rag, frame.rag)) return undefined;
  return { tally: summary.tally, agencies: registry.agencies, themes: registry.themes };
}

/** A stored summary that is not tied to a day, or undefined before the first rebuild (the report then counts). */
async function readUndated<T extends { version: number }>(ctx: AppContext, id: string): Promise<T | undefined> {
  const [registry, doc] = await Promise.all([
    ctx.store.get<SummaryRegistryDoc>(KIND.reportSummary, ctx.partnershipId, REGISTRY_ID),
    ctx.store.get<T>(KIND.reportSummary, ctx.partnershipId, id),
  ]);
  return registry?.version === SUMMARY_VERSION && doc?.version === SUMMARY_VERSION ? doc : undefined;
}

/** The stored open review actions per review (the assurance tracker's). */
export async function readOpenActions(ctx: AppContext): Promise<Record<string, number> | undefined> {
  return (await readUndated<OpenActionsDoc>(ctx, OPEN_ACTIONS_ID))?.counts;
}

/** The stored yearly tally of every action (the yearly data pack's). */
export async function readYearlyTally(ctx: AppContext): Promise<YearlyTally | undefined> {
  return (await readUndated<YearlyTallyDoc>(ctx, YEARLY_TALLY_ID))?.tally;
}

export interface RebuildResult {
  summaries: number;
  actions: number;
  reviews: number;
  /** Mirror shards written, and the kinds reports now read from them. */
  shards: number;
  mirrors: string[];
  builtFor: IsoDate;
}

/**
 * Counts every kept summary and fills every mirror afresh, and replaces the stored ones. Each existing document is
 * replaced on the etag read before counting, so a write that changed it meanwhile makes the write fail and the count
 * start again, instead of being lost.
 */
export async function rebuildReportSummaries(ctx: AppContext, attempts = 3): Promise<RebuildResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await rebuildOnce(ctx);
    } catch (error) {
      if (attempt >= attempts || !(error instanceof ConflictError || error instanceof AlreadyExistsError)) throw error;
    }
  }
}

const updateOrCreate = (etags: ReadonlyMap<string, string>, doc: { id: string }): WriteOperation => {
  const etag = etags.get(doc.id);
  return etag ? { op: 'update', kind: KIND.reportSummary, doc, ifMatch: etag } : { op: 'create', kind: KIND.reportSummary, doc };
};

/** The mirrors this partnership keeps: all of them where the setting (REPORT_MIRRORS) says so, else none. */
function mirrorsKept(ctx: AppContext): readonly MirrorSpec[] {
  return ctx.settings.reportMirrors ? MIRRORS : [];
}

/** The ids and etags of the stored summaries and shards, without reading their bodies. */
async function storedEtags(ctx: AppContext): Promise<Map<string, string>> {
  const stored = await listAll<{ version: number }>(ctx.store, KIND.reportSummary, ctx.partnershipId, { fields: ['version'] });
  return new Map(stored.map((doc) => [doc.id, doc.etag]));
}

/**
 * Writes in commits a Cosmos batch takes: at most MAX_OPERATIONS_PER_COMMIT operations and about 1 MB of documents
 * (Cosmos refuses a batch over 2 MB).
 */
async function commitInChunks(store: DocumentStore, partnershipId: string, operations: readonly WriteOperation[]): Promise<void> {
  const CHUNK_CHARS = 1_000_000;
  let chunk: WriteOperation[] = [];
  let chars = 0;
  for (const operation of operations) {
    const size = operation.op === 'delete' ? 0 : JSON.stringify(operation.doc).length;
    if (chunk.length > 0 && (chunk.length >= MAX_OPERATIONS_PER_COMMIT || chars + size > CHUNK_CHARS)) {
      await store.commit(partnershipId, chunk);
      chunk = [];
      chars = 0;
    }
    chunk.push(operation);
    chars += size;
  }
  if (chunk.length > 0) await store.commit(partnershipId, chunk);
}

/**
 * Makes every write from now on keep every mirror (empty shards where there are none, and the registry listing the
 * kinds), before the rebuild reads anything: a write made while the rebuild counts then changes a shard's etag, and
 * the rebuild's own write of that shard fails and counts again instead of leaving the write out.
 */
async function keepEveryMirror(ctx: AppContext): Promise<void> {
  const mirrors = mirrorsKept(ctx);
  const etags = await storedEtags(ctx);
  const registry = await ctx.store.get<SummaryRegistryDoc>(KIND.reportSummary, ctx.partnershipId, REGISTRY_ID);
  const missing = mirrors.flatMap((spec) => shardIdsOf(spec).map((id, shard) => ({ spec, id, shard })).filter(({ id }) => !etags.has(id)));
  const kept = new Set(registry?.version === SUMMARY_VERSION ? registry.keptMirrors : []);
  if (missing.length === 0 && mirrors.every((spec) => kept.has(spec.kind))) return;
  const empty = missing.map(({ spec, id, shard }): MirrorShardDoc => ({ id, version: SUMMARY_VERSION, mirror: spec.kind, shard, rows: {} }));
  const next: SummaryRegistryDoc = registry?.version === SUMMARY_VERSION
    ? { ...registry, keptMirrors: mirrors.map((spec) => spec.kind) }
    : {
      id: REGISTRY_ID, version: SUMMARY_VERSION, builtFor: '' as IsoDate, builtAt: '', summaryIds: [], agencies: [], themes: [],
      keptMirrors: mirrors.map((spec) => spec.kind), readyMirrors: [], mirrorsOn: ctx.settings.reportMirrors,
    };
  await commitInChunks(ctx.store, ctx.partnershipId, [...empty.map((doc) => updateOrCreate(etags, doc)), updateOrCreate(etags, next)]);
}

/** Every record of a mirrored kind, as its mirror keeps it, in its shard. */
async function fillShards(ctx: AppContext, spec: MirrorSpec): Promise<MirrorShardDoc[]> {
  const records = spec.fields
    ? await listAll<Row>(ctx.store, spec.kind, ctx.partnershipId, { fields: spec.fields })
    : await listAll<Row>(ctx.store, spec.kind, ctx.partnershipId);
  const shards = shardIdsOf(spec).map((id, shard): MirrorShardDoc => ({ id, version: SUMMARY_VERSION, mirror: spec.kind, shard, rows: {} }));
  for (const record of records) {
    const row = rowOf(spec, record);
    shards[shardOf(spec, row)].rows[row.id] = row;
  }
  return shards;
}

async function rebuildOnce(ctx: AppContext): Promise<RebuildResult> {
  const store: DocumentStore = ctx.store;
  await keepEveryMirror(ctx);
  // Etags first, then the records: a write between the two makes our replacement of what it changed fail.
  const etags = await storedEtags(ctx);
  const frames = keptFrames(ctx);
  const [{ actions, history, reviews }, agencies, themes, mirrors] = await Promise.all([
    readTallyInputs(ctx, 'ALL'),
    ctx.stores.agencies.all(),
    ctx.stores.themes.all(),
    Promise.all(mirrorsKept(ctx).map(async (spec) => ({ spec, shards: await fillShards(ctx, spec) }))),
  ]);
  const summaries: QuarterlySummaryDoc[] = frames.map((frame) => ({
    id: quarterlySummaryIdOf(frame),
    version: SUMMARY_VERSION,
    report: 'quarterly-themes',
    source: frame.source,
    period: frame.period,
    asAt: frame.asAt,
    dayBefore: frame.dayBefore,
    rag: frame.rag,
    tally: quarterlyTallyOf(actions, history, reviews, frame),
  }));
  // A kind with a shard too big for one document is not mirrored: its reports query it, as before.
  const fitting = mirrors.filter(({ shards }) => shards.every((shard) => JSON.stringify(shard).length <= MAX_SHARD_CHARS));
  const shardWrites = fitting.flatMap(({ shards }) => shards.map((shard) => updateOrCreate(etags, shard)));
  await commitInChunks(store, ctx.partnershipId, shardWrites);
  const registry: SummaryRegistryDoc = {
    id: REGISTRY_ID,
    version: SUMMARY_VERSION,
    builtFor: todayOf(ctx),
    builtAt: ctx.clock.now().toISOString(),
    summaryIds: summaries.map((summary) => summary.id),
    agencies: agencies.map(agencyRefOf),
    themes: themes.map(themeRefOf),
    keptMirrors: fitting.map(({ spec }) => spec.kind),
    readyMirrors: fitting.map(({ spec }) => spec.kind),
    mirrorsOn: ctx.settings.reportMirrors,
  };
  const openActions: OpenActionsDoc = { id: OPEN_ACTIONS_ID, version: SUMMARY_VERSION, counts: openActionsByReview(actions) };
  const yearly: YearlyTallyDoc = { id: YEARLY_TALLY_ID, version: SUMMARY_VERSION, tally: yearlyTallyOf(actions) };
  // The registry goes last and on the etag read with the others: it says which shards are whole.
  await store.commit(ctx.partnershipId, [
    ...summaries.map((doc) => updateOrCreate(etags, doc)), updateOrCreate(etags, openActions), updateOrCreate(etags, yearly), updateOrCreate(etags, registry),
  ]);
  // Summaries of days and quarters no longer kept, and shards of kinds not mirrored, go: writes stop paying for them.
  const keep = new Set([REGISTRY_ID, OPEN_ACTIONS_ID, YEARLY_TALLY_ID, ...summaries.map((summary) => summary.id), ...fitting.flatMap(({ spec }) => shardIdsOf(spec))]);
  await commitInChunks(store, ctx.partnershipId, [...etags.keys()].filter((id) => !keep.has(id)).map((id): WriteOperation => ({ op: 'delete', kind: KIND.reportSummary, id })));
  return {
    summaries: summaries.length,
    actions: actions.length,
    reviews: reviews.length,
    shards: shardWrites.length,
    mirrors: registry.readyMirrors,
    builtFor: registry.builtFor,
  };
}

/**
 * Builds the summaries when today's are missing, or were built with other RAG settings or with REPORT_MIRRORS set
 * otherwise (the tick calls this, so the first report of the day reads them): true when it built them.
 */
export async function refreshReportSummaries(ctx: AppContext): Promise<boolean> {
  const registry = await ctx.store.get<SummaryRegistryDoc>(KIND.reportSummary, ctx.partnershipId, REGISTRY_ID);
  const first = registry?.summaryIds[0] ? await ctx.store.get<QuarterlySummaryDoc>(KIND.reportSummary, ctx.partnershipId, registry.summaryIds[0]) : undefined;
  const current = registry?.version === SUMMARY_VERSION && registry.builtFor === todayOf(ctx) && first !== undefined && sameRag(first.rag, ctx.settings.rag)
    && registry.mirrorsOn === ctx.settings.reportMirrors;
  if (current) return false;
  await rebuildReportSummaries(ctx);
  return true;
}
