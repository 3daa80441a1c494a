import { z } from 'zod';
import { agencyActions, myActions, reviewActionsView, signOffQueue } from '../../app/actions/action-queries';
import { assertRegistered } from '../../app/kernel/permissions';
import { actionListCard } from '../../cards/action-cards';
import type { AdaptiveCard } from '../../cards/render';
import { ValidationError } from '../../domain/errors';
import type { BotDeps } from '../bot-deps';
import { parseCardData } from '../card-data';
import { reviewFacts } from '../../app/reviews/review-facts';
import { asAtText } from '../../domain/calendar';
import { actorOf, type Turn } from '../turn';

/** The list an action card was opened from: "sign-off", "my-actions", "agency:<id>" or "review:<reference>". */
export const listRefSchema = z.object({ back: z.string().max(200).optional(), list: z.string().max(200).optional() });

/**
 * `action.list`: Back from an action card to the list it was opened from, in place, recomputed for whoever presses
 * (the list names only which list; what it holds is read with the presser's rights).
 */
export async function showActionList(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const actor = await actorOf(deps.ctx, turn);
  assertRegistered(actor); // rights before reading what the card says
  const list = parseCardData(listRefSchema, data).list ?? '';
  const asAt = asAtText(deps.ctx.clock.now());
  if (list === 'sign-off') return actionListCard(deps.cards, await signOffQueue(deps.ctx, actor), { intro: 'Open an action to assure, challenge or close it.', asAt, list });
  if (list === 'my-actions') return actionListCard(deps.cards, await myActions(deps.ctx, actor), { asAt, list });
  if (list.startsWith('agency:')) return actionListCard(deps.cards, await agencyActions(deps.ctx, actor, list.slice('agency:'.length)), { asAt, list });
  if (list.startsWith('review:')) {
    const view = await reviewActionsView(deps.ctx, actor, list.slice('review:'.length));
    const counts = `Red ${view.counts.RED} · Amber ${view.counts.AMBER} · Green ${view.counts.GREEN} · Blue ${view.counts.BLUE}`;
    return actionListCard(deps.cards, view.list, { facts: [...reviewFacts(view.review), { title: 'RAG', value: counts }], recommendations: view.recommendations, asAt, list });
  }
  throw new ValidationError('That list is not one the bot knows.', { field: 'list' });
}
