import { NotFoundError } from '../../domain/errors';
import { ACTION_STATUS_LABELS, dateText } from '../../domain/reports/common';
import type { DipSample } from '../../domain/reports/dip-sample';
import { assuranceDocument, dipSamplesDocument, meetingStatusDocument, overdueDocument, quarterlyThemesDocument, yearlyDocument, type ReportDocument } from '../../domain/reports/report-document';
import type { Actor } from '../../domain/directory/member';
import { reviewLabelOf } from '../../domain/reviews/review';
import { deriveRag, ragLabel, ragReasonText } from '../../domain/actions/rag';
import { todayOf, type AppContext } from '../kernel/app-context';
import { actionSourceText, type Action } from '../../domain/actions/action';
import { listDipSamples, sampledActions } from './dip-samples';
import { loadLookups, agencyName, memberName } from '../directory/lookups';
import { assuranceTracker, meetingStatus, overdueActions, parseReportName, quarterlyThemes, yearlyDataPack, type ReportName } from './reports';
import { resolveAgency } from '../directory/agencies';
import { scrutinyReportDocument } from '../scrutiny/report';
import type { ReportCache } from './report-cache';
import { withReportReads } from './report-reading-store';
import { assertCanRunReports, assertMayAskForOverdue, overdueScopeFor } from './report-permissions';
import { s11SummaryDocument } from '../../domain/section11/summary-document';
import { s11SummaryFor } from '../section11/summary';

/**
 * Any report by name as a ReportDocument: the one entry point for chat commands, card buttons (more, share) and the
 * CLI, so all three always show the same figures. `args` is what follows the command (a period, review or agency).
 */
export async function reportDocument(appCtx: AppContext, actor: Actor, name: ReportName, args = ''): Promise<ReportDocument> {
  // Lists come from the report mirrors where they are ready: a few reads by id instead of a query per kind.
  const ctx = withReportReads(appCtx);
  switch (name) {
    case 'quarterly-themes':
      return quarterlyThemesDocument(await quarterlyThemes(ctx, actor, args));
    case 'status':
      return meetingStatusDocument(await meetingStatus(ctx, actor, args));
    case 'overdue':
      return overdueDocument(await overdueActions(ctx, actor, args));
    case 'assurance':
      return assuranceDocument(await assuranceTracker(ctx, actor));
    case 'yearly':
      return yearlyDocument(await yearlyDataPack(ctx, actor, args));
    case 'scrutiny':
      return scrutinyReportDocument(ctx, actor, args);
    case 'dip-samples': {
      const samples = await listDipSamples(ctx, actor);
      // Only agency names are printed: read the agencies, not every lookup.
      const agencies = await ctx.stores.agencies.all();
      return dipSamplesDocument(samples, new Map(agencies.map((agency) => [agency.id, agency.name])), ctx.clock.now().toISOString());
    }
    case 's11-summary':
      return s11SummaryDocument((await s11SummaryFor(ctx, actor, args)).summary, ctx.clock.now().toISOString());
  }
}

/** Who the start-up run of the reports is made as: the business unit, as the CLI runs them (nothing is written). */
const START_UP_ACTOR: Actor = { aadObjectId: 'start-up', name: 'Start-up', roles: ['LSBU_OFFICER'] };

/**
 * Computes once at start-up, and drops, the reports that read every action (`status`, `overdue`): a store that keeps
 * large projections in memory (SQLite: adapters/sqlite/projection-cache.ts) then holds what they read, and their code
 * is compiled, so the first report a user asks for after a start is as quick as the next. Nothing is cached as a report.
 */
export async function warmReports(ctx: AppContext): Promise<void> {
  for (const name of ['status', 'overdue'] as const) await reportDocument(ctx, START_UP_ACTOR, name);
}

/**
 * reportDocument through the cache: the user's right to the report is checked on every call (and an agency rep's
 * overdue list is keyed by their agency), then a report computed for the same question today is reused.
 */
export async function cachedReportDocument(ctx: AppContext, cache: ReportCache | undefined, actor: Actor, name: ReportName, args = '', snapshot?: string): Promise<ReportDocument> {
  if (!cache) return reportDocument(ctx, actor, name, args);
  let scope = 'all';
  if (name === 'overdue') assertMayAskForOverdue(actor);
  if (name === 'overdue') scope = overdueScopeFor(actor, args.trim() ? (await resolveAgency(ctx, args)).id : undefined) ?? 'all';
  else assertCanRunReports(actor);
  const key = [name, args.trim().toLowerCase().replace(/\s+/g, ' '), scope, todayOf(ctx)].join('\u0000');
  // A later page of a report the user already has: the same snapshot, so every page shows one "as at".
  const kept = snapshot ? cache.snapshot(key, snapshot) : undefined;
  if (kept) return kept;
  return cache.getOrCompute(key, () => reportDocument(ctx, actor, name, args));
}

/** One drawn sample with its actions as they stand now, for the PAI to follow up. */
export async function dipSampleDocument(ctx: AppContext, sample: DipSample): Promise<ReportDocument> {
  const lookups = await loadLookups(ctx);
  const today = todayOf(ctx);
  const actions: Action[] = await sampledActions(ctx, sample);
  const agency = sample.agencyId ? agencyName(lookups, sample.agencyId) : 'All agencies';
  const rows = actions.map((action) => {
    const review = action.reviewId ? lookups.reviews.get(action.reviewId) : undefined;
    const rag = deriveRag(action, today, ctx.settings.rag);
    return { action, review: review ? reviewLabelOf(review) : actionSourceText(action), rag };
  });
  return {
    name: 'dip-sample',
    title: `Dip sample of ${sample.actionRefs.length} action${sample.actionRefs.length === 1 ? '' : 's'}: ${agency}`,
    subtitle: `Drawn ${dateText(sample.createdAt)} by ${sample.createdByName}. Repeat it with "dip sample ${sample.requested}${sample.agencyId ? ` ${agency}` : ''} seed ${sample.seed}".`,
    generatedAt: ctx.clock.now().toISOString(),
    facts: [
      { title: 'Seed', value: String(sample.seed) },
      { title: 'Drawn from', value: `${sample.populationSize} actions (fingerprint ${sample.populationFingerprint})` },
      { title: 'Stored as', value: sample.id },
    ],
    charts: [],
    sections: [{
      id: 'sample',
      title: 'Sampled actions (in draw order)',
      overview: true,
      items: rows.map(({ action, review, rag }) => ({
        title: `${action.ref} · ${agencyName(lookups, action.agencyId)}`,
        detail: `${review} · ${ACTION_STATUS_LABELS[action.status]} · ${memberName(lookups, action.responsibleOfficerId)}`,
        rag: rag.rag,
        reason: ragReasonText(rag),
      })),
    }],
    tables: [{
      name: 'Sample',
      title: 'Sampled actions (in draw order)',
      columns: ['Action', 'Agency', 'Review', 'Status', 'RAG', 'Why', 'Responsible officer'],
      rows: rows.map(({ action, review, rag }) => [action.ref, agencyName(lookups, action.agencyId), review, ACTION_STATUS_LABELS[action.status], ragLabel(rag.rag), ragReasonText(rag), memberName(lookups, action.responsibleOfficerId)]),
      ragColumns: [4],
    }],
  };
}

/**
 * The report a card button names (by its name as text, or `dip-sample` and the sample's id), from the card's snapshot
 * when the cache still keeps it, else computed afresh, always with the rights of whoever pressed.
 */
export async function reportDocumentFor(ctx: AppContext, cache: ReportCache | undefined, actor: Actor, report: string, args: string, snapshot?: string): Promise<ReportDocument> {
  if (report === 'dip-sample') {
    const sample = (await listDipSamples(ctx, actor)).find((item) => item.id === args);
    if (!sample) throw new NotFoundError('That dip sample is no longer stored.', 'DIP_SAMPLE.NOT_FOUND');
    return dipSampleDocument(ctx, sample);
  }
  return cachedReportDocument(ctx, cache, actor, parseReportName(report), args, snapshot);
}
