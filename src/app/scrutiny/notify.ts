import type { ReminderRecipient } from '../../domain/reminders/reminder-policy';
import type { WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { enqueue, EnqueueItem, newOutboxMessage, outboxOf, type OutboxPolicy } from '../reminders/outbox';
import { copyKey, RoutingDirectory } from '../reminders/reminder-routing';

/** An activity JSON (text and/or a card attachment) for the outbox to post. */
export type Payload = Record<string, unknown>;

/** One proactive message: who for, its idempotency key and what to post. */
export interface ScrutinyMessage {
  policy: OutboxPolicy;
  key: string;
  subjectId: string;
  recipient: ReminderRecipient;
  agencyId?: string;
  payload: Payload;
}

/**
 * Queues messages in the outbox (the drain sends them on its next round, within the tick interval), routed as
 * reminders are: a member's personal chat, else their agency channel, else the business unit. `alongside` is
 * written in the same commit as the first message, so a change and its notices are stored together or not at all.
 * Scrutiny notices are sent now, not held for the send window: an immediate concern is the same day by rule.
 */
export async function queueScrutinyMessages(ctx: AppContext, messages: readonly ScrutinyMessage[], alongside: WriteOperation[]): Promise<{ queued: number; unroutable: number }> {
  if (messages.length === 0) {
    if (alongside.length) await ctx.stores.commit(alongside);
    return { queued: 0, unroutable: 0 };
  }
  const directory = await RoutingDirectory.load(ctx, {});
  const now = ctx.clock.now();
  const items: EnqueueItem[] = [];
  let unroutable = 0;
  for (const message of messages) {
    const base = { policy: message.policy, subjectId: message.subjectId, recipient: message.recipient, agencyId: message.agencyId, payload: message.payload, notBefore: now.toISOString() };
    const route = directory.route(message.recipient, message.agencyId);
    const extra = items.length === 0 ? alongside : [];
    if (route.conversations.length === 0) {
      unroutable += 1;
      const dead = newOutboxMessage({ ...base, idempotencyKey: message.key, conversationRecordId: '' }, now);
      items.push({ message: { ...dead, status: 'dead', lastError: 'NO_ROUTE' }, alongside: extra });
      continue;
    }
    route.conversations.forEach((conversation, index) => {
      const idempotencyKey = index === 0 ? message.key : copyKey(message.key, conversation.id);
      items.push({ message: newOutboxMessage({ ...base, idempotencyKey, conversationRecordId: conversation.id }, now), alongside: items.length === 0 ? extra : [] });
    });
  }
  // Queued before (a repeated press): the change still has to be written, on its own.
  if (alongside.length && (await outboxOf(ctx).get(items[0].message.id))) {
    await ctx.stores.commit(alongside);
    items[0] = { message: items[0].message };
  }
  const written = await enqueue(ctx, items);
  return { queued: written.queued, unroutable };
}

/** The card payload shape the outbox posts. */
export function cardPayload(text: string, card: object): Payload {
  return { type: 'message', text, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
}
