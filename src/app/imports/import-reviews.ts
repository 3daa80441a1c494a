import type { Actor } from '../../domain/directory/member';
import type { AppContext } from '../kernel/app-context';
import { listThemes } from '../directory/agencies';
import { ImportRow, runImport } from '../kernel/import-table';
import { assertCanManageProgramme } from '../kernel/permissions';
import { readReviewFields, REVIEW_COLUMNS, reviewAudit } from '../reviews/reviews';

/** Imports reviews.csv / .xlsx, all or nothing; a reference already held (or twice in the file) is a problem. */
export async function importReviews(ctx: AppContext, actor: Actor, rows: ImportRow[], onProgress?: (done: number, total: number) => void): Promise<{ imported: number }> {
  assertCanManageProgramme(actor);
  const themes = await listThemes(ctx);
  const existing = new Set((await ctx.stores.reviews.all()).map((review) => review.id));
  const seen = new Map<string, number>();
  await runImport(
    ctx,
    rows,
    REVIEW_COLUMNS,
    (row, rowNumber) => {
      const { review, reader } = readReviewFields(ctx, row, themes, actor.aadObjectId);
      if (review) {
        if (existing.has(review.id)) reader.problem('reference', 'a review with this reference already exists');
        else if (seen.has(review.id)) reader.problem('reference', `the same reference is already on row ${seen.get(review.id)}`);
        else seen.set(review.id, rowNumber);
      }
      const operations = review && reader.problems.length === 0 ? [ctx.stores.reviews.op.create(review), reviewAudit(review, actor.aadObjectId, 'import')] : [];
      return { operations, problems: reader.problems };
    },
    onProgress,
  );
  return { imported: rows.length };
}
