import { responseDueOn } from '../../domain/reviews/assurance-request';
import type { AssuranceRequest } from '../../domain/reports/common';
import type { AppContext } from '../kernel/app-context';

/**
 * The 12-month assurance requests as the tracker reads them, from the one request model the reminders write
 * (domain/reviews/assurance-request.ts).
 */
export async function readAssuranceRequests(ctx: AppContext): Promise<AssuranceRequest[]> {
  const requests = await ctx.stores.assuranceRequests.all();
  return requests.map((request) => ({
    id: request.id,
    reviewId: request.reviewId,
    officerId: request.officerId,
    requestedOn: request.requestedOn,
    // Requests written before they carried their due date: the answer was due at the first chase.
    dueOn: request.dueOn ?? responseDueOn(request.requestedOn, ctx.settings.reminders.assuranceChaseWorkingDays, ctx.holidays),
    // The tracker counts in days; the reply is stored as the instant it came.
    respondedOn: request.respondedOn?.slice(0, 10),
    evaluation: request.evaluation,
  }));
}
