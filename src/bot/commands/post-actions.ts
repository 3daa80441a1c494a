import { postActions, type PlannedPost } from '../../app/actions/post-actions';
import { actionListCard } from '../../cards/action-cards';
import type { BotDeps } from '../bot-deps';
import { asAtText } from '../../domain/calendar';
import { actorOf, type Turn, cardAttachment } from '../turn';
import { ValidationError } from '../../domain/errors';

/**
 * `post actions <review>`: one card per agency to its channel, and one to each responsible officer's chat, queued
 * in the outbox and sent at once (in the send window); what became of each send is in the delivery report.
 */
export async function postActionsCommand(deps: BotDeps, turn: Turn, args: string): Promise<void> {
  if (!args.trim()) throw new ValidationError('Say which review: "post actions <review reference>".', {}, 'COMMAND.ARGUMENT_MISSING');
  const actor = await actorOf(deps.ctx, turn);
  const now = deps.ctx.clock.now();
  const asAt = asAtText(now);
  const payloadOf = (post: PlannedPost) => {
    const title = post.audience === 'agency' ? `${post.review.reference} (${post.review.pseudonym}): actions for ${post.recipientName}` : `Your actions from ${post.review.reference} (${post.review.pseudonym})`;
    const intro = post.audience === 'agency'
      ? 'The PAI subgroup asks for progress on these actions. Open one to update its status, add a note, link evidence or request an extension.'
      : 'You are the responsible officer for these actions. Open one to update it.';
    const card = actionListCard(deps.cards, { title, subtitle: `${post.actions.length} action${post.actions.length === 1 ? '' : 's'}`, actions: post.actions, more: 0 }, { intro, asAt });
    return { type: 'message', attachments: [cardAttachment(card)] };
  };
  // A redelivered command (same activity id) finds its cards already queued; a new one posts them again.
  const queued = await postActions(deps.ctx, actor, args, { requestKey: turn.activity.id ?? now.toISOString(), payloadOf });
  deps.deliver(queued.outboxIds);
  const { plan } = queued;
  const count = (audience: PlannedPost['audience']) => plan.posts.filter((post) => post.audience === audience).length;
  const later = queued.sendsAt.getTime() > now.getTime();
  const lines = [
    `Posted ${count('agency')} agency card(s) and ${count('officer')} personal card(s) for ${plan.review.reference}. Review status: ${queued.reviewStatus}.`,
    ...(later ? [`They are queued and go out at ${asAtText(queued.sendsAt)}, when the send window opens.`] : []),
    ...plan.unreachable.map((item) => `Not reached: ${item.name} (${item.reason}).`),
    ...(plan.posts.length > 0 ? ['If a card cannot be delivered, the **delivery report** shows it.'] : []),
  ];
  await turn.send(lines.join('\n\n'));
}
