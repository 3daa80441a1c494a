import type { Agency } from '../../domain/directory/agency';
import { ForbiddenError, ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { allows } from '../../domain/roles';
import type { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { resolveAgency } from './agencies';
import { auditOperation } from '../kernel/audit';
import { KIND } from '../kernel/kinds';
import { conversationRecordId, conversationsOf } from './record-installation';

export interface LinkAgencyInput {
  agencyName: string;
  conversationId: string;
  scope: 'personal' | 'groupChat' | 'channel';
}

/** Makes a team channel the agency's channel: its action cards and reminders go there. */
export async function linkAgency(ctx: AppContext, actor: Actor, input: LinkAgencyInput): Promise<Stored<Agency>> {
  if (!allows(actor.roles, 'manageProgramme')) {
    throw new ForbiddenError('Only an administrator or the business unit can link an agency to a channel.');
  }
  if (input.scope !== 'channel') {
    throw new ValidationError('Run "link agency <name>" in the team channel the agency uses, not in a chat.', {}, 'AGENCY.LINK_NEEDS_CHANNEL');
  }
  if (!input.agencyName.trim()) throw new ValidationError('Name the agency: "link agency <name>".', {}, 'AGENCY.NAME_MISSING');
  const agency = await resolveAgency(ctx, input.agencyName);
  const conversationId = conversationRecordId(input.conversationId);
  const conversation = await conversationsOf(ctx).get(conversationId);
  if (!conversation || conversation.status !== 'active') {
    throw new ValidationError('The bot is not installed in this team yet: add the app to the team first, then try again.', {}, 'AGENCY.CHANNEL_UNKNOWN');
  }
  const now = ctx.clock.now().toISOString();
  const updated = { ...agency, channelConversationId: conversationId, updatedAt: now, updatedBy: actor.aadObjectId };
  const [saved] = await ctx.stores.commit([
    ctx.stores.agencies.op.update(agency, updated),
    auditOperation({
      at: now,
      by: actor.aadObjectId,
      subjectKind: KIND.agency,
      subjectId: agency.id,
      operation: 'link-channel',
      before: { channelConversationId: agency.channelConversationId ?? null },
      after: { channelConversationId: conversationId },
    }),
  ]);
  return saved as Stored<Agency>;
}
