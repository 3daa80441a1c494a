import type { Actor } from '../../domain/directory/member';
import { newRecommendation, parseRecommendationNumber, Recommendation, RECOMMENDATION_TEXT_MAX } from '../../domain/reviews/recommendation';
import { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { listThemes } from '../directory/agencies';
import { auditOperation } from '../kernel/audit';
import { FieldReader } from '../kernel/field-parsing';
import { reportPersonalData } from '../kernel/guard-text';
import { ImportRow, runImport } from '../kernel/import-table';
import { KIND } from '../kernel/kinds';
import { assertCanManageProgramme } from '../kernel/permissions';
import { reviewIdOf } from './reviews';

/** Columns of recommendations.csv. */
export const RECOMMENDATION_COLUMNS = ['review_reference', 'number', 'text', 'themes'] as const;

/**
 * Imports a review's recommendations (recommendations.csv / .xlsx), all or nothing. Themes left empty take the
 * review's. Actions then name the recommendation they answer in their optional `recommendation` column.
 */
export async function importRecommendations(ctx: AppContext, actor: Actor, rows: ImportRow[], onProgress?: (done: number, total: number) => void): Promise<{ imported: number; reviews: number }> {
  assertCanManageProgramme(actor);
  const themes = await listThemes(ctx);
  const reviews = new Map((await ctx.stores.reviews.all()).map((review) => [review.id, review]));
  const existing = new Set((await ctx.stores.recommendations.all()).map((item) => item.id));
  const seen = new Map<string, number>();
  const touchedReviews = new Set<string>();
  const on = ctx.clock.now().toISOString();
  await runImport(
    ctx,
    rows,
    RECOMMENDATION_COLUMNS,
    (row, rowNumber) => {
      const reader = new FieldReader(row);
      const reference = reader.text('review_reference', { required: true });
      const review = reference ? reviews.get(reviewIdOf(reference)) : undefined;
      if (reference && !review) reader.problem('review_reference', 'no review has this reference (import reviews first)');
      const numberText = reader.text('number', { required: true });
      const number = numberText === undefined ? undefined : parseRecommendationNumber(numberText);
      if (numberText !== undefined && number === undefined) reader.problem('number', 'a whole number from 1 to 99 (R3 is read as 3)');
      const text = reader.text('text', { required: true, max: RECOMMENDATION_TEXT_MAX });
      reportPersonalData(ctx, reader, { text });
      const themeIds = reader.themes('themes', themes);
      if (!review || number === undefined || !text || reader.problems.length > 0) return { operations: [], problems: reader.problems };

      const recommendation = newRecommendation({ reviewId: review.id, number, text, themes: themeIds.length ? themeIds : [...review.themes] }, { by: actor.aadObjectId, on });
      if (existing.has(recommendation.id)) reader.problem('number', `${review.reference} already has recommendation ${number}`);
      else if (seen.has(recommendation.id)) reader.problem('number', `the same recommendation is already on row ${seen.get(recommendation.id)}`);
      else seen.set(recommendation.id, rowNumber);
      if (reader.problems.length > 0) return { operations: [], problems: reader.problems };
      touchedReviews.add(review.id);
      return {
        operations: [
          ctx.stores.recommendations.op.create(recommendation),
          auditOperation({ at: on, by: actor.aadObjectId, subjectKind: KIND.recommendation, subjectId: recommendation.id, operation: 'import', after: { number, reviewId: review.id } }),
        ],
        problems: [],
      };
    },
    onProgress,
  );
  return { imported: rows.length, reviews: touchedReviews.size };
}

/** A review's recommendations in number order. */
export async function listReviewRecommendations(ctx: AppContext, reviewId: string): Promise<Stored<Recommendation>[]> {
  const items = await ctx.stores.recommendations.all({ where: { reviewId } });
  return items.sort((a, b) => a.number - b.number);
}
