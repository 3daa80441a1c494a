import { isOpen, type Action } from '../actions/action';
import { addDays, type IsoDate } from '../calendar';
import { assuranceDueOf, type Review } from '../reviews/review';
import { ASSURANCE_EVALUATION_LABELS, ASSURANCE_EVALUATIONS, byText, type AssuranceRequest } from './common';
import { groupBy } from '../group-by';

/** A review whose 12-month point falls within this many days is "due soon" (one PAI quarter) [D]. */
export const DUE_SOON_DAYS = 90;

/** Where a review stands on its 12-month assurance (docs/design/domain.md §4: ACTIONS_LIVE -> ASSURANCE_12M_REQUESTED -> RECEIVED). */
export const ASSURANCE_STAGES = ['DUE', 'DUE_SOON', 'REQUESTED', 'RECEIVED', 'EVALUATED', 'NOT_YET_DUE'] as const;
export type AssuranceStage = (typeof ASSURANCE_STAGES)[number];

export const ASSURANCE_STAGE_LABELS: Readonly<Record<AssuranceStage, string>> = Object.freeze({
  DUE: 'Due, not yet requested',
  DUE_SOON: 'Due within 90 days',
  REQUESTED: 'Requested, responses outstanding',
  RECEIVED: 'Responses received, awaiting PAI evaluation',
  EVALUATED: 'Evaluated by PAI',
  NOT_YET_DUE: 'Not yet due',
});

/** The action fields the tracker reads. */
export const ASSURANCE_ACTION_FIELDS = ['reviewId', 'status', 'sourceType'] as const satisfies readonly (keyof Action)[];
export type AssuranceAction = Pick<Action, (typeof ASSURANCE_ACTION_FIELDS)[number]>;

/** The review an action counts for in the tracker's open actions: an open action from a review, else none. */
export function openReviewActionOf(action: AssuranceAction): string | undefined {
  return action.sourceType === 'REVIEW' && action.reviewId && isOpen(action.status) ? action.reviewId : undefined;
}

/**
 * Adds (sign 1) or takes away (sign -1) one open review action; a count back at nothing goes, so a kept count equals a
 * recount of the same actions.
 */
export function tallyOpenReviewAction(counts: Record<string, number>, reviewId: string, sign: 1 | -1): void {
  counts[reviewId] = (counts[reviewId] ?? 0) + sign;
  if (counts[reviewId] === 0) delete counts[reviewId];
}

/** Open review actions per review: the count the tracker prints, additive one action at a time (a stored summary). */
export function openActionsByReview(actions: readonly AssuranceAction[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const action of actions) {
    const reviewId = openReviewActionOf(action);
    if (reviewId) tallyOpenReviewAction(counts, reviewId, 1);
  }
  return counts;
}

export interface AssuranceTrackerInput {
  today: IsoDate;
  generatedAt: string;
  reviews: readonly Review[];
  /** Open review actions per review (openActionsByReview, or the stored count). */
  openActions: Readonly<Record<string, number>>;
  /** 12-month requests; none may exist yet (another part of the bot records them). */
  requests: readonly AssuranceRequest[];
}

export interface AssuranceTrackerRow {
  reviewId: string;
  reference: string;
  pseudonym: string;
  completedOn: IsoDate;
  assuranceDue: IsoDate;
  stage: AssuranceStage;
  stageText: string;
  requestedOn: string;
  /** "2 of 3" responses received. */
  responses: string;
  outstanding: number;
  /** Late when a request's due date has passed without a response. */
  lateResponses: number;
  evaluation: string;
  openActions: number;
}

export interface AssuranceTrackerReport {
  kind: 'assurance';
  asAt: IsoDate;
  generatedAt: string;
  rows: AssuranceTrackerRow[];
  stageCounts: Record<AssuranceStage, number>;
}

/**
 * The 12-month assurance tracker (docs/design/domain.md §6.4), derived from the reviews: completed_on + 12 months is the due date
 * (§5), the review status says requested or received, and any recorded requests add responses and the PAI
 * evaluation. Closed reviews and reviews without a completion date are left out.
 */
export function assuranceTrackerReport(input: AssuranceTrackerInput): AssuranceTrackerReport {
  const { today } = input;
  const requestsByReview = groupBy(input.requests, (request) => request.reviewId);

  const rows: AssuranceTrackerRow[] = [];
  for (const review of input.reviews) {
    if (review.status === 'CLOSED' || !review.completedOn) continue;
    const due = assuranceDueOf(review) as IsoDate; // completedOn is set, so the date is
    const requests = requestsByReview.get(review.id) ?? [];
    const responded = requests.filter((request) => request.respondedOn !== undefined);
    const evaluated = requests.filter((request) => request.evaluation !== undefined);
    const stage = stageOf(review, due, today, requests.length, responded.length, evaluated.length);
    const firstRequest = requests.map((request) => request.requestedOn).sort()[0];
    rows.push({
      reviewId: review.id,
      reference: review.reference,
      pseudonym: review.pseudonym,
      completedOn: review.completedOn,
      assuranceDue: due,
      stage,
      stageText: ASSURANCE_STAGE_LABELS[stage],
      requestedOn: firstRequest ?? '',
      responses: requests.length ? `${responded.length} of ${requests.length}` : '',
      outstanding: requests.length - responded.length,
      lateResponses: requests.filter((request) => request.respondedOn === undefined && request.dueOn < today).length,
      evaluation: describeEvaluations(evaluated),
      openActions: input.openActions[review.id] ?? 0,
    });
  }
  rows.sort((a, b) => ASSURANCE_STAGES.indexOf(a.stage) - ASSURANCE_STAGES.indexOf(b.stage) || byText(a.assuranceDue, b.assuranceDue) || byText(a.reference, b.reference));
  const stageCounts = Object.fromEntries(ASSURANCE_STAGES.map((stage) => [stage, 0])) as Record<AssuranceStage, number>;
  for (const row of rows) stageCounts[row.stage] += 1;
  return { kind: 'assurance', asAt: today, generatedAt: input.generatedAt, rows, stageCounts };
}

function stageOf(review: Review, due: IsoDate, today: IsoDate, requested: number, responded: number, evaluated: number): AssuranceStage {
  if (requested > 0 && evaluated === requested) return 'EVALUATED';
  if (review.status === 'ASSURANCE_RECEIVED' || (requested > 0 && responded === requested)) return 'RECEIVED';
  if (review.status === 'ASSURANCE_12M_REQUESTED' || requested > 0) return 'REQUESTED';
  if (due <= today) return 'DUE';
  if (due <= addDays(today, DUE_SOON_DAYS)) return 'DUE_SOON';
  return 'NOT_YET_DUE';
}

function describeEvaluations(evaluated: readonly AssuranceRequest[]): string {
  return ASSURANCE_EVALUATIONS.map((evaluation) => ({ evaluation, count: evaluated.filter((request) => request.evaluation === evaluation).length }))
    .filter((entry) => entry.count > 0)
    .map((entry) => `${ASSURANCE_EVALUATION_LABELS[entry.evaluation]} ${entry.count}`)
    .join(', ');
}
