import { isOpen, isOverdue, type Action } from '../actions/action';
import { addDays, type IsoDate } from '../calendar';
import { assuranceDueOf, type Review } from '../reviews/review';
import type { ReportPeriod } from '../period';
import { nextQuarterAfter } from '../period';
import { deriveRag, isRated, type Rag, type RagRating, type RagSettings } from '../actions/rag';
import { actionAsAt, AS_AT_FIELDS, indexProgress, stateAsAt } from './as-at';
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

function add(counts: ThemeCounts, fact: ActionFact): void {
  counts.total += 1;
  if (fact.open) counts.open += 1;
  if (fact.overdue) counts.overdue += 1;
  if (fact.snapshot.status === 'CLOSED') counts.closed += 1;
  if (fact.snapshot.status === 'WITHDRAWN' || fact.snapshot.status === 'SUPERSEDED') counts.withdrawn += 1;
  // A withdrawn action is counted as withdrawn, never as Blue (complete).
  if (isRated(fact.rag)) counts[RAG_FIELD[fact.rag]] += 1;
}

interface ActionFact {
  action: QuarterlyAction;
  snapshot: QuarterlyAction;
  open: boolean;
  overdue: boolean;
  rag: RagRating;
  isNew: boolean;
  closedInPeriod: boolean;
  becameOverdue: boolean;
}

/** The themes once each, in first-seen order (as a Set gives them), without building a Set for the usual one or two. */
function distinct(themes: readonly string[]): readonly string[] {
  if (themes.length < 2 || (themes.length === 2 && themes[0] !== themes[1])) return themes;
  return [...new Set(themes)];
}

/**
 * Actions from reviews (or the input's other source) by agency and theme, as at the report date: the actions open at that date plus those closed or
 * withdrawn during the period (an action closed before the period began has nothing left to report). An action with
 * several themes counts once under each theme; the agency rows and totals count every action once.
 */
export function quarterlyThemesReport(input: QuarterlyThemesInput): QuarterlyThemesReport {
  const { period } = input;
  const asAt = input.today < period.end ? input.today : period.end;
  const dayBefore = addDays(period.start, -1);
  const history = indexProgress(input.progress);
  const agencies = nameIndex(input.agencies);
  const themes = nameIndex(input.themes);
  const source = input.source ?? 'REVIEW';

  const facts: ActionFact[] = [];
  for (const action of input.actions) {
    if (!isFromSource(action, source)) continue;
    const actionHistory = history.get(action.id);
    const snapshot = actionAsAt(action, actionHistory, asAt);
    if (!snapshot) continue;
    const before = stateAsAt(action, actionHistory, dayBefore);
    if (before && !isOpen(before.status)) continue;
    const overdue = isOverdue(snapshot, asAt);
    facts.push({
      action,
      snapshot,
      open: isOpen(snapshot.status),
      overdue,
      rag: deriveRag(ragInputOf(snapshot), asAt, input.rag).rag,
      // New in the quarter: agreed in it. When a record was created says nothing (an import or a seed creates many at once).
      isNew: within(action.agreedOn, period.start, asAt),
      closedInPeriod: snapshot.status === 'CLOSED' && within(snapshot.closedOn, period.start, asAt),
      becameOverdue: overdue && !(before !== undefined && isOverdue(before, dayBefore)),
    });
  }

  const agencyName = (id: string) => agencies.get(id)?.name ?? id;
  const agencyShort = (id: string) => agencies.get(id)?.shortName ?? agencyName(id);
  const themeName = (id: string) => (id === NO_THEME_ID ? NO_THEME_NAME : themes.get(id)?.name ?? id);

  // Cells in the order first met (the sort below is stable), found through agency then theme without building keys.
  const cells: AgencyThemeRow[] = [];
  const cellsByAgency = new Map<string, Map<string, AgencyThemeRow>>();
  const agencyRows = new Map<string, AgencyRow>();
  const movement = new Map<string, MovementRow>();
  const totals = emptyCounts();
  const movementTotals = { new: 0, closed: 0, becameOverdue: 0 };
  const themeActions = new Map<string, { actions: number; open: number; overdue: number }>();

  for (const fact of facts) {
    const agencyId = fact.action.agencyId;
    let agencyRow = agencyRows.get(agencyId);
    if (!agencyRow) {
      agencyRow = { agencyId, agency: agencyName(agencyId), agencyShort: agencyShort(agencyId), ...emptyCounts() };
      agencyRows.set(agencyId, agencyRow);
    }
    add(agencyRow, fact);
    add(totals, fact);

    let moved = movement.get(agencyId);
    if (!moved) {
      moved = { agencyId, agency: agencyName(agencyId), new: 0, closed: 0, becameOverdue: 0 };
      movement.set(agencyId, moved);
    }
    if (fact.isNew) {
      moved.new += 1;
      movementTotals.new += 1;
    }
    if (fact.closedInPeriod) {
      moved.closed += 1;
      movementTotals.closed += 1;
    }
    if (fact.becameOverdue) {
      moved.becameOverdue += 1;
      movementTotals.becameOverdue += 1;
    }

    let agencyCells = cellsByAgency.get(agencyId);
    if (!agencyCells) {
      agencyCells = new Map();
      cellsByAgency.set(agencyId, agencyCells);
    }
    for (const themeId of fact.action.themes.length > 0 ? distinct(fact.action.themes) : [NO_THEME_ID]) {
      let cell = agencyCells.get(themeId);
      if (!cell) {
        cell = { agencyId, agency: agencyName(agencyId), agencyShort: agencyShort(agencyId), themeId, theme: themeName(themeId), ...emptyCounts() };
        agencyCells.set(themeId, cell);
        cells.push(cell);
      }
      add(cell, fact);
      const perTheme = themeActions.get(themeId) ?? { actions: 0, open: 0, overdue: 0 };
      perTheme.actions += 1;
      if (fact.open) perTheme.open += 1;
      if (fact.overdue) perTheme.overdue += 1;
      themeActions.set(themeId, perTheme);
    }
  }

  // Reviews live in the period: recorded by the report date and not closed before the period began.
  // Reviews and their 12-month points belong to the review report; a Section 11 or scrutiny report leaves them out.
  const withReviews = source === 'REVIEW' || source === 'ALL';
  const liveReviews = input.reviews.filter((review) => withReviews && dayOf(review.createdAt) <= asAt && !(review.closedOn !== undefined && review.closedOn < period.start));
  const themeReviews = new Map<string, number>();
  for (const review of liveReviews) {
    for (const themeId of new Set(review.themes)) themeReviews.set(themeId, (themeReviews.get(themeId) ?? 0) + 1);
  }
  const topThemes: TopThemeRow[] = [...new Set([...themeReviews.keys(), ...themeActions.keys()])]
    .map((themeId) => ({
      themeId,
      theme: themeName(themeId),
      reviews: themeReviews.get(themeId) ?? 0,
      ...(themeActions.get(themeId) ?? { actions: 0, open: 0, overdue: 0 }),
    }))
    .sort((a, b) => b.reviews - a.reviews || b.actions - a.actions || byText(a.theme, b.theme));

  const nextQuarter = nextQuarterAfter(period);
  const openByReview = new Map<string, number>();
  for (const fact of facts) if (fact.open && fact.action.reviewId) openByReview.set(fact.action.reviewId as string, (openByReview.get(fact.action.reviewId as string) ?? 0) + 1);
  const assuranceDueNextQuarter: AssuranceDueRow[] = input.reviews
    .filter((review) => withReviews && review.status !== 'CLOSED')
    .map((review) => ({ review, due: assuranceDueOf(review) }))
    .filter((entry): entry is { review: Review; due: IsoDate } => within(entry.due, nextQuarter.start, nextQuarter.end))
    .map(({ review, due }) => ({
      reviewId: review.id,
      reference: review.reference,
      pseudonym: review.pseudonym,
      completedOn: review.completedOn,
      assuranceDue: due,
      openActions: openByReview.get(review.id) ?? 0,
    }))
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
    byAgencyTheme: cells.sort((a, b) => byText(a.agency, b.agency) || byText(a.theme, b.theme)),
    byAgency: [...agencyRows.values()].sort((a, b) => byText(a.agency, b.agency)),
    totals,
    movement: [...movement.values()].sort((a, b) => byText(a.agency, b.agency)),
    movementTotals,
    topThemes,
    assuranceDueNextQuarter,
    decisions,
  };
}
