import { addDays, addMonthsClamped, parseReportingYear, quarterOf, reportingYearOf, type IsoDate } from './calendar';
import { ValidationError } from './errors';
import { editDistance } from './edit-distance';

/**
 * Reporting periods typed by people in a meeting: "Q2", "q2 2026/27", "2026 Q3", "last quarter", "2025/26", "last
 * year". The reporting year runs 1 April to 31 March and Q1 is April to June (docs/design/domain.md §1 and §5).
 *
 * Decisions, so every form has one meaning:
 * - A bare quarter ("Q4") is the most recent quarter with that number that has started: in May 2026 "Q4" is
 *   Q4 2025/26 (Jan–Mar 2026), the one just finished, not Q4 2026/27, which has not begun.
 * - A four-digit year with a quarter ("2026 Q3", "Q3 2026") names the reporting year that starts in April of that
 *   year, so "2026 Q3" is Q3 2026/27, which is October to December 2026. Replies always show the label and the dates.
 * - A bare four-digit year ("2025") is ambiguous (2024/25 or 2025/26), so it is refused with a suggestion.
 * - An empty text is the current quarter, or the current year when a year is expected.
 */
export type PeriodKind = 'quarter' | 'year';

/** A resolved reporting period: a quarter or an April–March year, with inclusive dates. */
export interface ReportPeriod {
  kind: PeriodKind;
  /** "Q2 2026/27" or "2026/27": also accepted back by parsePeriod, so cards can round-trip it. */
  label: string;
  start: IsoDate;
  end: IsoDate;
  /** The reporting year the period belongs to, "2026/27". */
  yearLabel: string;
  quarter?: 1 | 2 | 3 | 4;
}

/** What the caller expects: a quarter (quarterly reports), a year (the yearly report) or either. */
export type PeriodExpectation = PeriodKind | 'any';

export interface ParsePeriodOptions {
  /** Today in Europe/London, from the caller's clock (the domain never reads one). */
  today: IsoDate;
  /** Defaults to 'any', where an empty text means the current quarter. */
  expect?: PeriodExpectation;
}

const RELATIVE_PHRASES = ['this quarter', 'last quarter', 'next quarter', 'this year', 'last year', 'next year'] as const;
type RelativePhrase = (typeof RELATIVE_PHRASES)[number];
const EXAMPLES = 'You can write Q2, Q2 2026/27, 2026 Q3, last quarter, this year, last year or 2025/26.';

/** The reporting quarter `quarter` of the reporting year that starts in April of `startYear`. */
export function quarterPeriod(startYear: number, quarter: 1 | 2 | 3 | 4): ReportPeriod {
  return fromQuarterOf(addMonthsClamped(`${String(startYear).padStart(4, '0')}-04-01`, (quarter - 1) * 3));
}

/** The reporting year that starts in April of `startYear`. */
export function yearPeriod(startYear: number): ReportPeriod {
  const year = reportingYearOf(`${String(startYear).padStart(4, '0')}-04-01`);
  return { kind: 'year', label: year.label, start: year.start, end: year.end, yearLabel: year.label };
}

/** The quarter holding a date, as a period. */
export function quarterPeriodOf(date: IsoDate): ReportPeriod {
  return fromQuarterOf(date);
}

/** The reporting year holding a date, as a period. */
export function yearPeriodOf(date: IsoDate): ReportPeriod {
  return yearPeriod(startYearOf(date));
}

/** The quarter after a period ends: the quarterly report lists reviews reaching their 12-month point in it. */
export function nextQuarterAfter(period: Pick<ReportPeriod, 'end'>): ReportPeriod {
  return fromQuarterOf(addDays(period.end, 1));
}

/** A stable record id for a period ("q2-2026-27", "2026-27"): stored theme decisions are keyed by it. */
export function periodId(period: Pick<ReportPeriod, 'label'>): string {
  return period.label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * Reads a period typed in any of the forgiving forms above. An unreadable or unsuitable text is a ValidationError
 * (code PERIOD.UNKNOWN) whose message offers the nearest period ("Did you mean Q2 2026/27?"), with the suggestion also
 * in details.suggestion. The message never repeats what was typed (it may hold personal data).
 */
export function parsePeriod(text: string | undefined, options: ParsePeriodOptions): ReportPeriod {
  const expect = options.expect ?? 'any';
  const today = options.today;
  const normalised = normalise(text ?? '');
  if (normalised === '') return expect === 'year' ? yearPeriodOf(today) : quarterPeriodOf(today);
  const read = readPeriod(normalised, today);
  if ('error' in read) throw periodError(read.error, read.suggestion);
  return checkKind(read.period, expect);
}

function readPeriod(text: string, today: IsoDate): { period: ReportPeriod } | { error: string; suggestion: ReportPeriod } {
  if ((RELATIVE_PHRASES as readonly string[]).includes(text)) return { period: relative(text as RelativePhrase, today) };

  const bareQuarter = /^q(\d)$/.exec(text);
  if (bareQuarter) {
    const quarter = validQuarter(bareQuarter[1]);
    if (!quarter) return badQuarter(today);
    return { period: mostRecentQuarter(quarter, today) };
  }

  // "q2 2026/27", "q2 2026", "2026/27 q2", "2026 q3"
  const quarterAndYear = /^q(\d)\s+(\S+)$/.exec(text) ?? swap(/^(\S+)\s+q(\d)$/.exec(text));
  if (quarterAndYear) {
    const quarter = validQuarter(quarterAndYear[1]);
    const startYear = readYear(quarterAndYear[2]);
    if (startYear === undefined) return badYear(quarterAndYear[2], today, quarter);
    if (!quarter) return { error: 'A reporting year has four quarters, Q1 (April to June) to Q4 (January to March).', suggestion: quarterPeriod(startYear, 4) };
    return { period: quarterPeriod(startYear, quarter) };
  }

  if (/^\d{4}$/.test(text)) {
    return { error: 'A year on its own could mean two reporting years.', suggestion: yearPeriod(Number(text)) };
  }
  const startYear = readYear(text);
  if (startYear !== undefined) return { period: yearPeriod(startYear) };
  if (/^\d{2,4}\s*[/-]\s*\d{2,4}$/.test(text)) return badYear(text, today);

  const near = nearestPhrase(text);
  if (near) return { error: 'That period is not one I recognise.', suggestion: relative(near, today) };
  return { error: 'That period is not one I recognise.', suggestion: quarterPeriodOf(today) };
}

function checkKind(period: ReportPeriod, expect: PeriodExpectation): ReportPeriod {
  if (expect === 'year' && period.kind === 'quarter') {
    throw periodError('This report covers a whole April to March year.', yearPeriod(startYearOf(period.start)));
  }
  if (expect === 'quarter' && period.kind === 'year') {
    throw periodError('This report covers one quarter.', quarterPeriodOf(period.end));
  }
  return period;
}

function periodError(reason: string, suggestion: ReportPeriod): ValidationError {
  return new ValidationError(
    `${reason} Did you mean ${suggestion.label} (${describeDates(suggestion)})? ${EXAMPLES}`,
    { field: 'period', suggestion: suggestion.label },
    'PERIOD.UNKNOWN',
  );
}

/** "1 Jul 2026 to 30 Sep 2026": shown next to every label so "2026 Q3" is never misread. */
export function describeDates(period: Pick<ReportPeriod, 'start' | 'end'>): string {
  return `${shortDate(period.start)} to ${shortDate(period.end)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function shortDate(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[–—]/g, '-')
    .replace(/\s*([/-])\s*/g, '$1')
    .replace(/\bfy(?=\d)/g, '')
    .replace(/\b(the|of|for|fy|financial year|reporting year)\b/g, ' ')
    .replace(/\bquarter\s*([0-9])\b/g, 'q$1')
    .replace(/\b(previous|prev|past)\b/g, 'last')
    .replace(/\bcurrent\b/g, 'this')
    .replace(/\s+/g, ' ')
    .trim();
}

function swap(match: RegExpExecArray | null): [string, string, string] | null {
  return match ? [match[0], match[2], match[1]] : null;
}

function validQuarter(digit: string): 1 | 2 | 3 | 4 | undefined {
  const quarter = Number(digit);
  return quarter >= 1 && quarter <= 4 ? (quarter as 1 | 2 | 3 | 4) : undefined;
}

/** The start year of a reporting year written "2026/27", "2026-27", "2026/2027", "26/27" or "2026". */
function readYear(text: string): number | undefined {
  if (/^\d{4}$/.test(text)) return Number(text);
  const short = /^(\d{2})\s*[/-]\s*(\d{2})$/.exec(text);
  if (short) return (Number(short[1]) + 1) % 100 === Number(short[2]) ? 2000 + Number(short[1]) : undefined;
  const year = parseReportingYear(text);
  return year ? Number(year.start.slice(0, 4)) : undefined;
}

function badQuarter(today: IsoDate): { error: string; suggestion: ReportPeriod } {
  return { error: 'A reporting year has four quarters, Q1 (April to June) to Q4 (January to March).', suggestion: quarterPeriodOf(today) };
}

function badYear(text: string, today: IsoDate, quarter?: 1 | 2 | 3 | 4): { error: string; suggestion: ReportPeriod } {
  const first = /^(\d{4})/.exec(text);
  const startYear = first ? Number(first[1]) : startYearOf(today);
  return {
    error: 'A reporting year is written like 2025/26 (April 2025 to March 2026).',
    suggestion: quarter ? quarterPeriod(startYear, quarter) : yearPeriod(startYear),
  };
}

function relative(phrase: RelativePhrase, today: IsoDate): ReportPeriod {
  const current = quarterPeriodOf(today);
  switch (phrase) {
    case 'this quarter':
      return current;
    case 'last quarter':
      return quarterPeriodOf(addDays(current.start, -1));
    case 'next quarter':
      return nextQuarterAfter(current);
    case 'this year':
      return yearPeriodOf(today);
    case 'last year':
      return yearPeriod(startYearOf(today) - 1);
    case 'next year':
      return yearPeriod(startYearOf(today) + 1);
  }
}

function mostRecentQuarter(quarter: 1 | 2 | 3 | 4, today: IsoDate): ReportPeriod {
  const thisYear = quarterPeriod(startYearOf(today), quarter);
  return thisYear.start <= today ? thisYear : quarterPeriod(startYearOf(today) - 1, quarter);
}

function startYearOf(date: IsoDate): number {
  return Number(reportingYearOf(date).start.slice(0, 4));
}

function fromQuarterOf(date: IsoDate): ReportPeriod {
  const q = quarterOf(date);
  return { kind: 'quarter', label: q.label, start: q.start, end: q.end, yearLabel: q.yearLabel, quarter: q.quarter };
}

function nearestPhrase(text: string): RelativePhrase | undefined {
  let best: { phrase: RelativePhrase; distance: number } | undefined;
  for (const phrase of RELATIVE_PHRASES) {
    const distance = editDistance(text, phrase);
    if (distance <= 3 && (!best || distance < best.distance)) best = { phrase, distance };
  }
  return best?.phrase;
}

