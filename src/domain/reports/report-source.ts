import type { ActionSourceType } from '../actions/action';

/**
 * Which actions the theme report covers: the partnership's quarterly report is about actions from reviews, and the
 * same agency-by-theme view answers for Section 11 improvement actions, scrutiny actions, or all of them (issue 14).
 */
export const REPORT_SOURCES = ['REVIEW', 'SECTION_11', 'SCRUTINY', 'ALL'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

/** "actions from reviews", as headings and empty lists say it. */
export const REPORT_SOURCE_WORDS: Readonly<Record<ReportSource, string>> = {
  REVIEW: 'actions from reviews',
  SECTION_11: 'actions from Section 11 audits',
  SCRUTINY: 'actions from scrutiny',
  ALL: 'actions from every source',
};

/** The same words as a heading ("Actions from reviews"). */
export function reportSourceHeading(source: ReportSource): string {
  const words = REPORT_SOURCE_WORDS[source];
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/** The words a user may type for each source, longest first so "section 11" wins over a bare number. */
const SOURCE_WORDS: readonly (readonly [RegExp, ReportSource])[] = [
  [/\ball sources\b/i, 'ALL'],
  [/\bsection[\s-]*11\b/i, 'SECTION_11'],
  [/\bs11\b/i, 'SECTION_11'],
  [/\bscrutiny\b/i, 'SCRUTINY'],
  [/\breviews?\b/i, 'REVIEW'],
  [/\ball\b/i, 'ALL'],
];

/**
 * Splits a source ("section 11", "scrutiny", "all", "reviews") off the rest of a report's arguments, which stay for
 * the period: `quarterly themes last quarter section 11`. Without one the source is reviews, as the partnership's
 * quarterly report has always been.
 */
export function splitReportSource(text: string): { source: ReportSource; rest: string } {
  for (const [pattern, source] of SOURCE_WORDS) {
    if (pattern.test(text)) return { source, rest: text.replace(pattern, ' ').replace(/\s+/g, ' ').trim() };
  }
  return { source: 'REVIEW', rest: text.trim() };
}

/** Whether an action belongs to the report's source. A review action counts only with its review recorded. */
export function isFromSource(action: { sourceType: ActionSourceType; reviewId?: string }, source: ReportSource): boolean {
  if (action.sourceType === 'REVIEW' && !action.reviewId) return false;
  return source === 'ALL' || action.sourceType === source;
}
