import type { IsoDate } from '../../domain/calendar';
import { AlreadyExistsError, ConflictError, NotFoundError } from '../../domain/errors';
import type { ReminderPolicy } from '../../domain/reminders/reminder-policy';
import { hashedIdOf, MAX_OPERATIONS_PER_COMMIT, Stored, WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { KIND } from '../kernel/kinds';
import { collection, type Collection } from '../kernel/records';
import { conversationsOf, type ConversationRecord } from '../directory/record-installation';

/**
 * pending: waiting for notBefore; sending: claimed by a sender (in flight until claimExpiresAt); sent; failed: the
 * last attempt failed and another is due at nextAttemptAt; dead: gave up (attempts spent, refused, or no route);
 * gone: the conversation no longer takes the bot's messages and the message was rerouted.
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'dead', 'gone'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * Reminders (a tick's DIGEST per recipient), Section 11 and scrutiny cards and notices, the notice that tells an
 * admin a conversation was lost, and what users send on purpose: action cards (`post actions`) and shared reports.
 */
export type OutboxPolicy =
  | ReminderPolicy | 'DIGEST' | 'ADMIN_NOTICE' | 'S11_INVITATION' | 'S11_FEEDBACK' | 'SCRUTINY_CASE_AUDIT' | 'SCRUTINY_SELF_EVALUATION' | 'SCRUTINY_CONCERN'
  | 'ACTION_POST' | 'REPORT_SHARE';

/**
 * A proactive message, written before it is sent (docs/design/architecture.md rule 7). Its id is a hash of the idempotency
 * key, so queueing the same reminder twice finds the first and a crash never loses one.
 */
export interface OutboxMessage {
  id: string;
  idempotencyKey: string;
  policy: OutboxPolicy;
  subjectId?: string;
  dueDate?: IsoDate;
  /** Who the message was meant for (before any fallback). */
  recipient: { kind: string; id: string };
  /** The agency it concerns, for the delivery report; undefined for partnership-wide messages. */
  agencyId?: string;
  /** Store id of the ConversationRecord it goes to. */
  conversationRecordId: string;
  /** The activity JSON to post: text and/or an Adaptive Card attachment. */
  payload: Record<string, unknown>;
  /** ISO instant: not sent before (the send window, domain/reminder-policy.ts). */
  notBefore: string;
  status: OutboxStatus;
  attempts: number;
  lastError?: string;
  nextAttemptAt?: string;
  claimedBy?: string;
  claimExpiresAt?: string;
  sentAt?: string;
  /** The posted message's id in Teams, from the delivery result. */
  activityId?: string;
  /**
   * A record that keeps the posted message's activity id (a posted action card, so it can be refreshed in place
   * later): written with the sent mark, while the record still names this message in `outboxId`.
   */
  activityIdFor?: { kind: string; id: string };
  /** On a fallback copy: the id of the message whose conversation was gone. */
  fallbackOf?: string;
  /** On a gone message: the ids of the messages sent instead. */
  reroutedTo?: string[];
  /**
   * ISO instant the message is listed by (with its status, through the store's index): when a waiting message may
   * next be tried, or when a finished one (sent, dead, gone) finished, for the retention sweep.
   */
  readyAt?: string;
  createdAt: string;
  updatedAt: string;
}

/** A message that has been read from the store (it carries the etag every later write is conditional on). */
export type StoredOutboxMessage = Stored<OutboxMessage>;

/** The partnership's outbox, typed (kernel/records.ts). */
export function outboxOf(ctx: AppContext): Collection<OutboxMessage> {
  return collection<OutboxMessage>(ctx.store, ctx.partnershipId, KIND.outbox);
}

/** Outbox ids are fixed-length hashes: keys may hold characters Cosmos ids refuse, and may be long. */
export function outboxIdOf(idempotencyKey: string): string {
  return hashedIdOf(idempotencyKey);
}

/** A new pending message with its id derived from the key. */
export function newOutboxMessage(
  fields: Omit<OutboxMessage, 'id' | 'status' | 'attempts' | 'createdAt' | 'updatedAt'>,
  now: Date,
): OutboxMessage {
  return { ...fields, id: outboxIdOf(fields.idempotencyKey), status: 'pending', attempts: 0, readyAt: fields.notBefore, createdAt: now.toISOString(), updatedAt: now.toISOString() };
}

/** One message to queue, with records that must be written in the same commit (e.g. the assurance request it opens). */
export interface EnqueueItem {
  message: OutboxMessage;
  alongside?: WriteOperation[];
}

/**
 * A commit's budget in writes, counted as the store counts them: MAX_OPERATIONS_PER_COMMIT writes of any kind, each
 * with the two report-mirror shards it may carry. Outbox messages and digest cursors carry none (they are neither
 * summarised nor mirrored), so they count as one: a digest queue fills its commits as before the mirrors.
 */
const ENQUEUE_BUDGET = MAX_OPERATIONS_PER_COMMIT * 3;
const enqueueWeightOf = (operation: WriteOperation): number => (operation.kind === KIND.outbox || operation.kind === KIND.digestCursor ? 1 : 3);

/**
 * Writes messages that are not queued yet; an id already present means "already queued" and is skipped, never
 * doubled. Items go in commits of up to 100 writes; if a commit meets a racing writer, its items go one by one.
 */
export async function enqueue(
  ctx: AppContext,
  items: readonly EnqueueItem[],
  /** `checked`: the caller has just looked each id up, so skip the second read (a race still lands on the per-item path). */
  options: { checked?: boolean } = {},
): Promise<{ queued: number; alreadyQueued: number; messages: StoredOutboxMessage[] }> {
  let alreadyQueued = 0;
  const messages: StoredOutboxMessage[] = [];
  const fresh: EnqueueItem[] = [];
  const outbox = outboxOf(ctx);
  for (const item of items) {
    if (!options.checked && (await outbox.get(item.message.id))) alreadyQueued += 1;
    else fresh.push(item);
  }
  const operationsOf = (item: EnqueueItem): WriteOperation[] => [outbox.op.create(item.message), ...(item.alongside ?? [])];
  /** The stored outbox records among a commit's results (each item's first write is its message). */
  const keep = (group: readonly EnqueueItem[], results: (Stored<object> | undefined)[]) => {
    let index = 0;
    for (const item of group) {
      messages.push(results[index] as StoredOutboxMessage);
      index += 1 + (item.alongside?.length ?? 0);
    }
  };
  let batch: EnqueueItem[] = [];
  let size = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    try {
      keep(batch, await ctx.stores.commit(batch.flatMap(operationsOf)));
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      for (const item of batch) {
        try {
          keep([item], await ctx.stores.commit(operationsOf(item)));
        } catch (inner) {
          if (!(inner instanceof AlreadyExistsError)) throw inner;
          alreadyQueued += 1;
        }
      }
    }
    batch = [];
    size = 0;
  };
  for (const item of fresh) {
    const count = [outbox.op.create(item.message), ...(item.alongside ?? [])].reduce((sum, operation) => sum + enqueueWeightOf(operation), 0);
    if (size + count > ENQUEUE_BUDGET) await flush();
    batch.push(item);
    size += count;
  }
  await flush();
  return { queued: messages.length, alreadyQueued, messages };
}

/** A message a sender may take now or soon, with the instant it becomes ready. */
export interface DueMessage {
  message: StoredOutboxMessage;
  readyAt: number;
}

/** The instant a waiting message may next be tried. */
export function readyAtOf(message: OutboxMessage): number {
  const notBefore = Date.parse(message.notBefore);
  if (message.status === 'failed') return Math.max(notBefore, Date.parse(message.nextAttemptAt ?? message.notBefore));
  if (message.status === 'sending') return Math.max(notBefore, Date.parse(message.claimExpiresAt ?? message.notBefore));
  return notBefore;
}

/** The `readyAt` a message is indexed by after a change: its next try while waiting, else when it finished. */
export function indexedReadyAt(message: OutboxMessage): string {
  if (message.status === 'pending' || message.status === 'failed' || message.status === 'sending') return new Date(readyAtOf(message)).toISOString();
  return message.sentAt ?? message.updatedAt;
}

/**
 * Messages ready within `horizonMs` of `now`, oldest first: pending ones, failed ones due for a retry, and ones a
 * crashed sender left in "sending" once their claim lapses. Read through the (status, readyAt) index; messages
 * written before `readyAt` existed are read by their status alone.
 */
export async function listDue(ctx: AppContext, now: Date, horizonMs = 0): Promise<DueMessage[]> {
  const limit = now.getTime() + horizonMs;
  const upTo = { field: 'readyAt', value: new Date(limit).toISOString() };
  const due: DueMessage[] = [];
  const outbox = outboxOf(ctx);
  for (const status of ['pending', 'failed', 'sending'] as const) {
    const indexed = await outbox.all({ where: { status }, upTo });
    const legacy = await outbox.all({ where: { status, readyAt: null } });
    for (const message of [...indexed, ...legacy]) {
      const readyAt = readyAtOf(message);
      if (readyAt <= limit) due.push({ message, readyAt });
    }
  }
  return due.sort((a, b) => a.readyAt - b.readyAt || a.message.id.localeCompare(b.message.id));
}

function lostRace(error: unknown): boolean {
  return error instanceof ConflictError || error instanceof NotFoundError;
}

/** Changes a message on the etag it was read with; `alongside` is written in the same commit. */
async function write(ctx: AppContext, message: StoredOutboxMessage, changes: Partial<OutboxMessage>, alongside: WriteOperation[] = []): Promise<StoredOutboxMessage | undefined> {
  const next: OutboxMessage = { ...message, ...changes, updatedAt: ctx.clock.now().toISOString() };
  next.readyAt = indexedReadyAt(next);
  const outbox = outboxOf(ctx);
  try {
    if (alongside.length === 0) return await outbox.update(message, next);
    const [saved] = await ctx.stores.commit([outbox.op.update(message, next), ...alongside]);
    return saved as StoredOutboxMessage;
  } catch (error) {
    if (lostRace(error)) return undefined;
    throw error;
  }
}

/**
 * Takes a message for one attempt, written before the POST: on the etag it was read with, so two senders never
 * both take it. Undefined when another sender got there first.
 */
export async function claim(ctx: AppContext, message: StoredOutboxMessage, holderId: string, claimTtlMs: number): Promise<StoredOutboxMessage | undefined> {
  const now = ctx.clock.now().getTime();
  return write(ctx, message, {
    status: 'sending',
    attempts: message.attempts + 1,
    claimedBy: holderId,
    claimExpiresAt: new Date(now + claimTtlMs).toISOString(),
  });
}

/** Records the delivery; undefined means our claim had lapsed and someone else took the message meanwhile. */
export async function markSent(ctx: AppContext, claimed: StoredOutboxMessage, activityId: string): Promise<StoredOutboxMessage | undefined> {
  const changes: Partial<OutboxMessage> = { status: 'sent', sentAt: ctx.clock.now().toISOString(), activityId, claimExpiresAt: undefined, nextAttemptAt: undefined };
  const keeper = claimed.activityIdFor;
  const record = keeper ? await ctx.store.get<{ id: string; outboxId?: string }>(keeper.kind, ctx.partnershipId, keeper.id) : undefined;
  // A record that names a later message (the card was posted again since) keeps that one's id.
  if (!keeper || !record || record.outboxId !== claimed.id) return write(ctx, claimed, changes);
  const kept: { id: string; activityId: string } = { ...record, activityId };
  return write(ctx, claimed, changes, [{ op: 'upsert', kind: keeper.kind, doc: kept }]);
}

/** Puts a message back for another attempt at `nextAttemptAt`. */
export async function markRetry(ctx: AppContext, claimed: StoredOutboxMessage, nextAttemptAt: Date, error: string): Promise<StoredOutboxMessage | undefined> {
  return write(ctx, claimed, { status: 'failed', nextAttemptAt: nextAttemptAt.toISOString(), lastError: error, claimExpiresAt: undefined });
}

/** Gives up on a message: it stays in the outbox for the delivery report. */
export async function markDead(ctx: AppContext, claimed: StoredOutboxMessage, error: string): Promise<StoredOutboxMessage | undefined> {
  return write(ctx, claimed, { status: 'dead', lastError: error, claimExpiresAt: undefined, nextAttemptAt: undefined });
}

/**
 * The conversation no longer takes the bot's messages: in one commit, the message is marked gone, the stored
 * conversation is marked gone (nothing is sent there again until the bot is reinstalled), and the fallback
 * messages are queued. Fallbacks already queued (a second message to the same lost chat) are left as they are.
 */
export async function markGone(
  ctx: AppContext,
  claimed: StoredOutboxMessage,
  code: string,
  conversation: ConversationRecord | undefined,
  fallbacks: readonly OutboxMessage[],
): Promise<StoredOutboxMessage | undefined> {
  const now = ctx.clock.now().toISOString();
  const outbox = outboxOf(ctx);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const missing: OutboxMessage[] = [];
    for (const fallback of fallbacks) {
      if (!(await outbox.get(fallback.id))) missing.push(fallback);
    }
    const goneMessage: OutboxMessage = {
      ...claimed,
      status: 'gone',
      lastError: code,
      reroutedTo: fallbacks.map((fallback) => fallback.id),
      claimExpiresAt: undefined,
      updatedAt: now,
      readyAt: now,
    };
    const operations: WriteOperation[] = [
      outbox.op.update(claimed, goneMessage),
      ...missing.map((fallback) => outbox.op.create(fallback)),
    ];
    if (conversation && conversation.status !== 'gone') {
      const goneRecord: ConversationRecord = { ...conversation, status: 'gone', updatedAt: now };
      operations.push(conversationsOf(ctx).op.upsert(goneRecord));
    }
    try {
      const [saved] = await ctx.stores.commit(operations.slice(0, MAX_OPERATIONS_PER_COMMIT));
      return saved as StoredOutboxMessage;
    } catch (error) {
      if (lostRace(error)) return undefined;
      if (!(error instanceof AlreadyExistsError)) throw error;
      // Another message to the same lost conversation queued the same fallback first: look again.
    }
  }
  return undefined;
}

/** Prefixes a fallback copy so the reader knows why it reached them rather than the intended recipient. */
export function fallbackPayload(payload: Record<string, unknown>, note: string): Record<string, unknown> {
  const text = typeof payload.text === 'string' && payload.text ? `${note}\n\n${payload.text}` : note;
  return { ...payload, text };
}

/** A zero for every status: the delivery report's and the retention sweep's counts start from it. */
export function emptyStatusCounts(): Record<OutboxStatus, number> {
  return Object.fromEntries(OUTBOX_STATUSES.map((status) => [status, 0])) as Record<OutboxStatus, number>;
}

/** Counts of deleted outbox messages for one policy and agency: the delivery report adds them to the live ones. */
export interface DeliveryTotals {
  id: string;
  policy: OutboxPolicy;
  agencyId: string;
  counts: Record<OutboxStatus, number>;
  updatedAt: string;
}

/** The kept totals, typed (kernel/records.ts). */
export function deliveryTotalsOf(ctx: AppContext): Collection<DeliveryTotals> {
  return collection<DeliveryTotals>(ctx.store, ctx.partnershipId, KIND.deliveryTotals);
}

/** Most deletes per commit in the sweep, leaving room for the totals written with them. */
const SWEEP_DELETES_PER_COMMIT = 80;

/**
 * Deletes sent and dead messages that finished more than `retentionDays` ago (OUTBOX_RETENTION_DAYS), through the
 * (status, readyAt) index, and adds them to the kept totals in the same commit, so the delivery report's counts
 * never drop. Returns how many were deleted.
 */
export async function sweepOutbox(ctx: AppContext, retentionDays: number): Promise<number> {
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  const outbox = outboxOf(ctx);
  const deliveryTotals = deliveryTotalsOf(ctx);
  const totals = new Map((await deliveryTotals.all()).map((kept) => [kept.id, kept]));
  let deleted = 0;
  for (const status of ['sent', 'dead'] as const) {
    for (;;) {
      const page = await outbox.list({
        where: { status }, upTo: { field: 'readyAt', value: cutoff }, fields: ['policy', 'agencyId', 'status'], pageSize: SWEEP_DELETES_PER_COMMIT,
      });
      if (page.items.length === 0) break;
      const touched = new Map<string, DeliveryTotals>();
      for (const message of page.items) {
        const agencyId = message.agencyId ?? 'partnership';
        const id = hashedIdOf(`delivery-totals|${message.policy}|${agencyId}`);
        const current = touched.get(id) ?? totals.get(id) ?? { id, policy: message.policy, agencyId, counts: emptyStatusCounts(), updatedAt: '' };
        touched.set(id, { ...current, counts: { ...current.counts, [status]: (current.counts[status] ?? 0) + 1 }, updatedAt: now.toISOString() });
      }
      await ctx.stores.commit([
        ...[...touched.values()].map((doc) => deliveryTotals.op.upsert(doc)),
        ...page.items.map((message) => outbox.op.delete(message.id)),
      ]);
      for (const [id, doc] of touched) totals.set(id, doc as Stored<DeliveryTotals>);
      deleted += page.items.length;
    }
  }
  return deleted;
}
