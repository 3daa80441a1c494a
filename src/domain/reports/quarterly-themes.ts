import { isOpen, isOverdue, type Action } from '../actions/action';
import { addDays, type IsoDate } from '../calendar';
import { assuranceDueOf, type Review } from '../reviews/review';
import type { ReportPeriod } from '../period';
import { nextQuarterAfter } from '../period';
import { deriveRag, isRated, type Rag, type RagRating, type RagSettings } from '../actions/rag';
import { actionAsAt, AS_AT_FIELDS, indexProgress, stateAsAt, type ProgressHistory } from './as-at';
import { isFromSource, type ReportSource } from './report-source';
import {
  ASSURANCE_ROUTE_LABELS, byText, dayOf, nameIndex, ragInputOf, type AgencyRef, type AssuranceRoute, type ProgressInput, type ThemeDecision,
  type ThemeRef, within,
} from './common';

/** The action fields the quarterly report reads: the use case loads only these. */
export const QUARTERLY_ACTION_FIELDS = [...AS_AT_FIELDS, 'sourceType', 'reviewId', 'agencyId', 'themes'] as const satisfies readonly (keyof Action)[];

/** An action as the quarterly report needs it. */
export type QuarterlyAction = Pick<Action, (typeof QUARTERLY_ACTION_FIELDS)[number]>;

/** What the quarterly review theme report reads (docs/design/domain.md §6.1). */
export interface QuarterlyThemesInput {
  period: ReportPeriod;
  /** Today (London): the report stands as at the period end, or today while the period is still running. */
  today: IsoDate;
  /** ISO instant the report was produced, shown as "as at" on cards and files. */
  generatedAt: string;
  actions: readonly QuarterlyAction[];
  reviews: readonly Review[];
  agencies: readonly AgencyRef[];
  themes: readonly ThemeRef[];
  progress: readonly ProgressInput[];
  /** Decisions the PAI recorded for this period; the section is blank until they exist. */
  decisions: readonly ThemeDecision[];
  rag: RagSettings;
  /** Which actions: from reviews (the partnership's quarterly report, the default), Section 11, scrutiny or all. */
  source?: ReportSource;
}

/** The theme an action without themes is counted under (Section 11 improvement actions carry none). */
export const NO_THEME_ID = '(none)';
const NO_THEME_NAME = 'No theme recorded';

/** Counts for one cell of the report: every action once, its RAG as at the report date. */
export interface ThemeCounts {
  total: number;
  open: number;
  overdue: number;
  closed: number;
  /** Withdrawn or superseded. */
  withdrawn: number;
  red: number;
  amber: number;
  green: number;
  blue: number;
}

export interface AgencyThemeRow extends ThemeCounts {
  agencyId: string;
  agency: string;
  agencyShort: string;
  themeId: string;
  theme: string;
}

export interface AgencyRow extends ThemeCounts {
  agencyId: string;
  agency: string;
  agencyShort: string;
}

export interface MovementRow {
  agencyId: string;
  agency: string;
  /** Agreed during the period (by the action's agreed date, not when its record was created). */
  new: number;
  /** Signed off as closed during the period. */
  closed: number;
  /** Overdue at the report date and not overdue the day before the period began. */
  becameOverdue: number;
}

export interface TopThemeRow {
  themeId: string;
  theme: string;
  /** Reviews live in the period that carry the theme. */
  reviews: number;
  actions: number;
  open: number;
  overdue: number;
}

export interface AssuranceDueRow {
  reviewId: string;
  reference: string;
  pseudonym: string;
  completedOn?: IsoDate;
  assuranceDue: IsoDate;
  openActions: number;
}

export interface ThemeDecisionRow {
  themeId: string;
  theme: string;
  route?: AssuranceRoute;
  /** The route in words, or "Not yet decided". */
  decision: string;
  owner: string;
  due: string;
  note: string;
}

/** The LSBU's quarterly review theme report, as at the quarter end (docs/design/domain.md §5 and §6.1). */
export interface QuarterlyThemesReport {
  kind: 'quarterly-themes';
  source: ReportSource;
  period: ReportPeriod;
  asAt: IsoDate;
  generatedAt: string;
  nextQuarter: ReportPeriod;
  byAgencyTheme: AgencyThemeRow[];
  byAgency: AgencyRow[];
  totals: ThemeCounts;
  movement: MovementRow[];
  movementTotals: { new: number; closed: number; becameOverdue: number };
  topThemes: TopThemeRow[];
  assuranceDueNextQuarter: AssuranceDueRow[];
  decisions: ThemeDecisionRow[];
}

function emptyCounts(): ThemeCounts {
  return { total: 0, open: 0, overdue: 0, closed: 0, withdrawn: 0, red: 0, amber: 0, green: 0, blue: 0 };
}

const RAG_FIELD: Record<Rag, 'red' | 'amber' | 'green' | 'blue'> = { RED: 'red', AMBER: 'amber', GREEN: 'green', BLUE: 'blue' };

/** What one action adds to the report as at its date: enough to count it, and to take it out again. */
export interface QuarterlyFact {
  agencyId: string;
  themeIds: readonly string[];
  reviewId?: string;
  open: boolean;
  overdue: boolean;
  closed: boolean;
  withdrawn: boolean;
  rag: RagRating;
  isNew: boolean;
  closedInPeriod: boolean;
  becameOverdue: boolean;
}

/** The dates and settings every fact of one report is taken against. */
export interface QuarterlyFrame {
  period: ReportPeriod;
  asAt: IsoDate;
  dayBefore: IsoDate;
  rag: RagSettings;
  source: ReportSource;
}

export function quarterlyFrameOf(input: Pick<QuarterlyThemesInput, 'period' | 'today' | 'rag' | 'source'>): QuarterlyFrame {
  const { period } = input;
  return { period, asAt: input.today < period.end ? input.today : period.end, dayBefore: addDays(period.start, -1), rag: input.rag, source: input.source ?? 'REVIEW' };
}

/** The themes once each, in first-seen order (as a Set gives them), without building a Set for the usual one or two. */
function distinct(themes: readonly string[]): readonly string[] {
  if (themes.length < 2 || (themes.length === 2 && themes[0] !== themes[1])) return themes;
  return [...new Set(themes)];
}

/**
 * One action's fact as at the frame's date, or undefined when the report leaves it out: another source, not yet
 * recorded, or closed before the period began (it has nothing left to report).
 */
export function quarterlyFactOf(action: QuarterlyAction, history: readonly ProgressInput[] | undefined, frame: QuarterlyFrame): QuarterlyFact | undefined {
  if (!isFromSource(action, frame.source)) return undefined;
  const snapshot = actionAsAt(action, history, frame.asAt);
  if (!snapshot) return undefined;
  const before = stateAsAt(action, history, frame.dayBefore);
  if (before && !isOpen(before.status)) return undefined;
  const overdue = isOverdue(snapshot, frame.asAt);
  return {
    agencyId: action.agencyId,
    themeIds: action.themes.length > 0 ? distinct(action.themes) : [NO_THEME_ID],
    reviewId: action.reviewId,
    open: isOpen(snapshot.status),
    overdue,
    closed: snapshot.status === 'CLOSED',
    withdrawn: snapshot.status === 'WITHDRAWN' || snapshot.status === 'SUPERSEDED',
    rag: deriveRag(ragInputOf(snapshot), frame.asAt, frame.rag).rag,
    // New in the quarter: agreed in it. When a record was created says nothing (an import or a seed creates many at once).
    isNew: within(action.agreedOn, frame.period.start, frame.asAt),
    closedInPeriod: snapshot.status === 'CLOSED' && within(snapshot.closedOn, frame.period.start, frame.asAt),
    becameOverdue: overdue && !(before !== undefined && isOverdue(before, frame.dayBefore)),
  };
}

/**
 * The sums of the facts: plain records, so they can be kept and changed one action at a time (add the fact after a
 * change, take away the fact before it) and give the same report as counting every action again.
 */
export interface QuarterlyTally {
  totals: ThemeCounts;
  movementTotals: { new: number; closed: number; becameOverdue: number };
  agencies: Record<string, ThemeCounts & { new: number; closedInPeriod: number; becameOverdue: number }>;
  cells: Record<string, Record<string, ThemeCounts>>;
  themes: Record<string, { actions: number; open: number; overdue: number }>;
  /** Reviews live in the period, per theme (review report and every-source report only). */
  themeReviews: Record<string, number>;
  /**
   * Reviews reaching their 12-month point next quarter, by id, with their open actions. Only these reviews' open
   * actions are counted, so the tally stays small however many reviews the partnership has.
   */
  assuranceDue: Record<string, AssuranceDueRow>;
}

export function emptyQuarterlyTally(): QuarterlyTally {
  return { totals: emptyCounts(), movementTotals: { new: 0, closed: 0, becameOverdue: 0 }, agencies: {}, cells: {}, themes: {}, themeReviews: {}, assuranceDue: {} };
}

function count(counts: ThemeCounts, fact: QuarterlyFact, sign: 1 | -1): void {
  counts.total += sign;
  if (fact.open) counts.open += sign;
  if (fact.overdue) counts.overdue += sign;
  if (fact.closed) counts.closed += sign;
  if (fact.withdrawn) counts.withdrawn += sign;
  // A withdrawn action is counted as withdrawn, never as Blue (complete).
  if (isRated(fact.rag)) counts[RAG_FIELD[fact.rag]] += sign;
}

/** Adds a fact to the tally (sign 1) or takes it away (sign -1). */
export function tallyFact(tally: QuarterlyTally, fact: QuarterlyFact, sign: 1 | -1 = 1): void {
  count(tally.totals, fact, sign);
  const agency = (tally.agencies[fact.agencyId] ??= { ...emptyCounts(), new: 0, closedInPeriod: 0, becameOverdue: 0 });
  count(agency, fact, sign);
  if (fact.isNew) {
    agency.new += sign;
    tally.movementTotals.new += sign;
  }
  if (fact.closedInPeriod) {
    agency.closedInPeriod += sign;
    tally.movementTotals.closed += sign;
  }
  if (fact.becameOverdue) {
    agency.becameOverdue += sign;
    tally.movementTotals.becameOverdue += sign;
  }
  const cells = (tally.cells[fact.agencyId] ??= {});
  for (const themeId of fact.themeIds) {
    count((cells[themeId] ??= emptyCounts()), fact, sign);
    const theme = (tally.themes[themeId] ??= { actions: 0, open: 0, overdue: 0 });
    theme.actions += sign;
    if (fact.open) theme.open += sign;
    if (fact.overdue) theme.overdue += sign;
  }
  const due = fact.open && fact.reviewId ? tally.assuranceDue[fact.reviewId] : undefined;
  if (due) due.openActions += sign;
}

/** What one review adds: its themes when live in the period, its 12-month point when that falls next quarter. */
export interface QuarterlyReviewFact {
  themeIds: readonly string[];
  assuranceDue?: Omit<AssuranceDueRow, 'openActions'>;
}

/** The review fields the quarterly report reads: the use cases load only these. */
export const QUARTERLY_REVIEW_FIELDS = [
  'id', 'reference', 'pseudonym', 'status', 'themes', 'createdAt', 'closedOn', 'completedOn', 'assuranceDue',
] as const satisfies readonly (keyof Review)[];

/** A review as the quarterly report needs it. */
export type QuarterlyReview = Pick<Review, (typeof QUARTERLY_REVIEW_FIELDS)[number]>;

/**
 * One review's fact, or undefined when the report leaves reviews out (Section 11 and scrutiny reports). Reviews live in
 * the period were recorded by the report date and not closed before the period began.
 */
export function quarterlyReviewFactOf(review: QuarterlyReview, frame: QuarterlyFrame): QuarterlyReviewFact | undefined {
  if (frame.source !== 'REVIEW' && frame.source !== 'ALL') return undefined;
  const { period, asAt } = frame;
  const live = dayOf(review.createdAt) <= asAt && !(review.closedOn !== undefined && review.closedOn < period.start);
  const nextQuarter = nextQuarterAfter(period);
  const due = review.status !== 'CLOSED' ? assuranceDueOf(review) : undefined;
  return {
    themeIds: live ? [...new Set(review.themes)] : [],
    assuranceDue: due && within(due, nextQuarter.start, nextQuarter.end)
      ? { reviewId: review.id, reference: review.reference, pseudonym: review.pseudonym, completedOn: review.completedOn, assuranceDue: due }
      : undefined,
  };
}

/**
 * Adds a review's fact to the tally (sign 1) or takes it away (sign -1). A review that reaches its 12-month point next
 * quarter comes in with `openActions`, its actions open as at the report date (the caller counts them: the tally
 * counts open actions of due reviews only).
 */
export function tallyReviewFact(tally: QuarterlyTally, reviewId: string, fact: QuarterlyReviewFact, sign: 1 | -1 = 1, openActions = 0): void {
  for (const themeId of fact.themeIds) tally.themeReviews[themeId] = (tally.themeReviews[themeId] ?? 0) + sign;
  if (fact.assuranceDue) {
    if (sign > 0) tally.assuranceDue[reviewId] = { ...fact.assuranceDue, openActions };
    else delete tally.assuranceDue[reviewId];
  }
}

/** The tally of every action and review in the input, counted afresh. */
export function quarterlyTallyOf(
  actions: readonly QuarterlyAction[],
  history: ProgressHistory,
  reviews: readonly QuarterlyReview[],
  frame: QuarterlyFrame,
): QuarterlyTally {
  const tally = emptyQuarterlyTally();
  // Reviews first, so the actions that follow count as open actions of the reviews due next quarter.
  for (const review of reviews) {
    const fact = quarterlyReviewFactOf(review, frame);
    if (fact) tallyReviewFact(tally, review.id, fact);
  }
  for (const action of actions) {
    const fact = quarterlyFactOf(action, history.get(action.id), frame);
    if (fact) tallyFact(tally, fact);
  }
  return tally;
}

/**
 * Actions from reviews (or the input's other source) by agency and theme, as at the report date: the actions open at
 * that date plus those closed or withdrawn during the period (an action closed before the period began has nothing
 * left to report). An action with several themes counts once under each theme; the agency rows and totals count every
 * action once.
 */
export function quarterlyThemesReport(input: QuarterlyThemesInput): QuarterlyThemesReport {
  const frame = quarterlyFrameOf(input);
  return finishQuarterlyReport(quarterlyTallyOf(input.actions, indexProgress(input.progress), input.reviews, frame), frame, input);
}

const countsOf = ({ total, open, overdue, closed, withdrawn, red, amber, green, blue }: ThemeCounts): ThemeCounts => ({ total, open, overdue, closed, withdrawn, red, amber, green, blue });

/** The report from a tally: names, order, the period's reviews and the PAI's decisions. Rows whose count is zero go. */
export function finishQuarterlyReport(
  tally: QuarterlyTally,
  frame: QuarterlyFrame,
  input: Pick<QuarterlyThemesInput, 'generatedAt' | 'agencies' | 'themes' | 'decisions'>,
): QuarterlyThemesReport {
  const { period, asAt, source } = frame;
  const nextQuarter = nextQuarterAfter(period);
  const agencies = nameIndex(input.agencies);
  const themes = nameIndex(input.themes);
  const agencyName = (id: string) => agencies.get(id)?.name ?? id;
  const agencyShort = (id: string) => agencies.get(id)?.shortName ?? agencyName(id);
  const themeName = (id: string) => (id === NO_THEME_ID ? NO_THEME_NAME : themes.get(id)?.name ?? id);

  const agencyIds = Object.keys(tally.agencies).filter((agencyId) => tally.agencies[agencyId].total > 0);
  const byAgency: AgencyRow[] = agencyIds
    .map((agencyId) => ({ agencyId, agency: agencyName(agencyId), agencyShort: agencyShort(agencyId), ...countsOf(tally.agencies[agencyId]) }))
    .sort((a, b) => byText(a.agency, b.agency));
  const movement: MovementRow[] = agencyIds
    .map((agencyId) => {
      const row = tally.agencies[agencyId];
      return { agencyId, agency: agencyName(agencyId), new: row.new, closed: row.closedInPeriod, becameOverdue: row.becameOverdue };
    })
    .sort((a, b) => byText(a.agency, b.agency));
  const byAgencyTheme: AgencyThemeRow[] = Object.entries(tally.cells)
    .flatMap(([agencyId, cells]) =>
      Object.entries(cells)
        .filter(([, counts]) => counts.total > 0)
        .map(([themeId, counts]) => ({ agencyId, agency: agencyName(agencyId), agencyShort: agencyShort(agencyId), themeId, theme: themeName(themeId), ...countsOf(counts) })),
    )
    .sort((a, b) => byText(a.agency, b.agency) || byText(a.theme, b.theme));
  const themeActions = new Map(Object.entries(tally.themes).filter(([, counts]) => counts.actions > 0));

  const themeReviews = new Map(Object.entries(tally.themeReviews).filter(([, reviews]) => reviews > 0));
  const topThemes: TopThemeRow[] = [...new Set([...themeReviews.keys(), ...themeActions.keys()])]
    .map((themeId) => ({
      themeId,
      theme: themeName(themeId),
      reviews: themeReviews.get(themeId) ?? 0,
      ...(themeActions.get(themeId) ?? { actions: 0, open: 0, overdue: 0 }),
    }))
    .sort((a, b) => b.reviews - a.reviews || b.actions - a.actions || byText(a.theme, b.theme));

  const assuranceDueNextQuarter: AssuranceDueRow[] = Object.values(tally.assuranceDue)
    .map((row) => ({ ...row }))
    .sort((a, b) => byText(a.assuranceDue, b.assuranceDue) || byText(a.reference, b.reference));

  const decided = new Map(input.decisions.map((decision) => [decision.themeId, decision]));
  // A PAI decision is about a theme: actions without one have nothing to decide on.
  const decisionThemes = new Set([...themeActions.keys(), ...decided.keys()].filter((themeId) => themeId !== NO_THEME_ID));
  const decisions: ThemeDecisionRow[] = [...decisionThemes]
    .map((themeId) => {
      const decision = decided.get(themeId);
      return {
        themeId,
        theme: themeName(themeId),
        route: decision?.route,
        decision: decision ? ASSURANCE_ROUTE_LABELS[decision.route] : 'Not yet decided',
        owner: decision?.owner ?? '',
        due: decision?.due ?? '',
        note: decision?.note ?? '',
      };
    })
    .sort((a, b) => byText(a.theme, b.theme));

  return {
    kind: 'quarterly-themes',
    source,
    period,
    asAt,
    generatedAt: input.generatedAt,
    nextQuarter,
    byAgencyTheme,
    byAgency,
    totals: countsOf(tally.totals),
    movement,
    movementTotals: { ...tally.movementTotals },
    topThemes,
    assuranceDueNextQuarter,
    decisions,
  };
}
