import { describeDates } from '../period';
import { ragLabel, RAGS, type Rag } from '../rag';
import type { AssuranceTrackerReport } from './assurance-tracker';
import { ASSURANCE_STAGE_LABELS, ASSURANCE_STAGES } from './assurance-tracker';
import type { DipSample } from './dip-sample';
import type { MeetingStatusReport } from './meeting-status';
import type { OverdueReport } from './overdue';
import type { QuarterlyThemesReport } from './quarterly-themes';
import type { YearlyReport } from './yearly';

/**
 * Every report as titled tables and charts: one neutral shape that the Teams card, the XLSX, CSV and HTML writers all
 * print, so a report is defined once. RAG cells carry the word (never colour alone); writers add the colour.
 */
export type Cell = string | number;

export interface ReportTable {
  /** Short name: the sheet name in XLSX, the file suffix in CSV. */
  name: string;
  title: string;
  columns: string[];
  rows: Cell[][];
  /** Columns holding a RAG word, which writers colour as well. */
  ragColumns?: number[];
  /** Shown when the table has no rows. */
  empty?: string;
}

export interface ChartSeries {
  legend: string;
  values: { x: string; y: number }[];
}

export type ReportChart =
  | { kind: 'grouped-bar'; title: string; xAxisTitle: string; yAxisTitle: string; series: ChartSeries[] }
  | { kind: 'donut'; title: string; slices: { legend: string; value: number; rag?: Rag }[] };

export interface ReportDocument {
  name: string;
  title: string;
  subtitle: string;
  /** ISO instant the figures were read. */
  generatedAt: string;
  facts: { title: string; value: string }[];
  charts: ReportChart[];
  tables: ReportTable[];
  /** For the quarterly theme report: the quarter and themes the PAI may record a decision for. */
  decide?: { period: string; themes: { id: string; name: string }[] };
}

const COUNT_COLUMNS = ['Total', 'Open', 'Overdue', 'Closed', 'Withdrawn', 'Red', 'Amber', 'Green', 'Blue'];
const RAG_WORDS = Object.fromEntries(RAGS.map((rag) => [rag, ragLabel(rag)])) as Record<Rag, string>;

/** The text behind every chart, for clients that cannot draw it (and for screen readers). */
export function describeChart(chart: ReportChart): string {
  if (chart.kind === 'donut') return `${chart.title}: ${chart.slices.map((slice) => `${slice.legend} ${slice.value}`).join('; ')}`;
  const lines = chart.series.map((series) => `${series.legend}: ${series.values.map((value) => `${value.x} ${value.y}`).join(', ')}`);
  return `${chart.title}. ${lines.join('. ')}`;
}

function ragDonut(title: string, counts: Record<Rag, number>): ReportChart {
  return { kind: 'donut', title, slices: (['RED', 'AMBER', 'GREEN', 'BLUE'] as const).map((rag) => ({ legend: RAG_WORDS[rag], value: counts[rag], rag })) };
}

/** The quarterly review theme report (domain.md §6.1) as tables and charts. */
export function quarterlyThemesDocument(report: QuarterlyThemesReport): ReportDocument {
  const top = report.topThemes.slice(0, 4);
  const agencies = report.byAgency.map((row) => ({ id: row.agencyId, short: row.agencyShort }));
  const series = top.map((theme) => ({
    legend: theme.theme,
    values: agencies.map((agency) => ({ x: agency.short, y: report.byAgencyTheme.find((cell) => cell.agencyId === agency.id && cell.themeId === theme.themeId)?.open ?? 0 })),
  }));
  const t = report.totals;
  return {
    name: 'quarterly-themes',
    title: `Quarterly review theme report, ${report.period.label}`,
    subtitle: `${describeDates(report.period)}; figures as at ${report.asAt}`,
    generatedAt: report.generatedAt,
    facts: [
      { title: 'Actions', value: `${t.total} (open ${t.open}, overdue ${t.overdue}, closed ${t.closed})` },
      { title: 'RAG', value: `Red ${t.red} · Amber ${t.amber} · Green ${t.green} · Blue ${t.blue}` },
      { title: 'In the quarter', value: `new ${report.movementTotals.new}, closed ${report.movementTotals.closed}, became overdue ${report.movementTotals.becameOverdue}` },
      { title: 'Top themes', value: top.map((theme) => theme.theme).join('; ') || 'None' },
    ],
    charts: [
      { kind: 'grouped-bar', title: 'Open actions by agency and top theme', xAxisTitle: 'Agency', yAxisTitle: 'Open actions', series },
      ragDonut('RAG of actions', { RED: t.red, AMBER: t.amber, GREEN: t.green, BLUE: t.blue }),
    ],
    tables: [
      { name: 'By agency', title: 'Actions by agency', columns: ['Agency', ...COUNT_COLUMNS], rows: [...report.byAgency.map((row) => [row.agency, row.total, row.open, row.overdue, row.closed, row.withdrawn, row.red, row.amber, row.green, row.blue]), ['All agencies', t.total, t.open, t.overdue, t.closed, t.withdrawn, t.red, t.amber, t.green, t.blue]], empty: 'No actions from reviews in this quarter.' },
      { name: 'Movement', title: 'Movement in the quarter', columns: ['Agency', 'New', 'Closed', 'Became overdue'], rows: report.movement.map((row) => [row.agency, row.new, row.closed, row.becameOverdue]) },
      { name: 'Top themes', title: 'Top themes across reviews', columns: ['Theme', 'Reviews', 'Actions', 'Open', 'Overdue'], rows: report.topThemes.map((row) => [row.theme, row.reviews, row.actions, row.open, row.overdue]) },
      { name: '12-month next quarter', title: `Reviews reaching their 12-month point in ${report.nextQuarter.label}`, columns: ['Review', 'Pseudonym', '12-month point', 'Open actions'], rows: report.assuranceDueNextQuarter.map((row) => [row.reference, row.pseudonym, row.assuranceDue, row.openActions]), empty: 'None.' },
      { name: 'PAI decisions', title: 'PAI assurance decision per theme', columns: ['Theme', 'Decision', 'Owner', 'Due', 'Note'], rows: report.decisions.map((row) => [row.theme, row.decision, row.owner, row.due, row.note]), empty: 'No themes this quarter.' },
      { name: 'Agency x theme', title: 'Actions by agency and theme', columns: ['Agency', 'Theme', ...COUNT_COLUMNS], rows: report.byAgencyTheme.map((row) => [row.agency, row.theme, row.total, row.open, row.overdue, row.closed, row.withdrawn, row.red, row.amber, row.green, row.blue]) },
    ],
    decide: { period: report.period.label, themes: report.decisions.map((row) => ({ id: row.themeId, name: row.theme })) },
  };
}

/** The meeting action status summary (domain.md §6.2). */
export function meetingStatusDocument(report: MeetingStatusReport): ReportDocument {
  const { reviewLabel } = report;
  return {
    name: 'status',
    title: reviewLabel ? `Action status: ${reviewLabel}` : 'Action status for the PAI meeting',
    subtitle: `${report.reviewCount} review${report.reviewCount === 1 ? '' : 's'} with open actions; changes since ${report.sinceIsMeeting ? `the meeting on ${report.since}` : report.since}`,
    generatedAt: report.generatedAt,
    facts: [
      { title: 'Open actions', value: String(report.rows.length) },
      { title: 'RAG', value: `Red ${report.ragCounts.RED} · Amber ${report.ragCounts.AMBER} · Green ${report.ragCounts.GREEN}` },
      { title: 'For sign-off', value: String(report.signOff.length) },
      { title: 'Agencies with no update', value: String(report.silentAgencies.length) },
    ],
    charts: [ragDonut('RAG of open actions', report.ragCounts)],
    tables: [
      { name: 'Actions', title: 'Open actions by review and agency', columns: ['Review', 'Agency', 'Action', 'Status', 'RAG', 'Target', 'Last update', 'Update'], rows: report.rows.map((row) => [row.review, row.agency, row.actionRef, row.status, row.ragText, row.target, row.lastUpdateOn, row.lastUpdateText]), ragColumns: [4], empty: 'No open actions.' },
      { name: 'Sign-off', title: 'Waiting for PAI sign-off', columns: ['Review', 'Agency', 'Action', 'Status', 'Responsible officer'], rows: report.signOff.map((row) => [row.review, row.agency, row.actionRef, row.status, row.responsibleOfficer]), empty: 'Nothing waiting.' },
      { name: 'Extensions', title: 'Target extensions since the last meeting', columns: ['Review', 'Agency', 'Action', 'From', 'To', 'On', 'Reason'], rows: report.extensions.map((row) => [row.review, row.agency, row.actionRef, row.from, row.to, row.on, row.reason]), empty: 'None.' },
      { name: 'No update', title: 'Agencies with no update since the last meeting', columns: ['Agency', 'Open actions', 'Last update'], rows: report.silentAgencies.map((row) => [row.agency, row.openActions, row.lastUpdateOn]), empty: 'Every agency has updated.' },
    ],
  };
}

/** Overdue actions by agency (domain.md §6.3). */
export function overdueDocument(report: OverdueReport): ReportDocument {
  const { agencyName } = report;
  return {
    name: 'overdue',
    title: agencyName ? `Overdue actions: ${agencyName}` : 'Overdue actions by agency',
    subtitle: `${report.rows.length} overdue as at ${report.asAt}`,
    generatedAt: report.generatedAt,
    facts: report.byAgency.slice(0, 8).map((row) => ({ title: row.agency, value: `${row.overdue} overdue, longest ${row.worstDaysOverdue} days` })),
    charts: report.byAgency.length
      ? [{ kind: 'grouped-bar', title: 'Overdue actions by agency', xAxisTitle: 'Agency', yAxisTitle: 'Overdue', series: [{ legend: 'Overdue actions', values: report.byAgency.map((row) => ({ x: row.agency, y: row.overdue })) }] }]
      : [],
    tables: [
      { name: 'Overdue', title: 'Overdue actions', columns: ['Agency', 'Action', 'Review', 'Responsible officer', 'Original target', 'Current target', 'Days overdue', 'Extensions', 'Last update'], rows: report.rows.map((row) => [row.agency, row.actionRef, row.reviewRef, row.responsibleOfficer, row.originalTarget, row.currentTarget, row.daysOverdue, row.extensionCount, row.lastUpdate]), empty: 'No overdue actions.' },
    ],
  };
}

/** The 12-month assurance tracker (domain.md §6.4). */
export function assuranceDocument(report: AssuranceTrackerReport): ReportDocument {
  return {
    name: 'assurance',
    title: '12-month assurance tracker',
    subtitle: `${report.rows.length} review${report.rows.length === 1 ? '' : 's'} with a 12-month point, as at ${report.asAt}`,
    generatedAt: report.generatedAt,
    facts: ASSURANCE_STAGES.filter((stage) => report.stageCounts[stage] > 0).map((stage) => ({ title: ASSURANCE_STAGE_LABELS[stage], value: String(report.stageCounts[stage]) })),
    charts: [{ kind: 'donut', title: 'Reviews by assurance stage', slices: ASSURANCE_STAGES.map((stage) => ({ legend: ASSURANCE_STAGE_LABELS[stage], value: report.stageCounts[stage] })) }],
    tables: [
      { name: 'Tracker', title: 'Reviews and their 12-month assurance', columns: ['Review', 'Pseudonym', 'Completed', '12-month point', 'Stage', 'Requested', 'Responses', 'Late', 'PAI evaluation', 'Open actions'], rows: report.rows.map((row) => [row.reference, row.pseudonym, row.completedOn, row.assuranceDue, row.stageText, row.requestedOn, row.responses, row.lateResponses, row.evaluation, row.openActions]), empty: 'No review has a completion date yet.' },
    ],
  };
}

/** The yearly report data pack (domain.md §6.7). */
export function yearlyDocument(report: YearlyReport): ReportDocument {
  const top = report.themes.slice(0, 6);
  return {
    name: 'yearly',
    title: `Yearly report data pack, ${report.period.label}`,
    subtitle: `${describeDates(report.period)}; figures as at ${report.asAt}`,
    generatedAt: report.generatedAt,
    facts: report.headlines.slice(0, 7).map((row) => ({ title: row.measure, value: String(row.value) })),
    charts: [{ kind: 'grouped-bar', title: 'Themes: reviews notified and actions agreed', xAxisTitle: 'Theme', yAxisTitle: 'Count', series: [
      { legend: 'Reviews notified', values: top.map((row) => ({ x: row.theme, y: row.reviews })) },
      { legend: 'Actions agreed', values: top.map((row) => ({ x: row.theme, y: row.actionsAgreed })) },
    ] }],
    tables: [
      { name: 'Headlines', title: 'Headline figures', columns: ['Measure', 'Value'], rows: report.headlines.map((row) => [row.measure, row.value]) },
      { name: 'Rapid reviews', title: 'Rapid reviews and timeliness', columns: ['Review', 'Pseudonym', 'SIN', 'Due', 'Submitted', 'Working days', 'Timeliness'], rows: report.rapidReviews.map((row) => [row.reference, row.pseudonym, row.sinDate, row.due, row.submittedOn, row.workingDays, row.timeliness]), empty: 'No serious incident notified in the year.' },
      { name: 'LCSPRs', title: 'Local reviews commissioned or published', columns: ['Review', 'Pseudonym', 'Decision', 'Target', 'Published', 'Timeliness'], rows: report.lcsprs.map((row) => [row.reference, row.pseudonym, row.decisionDate, row.target, row.publishedOn, row.timeliness]), empty: 'None in the year.' },
      { name: 'Themes', title: 'Themes', columns: ['Theme', 'Reviews notified', 'Actions agreed', 'Actions closed', 'Open now'], rows: report.themes.map((row) => [row.theme, row.reviews, row.actionsAgreed, row.actionsClosed, row.openAtYearEnd]) },
      { name: 'Scrutiny findings', title: 'Independent scrutiny: findings', columns: ['Piece', 'Finding', 'Kind', 'Sources', 'Triangulated'], rows: report.scrutiny.findings.map((row) => [row.pieceRef, `F${row.number}: ${row.text}`, row.kind, row.sources, row.triangulated ? 'Yes' : 'No (observation)']), empty: 'No scrutiny finding in the year.' },
      { name: 'Scrutiny recommendations', title: 'Independent scrutiny: recommendations', columns: ['Piece', 'Recommendation', 'Agreed', 'Actions', 'Closed'], rows: report.scrutiny.recommendations.map((row) => [row.pieceRef, `R${row.number}: ${row.text}`, row.agreed, row.actions, row.closed]), empty: 'No scrutiny recommendation in the year.' },
    ],
  };
}

/** The dip samples drawn so far (`dip samples`). */
export function dipSamplesDocument(samples: readonly DipSample[], agencyNames: ReadonlyMap<string, string>, generatedAt: string): ReportDocument {
  return {
    name: 'dip-samples',
    title: 'Dip samples',
    subtitle: `${samples.length} sample${samples.length === 1 ? '' : 's'} drawn; redraw any of them with "dip sample ‹n› [agency] seed ‹seed›"`,
    generatedAt,
    facts: [],
    charts: [],
    tables: [
      { name: 'Samples', title: 'Samples, newest first', columns: ['Drawn', 'By', 'Agency', 'Size', 'Seed', 'Population', 'Actions'], rows: samples.map((sample) => [sample.createdAt.slice(0, 10), sample.createdByName, sample.agencyId ? agencyNames.get(sample.agencyId) ?? sample.agencyId : 'All agencies', sample.actionRefs.length, sample.seed, `${sample.populationSize} (${sample.populationFingerprint})`, sample.actionRefs.join(', ')]), empty: 'No dip sample drawn yet: "dip sample ‹n› [agency]".' },
    ],
  };
}
