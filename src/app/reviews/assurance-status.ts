import { nextAssuranceStatus } from '../../domain/reviews/assurance-request';
import { ConflictError } from '../../domain/errors';
import { canTransitionReview, transitionReview, type ReviewStatus } from '../../domain/reviews/review';
import type { AppContext } from '../kernel/app-context';
import { reviewAudit } from './reviews';

/** Who the audit trail names when the scheduler moves a review. */
export const SCHEDULER_ACTOR = 'scheduler';

/**
 * Moves a review along its 12-month steps (nextAssuranceStatus), reading the review and its requests afresh. Best effort: a review someone is editing is left
 * for the next tick or answer, which checks again.
 */
export async function advanceAssuranceStatus(ctx: AppContext, reviewId: string, by: string): Promise<ReviewStatus | undefined> {
  const review = await ctx.stores.reviews.get(reviewId);
  if (!review) return undefined;
  // Requests the PAI has evaluated are history: a review sent back to ACTIONS_LIVE is not asked again by them.
  const requests = (await ctx.stores.assuranceRequests.all({ where: { reviewId } })).filter((request) => !request.evaluation);
  const to = nextAssuranceStatus(review.status, requests);
  if (!to || !canTransitionReview(review.status, to)) return review.status;
  const { etag: _etag, partnershipId: _partnershipId, ...body } = review;
  const moved = transitionReview(body, to, { by, on: ctx.clock.now().toISOString() });
  try {
    await ctx.stores.commit([
      ctx.stores.reviews.op.update(review, moved),
      reviewAudit(moved, by, 'assurance', { status: review.status }),
    ]);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    ctx.logger.info({ review: reviewId, to }, 'review changed meanwhile; assurance status left for the next pass');
    return review.status;
  }
  // An answer may complete the set at once (a single request): take the next step too.
  return to === 'ASSURANCE_12M_REQUESTED' ? advanceAssuranceStatus(ctx, reviewId, by) : to;
}
