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
import { listAll, type DocumentStore, type WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { todayOf } from '../kernel/app-context';
import { KIND } from '../kernel/kinds';
import { progressOf } from '../actions/update-action';

/**
 * Report summaries (issue 14; docs/design/architecture.md, "Reports at 100,000 actions"): the quarterly report's tally
 * for each source, for the current quarter as at today and for the last quarter as at its end, stored so that a report
 * reads a few documents by id instead of every action. The tick builds them each day (a tally as at today is stale
 * tomorrow), `npm run cli -- rebuild summaries` builds them on demand, and SummaryKeepingStore changes them in the
 * commit of every write of an action, progress record, review, agency or theme.
 */

/** Bumped when the stored shape changes: a summary of another version is not read, and the next rebuild replaces it. */
export const SUMMARY_VERSION = 2;
export const REGISTRY_ID = 'registry';

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

export interface RebuildResult {
  summaries: number;
  actions: number;
  reviews: number;
  builtFor: IsoDate;
}

/**
 * Counts every kept summary afresh from the actions, progress records and reviews, and replaces the stored ones in one
 * commit. Each existing summary is replaced on the etag read before counting, so a write that changed it meanwhile
 * makes the commit fail and the count start again, instead of being lost.
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

async function rebuildOnce(ctx: AppContext): Promise<RebuildResult> {
  const store: DocumentStore = ctx.store;
  const frames = keptFrames(ctx);
  const existing = await listAll<QuarterlySummaryDoc | SummaryRegistryDoc>(store, KIND.reportSummary, ctx.partnershipId);
  const [{ actions, history, reviews }, agencies, themes] = await Promise.all([readTallyInputs(ctx, 'ALL'), ctx.stores.agencies.all(), ctx.stores.themes.all()]);
  const byId = new Map(existing.map((doc) => [doc.id, doc]));
  const write = (doc: { id: string }): WriteOperation => {
    const stored = byId.get(doc.id);
    return stored ? { op: 'update', kind: KIND.reportSummary, doc, ifMatch: stored.etag } : { op: 'create', kind: KIND.reportSummary, doc };
  };
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
  const keep = new Set([REGISTRY_ID, ...summaries.map((summary) => summary.id)]);
  const registry: SummaryRegistryDoc = {
    id: REGISTRY_ID,
    version: SUMMARY_VERSION,
    builtFor: todayOf(ctx),
    builtAt: ctx.clock.now().toISOString(),
    summaryIds: summaries.map((summary) => summary.id),
    agencies: agencies.map(agencyRefOf),
    themes: themes.map(themeRefOf),
  };
  await store.commit(ctx.partnershipId, [
    ...summaries.map(write),
    write(registry),
    // Summaries of days and quarters no longer kept go, so writes stop paying to keep them.
    ...existing.filter((doc) => !keep.has(doc.id)).map((doc): WriteOperation => ({ op: 'delete', kind: KIND.reportSummary, id: doc.id })),
  ]);
  return { summaries: summaries.length, actions: actions.length, reviews: reviews.length, builtFor: registry.builtFor };
}

/**
 * Builds the summaries when today's are missing or were counted with other RAG settings (the tick calls this, so the
 * first report of the day reads them): true when it built them.
 */
export async function refreshReportSummaries(ctx: AppContext): Promise<boolean> {
  const registry = await ctx.store.get<SummaryRegistryDoc>(KIND.reportSummary, ctx.partnershipId, REGISTRY_ID);
  const first = registry?.summaryIds[0] ? await ctx.store.get<QuarterlySummaryDoc>(KIND.reportSummary, ctx.partnershipId, registry.summaryIds[0]) : undefined;
  const current = registry?.version === SUMMARY_VERSION && registry.builtFor === todayOf(ctx) && first !== undefined && sameRag(first.rag, ctx.settings.rag);
  if (current) return false;
  await rebuildReportSummaries(ctx);
  return true;
}
