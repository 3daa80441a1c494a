import type { ConversationRecord } from '../../src/app/directory/record-installation';
import { KIND } from '../../src/app/kernel/kinds';
import { enqueue, newOutboxMessage } from '../../src/app/reminders/outbox';
import { PEOPLE } from './activities';
import { createTestContext, TestContext } from './test-context';

/** The one personal chat the outbox tests send to. */
export const OUTBOX_CHAT_ID = 'chat-1';

/** A test context on a Wednesday at 10:00 (inside the send window) with the police rep's personal chat recorded. */
export async function outboxTestContext(): Promise<TestContext> {
  const ctx = await createTestContext();
  ctx.clock.set('2026-11-25T10:00:00Z');
  const chat: ConversationRecord = {
    id: OUTBOX_CHAT_ID, conversationId: 'a:1', scope: 'personal', userAadObjectId: PEOPLE.policeRep.aadObjectId,
    reference: { serviceUrl: 'http://x/', conversation: { id: 'a:1' } }, status: 'active', installedAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
  };
  await ctx.store.upsert(KIND.conversation, ctx.partnershipId, chat);
  return ctx;
}

/** Queues one overdue reminder to that chat, due now, its text the idempotency key. */
export async function queueOutboxMessage(ctx: TestContext, key: string): Promise<void> {
  const now = ctx.clock.now();
  await enqueue(ctx, [{ message: newOutboxMessage({ idempotencyKey: key, policy: 'OVERDUE', recipient: { kind: 'member', id: 'm' }, conversationRecordId: OUTBOX_CHAT_ID, payload: { text: key }, notBefore: now.toISOString() }, now) }]);
}
