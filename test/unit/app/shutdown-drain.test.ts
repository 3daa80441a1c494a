import { KIND } from '../../../src/app/kernel/kinds';
import { enqueue, newOutboxMessage, OutboxMessage } from '../../../src/app/reminders/outbox';
import type { ConversationRecord } from '../../../src/app/directory/record-installation';
import { DEFAULT_SEND_SETTINGS, drainOutbox } from '../../../src/app/reminders/send-outbox';
import { listAll } from '../../../src/ports/document-store';
import type { Sender } from '../../../src/ports/sender';
import { PEOPLE } from '../../support/activities';
import { createTestContext, TestContext } from '../../support/test-context';

describe('drainOutbox at shutdown', () => {
  let ctx: TestContext;

  beforeEach(async () => {
    ctx = await createTestContext();
    ctx.clock.set('2026-11-25T10:00:00Z');
    const chat: ConversationRecord = {
      id: 'chat-1', conversationId: 'a:1', scope: 'personal', userAadObjectId: PEOPLE.policeRep.aadObjectId,
      reference: { serviceUrl: 'http://x/', conversation: { id: 'a:1' } }, status: 'active', installedAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
    };
    await ctx.store.upsert(KIND.conversation, ctx.partnershipId, chat);
    for (const key of ['k1', 'k2', 'k3']) {
      await enqueue(ctx, [{ message: newOutboxMessage({ idempotencyKey: key, policy: 'OVERDUE', recipient: { kind: 'member', id: 'm' }, conversationRecordId: 'chat-1', payload: { text: key }, notBefore: ctx.clock.now().toISOString() }, ctx.clock.now()) }]);
    }
  });

  it('finishes and records the send in flight, takes no new message, and leaves the rest pending', async () => {
    const stop = new AbortController();
    let release: () => void = () => undefined;
    const sent: string[] = [];
    const sender: Sender = {
      async send(_reference, _activity, options) {
        sent.push(options.idempotencyKey);
        // The first send is still in flight when shutdown begins.
        if (sent.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return { status: 'sent', activityId: `activity-${options.idempotencyKey}` };
      },
    };
    const draining = drainOutbox(ctx, {
      sender, routing: {}, sending: { ...DEFAULT_SEND_SETTINGS, maxInFlight: 1 }, holderId: 'test', signal: stop.signal,
      wait: async (ms) => ctx.clock.advance(ms),
    });
    while (sent.length === 0) await new Promise((resolve) => setImmediate(resolve));
    stop.abort();
    release();
    expect(await draining).toMatchObject({ sent: 1 });
    expect(sent).toHaveLength(1);
    const messages = await listAll<OutboxMessage>(ctx.store, KIND.outbox, ctx.partnershipId);
    expect(messages.map((message) => message.status).sort()).toEqual(['pending', 'pending', 'sent']);
  });
});
