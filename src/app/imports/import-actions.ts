import type { Action } from '../../domain/actions/action';
import { londonDateOf } from '../../domain/calendar';
import type { Actor } from '../../domain/directory/member';
import type { Review } from '../../domain/reviews/review';
import type { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { ACTION_COLUMNS, createActionOperations, loadActionReferenceData, readActionFields } from '../actions/actions';
import { ImportRow, runImport } from '../kernel/import-table';
import { assertCanManageProgramme } from '../kernel/permissions';
import { reviewIdOf } from '../reviews/reviews';

/**
 * Imports actions.csv / .xlsx, all or nothing: each row names its review, which must already exist. Optional columns:
 * `recommendation` and `agreed_on` (YYYY-MM-DD or DD/MM/YYYY; default the review's action planning meeting, else today).
 */
export async function importActions(ctx: AppContext, actor: Actor, rows: ImportRow[], onProgress?: (done: number, total: number) => void): Promise<{ imported: number; reviews: number }> {
  assertCanManageProgramme(actor);
  const data = await loadActionReferenceData(ctx);
  const reviews = new Map((await ctx.stores.reviews.all()).map((review) => [review.id, review]));
  const existing = new Set((await ctx.stores.actions.all()).map((action) => action.id));
  const seen = new Map<string, number>();
  const touchedReviews = new Set<string>();
  const today = londonDateOf(ctx.clock.now());
  await runImport(
    ctx,
    rows,
    ACTION_COLUMNS,
    (row, rowNumber) => {
      const reference = (row.review_reference ?? '').trim();
      const review: Stored<Review> | undefined = reference ? reviews.get(reviewIdOf(reference)) : undefined;
      if (!review) {
        return { operations: [], problems: [{ column: 'review_reference', reason: reference ? 'no review has this reference (import reviews first)' : 'required' }] };
      }
      const { action, reader } = readActionFields(ctx, row, review, data, actor.aadObjectId);
      // When the plan was agreed: the file's date, else the review's action planning meeting, else the import day,
      // so a past year's action plans count in the year they were agreed.
      const agreedOn = reader.date('agreed_on') ?? review.actionPlanningMeetingOn ?? today;
      if (action) {
        if (existing.has(action.id)) reader.problem('ref', `the review already has an action ${action.ref}`);
        else if (seen.has(action.id)) reader.problem('ref', `the same action is already on row ${seen.get(action.id)}`);
        else seen.set(action.id, rowNumber);
      }
      if (!action || reader.problems.length > 0) return { operations: [], problems: reader.problems };
      touchedReviews.add(review.id);
      const agreed: Action = action.status === 'PROPOSED' ? action : { ...action, agreedOn };
      return { operations: createActionOperations(ctx, agreed, actor.aadObjectId), problems: [] };
    },
    onProgress,
  );
  return { imported: rows.length, reviews: touchedReviews.size };
}
