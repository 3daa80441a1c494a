import { isOpen, type Action } from '../actions/action';
import { workingDaysBetween, type IsoDate } from '../calendar';
import type { ReportPeriod } from '../period';
import type { HolidayCalendar } from '../calendar';
import { deriveReviewDates, type Review, type ReviewDateSettings } from '../reviews/review';
import { byText, nameIndex, within, type ThemeRef } from './common';

/** The action fields the yearly data pack reads. */
export const YEARLY_ACTION_FIELDS = ['id', 'status', 'themes', 'agreedOn', 'completedOn', 'closedOn', 'closedWithoutImpact'] as const satisfies readonly (keyof Action)[];

/** An action as the yearly data pack needs it. */
export type YearlyAction = Pick<Action, (typeof YEARLY_ACTION_FIELDS)[number]>;

/** What the yearly report data pack reads (docs/design/domain.md §6.7, April to March). */
export interface YearlyInput {
  period: ReportPeriod;
  today: IsoDate;
  generatedAt: string;
  reviews: readonly Review[];
  actions: readonly YearlyAction[];
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

  const agreed = input.actions.filter((action) => inYear(action.agreedOn));
  const completed = input.actions.filter((action) => inYear(action.completedOn));
  const closed = input.actions.filter((action) => action.status === 'CLOSED' && inYear(action.closedOn));
  const closedWithImpact = closed.filter((action) => action.closedWithoutImpact !== true);

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
  for (const action of agreed) for (const id of new Set(action.themes)) themeRow(id).actionsAgreed += 1;
  for (const action of closed) for (const id of new Set(action.themes)) themeRow(id).actionsClosed += 1;
  for (const action of input.actions) {
    if (isOpen(action.status) && action.agreedOn !== undefined && action.agreedOn <= period.end) for (const id of new Set(action.themes)) themeRow(id).openAtYearEnd += 1;
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
    { measure: 'Actions agreed', value: agreed.length },
    { measure: 'Actions completed', value: completed.length },
    { measure: 'Actions closed', value: closed.length },
    { measure: 'Actions closed with impact evidenced', value: closedWithImpact.length },
    { measure: 'Actions closed, impact not yet evidenced', value: closed.length - closedWithImpact.length },
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
