import type { Action } from '../../domain/actions/action';
import { isIsoDate, type IsoDate } from '../../domain/calendar';
import { ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { parsePeriod } from '../../domain/period';
import { REVIEW_LABEL_FIELDS } from '../../domain/reviews/review';
import { ASSURANCE_ACTION_FIELDS, assuranceTrackerReport, openActionsByReview, type AssuranceTrackerReport } from '../../domain/reports/assurance-tracker';
import type { MeetingInput } from '../../domain/reports/common';
import { meetingStatusReport, STATUS_ACTION_FIELDS, type MeetingStatusReport } from '../../domain/reports/meeting-status';
import { OVERDUE_ACTION_FIELDS, overdueReport, type OverdueReport } from '../../domain/reports/overdue';
import { finishQuarterlyReport, quarterlyFrameOf, quarterlyTallyOf, type QuarterlyThemesReport } from '../../domain/reports/quarterly-themes';
import { splitReportSource } from '../../domain/reports/report-source';
import { YEARLY_ACTION_FIELDS, yearlyReport, yearlyTallyOf, type YearlyReport } from '../../domain/reports/yearly';
import { s11Headlines } from '../../domain/section11/summary-document';
import { resolveAgency } from '../directory/agencies';
import type { AppContext } from '../kernel/app-context';
import { todayOf } from '../kernel/app-context';
import { findReview } from '../reviews/reviews';
import { scrutinyReportFor } from '../scrutiny/report';
import { s11SummaryOf } from '../section11/summary';
import { readAssuranceRequests } from './assurance-request-reader';
import { readOpenActions, readQuarterlySummary, readTallyInputs, readYearlyTally } from './report-summaries';
import { assertCanRunReports, assertMayAskForOverdue, overdueScopeFor } from './report-permissions';
import { themeDecisionsFor } from './theme-decisions';

/**
 * Report use cases: check who asks, load the partnership's records, and hand them to the pure report functions in
 * domain/reports. Reads are whole-kind reads (`ctx.stores.<kind>.all` / `.pick`) with equality filters only, which both stores answer alike
 * (no GROUP BY or DISTINCT on Cosmos): the counting happens in the domain. Action reads name the fields each report
 * reads (the `*_FIELDS` lists next to the report functions), so the long free text is never loaded for a report.
 */

/** Names of agencies, themes and people, as every report prints them. */
interface Names {
  agencies: { id: string; name: string; shortName?: string }[];
  themes: { id: string; name: string }[];
  people: { id: string; name: string }[];
}

async function loadNames(ctx: AppContext, withPeople: boolean): Promise<Names> {
  const [agencies, themes, members] = await Promise.all([
    ctx.stores.agencies.all(),
    ctx.stores.themes.all(),
    withPeople ? ctx.stores.members.all() : Promise.resolve([]),
  ]);
  return {
    agencies: agencies.map((agency) => ({ id: agency.id, name: agency.name, shortName: agency.shortName })),
    themes: themes.map((theme) => ({ id: theme.id, name: theme.name })),
    people: members.map((member) => ({ id: member.id, name: member.name })),
  };
}

/** Actions from reviews, with only the fields a report reads (never the long free text). */
function reviewActions<K extends keyof Action & string>(ctx: AppContext, fields: readonly K[]) {
  return ctx.stores.actions.pick(fields, { where: { sourceType: 'REVIEW' } });
}

/**
 * `quarterly themes [period] [source]`: the LSBU's quarterly review theme report (docs/design/domain.md §6.1); with a
 * source (`section 11`, `scrutiny`, `all`) the same agency-by-theme view of those actions.
 */
export async function quarterlyThemes(ctx: AppContext, actor: Actor, argsText = ''): Promise<QuarterlyThemesReport> {
  assertCanRunReports(actor);
  const today = todayOf(ctx);
  const { source, rest } = splitReportSource(argsText);
  const period = parsePeriod(rest, { today, expect: 'quarter' });
  const frame = quarterlyFrameOf({ period, today, rag: ctx.settings.rag, source });
  const generatedAt = ctx.clock.now().toISOString();
  // The stored tally when there is one for this quarter and day (report-summaries.ts): a few reads by id.
  const summary = await readQuarterlySummary(ctx, frame);
  if (summary) {
    const decisions = await themeDecisionsFor(ctx, period, summary.themes.map((theme) => theme.id));
    return finishQuarterlyReport(summary.tally, frame, { generatedAt, agencies: summary.agencies, themes: summary.themes, decisions });
  }
  const [{ actions, history, reviews }, names] = await Promise.all([readTallyInputs(ctx, source), loadNames(ctx, false)]);
  // Blank until the PAI records a decision for a theme (theme.decide on the report card).
  const decisions = await themeDecisionsFor(ctx, period, names.themes.map((theme) => theme.id));
  return finishQuarterlyReport(quarterlyTallyOf(actions, history, reviews, frame), frame, { generatedAt, agencies: names.agencies, themes: names.themes, decisions });
}

/** Meeting dates: recorded meetings, plus the meetings sign-offs name (`meeting-YYYY-MM-DD`). */
async function loadMeetings(ctx: AppContext, actions: readonly Pick<Action, 'closedAtMeetingId'>[]): Promise<MeetingInput[]> {
  const records = await ctx.stores.meetings.all();
  const meetings = new Map<string, MeetingInput>();
  for (const record of records) {
    const date = isIsoDate(record.date) ? record.date : dateInId(record.id);
    if (date) meetings.set(date, { id: record.id, date, type: record.type });
  }
  for (const action of actions) {
    const date = action.closedAtMeetingId ? dateInId(action.closedAtMeetingId) : undefined;
    if (date && !meetings.has(date)) meetings.set(date, { id: action.closedAtMeetingId as string, date });
  }
  return [...meetings.values()];
}

function dateInId(id: string): IsoDate | undefined {
  const match = /(\d{4}-\d{2}-\d{2})$/.exec(id);
  return match && isIsoDate(match[1]) ? match[1] : undefined;
}

/** `status [review]`: the meeting action status summary (docs/design/domain.md §6.2). */
export async function meetingStatus(ctx: AppContext, actor: Actor, reviewText = ''): Promise<MeetingStatusReport> {
  assertCanRunReports(actor);
  const review = reviewText.trim() ? await findReview(ctx, reviewText) : undefined;
  const [actions, reviews, names] = await Promise.all([
    review
      ? ctx.stores.actions.pick(STATUS_ACTION_FIELDS, { where: { reviewId: review.id } })
      : reviewActions(ctx, STATUS_ACTION_FIELDS),
    review ? Promise.resolve([review]) : ctx.stores.reviews.pick(REVIEW_LABEL_FIELDS),
    loadNames(ctx, true),
  ]);
  return meetingStatusReport({
    today: todayOf(ctx),
    generatedAt: ctx.clock.now().toISOString(),
    reviewId: review?.id,
    actions,
    reviews,
    agencies: names.agencies,
    people: names.people,
    meetings: await loadMeetings(ctx, actions),
    rag: ctx.settings.rag,
  });
}

/** `overdue [agency]`: overdue actions by agency (docs/design/domain.md §6.3); agency reps see their own agency only. */
export async function overdueActions(ctx: AppContext, actor: Actor, agencyText = ''): Promise<OverdueReport> {
  assertMayAskForOverdue(actor);
  const requested = agencyText.trim() ? (await resolveAgency(ctx, agencyText)).id : undefined;
  const agencyId = overdueScopeFor(actor, requested);
  const [actions, reviews, names] = await Promise.all([
    ctx.stores.actions.pick(OVERDUE_ACTION_FIELDS, agencyId ? { where: { agencyId } } : {}),
    ctx.stores.reviews.pick(REVIEW_LABEL_FIELDS),
    loadNames(ctx, true),
  ]);
  return overdueReport({
    today: todayOf(ctx),
    generatedAt: ctx.clock.now().toISOString(),
    actions,
    reviews,
    agencies: names.agencies,
    people: names.people,
    agencyId,
  });
}

/** `assurance`: the 12-month assurance tracker (docs/design/domain.md §6.4). */
export async function assuranceTracker(ctx: AppContext, actor: Actor): Promise<AssuranceTrackerReport> {
  assertCanRunReports(actor);
  const [reviews, stored, requests] = await Promise.all([ctx.stores.reviews.all(), readOpenActions(ctx), readAssuranceRequests(ctx)]);
  // The stored count (report-summaries.ts) when there is one: counting reads every review action.
  const openActions = stored ?? openActionsByReview(await reviewActions(ctx, ASSURANCE_ACTION_FIELDS));
  return assuranceTrackerReport({ today: todayOf(ctx), generatedAt: ctx.clock.now().toISOString(), reviews, openActions, requests });
}

/** `yearly report [year]`: the data pack for the partnership's yearly report (docs/design/domain.md §6.7). */
export async function yearlyDataPack(ctx: AppContext, actor: Actor, yearText = ''): Promise<YearlyReport> {
  assertCanRunReports(actor);
  const today = todayOf(ctx);
  const period = parsePeriod(yearText, { today, expect: 'year' });
  const [reviews, stored, names, scrutiny] = await Promise.all([
    ctx.stores.reviews.all(),
    readYearlyTally(ctx),
    loadNames(ctx, false),
    scrutinyReportFor(ctx, period.label),
  ]);
  // The stored tally (report-summaries.ts) when there is one: counting reads every action.
  const tally = stored ?? yearlyTallyOf(await ctx.stores.actions.pick(YEARLY_ACTION_FIELDS));
  // Section 11 headline figures: the cycle labelled as the year, when there is one.
  const s11Cycle = await ctx.stores.s11Cycles.get(`s11-${period.label.replace('/', '-')}`);
  const section11 = s11Cycle ? s11Headlines((await s11SummaryOf(ctx, s11Cycle)).summary) : [];
  const { findings, recommendations } = scrutiny.report;
  return yearlyReport({ period, today, generatedAt: ctx.clock.now().toISOString(), reviews, tally, themes: names.themes, holidays: ctx.holidays, settings: ctx.settings.reviewDates, section11, scrutiny: { findings, recommendations } });
}

/** Report names shared by the chat cards' buttons and the CLI (`npm run cli -- report <name>`). */
export const REPORT_NAMES = ['quarterly-themes', 'status', 'overdue', 'assurance', 'yearly', 'dip-samples', 's11-summary', 'scrutiny'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export function parseReportName(text: string): ReportName {
  const wanted = text.trim().toLowerCase().replace(/[\s_]+/g, '-');
  const aliases: Record<string, ReportName> = { 'quarterly': 'quarterly-themes', 'themes': 'quarterly-themes', 'yearly-report': 'yearly', 'assurance-tracker': 'assurance', 'dip-sample': 'dip-samples' };
  const found = (REPORT_NAMES as readonly string[]).includes(wanted) ? (wanted as ReportName) : aliases[wanted];
  if (!found) throw new ValidationError(`There is no report with that name. Reports: ${REPORT_NAMES.join(', ')}.`, { allowed: REPORT_NAMES }, 'REPORT.UNKNOWN');
  return found;
}
