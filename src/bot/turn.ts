import { TurnContext } from 'botbuilder';
import type { Actor } from '../domain/directory/member';
import type { AppContext } from '../app/kernel/app-context';
import { identifyUser } from '../app/directory/identify-user';
import type { ConversationScope, InstallationEvent } from '../app/directory/record-installation';

/** Channel thread replies carry ";messageid=..."; the channel itself is the part before it. */
export function baseConversationId(conversationId: string): string {
  return conversationId.split(';messageid=')[0];
}

export function scopeOf(context: TurnContext): ConversationScope {
  const type = context.activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

export function tenantIdOf(context: TurnContext): string | undefined {
  const channelData = context.activity.channelData as { tenant?: { id?: string } } | undefined;
  return channelData?.tenant?.id ?? context.activity.conversation?.tenantId;
}

/** The user behind this turn, from the activity: card data never says who the user is. */
export function actorOf(ctx: AppContext, context: TurnContext): Promise<Actor> {
  const from = context.activity.from;
  return identifyUser(ctx, from?.aadObjectId, from?.name ?? 'there');
}

/** What installation capture stores: ids and the reference, never message text. */
export function installationEventOf(context: TurnContext): InstallationEvent {
  const activity = context.activity;
  const channelData = activity.channelData as { team?: { id?: string }; channel?: { id?: string } } | undefined;
  const conversationId = baseConversationId(activity.conversation.id);
  const reference = TurnContext.getConversationReference(activity);
  const scope = scopeOf(context);
  return {
    conversationId,
    scope,
    tenantId: tenantIdOf(context),
    teamId: channelData?.team?.id,
    channelId: channelData?.channel?.id ?? (scope === 'channel' ? conversationId : undefined),
    userAadObjectId: scope === 'personal' ? activity.from?.aadObjectId : undefined,
    reference: JSON.parse(JSON.stringify({ ...reference, conversation: { ...reference.conversation, id: conversationId } })) as Record<string, unknown>,
    by: (activity.from?.aadObjectId ?? 'unknown').toLowerCase(),
  };
}
