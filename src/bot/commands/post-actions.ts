import { planActionPosts, PlannedPost, recordActionPosts } from '../../app/actions/post-actions';
import { actionListCard } from '../../cards/action-cards';
import type { BotDeps } from '../bot-deps';
import { asAtText } from '../../domain/calendar';
import { actorOf, type Turn, cardAttachment } from '../turn';
import { ValidationError } from '../../domain/errors';

/** `post actions <review>`: one card per agency to its channel, and one to each responsible officer's chat. */
export async function postActionsCommand(deps: BotDeps, turn: Turn, args: string): Promise<void> {
  if (!args.trim()) throw new ValidationError('Say which review: "post actions <review reference>".', {}, 'COMMAND.ARGUMENT_MISSING');
  const actor = await actorOf(deps.ctx, turn);
  const plan = await planActionPosts(deps.ctx, actor, args);
  const asAt = asAtText(deps.ctx.clock.now());
  const delivered: { post: PlannedPost; activityId: string }[] = [];
  const failed: string[] = [];
  for (const post of plan.posts) {
    const title = post.audience === 'agency' ? `${post.review.reference} (${post.review.pseudonym}): actions for ${post.recipientName}` : `Your actions from ${post.review.reference} (${post.review.pseudonym})`;
    const intro = post.audience === 'agency'
      ? 'The PAI subgroup asks for progress on these actions. Open one to update its status, add a note, link evidence or request an extension.'
      : 'You are the responsible officer for these actions. Open one to update it.';
    const card = actionListCard(deps.cards, { title, subtitle: `${post.actions.length} action${post.actions.length === 1 ? '' : 's'}`, actions: post.actions, more: 0 }, { intro, asAt });
    try {
      const { activityId } = await deps.send(post.conversation.reference, { type: 'message', attachments: [cardAttachment(card)] });
      delivered.push({ post, activityId: activityId ?? '' });
    } catch (error) {
      deps.ctx.logger.warn({ conversation: post.conversation.id, error: (error as Error).name }, 'posting an action card failed');
      failed.push(post.recipientName);
    }
  }
  const status = await recordActionPosts(deps.ctx, actor, plan, delivered);
  const lines = [
    `Posted ${delivered.filter((item) => item.post.audience === 'agency').length} agency card(s) and ${delivered.filter((item) => item.post.audience === 'officer').length} personal card(s) for ${plan.review.reference}. Review status: ${status}.`,
    ...plan.unreachable.map((item) => `Not reached: ${item.name} (${item.reason}).`),
    ...failed.map((name) => `Sending failed: ${name}. Try again later.`),
  ];
  await turn.send(lines.join('\n\n'));
}
