import type { Action } from '../../domain/actions/action';
import type { Actor } from '../../domain/directory/member';
import type { Review } from '../../domain/reviews/review';
import { listAll, Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { ACTION_COLUMNS, createActionOperations, loadActionReferenceData, readActionFields } from '../actions/actions';
import { ImportRow, runImport } from '../kernel/import-table';
import { KIND } from '../kernel/kinds';
import { assertCanManageProgramme } from '../kernel/permissions';
import { reviewIdOf } from '../reviews/reviews';

/** Imports actions.csv / .xlsx, all or nothing: each row names its review, which must already exist. */
export async function importActions(ctx: AppContext, actor: Actor, rows: ImportRow[], onProgress?: (done: number, total: number) => void): Promise<{ imported: number; reviews: number }> {
  assertCanManageProgramme(actor);
  const data = await loadActionReferenceData(ctx);
  const reviews = new Map((await listAll<Review>(ctx.store, KIND.review, ctx.partnershipId)).map((review) => [review.id, review]));
  const existing = new Set((await listAll<Action>(ctx.store, KIND.action, ctx.partnershipId)).map((action) => action.id));
  const seen = new Map<string, number>();
  const touchedReviews = new Set<string>();
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
      if (action) {
        if (existing.has(action.id)) reader.problem('ref', `the review already has an action ${action.ref}`);
        else if (seen.has(action.id)) reader.problem('ref', `the same action is already on row ${seen.get(action.id)}`);
        else seen.set(action.id, rowNumber);
      }
      if (!action || reader.problems.length > 0) return { operations: [], problems: reader.problems };
      touchedReviews.add(review.id);
      return { operations: createActionOperations(action, actor.aadObjectId), problems: [] };
    },
    onProgress,
  );
  return { imported: rows.length, reviews: touchedReviews.size };
}
