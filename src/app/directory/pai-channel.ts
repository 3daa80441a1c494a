import { ForbiddenError, ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { allows } from '../../domain/roles';
import type { AppContext } from '../kernel/app-context';
import { auditOperation } from '../kernel/audit';
import { KIND } from '../kernel/kinds';
import { collection, type Collection } from '../kernel/records';
import { conversationRecordId, conversationsOf, type ConversationRecord } from './record-installation';

/** The setting record naming the PAI channel or meeting chat, where shared report cards go. */
export interface PaiChannelSetting {
  id: 'pai-channel';
  conversationRecordId: string;
  linkedBy: string;
  linkedAt: string;
}

const PAI_CHANNEL_ID = 'pai-channel';

/** The partnership-wide settings the bot keeps; the PAI channel is the one this capability owns. */
function settingsOf(ctx: AppContext): Collection<PaiChannelSetting> {
  return collection<PaiChannelSetting>(ctx.store, ctx.partnershipId, KIND.setting);
}

/** `link pai channel`: this team channel or meeting chat receives report cards shared from any chat. */
/** The chair runs the meeting and the business unit and administrators set the bot up: any of them may link it. */
export function canLinkPaiChannel(actor: Actor): boolean {
  return allows(actor.roles, 'runReports');
}

export async function linkPaiChannel(ctx: AppContext, actor: Actor, input: { conversationId: string; scope: 'personal' | 'groupChat' | 'channel' }): Promise<void> {
  if (!canLinkPaiChannel(actor)) throw new ForbiddenError('Only the PAI chair, the business unit or an administrator can choose the PAI channel.');
  if (input.scope === 'personal') {
    throw new ValidationError('Run "link pai channel" in the PAI team channel or the meeting chat, not in a personal chat.', {}, 'PAI.LINK_NEEDS_CHANNEL');
  }
  const id = conversationRecordId(input.conversationId);
  const conversation = await conversationsOf(ctx).get(id);
  if (!conversation || conversation.status !== 'active') {
    throw new ValidationError('The bot is not installed here yet: add the app first, then try again.', {}, 'PAI.CHANNEL_UNKNOWN');
  }
  const now = ctx.clock.now().toISOString();
  const setting: PaiChannelSetting = { id: PAI_CHANNEL_ID, conversationRecordId: id, linkedBy: actor.aadObjectId, linkedAt: now };
  await ctx.stores.commit([
    settingsOf(ctx).op.upsert(setting),
    auditOperation({ at: now, by: actor.aadObjectId, subjectKind: KIND.setting, subjectId: PAI_CHANNEL_ID, operation: 'link-pai-channel', after: { conversationRecordId: id } }),
  ]);
}

/** The channel `link pai channel` recorded, if any: report sharing and reminder routing both read it. */
export function readPaiChannelSetting(ctx: AppContext): Promise<PaiChannelSetting | undefined> {
  return settingsOf(ctx).get(PAI_CHANNEL_ID);
}

/** Where shared reports go; a ValidationError saying how to set it when no PAI channel is linked or it is gone. */
export async function findPaiConversation(ctx: AppContext): Promise<ConversationRecord> {
  const setting = await readPaiChannelSetting(ctx);
  const conversation = setting ? await conversationsOf(ctx).get(setting.conversationRecordId) : undefined;
  if (!conversation || conversation.status !== 'active') {
    throw new ValidationError('No PAI channel is linked yet. In the PAI team channel or meeting chat, type "link pai channel", then share again.', {}, 'PAI.CHANNEL_NOT_LINKED');
  }
  return conversation;
}
