import type { Agency } from '../../domain/directory/agency';
import type { Member } from '../../domain/directory/member';
import type { ReminderRecipient } from '../../domain/reminders/reminder-policy';
import type { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { fallbackPayload, newOutboxMessage, OutboxMessage } from './outbox';
import { readPaiChannelSetting } from '../directory/pai-channel';
import { conversationsOf, type ConversationRecord } from '../directory/record-installation';

/** Conversations configured rather than discovered: the PAI channel and, optionally, the business unit's. */
export interface ReminderRouting {
  /** Store id (conversationRecordId) of the PAI subgroup's channel: digests and PAI escalations go there. */
  paiConversationRecordId?: string;
  /** Store id of the business unit's channel; when unset, the LSBU officers' personal chats are used. */
  businessUnitConversationRecordId?: string;
}

/** Where a message goes: the conversations in order of preference, and whether that is the intended one. */
export interface Route {
  conversations: Stored<ConversationRecord>[];
  /** 'direct' when it reaches the intended recipient; otherwise the fallback rung used. */
  via: 'direct' | 'agency' | 'business-unit' | 'none';
}

/**
 * Who can be reached where, loaded once per tick (conversations, members, agencies: hundreds to thousands of small
 * records), so routing 5,000 reminders costs no store queries. The fallback ladder is the platform answer to a
 * lost conversation (docs/design/platform.md): the agency channel, then the business unit, and an admin is told.
 */
export class RoutingDirectory {
  private constructor(
    private readonly conversations: Map<string, Stored<ConversationRecord>>,
    private readonly personalChats: Map<string, Stored<ConversationRecord>>,
    readonly members: Map<string, Stored<Member>>,
    readonly agencies: Map<string, Stored<Agency>>,
    private readonly routing: ReminderRouting,
    private readonly adminIds: readonly string[],
  ) {}

  /** Reads the routing facts; a caller that has just listed the members and agencies passes them in. */
  static async load(ctx: AppContext, routing: ReminderRouting, known: { members?: Stored<Member>[]; agencies?: Stored<Agency>[] } = {}): Promise<RoutingDirectory> {
    const [conversations, members, agencies, linkedPai] = await Promise.all([
      conversationsOf(ctx).all(),
      known.members ?? ctx.stores.members.all(),
      known.agencies ?? ctx.stores.agencies.all(),
      readPaiChannelSetting(ctx),
    ]);
    // The channel the chair linked in Teams (`link pai channel`) wins over the one configured at deployment.
    const effective: ReminderRouting = { ...routing, paiConversationRecordId: linkedPai?.conversationRecordId ?? routing.paiConversationRecordId };
    const personal = new Map<string, Stored<ConversationRecord>>();
    for (const record of conversations) {
      if (record.scope === 'personal' && record.userAadObjectId && record.status === 'active') personal.set(record.userAadObjectId, record);
    }
    return new RoutingDirectory(
      new Map(conversations.map((record) => [record.id, record])),
      personal,
      new Map(members.map((member) => [member.id, member])),
      new Map(agencies.map((agency) => [agency.id, agency])),
      effective,
      ctx.adminAadObjectIds,
    );
  }

  /** The stored conversation, whatever its status (the sender needs its reference). */
  conversation(recordId: string): Stored<ConversationRecord> | undefined {
    return this.conversations.get(recordId);
  }

  /** Remembers a lost conversation for the rest of the tick, so later messages skip it. */
  forget(recordId: string): void {
    const record = this.conversations.get(recordId);
    if (!record) return;
    this.conversations.set(recordId, { ...record, status: 'gone' });
    if (record.userAadObjectId && this.personalChats.get(record.userAadObjectId)?.id === recordId) this.personalChats.delete(record.userAadObjectId);
  }

  private active(recordId: string | undefined): Stored<ConversationRecord> | undefined {
    const record = recordId ? this.conversations.get(recordId) : undefined;
    return record?.status === 'active' ? record : undefined;
  }

  private memberChat(memberId: string): Stored<ConversationRecord> | undefined {
    return this.members.get(memberId)?.active ? this.personalChats.get(memberId) : undefined;
  }

  private agencyChannel(agencyId: string | undefined): Stored<ConversationRecord> | undefined {
    return this.active(agencyId ? this.agencies.get(agencyId)?.channelConversationId : undefined);
  }

  /** The business unit: its configured channel, or every active LSBU officer's personal chat. */
  businessUnit(): Stored<ConversationRecord>[] {
    const configured = this.active(this.routing.businessUnitConversationRecordId);
    if (configured) return [configured];
    return [...this.members.values()]
      .filter((member) => member.active && member.roles.includes('LSBU_OFFICER'))
      .map((member) => this.personalChats.get(member.id))
      .filter((record): record is Stored<ConversationRecord> => record !== undefined);
  }

  /** The first reachable rung for a recipient, skipping `exclude` (the conversation that just went away). */
  route(recipient: ReminderRecipient, agencyId: string | undefined, exclude?: string): Route {
    const usable = (record: Stored<ConversationRecord> | undefined) => (record && record.id !== exclude ? record : undefined);
    const memberAgency = recipient.kind === 'member' ? this.members.get(recipient.id)?.agencyId : undefined;
    const direct =
      recipient.kind === 'member' ? this.memberChat(recipient.id) : recipient.kind === 'agency' ? this.agencyChannel(recipient.id) : this.active(this.routing.paiConversationRecordId);
    if (usable(direct)) return { conversations: [direct as Stored<ConversationRecord>], via: 'direct' };
    if (recipient.kind === 'member') {
      const channel = usable(this.agencyChannel(agencyId ?? memberAgency)) ?? usable(this.agencyChannel(memberAgency));
      if (channel) return { conversations: [channel], via: 'agency' };
    }
    const unit = this.businessUnit().filter((record) => record.id !== exclude);
    return unit.length > 0 ? { conversations: unit, via: 'business-unit' } : { conversations: [], via: 'none' };
  }

  /** Personal chats of the admins (registered ADMIN members and the bootstrap admins), or the business unit. */
  admins(): Stored<ConversationRecord>[] {
    const ids = new Set([...this.adminIds, ...[...this.members.values()].filter((member) => member.active && member.roles.includes('ADMIN')).map((member) => member.id)]);
    const chats = [...ids].map((id) => this.personalChats.get(id)).filter((record): record is Stored<ConversationRecord> => record !== undefined);
    return chats.length > 0 ? chats : this.businessUnit();
  }

  /** A readable name for notes: the member's or agency's name, or "the PAI channel". */
  nameOf(recipient: { kind: string; id: string }): string {
    if (recipient.kind === 'member') return this.members.get(recipient.id)?.name ?? 'a member';
    if (recipient.kind === 'agency') return this.agencies.get(recipient.id)?.name ?? 'an agency';
    if (recipient.kind === 'pai') return 'the PAI channel';
    return 'an administrator';
  }
}

/** The key of a copy of `key` sent to another conversation: unique per target, so a restart never doubles it. */
export function copyKey(key: string, conversationRecordId: string): string {
  return `${key}>${conversationRecordId}`;
}

/**
 * What to queue when `message`'s conversation is gone: copies to the next rung of its recipient's ladder, and a
 * notice for the admins (one per lost conversation per day).
 */
export function fallbacksFor(directory: RoutingDirectory, message: OutboxMessage, code: string, now: Date, today: string): OutboxMessage[] {
  directory.forget(message.conversationRecordId);
  const recipient = message.recipient as ReminderRecipient;
  const lost = directory.conversation(message.conversationRecordId);
  const route = message.policy === 'ADMIN_NOTICE' ? { conversations: [], via: 'none' as const } : directory.route(recipient, message.agencyId, message.conversationRecordId);
  const note = `Forwarded here: the bot could not reach ${directory.nameOf(recipient)} in Teams (the app may have been removed there). Please pass this on.`;
  const copies = route.conversations.map((conversation) =>
    newOutboxMessage(
      {
        idempotencyKey: copyKey(message.idempotencyKey, conversation.id),
        policy: message.policy,
        subjectId: message.subjectId,
        dueDate: message.dueDate,
        recipient: message.recipient,
        agencyId: message.agencyId,
        conversationRecordId: conversation.id,
        payload: fallbackPayload(message.payload, note),
        notBefore: message.notBefore,
        fallbackOf: message.id,
      },
      now,
    ),
  );
  const where = lost?.scope === 'personal' ? `the personal chat with ${directory.nameOf({ kind: 'member', id: lost.userAadObjectId ?? '' })}` : `a ${lost?.scope ?? 'conversation'}`;
  const sentTo = route.via === 'none' ? 'nobody else could be reached' : `it went to ${route.via === 'agency' ? 'the agency channel' : 'the business unit'} instead`;
  const notices = directory
    .admins()
    .filter((conversation) => conversation.id !== message.conversationRecordId)
    .map((conversation) =>
      newOutboxMessage(
        {
          idempotencyKey: `ADMIN_NOTICE|${message.conversationRecordId}|${today}|conversation:${conversation.id}`,
          policy: 'ADMIN_NOTICE',
          subjectId: message.conversationRecordId,
          recipient: { kind: 'admin', id: conversation.userAadObjectId ?? conversation.id },
          conversationRecordId: conversation.id,
          payload: {
            type: 'message',
            text: `Assurance Bot can no longer post to ${where} (${code}). A ${message.policy} message was affected; ${sentTo}. Reinstall the app there, or update the member or agency record.`,
          },
          notBefore: message.notBefore,
        },
        now,
      ),
    );
  return [...copies, ...notices];
}
