import { KIND } from '../../src/app/kernel/kinds';
import { acquireLease, releaseLease, renewLease } from '../../src/app/reminders/lease';
import { deliveryReport } from '../../src/app/reminders/delivery-report';
import { claim, enqueue, listDue, markDead, markGone, markSent, newOutboxMessage, OutboxMessage, sweepOutbox } from '../../src/app/reminders/outbox';
import { listAll } from '../../src/ports/document-store';
import type { ConversationRecord } from '../../src/app/directory/record-installation';
import { bothStores } from '../support/both-stores';
import { createTestContext, TestContext } from '../support/test-context';

/** Leases and the outbox rest on the store's create/etag guarantees: both stores must give the same answers. */
const stores = bothStores();

function message(key: string, now: Date, extra: Partial<OutboxMessage> = {}): OutboxMessage {
  return newOutboxMessage(
    { idempotencyKey: key, policy: 'OVERDUE', recipient: { kind: 'member', id: 'm1' }, conversationRecordId: 'c1', payload: { type: 'message', text: key }, notBefore: now.toISOString(), ...extra },
    now,
  );
}

describe.each(stores)('lease and outbox contract: %s', (_name, open) => {
  let ctx: TestContext;

  beforeEach(async () => {
    ctx = await createTestContext(await open());
  });
  afterEach(async () => {
    await ctx.store.close();
  });

  it('gives the lease to one holder at a time, renews it for its holder, and lets it lapse', async () => {
    const first = await acquireLease(ctx, 'tick', 'instance-a', 60_000);
    expect(first?.holderId).toBe('instance-a');
    expect(await acquireLease(ctx, 'tick', 'instance-b', 60_000)).toBeUndefined();
    const renewed = await renewLease(ctx, first!, 60_000);
    expect(renewed).toBeDefined();
    ctx.clock.advance(61_000);
    const taken = await acquireLease(ctx, 'tick', 'instance-b', 60_000);
    expect(taken?.holderId).toBe('instance-b');
    expect(await renewLease(ctx, renewed!, 60_000)).toBeUndefined();
    await releaseLease(ctx, taken!);
    expect((await acquireLease(ctx, 'tick', 'instance-c', 60_000))?.holderId).toBe('instance-c');
  });

  it('lets exactly one of several racing instances take a free lease', async () => {
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((holder) => acquireLease(ctx, 'race', holder, 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    ctx.clock.advance(60_001);
    const takeover = await Promise.all(['e', 'f', 'g'].map((holder) => acquireLease(ctx, 'race', holder, 60_000)));
    expect(takeover.filter(Boolean)).toHaveLength(1);
  });

  it('writes the delivered activity id onto the record that names the message, and not onto one a later post took over', async () => {
    const now = ctx.clock.now();
    const keeper = { kind: KIND.postedCard, id: 'card-1' };
    const [first, second] = (await enqueue(ctx, [{ message: message('post-1', now, { activityIdFor: keeper }) }, { message: message('post-2', now, { activityIdFor: keeper }) }])).messages;
    // The card was posted again before the first post went out: the record names the second message.
    await ctx.store.upsert(KIND.postedCard, ctx.partnershipId, { id: 'card-1', outboxId: second.id });
    expect(await markSent(ctx, (await claim(ctx, first, 'a', 60_000))!, 'activity-1')).toMatchObject({ status: 'sent', activityId: 'activity-1' });
    expect((await ctx.store.get<{ activityId?: string }>(KIND.postedCard, ctx.partnershipId, 'card-1'))?.activityId).toBeUndefined();
    expect(await markSent(ctx, (await claim(ctx, second, 'a', 60_000))!, 'activity-2')).toMatchObject({ status: 'sent', activityId: 'activity-2' });
    expect(await ctx.store.get(KIND.postedCard, ctx.partnershipId, 'card-1')).toMatchObject({ outboxId: second.id, activityId: 'activity-2' });
  });

  it('queues a message once however often, or however concurrently, it is enqueued', async () => {
    const now = ctx.clock.now();
    const first = await enqueue(ctx, [{ message: message('k1', now) }, { message: message('k2', now) }]);
    expect(first).toMatchObject({ queued: 2, alreadyQueued: 0 });
    expect(first.messages.map((stored) => [stored.idempotencyKey, typeof stored.etag])).toEqual([['k1', 'string'], ['k2', 'string']]);
    expect(await enqueue(ctx, [{ message: message('k1', now) }])).toMatchObject({ queued: 0, alreadyQueued: 1, messages: [] });
    const racing = await Promise.all([1, 2, 3].map(() => enqueue(ctx, [{ message: message('k3', now) }, { message: message('k4', now) }])));
    expect(racing.reduce((sum, result) => sum + result.queued, 0)).toBe(2);
    expect((await ctx.store.list(KIND.outbox, ctx.partnershipId)).items).toHaveLength(4);
  });

  it('writes the records queued alongside a message in the same commit', async () => {
    const now = ctx.clock.now();
    const request = { id: 'req-1', reviewId: 'r1' };
    await enqueue(ctx, [{ message: message('with-request', now), alongside: [{ op: 'create', kind: KIND.assuranceRequest, doc: request }] }]);
    expect(await ctx.store.get(KIND.assuranceRequest, ctx.partnershipId, 'req-1')).toBeDefined();
  });

  it('hands a message to one claimer only, and sends nothing before its time', async () => {
    const now = ctx.clock.now();
    await enqueue(ctx, [{ message: message('now', now) }, { message: message('later', now, { notBefore: new Date(now.getTime() + 3_600_000).toISOString() }) }]);
    const due = await listDue(ctx, now);
    expect(due.map((item) => item.message.idempotencyKey)).toEqual(['now']);
    const claims = await Promise.all(['a', 'b'].map((holder) => claim(ctx, due[0].message, holder, 30_000)));
    const winner = claims.filter(Boolean);
    expect(winner).toHaveLength(1);
    expect(await listDue(ctx, ctx.clock.now())).toHaveLength(0);
    const sent = await markSent(ctx, winner[0]!, 'activity-1');
    expect(sent).toMatchObject({ status: 'sent', activityId: 'activity-1', attempts: 1 });
    ctx.clock.advance(3_600_000);
    expect((await listDue(ctx, ctx.clock.now())).map((item) => item.message.idempotencyKey)).toEqual(['later']);
  });

  it('offers a message again when its sender died holding the claim, and refuses the dead sender a late write', async () => {
    const now = ctx.clock.now();
    await enqueue(ctx, [{ message: message('crash', now) }]);
    const [due] = await listDue(ctx, now);
    const stale = await claim(ctx, due.message, 'dead-instance', 30_000);
    ctx.clock.advance(30_001);
    const [again] = await listDue(ctx, ctx.clock.now());
    expect(again.message.idempotencyKey).toBe('crash');
    const retaken = await claim(ctx, again.message, 'new-instance', 30_000);
    expect(retaken?.attempts).toBe(2);
    expect(await markSent(ctx, stale!, 'late')).toBeUndefined();
  });

  it('marks a message and its conversation gone and queues the fallback in one commit', async () => {
    const now = ctx.clock.now();
    const conversation: ConversationRecord = {
      id: 'c1', conversationId: 'a:1', scope: 'personal', userAadObjectId: 'm1', reference: {}, status: 'active', installedAt: now.toISOString(), updatedAt: now.toISOString(),
    };
    const stored = await ctx.store.upsert(KIND.conversation, ctx.partnershipId, conversation);
    await enqueue(ctx, [{ message: message('lost', now) }]);
    const [due] = await listDue(ctx, now);
    const claimed = await claim(ctx, due.message, 'a', 30_000);
    const fallback = message('lost>channel', now, { conversationRecordId: 'c2', fallbackOf: claimed!.id });
    const gone = await markGone(ctx, claimed!, 'BotNotInConversationRoster', stored as ConversationRecord, [fallback]);
    expect(gone).toMatchObject({ status: 'gone', reroutedTo: [fallback.id] });
    expect(await ctx.store.get(KIND.conversation, ctx.partnershipId, 'c1')).toMatchObject({ status: 'gone' });
    expect(await ctx.store.get(KIND.outbox, ctx.partnershipId, fallback.id)).toMatchObject({ status: 'pending', fallbackOf: claimed!.id });
  });

  it('lists due messages through (status, readyAt): later ones and finished ones are left out, older records without readyAt still count', async () => {
    const now = ctx.clock.now();
    const later = new Date(now.getTime() + 3_600_000);
    const legacy: Partial<OutboxMessage> = { ...message('legacy', now) };
    delete legacy.readyAt;
    await enqueue(ctx, [{ message: message('now', now) }, { message: message('later', now, { notBefore: later.toISOString() }) }, { message: legacy as OutboxMessage }]);
    const [sent] = (await listDue(ctx, now)).filter((due) => due.message.idempotencyKey === 'now');
    await markSent(ctx, (await claim(ctx, sent.message, 'me', 60_000))!, 'activity-1');
    expect((await listDue(ctx, now)).map((due) => due.message.idempotencyKey)).toEqual(['legacy']);
    expect((await listDue(ctx, now, 3_600_000)).map((due) => due.message.idempotencyKey).sort()).toEqual(['later', 'legacy']);
  });

  it('the retention sweep deletes sent and dead messages older than the limit and the delivery report keeps their counts', async () => {
    const start = ctx.clock.now();
    await enqueue(ctx, [{ message: message('old-sent', start) }, { message: message('old-dead', start) }, { message: message('waiting', start, { notBefore: new Date(start.getTime() + 200 * 86_400_000).toISOString() }) }]);
    const due = await listDue(ctx, start);
    const byKey = new Map(due.map((item) => [item.message.idempotencyKey, item.message]));
    await markSent(ctx, (await claim(ctx, byKey.get('old-sent')!, 'me', 60_000))!, 'activity-1');
    await markDead(ctx, (await claim(ctx, byKey.get('old-dead')!, 'me', 60_000))!, 'Refused');
    ctx.clock.advance(30 * 86_400_000);
    expect(await sweepOutbox(ctx, 90)).toBe(0);
    ctx.clock.advance(61 * 86_400_000);
    await enqueue(ctx, [{ message: message('recent', ctx.clock.now()) }]);
    expect(await sweepOutbox(ctx, 90)).toBe(2);
    const left = (await listAll<OutboxMessage>(ctx.store, KIND.outbox, ctx.partnershipId)).map((kept) => kept.idempotencyKey).sort();
    expect(left).toEqual(['recent', 'waiting']);
    const report = await deliveryReport(ctx, { aadObjectId: 'admin', name: 'Admin', roles: ['ADMIN'] });
    expect(report.totals).toMatchObject({ sent: 1, dead: 1, pending: 2 });
  });
});
