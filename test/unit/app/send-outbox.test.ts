import { KIND } from '../../../src/app/kernel/kinds';
import { acquireLease } from '../../../src/app/reminders/lease';
import { deliveryReport } from '../../../src/app/reminders/delivery-report';
import type { OutboxMessage } from '../../../src/app/reminders/outbox';
import { Pacer } from '../../../src/app/reminders/pacer';
import { createDigestRenderer } from '../../../src/cards/digest-card';
import { ReminderJobDeps, runReminderTick, TICK_LEASE } from '../../../src/app/reminders/run-reminder-tick';
import { DEFAULT_SEND_SETTINGS, drainOutbox } from '../../../src/app/reminders/send-outbox';
import { identifyUser } from '../../../src/app/directory/identify-user';
import type { DeliveryResult, Sender } from '../../../src/ports/sender';
import { listAll } from '../../../src/ports/document-store';
import { PEOPLE } from '../../support/activities';
import { putAction } from '../../support/reminder-fixtures';
import { outboxTestContext, queueOutboxMessage } from '../../support/outbox-fixtures';
import { addStandardMembers, TestContext } from '../../support/test-context';

/** A sender that answers from a script and records what it was asked to send. */
function scriptedSender(answer: (key: string, call: number) => DeliveryResult): Sender & { keys: string[] } {
  const keys: string[] = [];
  return {
    keys,
    async send(_reference, _activity, options) {
      keys.push(options.idempotencyKey);
      return answer(options.idempotencyKey, keys.length);
    },
  };
}

describe('drainOutbox and the tick', () => {
  let ctx: TestContext;
  const wait = async (ms: number) => ctx.clock.advance(ms);
  const deps = (sender: Sender, sending = {}): ReminderJobDeps => ({
    sender, render: createDigestRenderer(), routing: {}, sending: { ...DEFAULT_SEND_SETTINGS, maxWaitMs: 3_600_000, ...sending }, holderId: 'test', wait, leaseTtlMs: 300_000,
  });

  beforeEach(async () => {
    ctx = await outboxTestContext();
  });

  const queueOne = (key: string) => queueOutboxMessage(ctx, key);
  const stored = async () => listAll<OutboxMessage>(ctx.store, KIND.outbox, ctx.partnershipId);

  it('retries a retryable failure with backoff and dead-letters it after the last attempt', async () => {
    await queueOne('k1');
    const sender = scriptedSender(() => ({ status: 'failed', code: 'ServiceError', retryable: true }));
    const result = await drainOutbox(ctx, deps(sender, { maxAttempts: 3 }));
    expect(sender.keys).toEqual(['k1', 'k1', 'k1']);
    expect(result).toMatchObject({ sent: 0, retried: 2, dead: 1 });
    expect((await stored())[0]).toMatchObject({ status: 'dead', attempts: 3, lastError: 'ServiceError' });
  });

  it('dead-letters a refused message at once and sends the rest', async () => {
    await queueOne('bad');
    await queueOne('good');
    const sender = scriptedSender((key) => (key === 'bad' ? { status: 'failed', code: 'BadArgument', retryable: false } : { status: 'sent', activityId: 'x' }));
    expect(await drainOutbox(ctx, deps(sender))).toMatchObject({ sent: 1, dead: 1, retried: 0 });
  });

  it('honours Retry-After before trying a throttled message again', async () => {
    await queueOne('k1');
    const sender = scriptedSender((_key, call) => (call === 1 ? { status: 'throttled', retryAfterMs: 5_000 } : { status: 'sent', activityId: 'x' }));
    const start = ctx.clock.now().getTime();
    expect(await drainOutbox(ctx, deps(sender))).toMatchObject({ sent: 1, throttled: 1 });
    const [message] = await stored();
    expect(Date.parse(message.sentAt as string) - start).toBeGreaterThanOrEqual(5_000);
  });

  it('records a digest nobody can receive as dead (NO_ROUTE) and counts it in the delivery report', async () => {
    await addStandardMembers(ctx);
    await putAction(ctx, { id: 'a1', agencyId: 'lthtr', responsibleOfficerId: PEOPLE.healthRep.aadObjectId, currentTargetDate: '2026-11-24' });
    const tick = await runReminderTick(ctx, deps(scriptedSender(() => ({ status: 'sent', activityId: 'x' }))));
    expect(tick).toMatchObject({ ran: true, queue: { due: 1, unroutable: 1 }, delivery: { sent: 0 } });
    const admin = await identifyUser(ctx, PEOPLE.admin.aadObjectId, PEOPLE.admin.name);
    const report = await deliveryReport(ctx, admin);
    expect(report.rows).toEqual([{ policy: 'DIGEST', agencyId: 'lthtr', counts: expect.objectContaining({ dead: 1, sent: 0 }) }]);
  });

  it('sends nothing outside the send window, even a message due earlier, and sends it when the window opens', async () => {
    await queueOne('due-at-ten');
    ctx.clock.set('2026-11-25T18:30:00Z'); // Wednesday evening
    const sender = scriptedSender(() => ({ status: 'sent', activityId: 'x' }));
    expect(await drainOutbox(ctx, deps(sender))).toMatchObject({ sent: 0 });
    ctx.clock.set('2026-11-28T10:00:00Z'); // Saturday
    expect(await drainOutbox(ctx, deps(sender))).toMatchObject({ sent: 0 });
    ctx.clock.set('2026-11-30T08:00:00Z'); // Monday 08:00 London (GMT)
    expect(await drainOutbox(ctx, deps(sender))).toMatchObject({ sent: 1 });
    expect(sender.keys).toEqual(['due-at-ten']);
  });

  it('does nothing while another instance holds the tick lease', async () => {
    await queueOne('k1');
    await acquireLease(ctx, TICK_LEASE, 'other-instance', 300_000);
    const sender = scriptedSender(() => ({ status: 'sent', activityId: 'x' }));
    expect(await runReminderTick(ctx, deps(sender))).toEqual({ ran: false, reason: 'LEASE_HELD' });
    expect(sender.keys).toEqual([]);
  });
});

describe('Pacer', () => {
  it('spaces tenant slots by 1/rate and a conversation by its interval, whoever asks', () => {
    const pacer = new Pacer(10, 600);
    const slots = ['a', 'b', 'c', 'a', 'd'].map((conversation) => pacer.reserve(conversation, 0));
    expect(slots).toEqual([0, 100, 200, 600, 700]);
  });

  it('lets a late worker catch up at most one missed tenant slot, then spaces sends again', () => {
    const pacer = new Pacer(10, 0);
    expect(pacer.reserve('a', 0)).toBe(0);
    expect(['b', 'c', 'd', 'e', 'f'].map((conversation) => pacer.reserve(conversation, 1_000))).toEqual([1_000, 1_000, 1_100, 1_200, 1_300]);
  });

  it('holds a throttled conversation for Retry-After and the tenant for at most a second', () => {
    const pacer = new Pacer(10, 600);
    pacer.backOff('a', 0, 5_000);
    expect(pacer.reserve('b', 0)).toBe(1_000);
    expect(pacer.reserve('a', 0)).toBe(5_000);
  });
});
