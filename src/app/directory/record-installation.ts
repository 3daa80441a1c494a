import { hashedIdOf } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { auditOperation } from '../kernel/audit';
import { KIND } from '../kernel/kinds';
import { collection, type Collection } from '../kernel/records';

export type ConversationScope = 'personal' | 'groupChat' | 'channel';

/** Where the bot was installed: enough to send to it later, kept in the store so it survives redeploys. */
export interface ConversationRecord {
  id: string;
  conversationId: string;
  scope: ConversationScope;
  tenantId?: string;
  teamId?: string;
  channelId?: string;
  /** For personal chats: the user the chat is with. */
  userAadObjectId?: string;
  /** The Bot Framework conversation reference as JSON (serviceUrl, bot, conversation, user). */
  reference: Record<string, unknown>;
  status: 'active' | 'gone';
  installedAt: string;
  updatedAt: string;
}

/** What an installation or removal says about a conversation, with the user whose action it was (for the audit trail). */
export type InstallationEvent = Pick<ConversationRecord, 'conversationId' | 'scope' | 'tenantId' | 'teamId' | 'channelId' | 'userAadObjectId' | 'reference'> & { by: string };

/** The partnership's conversation references, typed (kernel/records.ts). */
export function conversationsOf(ctx: AppContext): Collection<ConversationRecord> {
  return collection<ConversationRecord>(ctx.store, ctx.partnershipId, KIND.conversation);
}

/** Store ids for conversations: Teams conversation ids may hold characters Cosmos ids refuse. */
export function conversationRecordId(conversationId: string): string {
  return hashedIdOf(conversationId);
}

/** Saves (or refreshes) the reference when the bot is installed or added to a conversation. */
export async function recordInstallation(ctx: AppContext, event: InstallationEvent): Promise<ConversationRecord> {
  const id = conversationRecordId(event.conversationId);
  const now = ctx.clock.now().toISOString();
  const conversations = conversationsOf(ctx);
  const existing = await conversations.get(id);
  const record: ConversationRecord = {
    id,
    conversationId: event.conversationId,
    scope: event.scope,
    tenantId: event.tenantId,
    teamId: event.teamId,
    channelId: event.channelId,
    userAadObjectId: event.userAadObjectId?.toLowerCase(),
    reference: event.reference,
    status: 'active',
    installedAt: existing?.status === 'active' ? existing.installedAt : now,
    updatedAt: now,
  };
  const [saved] = await ctx.stores.commit([
    conversations.op.upsert(record),
    auditOperation({ at: now, by: event.by, subjectKind: KIND.conversation, subjectId: id, operation: 'install', after: { scope: record.scope } }),
  ]);
  ctx.logger.info({ conversation: id, scope: record.scope }, 'bot installed in conversation');
  return saved as unknown as ConversationRecord;
}

/** Forgets the reference when the bot is uninstalled or removed: nothing is sent there again. */
export async function recordUninstallation(ctx: AppContext, conversationId: string, by: string): Promise<void> {
  const id = conversationRecordId(conversationId);
  const now = ctx.clock.now().toISOString();
  const conversations = conversationsOf(ctx);
  const existing = await conversations.get(id);
  if (!existing) return;
  await ctx.stores.commit([
    auditOperation({ at: now, by, subjectKind: KIND.conversation, subjectId: id, operation: 'uninstall', before: { scope: existing.scope } }),
    conversations.op.delete(id),
  ]);
  ctx.logger.info({ conversation: id, scope: existing.scope }, 'bot removed from conversation');
}

/** The personal chat with a user, when they have the bot installed. */
export async function findPersonalConversation(ctx: AppContext, aadObjectId: string): Promise<ConversationRecord | undefined> {
  const page = await conversationsOf(ctx).list({
    where: { scope: 'personal', userAadObjectId: aadObjectId.toLowerCase(), status: 'active' },
    pageSize: 1,
  });
  return page.items[0];
}
