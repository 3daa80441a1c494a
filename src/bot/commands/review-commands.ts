import { listThemes } from '../../app/directory/agencies';
import { actionDetail, agencyActions, history, myActions, reviewActionsView, signOffQueue } from '../../app/actions/action-queries';
import { addActionFormData } from '../../app/actions/actions';
import { assertCanManageProgramme, assertRegistered } from '../../app/kernel/permissions';
import { findReview } from '../../app/reviews/reviews';
import { reviewFacts } from '../../app/reviews/review-facts';
import { actionCard, actionListCard, addActionCard, historyCard, newReviewCard } from '../../cards/action-cards';
import type { BotDeps } from '../bot-deps';
import { asAtText } from '../../domain/calendar';
import { actorOf, type Turn } from '../turn';
import { ValidationError } from '../../domain/errors';

function requireArgument(args: string, usage: string): string {
  if (!args.trim()) throw new ValidationError(`Say which one: "${usage}".`, {}, 'COMMAND.ARGUMENT_MISSING');
  return args.trim();
}

/** `new review`: the form to record a review (business unit, admin). */
export async function newReviewCommand(deps: BotDeps, turn: Turn): Promise<void> {
  assertCanManageProgramme(await actorOf(deps.ctx, turn));
  await turn.send(newReviewCard(deps.cards, await listThemes(deps.ctx)));
}

/** `add action <review>`: the form to add an action to a review's plan. */
export async function addActionCommand(deps: BotDeps, turn: Turn, args: string): Promise<void> {
  assertCanManageProgramme(await actorOf(deps.ctx, turn));
  const review = await findReview(deps.ctx, requireArgument(args, 'add action <review reference>'));
  await turn.send(addActionCard(deps.cards, await addActionFormData(deps.ctx, review)));
}

/** `my actions`. */
export async function myActionsCommand(deps: BotDeps, turn: Turn): Promise<void> {
  const view = await myActions(deps.ctx, await actorOf(deps.ctx, turn));
  await turn.send(actionListCard(deps.cards, view, { asAt: asAtText(deps.ctx.clock.now()), list: 'my-actions' }));
}

/** `actions <agency>`. */
export async function agencyActionsCommand(deps: BotDeps, turn: Turn, args: string): Promise<void> {
  const view = await agencyActions(deps.ctx, await actorOf(deps.ctx, turn), requireArgument(args, 'actions <agency>'));
  await turn.send(actionListCard(deps.cards, view, { asAt: asAtText(deps.ctx.clock.now()), list: `agency:${args.trim()}` }));
}

/** `review <ref>`: the review's plan. */
export async function reviewCommand(deps: BotDeps, turn: Turn, args: string): Promise<void> {
  const view = await reviewActionsView(deps.ctx, await actorOf(deps.ctx, turn), requireArgument(args, 'review <reference>'));
  const counts = `Red ${view.counts.RED} · Amber ${view.counts.AMBER} · Green ${view.counts.GREEN} · Blue ${view.counts.BLUE}`;
  await turn.send(actionListCard(deps.cards, view.list, { facts: [...reviewFacts(view.review), { title: 'RAG', value: counts }], recommendations: view.recommendations, asAt: asAtText(deps.ctx.clock.now()), list: `review:${view.review.reference}` }),
  );
}

/** `action <ref>`: one action in full, with the controls this user may use. */
export async function actionCommand(deps: BotDeps, turn: Turn, args: string): Promise<void> {
  const view = await actionDetail(deps.ctx, await actorOf(deps.ctx, turn), requireArgument(args, 'action <ref>'));
  await turn.send(actionCard(deps.cards, view, { asAt: asAtText(deps.ctx.clock.now()) }));
}

/** `history <ref>`: who changed what and when. */
export async function historyCommand(deps: BotDeps, turn: Turn, args: string): Promise<void> {
  const actor = await actorOf(deps.ctx, turn);
  assertRegistered(actor);
  await turn.send(historyCard(deps.cards, await history(deps.ctx, actor, requireArgument(args, 'history <action or review ref>'))));
}

/** `sign off`: what waits for the PAI's decision. */
export async function signOffCommand(deps: BotDeps, turn: Turn): Promise<void> {
  const view = await signOffQueue(deps.ctx, await actorOf(deps.ctx, turn));
  await turn.send(actionListCard(deps.cards, view, { intro: 'Open an action to assure, challenge or close it.', asAt: asAtText(deps.ctx.clock.now()), list: 'sign-off' }));
}
