import type { TurnContext } from 'botbuilder';
import { listThemes } from '../../app/agencies';
import { actionDetail, agencyActions, history, myActions, reviewActionsView, signOffQueue } from '../../app/action-queries';
import { addActionFormData } from '../../app/actions';
import { assertCanManageProgramme, assertRegistered } from '../../app/permissions';
import { findReview } from '../../app/reviews';
import { actionCard, actionListCard, addActionCard, historyCard, newReviewCard } from '../../cards/action-cards';
import type { Review } from '../../domain/review';
import type { BotDeps } from '../bot-deps';
import { asAtText, replyWithCard } from '../reply';
import { actorOf } from '../turn';
import { ValidationError } from '../../domain/errors';

/** The review's key facts for the top of its cards: reference and pseudonym only, never case detail. */
export function reviewFacts(review: Review): { title: string; value: string }[] {
  const facts = [
    { title: 'Type', value: review.type },
    { title: 'Status', value: review.status },
    { title: 'SIN date', value: review.sinDate ?? '' },
    { title: 'Rapid review due', value: review.rrDue ?? '' },
    { title: 'Rapid review submitted', value: review.rrSubmittedOn ?? '' },
    { title: 'Decision', value: review.decision ? `${review.decision}${review.decisionDate ? ` on ${review.decisionDate}` : ''}` : '' },
    { title: 'Publication target', value: review.lcsprPublicationTarget ?? '' },
    { title: 'Published', value: review.publishedOn ?? '' },
    { title: '12-month assurance due', value: review.assuranceDue ?? '' },
  ];
  return facts.filter((fact) => fact.value !== '');
}

function requireArgument(args: string, usage: string): string {
  if (!args.trim()) throw new ValidationError(`Say which one: "${usage}".`, {}, 'COMMAND.ARGUMENT_MISSING');
  return args.trim();
}

/** `new review`: the form to record a review (business unit, admin). */
export async function newReviewCommand(deps: BotDeps, context: TurnContext): Promise<void> {
  assertCanManageProgramme(await actorOf(deps.ctx, context));
  await replyWithCard(context, newReviewCard(deps.cards, await listThemes(deps.ctx)));
}

/** `add action <review>`: the form to add an action to a review's plan. */
export async function addActionCommand(deps: BotDeps, context: TurnContext, args: string): Promise<void> {
  assertCanManageProgramme(await actorOf(deps.ctx, context));
  const review = await findReview(deps.ctx, requireArgument(args, 'add action <review reference>'));
  await replyWithCard(context, addActionCard(deps.cards, await addActionFormData(deps.ctx, review)));
}

/** `my actions`. */
export async function myActionsCommand(deps: BotDeps, context: TurnContext): Promise<void> {
  const view = await myActions(deps.ctx, await actorOf(deps.ctx, context));
  await replyWithCard(context, actionListCard(deps.cards, view, { asAt: asAtText(deps.ctx.clock.now()), list: 'my-actions' }));
}

/** `actions <agency>`. */
export async function agencyActionsCommand(deps: BotDeps, context: TurnContext, args: string): Promise<void> {
  const view = await agencyActions(deps.ctx, await actorOf(deps.ctx, context), requireArgument(args, 'actions <agency>'));
  await replyWithCard(context, actionListCard(deps.cards, view, { asAt: asAtText(deps.ctx.clock.now()), list: `agency:${args.trim()}` }));
}

/** `review <ref>`: the review's plan. */
export async function reviewCommand(deps: BotDeps, context: TurnContext, args: string): Promise<void> {
  const view = await reviewActionsView(deps.ctx, await actorOf(deps.ctx, context), requireArgument(args, 'review <reference>'));
  const counts = `Red ${view.counts.RED} · Amber ${view.counts.AMBER} · Green ${view.counts.GREEN} · Blue ${view.counts.BLUE}`;
  await replyWithCard(
    context,
    actionListCard(deps.cards, view.list, { facts: [...reviewFacts(view.review), { title: 'RAG', value: counts }], recommendations: view.recommendations, asAt: asAtText(deps.ctx.clock.now()), list: `review:${view.review.reference}` }),
  );
}

/** `action <ref>`: one action in full, with the controls this user may use. */
export async function actionCommand(deps: BotDeps, context: TurnContext, args: string): Promise<void> {
  const view = await actionDetail(deps.ctx, await actorOf(deps.ctx, context), requireArgument(args, 'action <ref>'));
  await replyWithCard(context, actionCard(deps.cards, view, { asAt: asAtText(deps.ctx.clock.now()) }));
}

/** `history <ref>`: who changed what and when. */
export async function historyCommand(deps: BotDeps, context: TurnContext, args: string): Promise<void> {
  const actor = await actorOf(deps.ctx, context);
  assertRegistered(actor);
  await replyWithCard(context, historyCard(deps.cards, await history(deps.ctx, actor, requireArgument(args, 'history <action or review ref>'))));
}

/** `sign off`: what waits for the PAI's decision. */
export async function signOffCommand(deps: BotDeps, context: TurnContext): Promise<void> {
  const view = await signOffQueue(deps.ctx, await actorOf(deps.ctx, context));
  await replyWithCard(context, actionListCard(deps.cards, view, { intro: 'Open an action to assure, challenge or close it.', asAt: asAtText(deps.ctx.clock.now()), list: 'sign-off' }));
}
