import { addWorkingDays, type HolidayCalendar, type IsoDate } from '../calendar';
import { InvalidTransitionError, ValidationError } from '../errors';
import type { ReviewStatus } from './review';

/** The PAI's judgement on a 12-month response (docs/design/domain.md §3 AssuranceRequest12M). */
export const ASSURANCE_EVALUATIONS = ['ASSURED', 'PARTIAL', 'NOT_ASSURED'] as const;
export type AssuranceEvaluation = (typeof ASSURANCE_EVALUATIONS)[number];

/** What the officer says about one action at 12 months: was it done, and what changed in practice. */
export interface AssuranceActionResponse {
  actionId: string;
  completionEvidence: string;
  impactStatement: string;
  /** A link into the partnership's document store; the bot never holds the document (docs/design/domain.md §7). */
  evidenceUrl?: string;
}

/**
 * The 12-month assurance request to one responsible officer (or, for actions without one, their agency) about
 * their actions from one review. It is chased until answered and tracked until the PAI evaluates it; it is never
 * dismissed.
 */
export interface AssuranceRequest {
  id: string;
  reviewId: string;
  /** The officer asked; undefined when the request went to the agency because no officer is named. */
  officerId?: string;
  agencyId: string;
  actionIds: string[];
  /** The 12-month date the request is counted from (review.assuranceDue). */
  requestedOn: IsoDate;
  /** When the answer is due: the first chase date (see `responseDueOn`); unanswered after it, the request is late. */
  dueOn?: IsoDate;
  respondedOn?: string;
  respondedBy?: string;
  responses?: AssuranceActionResponse[];
  evaluation?: AssuranceEvaluation;
  evaluatedOn?: string;
  evaluatedBy?: string;
  followUpRoute?: string;
  createdAt: string;
  updatedAt: string;
}

/** One request per review and recipient, so a second tick finds the first one instead of asking twice. */
export function assuranceRequestIdOf(reviewId: string, recipient: { officerId?: string; agencyId: string }): string {
  return `${reviewId}--${recipient.officerId ? `m-${recipient.officerId}` : `a-${recipient.agencyId}`}`.slice(0, 200);
}

/**
 * The day an answer is due: the first chase, `chaseWorkingDays` working days after the request. Before it an
 * unanswered request is waiting, not late (the tracker used to count it late from the day after it was sent).
 */
export function responseDueOn(requestedOn: IsoDate, chaseWorkingDays: number, holidays: HolidayCalendar): IsoDate {
  return addWorkingDays(requestedOn, chaseWorkingDays, holidays);
}

/** Answered requests are no longer chased. */
export function isAnswered(request: Pick<AssuranceRequest, 'respondedOn'>): boolean {
  return request.respondedOn !== undefined;
}

/**
 * The 12-month step a review takes now (docs/design/domain.md §4), given its requests the PAI has not evaluated yet:
 * ACTIONS_LIVE -> ASSURANCE_12M_REQUESTED once one is open, -> ASSURANCE_RECEIVED once all are answered.
 */
export function nextAssuranceStatus(status: ReviewStatus, openRequests: readonly Pick<AssuranceRequest, 'respondedOn'>[]): ReviewStatus | undefined {
  if (openRequests.length === 0) return undefined;
  if (status === 'ACTIONS_LIVE') return 'ASSURANCE_12M_REQUESTED';
  if (status === 'ASSURANCE_12M_REQUESTED' && openRequests.every(isAnswered)) return 'ASSURANCE_RECEIVED';
  return undefined;
}

/** Records the officer's answer: every action asked about needs evidence of completion and of impact. */
export function respondToRequest(request: AssuranceRequest, responses: readonly AssuranceActionResponse[], ctx: { by: string; on: string }): AssuranceRequest {
  if (request.evaluation) {
    throw new InvalidTransitionError('ASSURANCE.ALREADY_EVALUATED', 'The PAI has already evaluated this response.', { requestId: request.id });
  }
  const byAction = new Map(responses.map((response) => [response.actionId, response]));
  const missing = request.actionIds.filter((id) => {
    const response = byAction.get(id);
    return !response || !response.completionEvidence.trim() || !response.impactStatement.trim();
  });
  if (missing.length > 0) {
    throw new ValidationError('For every action, say what was done and what changed in practice.', { missing }, 'ASSURANCE.RESPONSE_INCOMPLETE');
  }
  const unknown = responses.filter((response) => !request.actionIds.includes(response.actionId));
  if (unknown.length > 0) throw new ValidationError('The response names an action this request did not ask about.', {}, 'ASSURANCE.UNKNOWN_ACTION');
  return {
    ...request,
    responses: request.actionIds.map((id) => {
      const response = byAction.get(id) as AssuranceActionResponse;
      return {
        actionId: id,
        completionEvidence: response.completionEvidence.trim(),
        impactStatement: response.impactStatement.trim(),
        ...(response.evidenceUrl?.trim() ? { evidenceUrl: response.evidenceUrl.trim() } : {}),
      };
    }),
    respondedOn: ctx.on,
    respondedBy: ctx.by,
    updatedAt: ctx.on,
  };
}

/** The PAI records its evaluation of an answered request; that ends the tracking (docs/design/domain.md §4). */
export function evaluateRequest(request: AssuranceRequest, evaluation: AssuranceEvaluation, followUpRoute: string | undefined, ctx: { by: string; on: string }): AssuranceRequest {
  if (!isAnswered(request)) {
    throw new InvalidTransitionError('ASSURANCE.NOT_ANSWERED', 'The officer has not answered this request yet.', { requestId: request.id });
  }
  if (evaluation !== 'ASSURED' && !followUpRoute?.trim()) {
    throw new ValidationError('Say how the PAI will follow this up.', { field: 'followUpRoute' }, 'ASSURANCE.FOLLOW_UP_REQUIRED');
  }
  return {
    ...request,
    evaluation,
    ...(followUpRoute?.trim() ? { followUpRoute: followUpRoute.trim() } : {}),
    evaluatedOn: ctx.on,
    evaluatedBy: ctx.by,
    updatedAt: ctx.on,
  };
}
