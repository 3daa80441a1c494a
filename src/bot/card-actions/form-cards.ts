import { listThemes } from '../../app/directory/agencies';
import { addAction, addActionFormData } from '../../app/actions/actions';
import { createReview } from '../../app/reviews/reviews';
import { reviewActionsView } from '../../app/actions/action-queries';
import { actionListCard, addActionCard, newReviewCard } from '../../cards/action-cards';
import type { AdaptiveCard } from '../../cards/render';
import type { RowProblem } from '../../domain/errors';
import { isPersonalDataReason } from '../../domain/personal-data-guard';
import { findReview } from '../../app/reviews/reviews';
import type { BotDeps } from '../bot-deps';
import { formSchema, parseCardData } from '../card-data';
import { asAtText } from '../../domain/calendar';
import { actorOf, type Turn } from '../turn';
import { orShowAgain } from '../refusals';
import { reviewFacts } from '../../app/reviews/review-facts';

/**
 * A form shown again after a refusal never carries back text refused as personal data, nor a refused pseudonym
 * (a pseudonym that is not a label may be a name or initials).
 */
function withoutRefusedText(values: Record<string, string>, error: unknown): Record<string, string> {
  const problems = ((error as { details?: { problems?: RowProblem[] } }).details?.problems ?? [])
    .filter((problem) => isPersonalDataReason(problem.reason) || problem.column === 'pseudonym');
  if (problems.length === 0) return values;
  const refused = new Set(problems.map((problem) => problem.column));
  return Object.fromEntries(Object.entries(values).filter(([column]) => !refused.has(column)));
}

/** Multi-select choice sets send "a,b,c"; imports and forms share the semicolon form. */
function normaliseThemes(values: Record<string, string>): Record<string, string> {
  return { ...values, themes: (values.themes ?? '').split(',').join(';') };
}

/** `review.create`: the new review form. A refusal the user can put right returns the form with the reason and what was typed. */
export async function createReviewFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const values = parseCardData(formSchema, data);
  const actor = await actorOf(deps.ctx, turn);
  return orShowAgain(
    async () => {
      const review = await createReview(deps.ctx, actor, normaliseThemes(values));
      const view = await reviewActionsView(deps.ctx, actor, review.reference);
      return actionListCard(deps.cards, view.list, {
        intro: `Review created. Add its actions with "add action ${review.reference}", or import them from a file.`,
        facts: reviewFacts(view.review),
        asAt: asAtText(deps.ctx.clock.now()),
      });
    },
    async (error) => newReviewCard(deps.cards, await listThemes(deps.ctx), withoutRefusedText(values, error), error.message),
  );
}

/** `action.create`: the add action form for one review. */
export async function createActionFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const values = parseCardData(formSchema, data);
  const actor = await actorOf(deps.ctx, turn);
  const reviewReference = values.reviewReference ?? '';
  return orShowAgain(
    async () => {
      const action = await addAction(deps.ctx, actor, reviewReference, normaliseThemes(values));
      const view = await reviewActionsView(deps.ctx, actor, reviewReference);
      return actionListCard(deps.cards, view.list, {
        intro: `Action ${action.ref} added. Add another with "add action ${view.review.reference}", then "post actions ${view.review.reference}".`,
        facts: reviewFacts(view.review),
        asAt: asAtText(deps.ctx.clock.now()),
      });
    },
    async (error) => {
      const review = await findReview(deps.ctx, reviewReference);
      return addActionCard(deps.cards, await addActionFormData(deps.ctx, review), withoutRefusedText(values, error), error.message);
    },
  );
}
