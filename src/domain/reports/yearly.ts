import { isOpen, type Action } from '../actions/action';
import { workingDaysBetween, type IsoDate } from '../calendar';
import { yearPeriod, yearPeriodOf, type ReportPeriod } from '../period';
import type { HolidayCalendar } from '../calendar';
import { deriveReviewDates, type Review, type ReviewDateSettings } from '../reviews/review';
import { byText, nameIndex, within, type ThemeRef } from './common';

/** The action fields the yearly data pack reads. */
export const YEARLY_ACTION_FIELDS = ['id', 'status', 'themes', 'agreedOn', 'completedOn', 'closedOn', 'closedWithoutImpact'] as const satisfies readonly (keyof Action)[];

/** An action as the yearly data pack needs it. */
export type YearlyAction = Pick<Action, (typeof YEARLY_ACTION_FIELDS)[number]>;

/** One reporting year's action figures, and each theme's. */
export interface YearlyCounts {
  agreed: number;
  completed: number;
  closed: number;
  closedWithImpact: number;
  /** Per theme: agreed and closed in the year, and still open having been agreed in it. */
  themes: Record<string, { agreed: number; closed: number; openAgreed: number }>;
}

/** The yearly figures of every action, by reporting year ("2026/27"): a sum of facts, kept one action at a time. */
export interface YearlyTally {
  years: Record<string, YearlyCounts>;
}

/** An action's part in the yearly figures: the years its dates fall in, as `within` a year's dates would place them. */
export interface YearlyFact {
  agreed?: string;
  completed?: string;
  closed?: string;
  closedWithImpact: boolean;
  /** An open action counts as open at the end of this year and every later one. */
  openFrom?: string;
  themes: string[];
}

/** The reporting year of the day a date or instant starts with, or none for text that is neither. */
function yearOfDay(value: string | undefined): ReportPeriod | undefined {
  return value && /^\d{4}-\d{2}-\d{2}/.test(value) ? yearPeriodOf(value.slice(0, 10) as IsoDate) : undefined;
}

/** The reporting year whose dates hold the value as text compares, or none (an instant on the year's last day). */
function yearHolding(value: string | undefined): ReportPeriod | undefined {
  const year = yearOfDay(value);
  return year && within(value as IsoDate, year.start, year.end) ? year : undefined;
}

/** The first reporting year that ends on or after the value: from then on, `value <= end` holds. */
function firstYearEndingAfter(value: string): string | undefined {
  const year = yearOfDay(value);
  if (!year) return undefined;
  return value <= year.end ? year.label : yearPeriod(Number(year.start.slice(0, 4)) + 1).label;
}

export function yearlyFactOf(action: YearlyAction): YearlyFact {
  const closed = action.status === 'CLOSED' ? yearHolding(action.closedOn)?.label : undefined;
  return {
    agreed: yearHolding(action.agreedOn)?.label,
    completed: yearHolding(action.completedOn)?.label,
    closed,
    closedWithImpact: closed !== undefined && action.closedWithoutImpact !== true,
    openFrom: isOpen(action.status) && action.agreedOn !== undefined ? firstYearEndingAfter(action.agreedOn) : undefined,
    themes: [...new Set(action.themes)],
  };
}

/** Adds (sign 1) or takes away (sign -1) one action's fact. */
export function tallyYearlyFact(tally: YearlyTally, fact: YearlyFact, sign: 1 | -1): void {
  const yearOf = (label: string) => (tally.years[label] ??= { agreed: 0, completed: 0, closed: 0, closedWithImpact: 0, themes: {} });
  const themeOf = (label: string, id: string) => (yearOf(label).themes[id] ??= { agreed: 0, closed: 0, openAgreed: 0 });
  if (fact.agreed) {
    yearOf(fact.agreed).agreed += sign;
    for (const id of fact.themes) themeOf(fact.agreed, id).agreed += sign;
  }
  if (fact.completed) yearOf(fact.completed).completed += sign;
  if (fact.closed) {
    yearOf(fact.closed).closed += sign;
    if (fact.closedWithImpact) yearOf(fact.closed).closedWithImpact += sign;
    for (const id of fact.themes) themeOf(fact.closed, id).closed += sign;
  }
  if (fact.openFrom) for (const id of fact.themes) themeOf(fact.openFrom, id).openAgreed += sign;
  // Counts back at nothing go, so a kept tally equals a recount of the same actions.
  if (sign < 0) {
    for (const label of [fact.agreed, fact.completed, fact.closed, fact.openFrom]) {
      const year = label === undefined ? undefined : tally.years[label];
      if (!year || label === undefined) continue;
      for (const [id, theme] of Object.entries(year.themes)) if (theme.agreed === 0 && theme.closed === 0 && theme.openAgreed === 0) delete year.themes[id];
      if (year.agreed === 0 && year.completed === 0 && year.closed === 0 && year.closedWithImpact === 0 && Object.keys(year.themes).length === 0) delete tally.years[label];
    }
  }
}

export function yearlyTallyOf(actions: readonly YearlyAction[]): YearlyTally {
  const tally: YearlyTally = { years: {} };
  for (const action of actions) tallyYearlyFact(tally, yearlyFactOf(action), 1);
  return tally;
}

/** What the yearly report data pack reads (docs/design/domain.md §6.7, April to March). */
export interface YearlyInput {
  period: ReportPeriod;
  today: IsoDate;
  generatedAt: string;
  reviews: readonly Review[];
  /** Every action's yearly fact, summed (yearlyTallyOf, or the stored tally). */
  tally: YearlyTally;
  themes: readonly ThemeRef[];
  holidays: HolidayCalendar;
  /** The review clocks, as deriveReviewDates applies them. */
  settings: ReviewDateSettings;
  /** Section 11 headline figures of the year's cycle, appended to the headlines. */
  section11?: readonly HeadlineRow[];
  /** Findings and recommendations of the year's scrutiny pieces (issue 12), printed as they are. */
  scrutiny?: YearlyScrutiny;
}

/** The year's scrutiny findings and recommendations, for the yearly report's independent-scrutiny section. */
export interface YearlyScrutiny {
  findings: { pieceRef: string; number: number; kind: string; text: string; sources: string; triangulated: boolean }[];
  recommendations: { pieceRef: string; number: number; text: string; agreed: string; actions: number; closed: number }[];
}

export type Timeliness = 'On time' | 'Late' | 'Pending' | 'Overdue';

export interface RapidReviewRow {
  reference: string;
  pseudonym: string;
  sinDate: IsoDate;
  due: IsoDate;
  submittedOn: string;
  workingDays: string;
  timeliness: Timeliness;
}

export interface LcsprRow {
  reference: string;
  pseudonym: string;
  decisionDate: IsoDate;
  target: IsoDate;
  publishedOn: string;
  timeliness: Timeliness;
  commissionedInYear: boolean;
  publishedInYear: boolean;
}

export interface YearlyThemeRow {
  theme: string;
  reviews: number;
  actionsAgreed: number;
  actionsClosed: number;
  openAtYearEnd: number;
}

export interface HeadlineRow {
  measure: string;
  value: number;
}

export interface YearlyReport {
  kind: 'yearly';
  period: ReportPeriod;
  asAt: IsoDate;
  generatedAt: string;
  headlines: HeadlineRow[];
  rapidReviews: RapidReviewRow[];
  lcsprs: LcsprRow[];
  themes: YearlyThemeRow[];
  scrutiny: YearlyScrutiny;
}

/**
 * The yearly report data pack for one April–March year (docs/design/domain.md §6.7). Timeliness: a rapid review within 15 working
 * days of the SIN (Panel expectation) and an LCSPR published within 6 months of the decision (WT2023 via Trafford);
 * both dates come from deriveReviewDates unless recorded. A review counts as notified when its SIN date falls in the year.
 */
export function yearlyReport(input: YearlyInput): YearlyReport {
  const { period, holidays } = input;
  const asAt = input.today < period.end ? input.today : period.end;
  const inYear = (date: IsoDate | undefined) => within(date, period.start, period.end);

  const notified = input.reviews.filter((review) => inYear(review.sinDate));
  const rapidReviews: RapidReviewRow[] = notified
    .map((review) => {
      const sinDate = review.sinDate as IsoDate;
      // The due date as recorded, else from the one rule of the review clocks (a SIN date always gives one).
      const due = review.rrDue ?? (deriveReviewDates(review, holidays, input.settings).rrDue as IsoDate);
      const submitted = review.rrSubmittedOn;
      const taken = submitted ? workingDaysBetween(sinDate, submitted, holidays) : undefined;
      const timeliness: Timeliness = submitted ? (submitted <= due ? 'On time' : 'Late') : due < asAt ? 'Overdue' : 'Pending';
      return { reference: review.reference, pseudonym: review.pseudonym, sinDate, due, submittedOn: submitted ?? '', workingDays: taken === undefined ? '' : String(taken), timeliness };
    })
    .sort((a, b) => byText(a.sinDate, b.sinDate) || byText(a.reference, b.reference));

  // An LCSPR with a decision date is a review the domain gives a publication target; a recorded target wins.
  const lcsprs: LcsprRow[] = input.reviews
    .flatMap((review) => {
      const derived = deriveReviewDates(review, holidays, input.settings).lcsprPublicationTarget;
      return derived === undefined ? [] : [{ review, target: review.lcsprPublicationTarget ?? derived }];
    })
    .map(({ review, target }) => {
      const decisionDate = review.decisionDate as IsoDate;
      const published = review.publishedOn;
      const timeliness: Timeliness = published ? (published <= target ? 'On time' : 'Late') : target < asAt ? 'Overdue' : 'Pending';
      return {
        reference: review.reference,
        pseudonym: review.pseudonym,
        decisionDate,
        target,
        publishedOn: published ?? '',
        timeliness,
        commissionedInYear: inYear(decisionDate),
        publishedInYear: inYear(published),
      };
    })
    .filter((row) => row.commissionedInYear || row.publishedInYear)
    .sort((a, b) => byText(a.decisionDate, b.decisionDate) || byText(a.reference, b.reference));

  const year: YearlyCounts = input.tally.years[period.label] ?? { agreed: 0, completed: 0, closed: 0, closedWithImpact: 0, themes: {} };

  const themes = nameIndex(input.themes);
  const themeRows = new Map<string, YearlyThemeRow>();
  const themeRow = (id: string) => {
    let row = themeRows.get(id);
    if (!row) {
      row = { theme: themes.get(id)?.name ?? id, reviews: 0, actionsAgreed: 0, actionsClosed: 0, openAtYearEnd: 0 };
      themeRows.set(id, row);
    }
    return row;
  };
  for (const review of notified) for (const id of new Set(review.themes)) themeRow(id).reviews += 1;
  for (const [id, counts] of Object.entries(year.themes)) {
    if (counts.agreed > 0) themeRow(id).actionsAgreed += counts.agreed;
    if (counts.closed > 0) themeRow(id).actionsClosed += counts.closed;
  }
  // Open at the year end: agreed by then, so counted from its year on.
  for (const [label, counts] of Object.entries(input.tally.years)) {
    if (label > period.label) continue;
    for (const [id, theme] of Object.entries(counts.themes)) if (theme.openAgreed > 0) themeRow(id).openAtYearEnd += theme.openAgreed;
  }

  const count = (rows: readonly { timeliness: Timeliness }[], value: Timeliness) => rows.filter((row) => row.timeliness === value).length;
  const commissioned = lcsprs.filter((row) => row.commissionedInYear);
  const published = lcsprs.filter((row) => row.publishedInYear);
  const headlines: HeadlineRow[] = [
    { measure: 'Serious incidents notified (SIN in the year)', value: notified.length },
    { measure: 'Rapid reviews submitted', value: rapidReviews.filter((row) => row.submittedOn !== '').length },
    { measure: `Rapid reviews within ${input.settings.rapidReviewWorkingDays} working days`, value: count(rapidReviews, 'On time') },
    { measure: 'Rapid reviews late', value: count(rapidReviews, 'Late') + count(rapidReviews, 'Overdue') },
    { measure: 'LCSPRs commissioned', value: commissioned.length },
    { measure: 'LCSPRs published', value: published.length },
    { measure: `LCSPRs published within ${input.settings.lcsprPublicationMonths} months`, value: count(published, 'On time') },
    { measure: 'Actions agreed', value: year.agreed },
    { measure: 'Actions completed', value: year.completed },
    { measure: 'Actions closed', value: year.closed },
    { measure: 'Actions closed with impact evidenced', value: year.closedWithImpact },
    { measure: 'Actions closed, impact not yet evidenced', value: year.closed - year.closedWithImpact },
    ...(input.section11 ?? []),
  ];

  return {
    kind: 'yearly',
    period,
    asAt,
    generatedAt: input.generatedAt,
    headlines,
    rapidReviews,
    lcsprs,
    themes: [...themeRows.values()].sort((a, b) => b.reviews - a.reviews || b.actionsAgreed - a.actionsAgreed || byText(a.theme, b.theme)),
    scrutiny: input.scrutiny ?? { findings: [], recommendations: [] },
  };
}
