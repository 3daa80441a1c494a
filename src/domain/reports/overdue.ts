import { daysOverdue, isOverdue, type Action, actionSourceText } from '../actions/action';
import type { IsoDate } from '../calendar';
import { byText, dayOf, memoised, nameIndex, nameOf, readingRanks, sortedByKey, type AgencyRef, type PersonRef } from './common';
import { reviewLabelOf, type LabelledReview } from '../reviews/review';

/** The action fields the overdue report reads. */
export const OVERDUE_ACTION_FIELDS = [
  'id', 'ref', 'reviewId', 'sourceType', 'agencyId', 'status', 'currentTargetDate', 'originalTargetDate', 'extensionCount', 'lastUpdate',
  'responsibleOfficerId', 'origin',
] as const satisfies readonly (keyof Action)[];

/** An action as the overdue report needs it. */
export type OverdueAction = Pick<Action, (typeof OVERDUE_ACTION_FIELDS)[number]>;

/** What the overdue report reads (docs/design/domain.md §6.3). */
export interface OverdueInput {
  today: IsoDate;
  generatedAt: string;
  actions: readonly OverdueAction[];
  reviews: readonly LabelledReview[];
  agencies: readonly AgencyRef[];
  people: readonly PersonRef[];
  /** Only this agency's actions, when set. */
  agencyId?: string;
}

/** One overdue action: the columns the business unit sends to each agency rep. */
export interface OverdueRow {
  agencyId: string;
  agency: string;
  actionId: string;
  actionRef: string;
  reviewRef: string;
  responsibleOfficer: string;
  originalTarget: IsoDate;
  currentTarget: IsoDate;
  daysOverdue: number;
  extensionCount: number;
  lastUpdate: string;
}

export interface OverdueAgencyRow {
  agencyId: string;
  agency: string;
  overdue: number;
  /** The longest delay in the agency, in calendar days. */
  worstDaysOverdue: number;
}

export interface OverdueReport {
  kind: 'overdue';
  asAt: IsoDate;
  generatedAt: string;
  agencyId?: string;
  /** The agency's name when the report covers one agency. */
  agencyName?: string;
  rows: OverdueRow[];
  byAgency: OverdueAgencyRow[];
}

/**
 * Overdue actions by agency (docs/design/domain.md §6.3), every source, worst first within each agency. Overdue follows §5:
 * current target before today and not closed, withdrawn, superseded or impact evidenced.
 */
export function overdueReport(input: OverdueInput): OverdueReport {
  const agencies = nameIndex(input.agencies);
  const people = nameIndex(input.people);
  const reviews = new Map(input.reviews.map((review) => [review.id, review]));
  // Each review's label once: overdue actions outnumber their reviews several times over.
  const reviewLabel = memoised(reviewLabelOf);
  const unsorted: OverdueRow[] = input.actions
    .filter((action) => (input.agencyId === undefined || action.agencyId === input.agencyId) && isOverdue(action, input.today))
    .map((action) => {
      const review = action.reviewId ? reviews.get(action.reviewId) : undefined;
      return {
        agencyId: action.agencyId,
        agency: nameOf(agencies, action.agencyId, 'No agency'),
        actionId: action.id,
        actionRef: action.ref,
        reviewRef: review ? reviewLabel(review) : actionSourceText(action),
        responsibleOfficer: nameOf(people, action.responsibleOfficerId),
        originalTarget: action.originalTargetDate,
        currentTarget: action.currentTargetDate,
        daysOverdue: daysOverdue(action, input.today),
        extensionCount: action.extensionCount,
        lastUpdate: action.lastUpdate ? dayOf(action.lastUpdate.on) : 'None',
      };
    });
  // Agency (each name ranked once, in reading order), then longest overdue first, as one number per row: the collator
  // only sees references that tie on both. For agency rank r, the key r × (longest + 1) − days stays within r's band.
  const agencyRank = readingRanks(unsorted.map((row) => row.agency));
  const longest = unsorted.reduce((max, row) => Math.max(max, row.daysOverdue), 0);
  const rows = sortedByKey(
    unsorted,
    (row) => (agencyRank.get(row.agency) as number) * (longest + 1) - row.daysOverdue,
    (a, b) => byText(a.actionRef, b.actionRef),
  );
  const byAgency = new Map<string, OverdueAgencyRow>();
  for (const row of rows) {
    const entry = byAgency.get(row.agencyId) ?? { agencyId: row.agencyId, agency: row.agency, overdue: 0, worstDaysOverdue: 0 };
    entry.overdue += 1;
    entry.worstDaysOverdue = Math.max(entry.worstDaysOverdue, row.daysOverdue);
    byAgency.set(row.agencyId, entry);
  }
  const agencyName = input.agencyId ? nameOf(agencies, input.agencyId) : undefined;
  return { kind: 'overdue', asAt: input.today, generatedAt: input.generatedAt, agencyId: input.agencyId, agencyName, rows, byAgency: [...byAgency.values()] };
}
