import { describeDates } from '../period';
import { RAG_WORST_FIRST, ragLabel, RAGS, type Rag, type RagRating } from '../actions/rag';
import type { AssuranceTrackerReport } from './assurance-tracker';
import { ASSURANCE_STAGE_LABELS, ASSURANCE_STAGES } from './assurance-tracker';
import type { DipSample } from './dip-sample';
import { NO_UPDATE, type MeetingStatusReport, type StatusRow } from './meeting-status';
import type { OverdueReport } from './overdue';
import type { QuarterlyThemesReport, ThemeCounts } from './quarterly-themes';
import { REPORT_SOURCE_WORDS, reportSourceHeading } from './report-source';
import { byText, codeUnitRanks, dateText, PerRecordMemo, sortedByKey } from './common';
import type { YearlyReport } from './yearly';
import { groupBy } from '../group-by';

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

/**
 * A line on a report card, as a chair reads it beside a meeting on a ~470 px chat: a title line and a detail line,
 * the RAG as word and colour with its reason, and optionally a drill-down into another section of the same report.
 */
export interface CardItem {
  title: string;
  detail?: string;
  rag?: RagRating;
  /** Why it is Red or Amber; printed beside the rating. */
  reason?: string;
  /** The id of the section this item opens in place (an agency, a theme, a review), with Back. */
  opens?: string;
}

/** A part of a report card: a list of items (one per row). Wide tables go to the files. */
export interface CardSection {
  id: string;
  title: string;
  items: CardItem[];
  /** Shown when there are no items. */
  empty?: string;
  /** On the report's first card (a few items and "all N"); false for drill-down sections reached through an item. */
  overview: boolean;
}

export interface ReportDocument {
  name: string;
  title: string;
  subtitle: string;
  /** ISO instant the figures were read: the report's snapshot, shown as "as at" on every page. */
  generatedAt: string;
  /** Headline figures in words and numbers, first on every card. */
  facts: { title: string; value: string }[];
  charts: ReportChart[];
  /** What the files (XLSX, CSV, HTML) print: wide tables with every column. */
  tables: ReportTable[];
  /** What the chat card shows: items, at most one title and one detail line each. */
  sections: CardSection[];
  /** For the quarterly theme report: the quarter and themes the PAI may record a decision for. */
  decide?: { period: string; themes: { id: string; name: string }[] };
}

const COUNT_COLUMNS = ['Total', 'Open', 'Overdue', 'Closed', 'Withdrawn', 'Red', 'Amber', 'Green', 'Blue'];
const RAG_WORDS = Object.fromEntries(RAGS.map((rag) => [rag, ragLabel(rag)])) as Record<Rag, string>;

/** Words for where an action came from, for cards and files (never `SECTION_11`). */
export const SOURCE_LABELS: Readonly<Record<string, string>> = Object.freeze({
  REVIEW: 'Review', SECTION_11: 'Section 11', SCRUTINY: 'Scrutiny', AUDIT: 'Audit', INSPECTION: 'Inspection',
});

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The text behind every chart, for clients that cannot draw it (and for screen readers). */
export function describeChart(chart: ReportChart): string {
  if (chart.kind === 'donut') return `${chart.title}: ${chart.slices.map((slice) => (slice.legend.endsWith(` ${slice.value}`) ? slice.legend : `${slice.legend} ${slice.value}`)).join('; ')}`;
  const lines = chart.series.map((series) => `${series.legend}: ${series.values.map((value) => `${value.x} ${value.y}`).join(', ')}`);
  return `${chart.title}. ${lines.join('. ')}`;
}

/**
 * A donut whose legend carries the word and the number ("Red 3"): the chart alone shows no numbers, and short
 * entries fit one row at chat width, so none hides behind "+N items". Empty slices go.
 */
function ragDonut(title: string, counts: Record<Rag, number>): ReportChart {
  const word = (rag: Rag) => RAG_WORDS[rag].split(' ')[0];
  return {
    kind: 'donut',
    title,
    slices: (['RED', 'AMBER', 'GREEN', 'BLUE'] as const).filter((rag) => counts[rag] > 0).map((rag) => ({ legend: `${word(rag)} ${counts[rag]}`, value: counts[rag], rag })),
  };
}

/** Short stage words for a chart's axis. */
const STAGE_SHORT: Readonly<Record<(typeof ASSURANCE_STAGES)[number], string>> = {
  DUE: 'Due', DUE_SOON: 'Due soon', REQUESTED: 'Requested', RECEIVED: 'Received', EVALUATED: 'Evaluated', NOT_YET_DUE: 'Not yet due',
};

/** "5 open (2 overdue) · Red 3, Amber 1" for one agency or theme. */
function countsDetail(c: ThemeCounts): string {
  const rag = (['red', 'amber', 'green', 'blue'] as const).filter((key) => c[key] > 0).map((key) => `${key.charAt(0).toUpperCase()}${key.slice(1)} ${c[key]}`).join(', ');
  const parts = [`${c.open} open`, ...(c.overdue ? [`${c.overdue} overdue`] : []), ...(c.closed ? [`${c.closed} closed`] : []), ...(c.withdrawn ? [`${c.withdrawn} withdrawn`] : [])];
  return `${parts.join(' · ')}${rag ? ` · ${rag}` : ''}`;
}

/** Agencies as rows, themes as columns, one figure per cell, with totals (each action once in the row total). */
function matrixTable(report: QuarterlyThemesReport, figure: 'total' | 'open' | 'overdue', name: string, title: string): ReportTable {
  const themes = [...report.topThemes].filter((theme) => theme.actions > 0).sort((a, b) => b.actions - a.actions || byText(a.theme, b.theme));
  const cells = new Map(report.byAgencyTheme.map((row) => [`${row.agencyId}\u0000${row.themeId}`, row]));
  const totals = new Map<string, number>();
  for (const row of report.byAgencyTheme) totals.set(row.themeId, (totals.get(row.themeId) ?? 0) + row[figure]);
  const cell = (agencyId: string, themeId: string) => cells.get(`${agencyId}\u0000${themeId}`)?.[figure] ?? 0;
  const themeTotal = (themeId: string) => totals.get(themeId) ?? 0;
  return {
    name,
    title,
    columns: ['Agency', ...themes.map((theme) => theme.theme), 'All themes (each action once)'],
    rows: [
      ...report.byAgency.map((agency) => [agency.agency, ...themes.map((theme) => cell(agency.agencyId, theme.themeId)), agency[figure]]),
      ['All agencies', ...themes.map((theme) => themeTotal(theme.themeId)), report.totals[figure]],
    ],
    empty: `No ${REPORT_SOURCE_WORDS[report.source]} in this quarter.`,
  };
}

/** The quarterly review theme report (docs/design/domain.md §6.1): headline, agency by theme both ways, movement, decisions. */
export function quarterlyThemesDocument(report: QuarterlyThemesReport): ReportDocument {
  const top = report.topThemes.slice(0, 4);
  const t = report.totals;
  const themesByActions = [...report.topThemes].filter((theme) => theme.actions > 0).sort((a, b) => b.actions - a.actions || byText(a.theme, b.theme));
  const agenciesByActions = [...report.byAgency].sort((a, b) => b.total - a.total || byText(a.agency, b.agency));
  const cellDetail = (row: { total: number; open: number; overdue: number }) => `${plural(row.total, 'action')} · ${row.open} open${row.overdue ? ` · ${row.overdue} overdue` : ''}`;
  const byAgencyCells = groupBy(report.byAgencyTheme, (row) => row.agencyId);
  const byThemeCells = groupBy(report.byAgencyTheme, (row) => row.themeId);
  const agencySections: CardSection[] = agenciesByActions.map((agency) => ({
    id: `agency:${agency.agencyId}`,
    title: `${agency.agency}: actions by theme`,
    overview: false,
    items: (byAgencyCells.get(agency.agencyId) ?? []).sort((a, b) => b.total - a.total || byText(a.theme, b.theme)).map((row) => ({ title: row.theme, detail: cellDetail(row), opens: `theme:${row.themeId}` })),
  }));
  const themeSections: CardSection[] = themesByActions.map((theme) => ({
    id: `theme:${theme.themeId}`,
    title: `${theme.theme}: actions by agency`,
    overview: false,
    items: (byThemeCells.get(theme.themeId) ?? []).sort((a, b) => b.total - a.total || byText(a.agency, b.agency)).map((row) => ({ title: row.agency, detail: cellDetail(row), opens: `agency:${row.agencyId}` })),
  }));
  return {
    name: 'quarterly-themes',
    title: report.source === 'REVIEW' ? `Quarterly review theme report, ${report.period.label}` : `Quarterly theme report, ${report.period.label}: ${REPORT_SOURCE_WORDS[report.source]}`,
    subtitle: `${describeDates(report.period)}; figures as at ${dateText(report.asAt)}`,
    generatedAt: report.generatedAt,
    facts: [
      { title: reportSourceHeading(report.source), value: `${t.total} in all: ${t.open} open (${t.overdue} overdue), ${t.closed} closed, ${t.withdrawn} withdrawn` },
      { title: 'RAG', value: `Red ${t.red} · Amber ${t.amber} · Green ${t.green} · Blue ${t.blue}` },
      { title: 'In the quarter', value: `${report.movementTotals.new} agreed, ${report.movementTotals.closed} closed, ${report.movementTotals.becameOverdue} became overdue` },
      { title: 'Top themes', value: top.map((theme) => theme.theme).join('; ') || 'None' },
    ],
    charts: [
      // One series: a legend of one never hides another. Themes by name, most actions first.
      { kind: 'grouped-bar', title: 'Open actions by theme', xAxisTitle: 'Theme', yAxisTitle: 'Open actions', series: [{ legend: 'Open actions', values: themesByActions.slice(0, 6).map((theme) => ({ x: theme.theme, y: theme.open })) }] },
      ragDonut('RAG of actions', { RED: t.red, AMBER: t.amber, GREEN: t.green, BLUE: t.blue }),
    ],
    sections: [
      { id: 'agencies', title: 'By agency (open one for its themes)', overview: true, items: agenciesByActions.map((row) => ({ title: row.agency, detail: `${plural(row.total, 'action')} · ${countsDetail(row)}`, opens: `agency:${row.agencyId}` })), empty: `No ${REPORT_SOURCE_WORDS[report.source]} in this quarter.` },
      { id: 'themes', title: 'By theme (open one for its agencies)', overview: true, items: themesByActions.map((row) => ({ title: row.theme, detail: `${plural(row.actions, 'action')} · ${row.open} open${row.overdue ? ` · ${row.overdue} overdue` : ''} · ${plural(row.reviews, 'review')}`, opens: `theme:${row.themeId}` })), empty: 'No themes this quarter.' },
      { id: 'movement', title: 'Movement in the quarter', overview: true, items: report.movement.map((row) => ({ title: row.agency, detail: `${row.new} agreed · ${row.closed} closed · ${row.becameOverdue} became overdue` })) },
      { id: 'twelve-month', title: `12-month points in ${report.nextQuarter.label}`, overview: true, items: report.assuranceDueNextQuarter.map((row) => ({ title: `${row.reference} (${row.pseudonym})`, detail: `12-month point ${dateText(row.assuranceDue)} · ${plural(row.openActions, 'open action')}` })), empty: 'None.' },
      { id: 'decisions', title: 'PAI assurance decision per theme', overview: true, items: report.decisions.map((row) => ({ title: row.theme, detail: [row.decision, row.owner && `owner ${row.owner}`, row.due && `due ${dateText(row.due)}`, row.note].filter(Boolean).join(' · ') })), empty: 'No themes this quarter.' },
      ...agencySections,
      ...themeSections,
    ],
    tables: [
      { name: 'By agency', title: 'Actions by agency', columns: ['Agency', ...COUNT_COLUMNS], rows: [...report.byAgency.map((row) => [row.agency, row.total, row.open, row.overdue, row.closed, row.withdrawn, row.red, row.amber, row.green, row.blue]), ['All agencies', t.total, t.open, t.overdue, t.closed, t.withdrawn, t.red, t.amber, t.green, t.blue]], empty: `No ${REPORT_SOURCE_WORDS[report.source]} in this quarter.` },
      matrixTable(report, 'total', 'Agency by theme', 'Actions by agency and theme (agencies as rows, themes as columns)'),
      matrixTable(report, 'open', 'Agency by theme, open', 'Open actions by agency and theme'),
      matrixTable(report, 'overdue', 'Agency by theme, overdue', 'Overdue actions by agency and theme'),
      { name: 'Movement', title: 'Movement in the quarter (new = agreed in the quarter)', columns: ['Agency', 'New (agreed)', 'Closed', 'Became overdue'], rows: report.movement.map((row) => [row.agency, row.new, row.closed, row.becameOverdue]) },
      { name: 'Top themes', title: 'Top themes across reviews', columns: ['Theme', 'Reviews', 'Actions', 'Open', 'Overdue'], rows: report.topThemes.map((row) => [row.theme, row.reviews, row.actions, row.open, row.overdue]) },
      { name: '12-month next quarter', title: `Reviews reaching their 12-month point in ${report.nextQuarter.label}`, columns: ['Review', 'Pseudonym', '12-month point', 'Open actions'], rows: report.assuranceDueNextQuarter.map((row) => [row.reference, row.pseudonym, row.assuranceDue, row.openActions]), empty: 'None.' },
      { name: 'PAI decisions', title: 'PAI assurance decision per theme', columns: ['Theme', 'Decision', 'Owner', 'Due', 'Note'], rows: report.decisions.map((row) => [row.theme, row.decision, row.owner, row.due, row.note]), empty: 'No themes this quarter.' },
      { name: 'Agency x theme', title: 'Actions by agency and theme, every count', columns: ['Agency', 'Theme', ...COUNT_COLUMNS], rows: report.byAgencyTheme.map((row) => [row.agency, row.theme, row.total, row.open, row.overdue, row.closed, row.withdrawn, row.red, row.amber, row.green, row.blue]) },
    ],
    decide: { period: report.period.label, themes: report.decisions.map((row) => ({ id: row.themeId, name: row.theme })) },
  };
}

/** Card items and file rows kept per (frozen, kept) status row, as the rows themselves are (see PerRecordMemo). */
const statusItems = new PerRecordMemo<StatusRow, CardItem>();
const statusCells = new PerRecordMemo<StatusRow, Cell[]>();

function statusItemOf(row: StatusRow): CardItem {
  return statusItems.get(row, () => ({
    title: `${row.actionRef} · ${row.agency}`,
    detail: `${row.status} · target ${dateText(row.target)} · ${row.lastUpdateOn === NO_UPDATE ? 'no update yet' : `updated ${dateText(row.lastUpdateOn)}${row.lastUpdateText ? `: ${row.lastUpdateText}` : ''}`}`,
    rag: row.rag,
    reason: row.ragReason,
  }));
}

function statusCellsOf(row: StatusRow): Cell[] {
  return statusCells.get(row, () => [row.review, row.agency, row.actionRef, row.status, row.ragText, row.ragReason, row.target, row.lastUpdateOn === NO_UPDATE ? 'No update yet' : row.lastUpdateOn, row.lastUpdateText]);
}

/** The meeting action status summary (docs/design/domain.md §6.2): by review, each review's actions worst first with reasons. */
export function meetingStatusDocument(report: MeetingStatusReport): ReportDocument {
  const { reviewLabel, rows } = report;
  const since = report.sinceIsMeeting ? `the meeting on ${dateText(report.since)}` : dateText(report.since);
  // One item per row, built once: a Red or Amber row is both in the attention list and under its review.
  const items = rows.map(statusItemOf);
  // Each review's items and RAG counts in one pass (filtering every review's rows once per rating made 19 MB of garbage
  // for the 12k reviews at 100k actions).
  const reviews = new Map<string, { label: string; items: CardItem[]; counts: Record<RagRating, number> }>();
  rows.forEach((row, index) => {
    let entry = reviews.get(row.reviewId);
    if (!entry) {
      entry = { label: row.review, items: [], counts: { RED: 0, AMBER: 0, GREEN: 0, BLUE: 0, WITHDRAWN: 0 } };
      reviews.set(row.reviewId, entry);
    }
    entry.items.push(items[index]);
    entry.counts[row.rag] += 1;
  });
  const ragSummary = (counts: Record<RagRating, number>) => (['RED', 'AMBER', 'GREEN'] as const).filter((rag) => counts[rag] > 0).map((rag) => `${rag.charAt(0)}${rag.slice(1).toLowerCase()} ${counts[rag]}`).join(', ');
  // Worst first, then by target, then by reference. ISO dates rank as text (no collator for them), and the rating and
  // target make one number per row, so the collator only compares references with the same rating and target.
  const targetRank = codeUnitRanks(rows.map((row) => row.target));
  const attention = sortedByKey(
    rows.map((_, index) => index).filter((index) => rows[index].rag === 'RED' || rows[index].rag === 'AMBER'),
    (index) => RAG_WORST_FIRST[rows[index].rag] * targetRank.size + (targetRank.get(rows[index].target) as number),
    (a, b) => byText(rows[a].actionRef, rows[b].actionRef),
  ).map((index) => items[index]);
  return {
    name: 'status',
    title: reviewLabel ? `Action status: ${reviewLabel}` : 'Action status for the PAI meeting',
    subtitle: `${plural(report.reviewCount, 'review')} with open actions; changes since ${since}`,
    generatedAt: report.generatedAt,
    facts: [
      { title: 'Open actions', value: `${report.rows.length} across ${plural(report.reviewCount, 'review')}` },
      { title: 'RAG', value: `Red ${report.ragCounts.RED} · Amber ${report.ragCounts.AMBER} · Green ${report.ragCounts.GREEN}` },
      { title: 'For sign-off', value: String(report.signOff.length) },
      { title: 'No update since', value: `${since}: ${plural(report.silentAgencies.length, 'agency', 'agencies')}` },
    ],
    charts: [ragDonut('RAG of open actions', report.ragCounts)],
    sections: [
      { id: 'attention', title: 'Needing attention, worst first', overview: true, items: attention, empty: 'Nothing is Red or Amber.' },
      { id: 'reviews', title: 'By review (open one for its actions)', overview: true, items: [...reviews.entries()].map(([id, entry]) => ({ title: entry.label, detail: `${plural(entry.items.length, 'open action')} · ${ragSummary(entry.counts)}`, opens: `review:${id}` })), empty: 'No open actions.' },
      { id: 'sign-off', title: 'Waiting for PAI sign-off', overview: true, items: report.signOff.map((row) => ({ title: `${row.actionRef} · ${row.agency}`, detail: `${row.status} · ${row.responsibleOfficer}` })), empty: 'Nothing waiting.' },
      { id: 'extensions', title: `Target extensions since ${since}`, overview: true, items: report.extensions.map((row) => ({ title: `${row.actionRef} · ${row.agency}`, detail: `${dateText(row.from)} to ${dateText(row.to)}, on ${dateText(row.on)}: ${row.reason}` })), empty: 'None.' },
      { id: 'silent', title: `Agencies with no update since ${since}`, overview: true, items: report.silentAgencies.map((row) => ({ title: row.agency, detail: `${plural(row.openActions, 'open action')} · ${row.lastUpdateOn === NO_UPDATE ? 'no update yet' : `last update ${dateText(row.lastUpdateOn)}`}` })), empty: 'Every agency has updated.' },
      ...[...reviews.entries()].map(([id, entry]) => ({ id: `review:${id}`, title: `${entry.label}: open actions`, overview: false, items: entry.items })),
    ],
    tables: [
      { name: 'Actions', title: 'Open actions by review and agency', columns: ['Review', 'Agency', 'Action', 'Status', 'RAG', 'Why', 'Target', 'Last update', 'Update'], rows: rows.map(statusCellsOf), ragColumns: [4], empty: 'No open actions.' },
      { name: 'Sign-off', title: 'Waiting for PAI sign-off', columns: ['Review', 'Agency', 'Action', 'Status', 'Responsible officer'], rows: report.signOff.map((row) => [row.review, row.agency, row.actionRef, row.status, row.responsibleOfficer]), empty: 'Nothing waiting.' },
      { name: 'Extensions', title: 'Target extensions since the last meeting', columns: ['Review', 'Agency', 'Action', 'From', 'To', 'On', 'Reason'], rows: report.extensions.map((row) => [row.review, row.agency, row.actionRef, row.from, row.to, row.on, row.reason]), empty: 'None.' },
      { name: 'No update', title: 'Agencies with no update since the last meeting', columns: ['Agency', 'Open actions', 'Last update'], rows: report.silentAgencies.map((row) => [row.agency, row.openActions, row.lastUpdateOn === NO_UPDATE ? 'No update yet' : row.lastUpdateOn]), empty: 'Every agency has updated.' },
    ],
  };
}

/** Overdue actions by agency (docs/design/domain.md §6.3): agencies first, then each overdue action, longest first. */
export function overdueDocument(report: OverdueReport): ReportDocument {
  const { agencyName } = report;
  const source = (ref: string) => SOURCE_LABELS[ref] ?? ref;
  const item = (row: OverdueReport['rows'][number]): CardItem => ({
    title: `${row.actionRef} · ${row.agency}`,
    detail: `${source(row.reviewRef)} · ${row.responsibleOfficer} · target ${dateText(row.currentTarget)}${row.extensionCount ? ` (extended ${row.extensionCount === 1 ? 'once' : `${row.extensionCount} times`})` : ''} · ${row.lastUpdate === 'None' ? 'no update yet' : `updated ${dateText(row.lastUpdate)}`}`,
    rag: 'RED',
    reason: `Past its target date by ${plural(row.daysOverdue, 'day')}`,
  });
  const { rows } = report;
  const longest = rows.reduce((max, row) => Math.max(max, row.daysOverdue), 0);
  // One item per row, built once: each row is both in the longest-first list and under its agency.
  const items = rows.map(item);
  const longestFirst = sortedByKey(
    rows.map((_, index) => index),
    (index) => -rows[index].daysOverdue,
    (a, b) => byText(rows[a].actionRef, rows[b].actionRef),
  ).map((index) => items[index]);
  const itemsByAgency = new Map<string, CardItem[]>();
  rows.forEach((row, index) => {
    const agencyItems = itemsByAgency.get(row.agencyId);
    if (agencyItems) agencyItems.push(items[index]);
    else itemsByAgency.set(row.agencyId, [items[index]]);
  });
  return {
    name: 'overdue',
    title: agencyName ? `Overdue actions: ${agencyName}` : 'Overdue actions by agency',
    subtitle: `${report.rows.length} overdue as at ${dateText(report.asAt)}`,
    generatedAt: report.generatedAt,
    facts: [
      { title: 'Overdue actions', value: report.rows.length ? `${report.rows.length} across ${plural(report.byAgency.length, 'agency', 'agencies')}; longest ${plural(longest, 'day')}` : 'None' },
    ],
    charts: report.byAgency.length > 1
      ? [{ kind: 'grouped-bar', title: 'Overdue actions by agency', xAxisTitle: 'Agency', yAxisTitle: 'Overdue', series: [{ legend: 'Overdue actions', values: report.byAgency.map((row) => ({ x: row.agency, y: row.overdue })) }] }]
      : [],
    sections: [
      { id: 'agencies', title: 'By agency (open one for its actions)', overview: true, items: report.byAgency.map((row) => ({ title: row.agency, detail: `${row.overdue} overdue · longest ${plural(row.worstDaysOverdue, 'day')}`, opens: `agency:${row.agencyId}` })), empty: 'No overdue actions.' },
      { id: 'longest', title: 'Longest overdue first', overview: true, items: longestFirst, empty: 'No overdue actions.' },
      ...report.byAgency.map((agency) => ({ id: `agency:${agency.agencyId}`, title: `${agency.agency}: overdue actions`, overview: false, items: itemsByAgency.get(agency.agencyId) ?? [] })),
    ],
    tables: [
      { name: 'Overdue', title: 'Overdue actions', columns: ['Agency', 'Action', 'Review', 'Responsible officer', 'Original target', 'Current target', 'Days overdue', 'Extensions', 'Last update'], rows: report.rows.map((row) => [row.agency, row.actionRef, source(row.reviewRef), row.responsibleOfficer, row.originalTarget, row.currentTarget, row.daysOverdue, row.extensionCount, row.lastUpdate === 'None' ? 'No update yet' : row.lastUpdate]), empty: 'No overdue actions.' },
    ],
  };
}

/** The 12-month assurance tracker (docs/design/domain.md §6.4). */
export function assuranceDocument(report: AssuranceTrackerReport): ReportDocument {
  const stages = ASSURANCE_STAGES.filter((stage) => report.stageCounts[stage] > 0);
  return {
    name: 'assurance',
    title: '12-month assurance tracker',
    subtitle: `${plural(report.rows.length, 'review')} with a 12-month point, as at ${dateText(report.asAt)}`,
    generatedAt: report.generatedAt,
    facts: stages.map((stage) => ({ title: ASSURANCE_STAGE_LABELS[stage], value: String(report.stageCounts[stage]) })),
    // One series (no legend to overflow), short stage words on the axis; the full words are in the headline above.
    charts: [{ kind: 'grouped-bar', title: 'Reviews by assurance stage', xAxisTitle: 'Stage', yAxisTitle: 'Reviews', series: [{ legend: 'Reviews', values: stages.map((stage) => ({ x: STAGE_SHORT[stage], y: report.stageCounts[stage] })) }] }],
    sections: [
      {
        id: 'reviews', title: 'Reviews and their 12-month assurance', overview: true, empty: 'No review has a completion date yet.',
        items: report.rows.map((row) => ({
          title: `${row.reference} (${row.pseudonym})`,
          detail: [`12-month point ${dateText(row.assuranceDue)}`, row.stageText, row.requestedOn && `requested ${dateText(row.requestedOn)}`, row.responses && `responses ${row.responses}`, row.lateResponses ? `${row.lateResponses} late` : '', row.evaluation && `PAI: ${row.evaluation}`, plural(row.openActions, 'open action')].filter(Boolean).join(' · '),
        })),
      },
    ],
    tables: [
      { name: 'Tracker', title: 'Reviews and their 12-month assurance', columns: ['Review', 'Pseudonym', 'Completed', '12-month point', 'Stage', 'Requested', 'Responses', 'Late', 'PAI evaluation', 'Open actions'], rows: report.rows.map((row) => [row.reference, row.pseudonym, row.completedOn, row.assuranceDue, row.stageText, row.requestedOn, row.responses, row.lateResponses, row.evaluation, row.openActions]), empty: 'No review has a completion date yet.' },
    ],
  };
}

/** The yearly report data pack (docs/design/domain.md §6.7). */
export function yearlyDocument(report: YearlyReport): ReportDocument {
  const top = report.themes.slice(0, 6);
  const reviewItem = (row: { reference: string; pseudonym: string }, detail: string): CardItem => ({ title: `${row.reference} (${row.pseudonym})`, detail });
  return {
    name: 'yearly',
    title: `Yearly report data pack, ${report.period.label}`,
    subtitle: `${describeDates(report.period)}; figures as at ${dateText(report.asAt)}`,
    generatedAt: report.generatedAt,
    facts: report.headlines.slice(0, 7).map((row) => ({ title: row.measure, value: String(row.value) })),
    charts: [{ kind: 'grouped-bar', title: 'Themes: reviews notified and actions agreed', xAxisTitle: 'Theme', yAxisTitle: 'Count', series: [
      { legend: 'Reviews notified', values: top.map((row) => ({ x: row.theme, y: row.reviews })) },
      { legend: 'Actions agreed', values: top.map((row) => ({ x: row.theme, y: row.actionsAgreed })) },
    ] }],
    sections: [
      { id: 'headlines', title: 'All headline figures', overview: false, items: report.headlines.map((row) => ({ title: row.measure, detail: String(row.value) })) },
      { id: 'rapid-reviews', title: 'Rapid reviews and timeliness', overview: true, items: report.rapidReviews.map((row) => reviewItem(row, `${row.timeliness} · SIN ${dateText(row.sinDate)} · due ${dateText(row.due)} · ${row.submittedOn ? `submitted ${dateText(row.submittedOn)} (${row.workingDays} working days)` : 'not yet submitted'}`)), empty: 'No serious incident notified in the year.' },
      { id: 'lcsprs', title: 'Local reviews commissioned or published', overview: true, items: report.lcsprs.map((row) => reviewItem(row, `${row.timeliness} · decision ${dateText(row.decisionDate)} · target ${dateText(row.target)}${row.publishedOn ? ` · published ${dateText(row.publishedOn)}` : ''}`)), empty: 'None in the year.' },
      { id: 'themes', title: 'Themes', overview: true, items: report.themes.map((row) => ({ title: row.theme, detail: `${plural(row.reviews, 'review')} notified · ${row.actionsAgreed} actions agreed · ${row.actionsClosed} closed · ${row.openAtYearEnd} open now` })) },
    ],
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
  const agencyOf = (sample: DipSample) => (sample.agencyId ? agencyNames.get(sample.agencyId) ?? sample.agencyId : 'All agencies');
  return {
    name: 'dip-samples',
    title: 'Dip samples',
    subtitle: `${plural(samples.length, 'sample')} drawn; redraw any of them with "dip sample ‹n› [agency] seed ‹seed›"`,
    generatedAt,
    facts: [],
    charts: [],
    sections: [
      { id: 'samples', title: 'Samples, newest first', overview: true, empty: 'No dip sample drawn yet: "dip sample ‹n› [agency]".', items: samples.map((sample) => ({ title: `${dateText(sample.createdAt)} · ${agencyOf(sample)} · ${plural(sample.actionRefs.length, 'action')}`, detail: `By ${sample.createdByName} · seed ${sample.seed} · from ${sample.populationSize} actions · ${sample.actionRefs.join(', ')}` })) },
    ],
    tables: [
      { name: 'Samples', title: 'Samples, newest first', columns: ['Drawn', 'By', 'Agency', 'Size', 'Seed', 'Population', 'Actions'], rows: samples.map((sample) => [sample.createdAt.slice(0, 10), sample.createdByName, agencyOf(sample), sample.actionRefs.length, sample.seed, `${sample.populationSize} (${sample.populationFingerprint})`, sample.actionRefs.join(', ')]), empty: 'No dip sample drawn yet: "dip sample ‹n› [agency]".' },
    ],
  };
}

/** A file-system-safe slug for file names (report files on disk and offered in Teams). */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'report';
}
