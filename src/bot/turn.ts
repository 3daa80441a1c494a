import type { Actor } from '../domain/directory/member';
import type { AppContext } from '../app/kernel/app-context';
import { identifyUser } from '../app/directory/identify-user';
import type { ConversationScope, InstallationEvent } from '../app/directory/record-installation';
import type { AdaptiveCard } from '../cards/render';

/**
 * The activity fields handlers read, as plain data. Shaped like the Teams SDK v2 handler's `activity`, so moving
 * off botbuilder and Teams AI v1 changes `bot/teams/` alone.
 */
export interface TurnActivity {
  id?: string;
  type: string;
  text?: string;
  value?: unknown;
  action?: string;
  from: { id: string; name?: string; aadObjectId?: string };
  recipient?: { id: string; name?: string };
  conversation: { id: string; conversationType?: string; tenantId?: string };
  channelData?: unknown;
}

/** A message attachment as Teams takes it (a card, a file consent offer, a file card). */
export interface MessageAttachment {
  contentType: string;
  content?: unknown;
  contentUrl?: string;
  name?: string;
}

/** What a handler can post: text (markdown), one card, or a whole message with attachments. */
export type OutgoingMessage = string | AdaptiveCard | { type?: 'message'; text?: string; attachments?: MessageAttachment[] };

/** One turn as a handler sees it: who and what (`activity`), and a way to answer (`send`). */
export interface Turn {
  readonly activity: TurnActivity;
  /** Posts into this conversation and returns the new message's id. */
  send(message: OutgoingMessage): Promise<{ id?: string }>;
  /** This conversation's reference, as stored at installation for proactive sends later. */
  conversationReference(): Record<string, unknown>;
}

/** An adaptive card as a message attachment (the bot's proactive sends carry cards this way). */
export function cardAttachment(card: AdaptiveCard): MessageAttachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}

/** Channel thread replies carry ";messageid=..."; the channel itself is the part before it. */
export function baseConversationId(conversationId: string): string {
  return conversationId.split(';messageid=')[0];
}

export function scopeOf(turn: Turn): ConversationScope {
  const type = turn.activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

export function tenantIdOf(turn: Turn): string | undefined {
  const channelData = turn.activity.channelData as { tenant?: { id?: string } } | undefined;
  return channelData?.tenant?.id ?? turn.activity.conversation?.tenantId;
}

/** The user behind this turn, from the activity: card data never says who the user is. */
export function actorOf(ctx: AppContext, turn: Turn): Promise<Actor> {
  const from = turn.activity.from;
  return identifyUser(ctx, from?.aadObjectId, from?.name ?? 'there');
}

/** What installation capture stores: ids and the reference, never message text. */
export function installationEventOf(turn: Turn): InstallationEvent {
  const activity = turn.activity;
  const channelData = activity.channelData as { team?: { id?: string }; channel?: { id?: string } } | undefined;
  const conversationId = baseConversationId(activity.conversation.id);
  const reference = turn.conversationReference() as { conversation?: Record<string, unknown> };
  const scope = scopeOf(turn);
  return {
    conversationId,
    scope,
    tenantId: tenantIdOf(turn),
    teamId: channelData?.team?.id,
    channelId: channelData?.channel?.id ?? (scope === 'channel' ? conversationId : undefined),
    userAadObjectId: scope === 'personal' ? activity.from?.aadObjectId : undefined,
    reference: JSON.parse(JSON.stringify({ ...reference, conversation: { ...reference.conversation, id: conversationId } })) as Record<string, unknown>,
    by: (activity.from?.aadObjectId ?? 'unknown').toLowerCase(),
  };
}
