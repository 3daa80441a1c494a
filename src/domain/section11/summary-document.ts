import { ACTION_STATUS_LABELS } from '../actions/action';
import type { ReportDocument } from '../reports/report-document';
import { S11_RATING_LABELS, type S11Rating } from './framework';
import { S11_RETURN_STATUS_LABELS } from './return';
import type { S11Summary } from './summary';

const rating = (value: S11Rating | undefined) => (value ? S11_RATING_LABELS[value] : '');
const pct = (value: number | undefined) => (value === undefined ? '' : value);

/**
 * The Section 11 compliance summary as report tables (docs/design/domain.md report 5): the long agency x standard table the CSV
 * names (`Agency, Standard, Self rating, Moderated rating, Change from last cycle`), the matrix of moderated ratings,
 * % fully met per standard and per agency, agencies not returned, and improvement actions by status.
 */
export function s11SummaryDocument(summary: S11Summary, generatedAt: string): ReportDocument {
  const standardName = new Map(summary.standards.map((row) => [row.number, `${row.number}. ${row.title}`]));
  return {
    name: 's11-summary',
    title: `Section 11 summary, ${summary.cycleLabel}`,
    subtitle: `${summary.returned} of ${summary.asked} agencies returned${summary.previousCycleLabel ? `; change compared with ${summary.previousCycleLabel}` : ''}. % fully met counts returned agencies the standard applies to.`,
    generatedAt,
    // The chat card is the s11 summary card (cards/section11); this document feeds the files only.
    sections: [],
    facts: [
      { title: 'Returned', value: `${summary.returned} of ${summary.asked}` },
      { title: 'Fully met (self)', value: summary.selfFullyMetPct === undefined ? 'No ratings yet' : `${summary.selfFullyMetPct}%` },
      { title: 'Fully met (moderated)', value: summary.moderatedFullyMetPct === undefined ? 'Not moderated yet' : `${summary.moderatedFullyMetPct}%` },
      { title: 'Not returned', value: summary.notReturned.length ? summary.notReturned.join(', ') : 'None' },
    ],
    charts: [],
    tables: [
      {
        name: 'Ratings',
        title: 'Self and moderated ratings by agency and standard',
        columns: ['Agency', 'Standard', 'Self rating', 'Moderated rating', 'Change from last cycle'],
        rows: summary.agencies.flatMap((agency) => agency.cells.map((cell) => [agency.agency, standardName.get(cell.standard) ?? cell.standard, rating(cell.self), rating(cell.moderated), cell.change ?? ''])),
      },
      {
        name: 'Standards',
        title: '% of returned agencies fully met, per standard',
        columns: ['Standard', 'Fully met (self) %', 'Fully met (moderated) %', 'Better', 'Same', 'Worse'],
        rows: summary.standards.map((row) => [standardName.get(row.number) ?? row.number, pct(row.selfFullyMetPct), pct(row.moderatedFullyMetPct), row.better, row.same, row.worse]),
      },
      {
        name: 'Agencies',
        title: '% fully met per agency',
        columns: ['Agency', 'Return', 'Fully met (self) %', 'Fully met (moderated) %'],
        rows: summary.agencies.map((agency) => [agency.agency, S11_RETURN_STATUS_LABELS[agency.status], pct(agency.selfFullyMetPct), pct(agency.moderatedFullyMetPct)]),
      },
      {
        name: 'Matrix',
        title: 'Moderated rating (self rating where not yet moderated) by agency and standard',
        columns: ['Agency', ...summary.standards.map((row) => `Standard ${row.number}`)],
        rows: summary.agencies.map((agency) => [agency.agency, ...agency.cells.map((cell) => (cell.moderated ? rating(cell.moderated) : cell.self ? `${rating(cell.self)} (self)` : ''))]),
      },
      {
        name: 'Not returned',
        title: 'Agencies not returned',
        columns: ['Agency', 'Return'],
        rows: summary.agencies.filter((agency) => !agency.returned).map((agency) => [agency.agency, S11_RETURN_STATUS_LABELS[agency.status]]),
        empty: 'Every agency has returned.',
      },
      {
        name: 'Actions',
        title: 'Improvement actions by status',
        columns: ['Status', 'Actions'],
        rows: summary.actionsByStatus.map((row) => [ACTION_STATUS_LABELS[row.status], row.count]),
        empty: 'No improvement actions yet.',
      },
    ],
  };
}

/** The yearly report's Section 11 headline figures for a cycle. */
export function s11Headlines(summary: S11Summary): { measure: string; value: number }[] {
  const actions = summary.actionsByStatus.reduce((total, row) => total + row.count, 0);
  return [
    { measure: `Section 11 ${summary.cycleLabel}: agencies asked`, value: summary.asked },
    { measure: `Section 11 ${summary.cycleLabel}: returns received`, value: summary.returned },
    { measure: `Section 11 ${summary.cycleLabel}: % fully met (self)`, value: summary.selfFullyMetPct ?? 0 },
    { measure: `Section 11 ${summary.cycleLabel}: % fully met (moderated)`, value: summary.moderatedFullyMetPct ?? 0 },
    { measure: `Section 11 ${summary.cycleLabel}: improvement actions`, value: actions },
  ];
}
