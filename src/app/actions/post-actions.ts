import type { Agency } from '../../domain/directory/agency';
import { isOpen } from '../../domain/actions/action';
import type { Actor, Member } from '../../domain/directory/member';
import { canTransitionReview, Review, ReviewStatus, transitionReview } from '../../domain/reviews/review';
import type { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { ActionSummary, summarise } from './action-queries';
import { listReviewActions } from './actions';
import { KIND } from '../kernel/kinds';
import { loadLookups } from '../directory/lookups';
import { assertCanManageProgramme } from '../kernel/permissions';
import { conversationsOf, findPersonalConversation, type ConversationRecord } from '../directory/record-installation';
import { collection, type Collection } from '../kernel/records';
import { findReview, reviewAudit } from '../reviews/reviews';
import { enqueue, EnqueueItem, newOutboxMessage } from '../reminders/outbox';
import { sendTimeOf } from '../reminders/deliver-now';
import { groupBy } from '../../domain/group-by';

/** One card to send: to an agency's channel or a responsible officer's chat, listing their actions. */
export interface PlannedPost {
  audience: 'agency' | 'officer';
  /** The agency id, or the officer's AAD object id. */
  recipientId: string;
  recipientName: string;
  /** The agency the post concerns (the officer's own, for a personal card): the delivery report groups by it. */
  agencyId?: string;
  conversation: ConversationRecord;
  review: { id: string; reference: string; pseudonym: string };
  actions: ActionSummary[];
}

export interface PostPlan {
  review: Stored<Review>;
  posts: PlannedPost[];
  /** Recipients the bot cannot reach yet, and why (no linked channel, bot not installed). */
  unreachable: { name: string; reason: string }[];
}

/**
 * `post actions <review>`: one card per agency with its open actions from the review, to the agency's linked
 * channel, and a personal card to each responsible officer who has the bot installed.
 */
export async function planActionPosts(ctx: AppContext, actor: Actor, reference: string): Promise<PostPlan> {
  assertCanManageProgramme(actor);
  const review = await findReview(ctx, reference);
  const lookups = await loadLookups(ctx);
  const actions = (await listReviewActions(ctx, review.id)).filter((action) => isOpen(action.status));
  const reviewInfo = { id: review.id, reference: review.reference, pseudonym: review.pseudonym };
  const posts: PlannedPost[] = [];
  const unreachable: PostPlan['unreachable'] = [];

  const byAgency = groupBy(actions, (action) => action.agencyId);
  for (const [agencyId, agencyActions] of byAgency) {
    const agency = lookups.agencies.get(agencyId) as Stored<Agency> | undefined;
    const name = agency?.name ?? agencyId;
    const conversation = agency?.channelConversationId
      ? await conversationsOf(ctx).get(agency.channelConversationId)
      : undefined;
    if (!conversation || conversation.status !== 'active') {
      unreachable.push({ name, reason: 'no channel linked: run "link agency" in its channel' });
      continue;
    }
    posts.push({ audience: 'agency', recipientId: agencyId, recipientName: name, agencyId, conversation, review: reviewInfo, actions: agencyActions.map((action) => summarise(ctx, action, lookups)) });
  }

  const byOfficer = groupBy(actions.filter((action) => action.responsibleOfficerId), (action) => action.responsibleOfficerId as string);
  for (const [officerId, officerActions] of byOfficer) {
    const member = lookups.members.get(officerId) as Stored<Member> | undefined;
    const name = member?.name ?? 'A responsible officer';
    const conversation = await findPersonalConversation(ctx, officerId);
    if (!conversation) {
      unreachable.push({ name, reason: 'has not installed the bot in personal chat' });
      continue;
    }
    posts.push({ audience: 'officer', recipientId: officerId, recipientName: name, agencyId: member?.agencyId, conversation, review: reviewInfo, actions: officerActions.map((action) => summarise(ctx, action, lookups)) });
  }
  return { review, posts, unreachable };
}

/** A card the bot posted, so later changes can refresh it for everyone. */
export interface PostedCardRecord {
  id: string;
  reviewId: string;
  audience: 'agency' | 'officer';
  recipientId: string;
  conversationRecordId: string;
  /** The outbox message that carries the card. */
  outboxId: string;
  /** The card's id in Teams: written when the outbox delivers it (outbox.ts markSent). */
  activityId?: string;
  /** When the card was queued. */
  postedAt: string;
}

/** The cards `post actions` queued, typed (kernel/records.ts); outbox.ts writes their activity ids by kind and id. */
function postedCardsOf(ctx: AppContext): Collection<PostedCardRecord> {
  return collection<PostedCardRecord>(ctx.store, ctx.partnershipId, KIND.postedCard);
}

/** What `post actions` queued, for the answer in chat. */
export interface QueuedActionPosts {
  plan: PostPlan;
  reviewStatus: ReviewStatus;
  /** Outbox ids of the cards, for the sender to take now (deliver-now.ts). */
  outboxIds: string[];
  /** When they go out: now, or when the send window next opens. */
  sendsAt: Date;
}

/**
 * `post actions <review>`: plans the posts, then queues each card in the outbox (delivered with retries, 429
 * handling and a result in the delivery report) with the posted-card record that will keep its activity id, and
 * moves the review to "actions live" when its lifecycle allows (from action planning, or through it from a decision
 * or publication), in the same commits. `requestKey` (the command's activity id) makes a redelivered command find
 * its cards already queued, while a new command posts them again.
 */
export async function postActions(
  ctx: AppContext,
  actor: Actor,
  reference: string,
  options: { requestKey: string; payloadOf: (post: PlannedPost) => Record<string, unknown> },
): Promise<QueuedActionPosts> {
  const plan = await planActionPosts(ctx, actor, reference);
  const now = ctx.clock.now();
  const postedCards = postedCardsOf(ctx);
  const items: EnqueueItem[] = plan.posts.map((post) => {
    const cardId = `${plan.review.id}--${post.audience}--${post.recipientId}`.slice(0, 200);
    const message = newOutboxMessage({
      idempotencyKey: `ACTION_POST|${plan.review.id}|${post.audience}:${post.recipientId}|${options.requestKey}`,
      policy: 'ACTION_POST',
      subjectId: plan.review.id,
      recipient: { kind: post.audience === 'agency' ? 'agency' : 'member', id: post.recipientId },
      agencyId: post.agencyId,
      conversationRecordId: post.conversation.id,
      payload: options.payloadOf(post),
      notBefore: now.toISOString(),
      activityIdFor: { kind: postedCards.kind, id: cardId },
    }, now);
    const record: PostedCardRecord = {
      id: cardId, reviewId: plan.review.id, audience: post.audience, recipientId: post.recipientId, conversationRecordId: post.conversation.id, outboxId: message.id, postedAt: now.toISOString(),
    };
    return { message, alongside: [postedCards.op.upsert(record)] };
  });
  let review: Review = plan.review;
  for (const step of ['ACTION_PLANNING', 'ACTIONS_LIVE'] as const) {
    if (review.status !== step && canTransitionReview(review.status, step) && (step === 'ACTIONS_LIVE' || review.status !== 'ACTIONS_LIVE')) {
      review = transitionReview(review, step, { by: actor.aadObjectId, on: now.toISOString() });
    }
  }
  if (review.status !== plan.review.status && items.length > 0) {
    items[0].alongside = [
      ctx.stores.reviews.op.update(plan.review, review),
      reviewAudit(review, actor.aadObjectId, 'actions-posted', { status: plan.review.status }),
      ...(items[0].alongside ?? []),
    ];
  }
  await enqueue(ctx, items);
  return {
    plan,
    reviewStatus: items.length > 0 ? review.status : plan.review.status,
    outboxIds: items.map((item) => item.message.id),
    sendsAt: sendTimeOf(ctx),
  };
}
