import { KIND } from '../../../src/app/kernel/kinds';
import type { OutboxMessage } from '../../../src/app/reminders/outbox';
import { DEFAULT_SEND_SETTINGS, drainOutbox } from '../../../src/app/reminders/send-outbox';
import { listAll } from '../../../src/ports/document-store';
import type { Sender } from '../../../src/ports/sender';
import { outboxTestContext, queueOutboxMessage } from '../../support/outbox-fixtures';
import type { TestContext } from '../../support/test-context';

describe('drainOutbox at shutdown', () => {
  let ctx: TestContext;

  beforeEach(async () => {
    ctx = await outboxTestContext();
    for (const key of ['k1', 'k2', 'k3']) await queueOutboxMessage(ctx, key);
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
