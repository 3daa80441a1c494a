import type { IsoDate } from '../domain/calendar';
import { AlreadyExistsError, ConflictError, NotFoundError } from '../domain/errors';
import type { Actor } from '../domain/member';
import type { ReminderPolicy } from '../domain/reminder-policy';
import { hashedIdOf, listAll, MAX_OPERATIONS_PER_COMMIT, Stored, WriteOperation } from '../ports/document-store';
import type { AppContext } from './app-context';
import { KIND } from './kinds';
import { assertCanManageProgramme } from './permissions';
import type { ConversationRecord } from './record-installation';

/**
 * pending: waiting for notBefore; sending: claimed by a sender (in flight until claimExpiresAt); sent; failed: the
 * last attempt failed and another is due at nextAttemptAt; dead: gave up (attempts spent, refused, or no route);
 * gone: the conversation no longer takes the bot's messages and the message was rerouted.
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'dead', 'gone'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Reminders plus the notice that tells an admin a conversation was lost, and the scrutiny cards and notices (issue 12). */
export type OutboxPolicy = ReminderPolicy | 'ADMIN_NOTICE' | 'SCRUTINY_CASE_AUDIT' | 'SCRUTINY_SELF_EVALUATION' | 'SCRUTINY_CONCERN';

/**
 * A proactive message, written before it is sent (architecture.md rule 7). Its id is a hash of the idempotency
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
  activityId?: string;
  /** On a fallback copy: the id of the message whose conversation was gone. */
  fallbackOf?: string;
  /** On a gone message: the ids of the messages sent instead. */
  reroutedTo?: string[];
  createdAt: string;
  updatedAt: string;
}

/** A message that has been read from the store (it carries the etag every later write is conditional on). */
export type StoredOutboxMessage = Stored<OutboxMessage>;

/** Outbox ids are fixed-length hashes: keys may hold characters Cosmos ids refuse, and may be long. */
export function outboxIdOf(idempotencyKey: string): string {
  return hashedIdOf(idempotencyKey);
}

/** A new pending message with its id derived from the key. */
export function newOutboxMessage(
  fields: Omit<OutboxMessage, 'id' | 'status' | 'attempts' | 'createdAt' | 'updatedAt'>,
  now: Date,
): OutboxMessage {
  return { ...fields, id: outboxIdOf(fields.idempotencyKey), status: 'pending', attempts: 0, createdAt: now.toISOString(), updatedAt: now.toISOString() };
}

/** One message to queue, with records that must be written in the same commit (e.g. the assurance request it opens). */
export interface EnqueueItem {
  message: OutboxMessage;
  alongside?: WriteOperation[];
}

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
  for (const item of items) {
    if (!options.checked && (await ctx.store.get(KIND.outbox, ctx.partnershipId, item.message.id))) alreadyQueued += 1;
    else fresh.push(item);
  }
  const operationsOf = (item: EnqueueItem): WriteOperation[] => [{ op: 'create', kind: KIND.outbox, doc: item.message }, ...(item.alongside ?? [])];
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
      keep(batch, await ctx.store.commit(ctx.partnershipId, batch.flatMap(operationsOf)));
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      for (const item of batch) {
        try {
          keep([item], await ctx.store.commit(ctx.partnershipId, operationsOf(item)));
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
    const count = 1 + (item.alongside?.length ?? 0);
    if (size + count > MAX_OPERATIONS_PER_COMMIT) await flush();
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

/**
 * Messages ready within `horizonMs` of `now`, oldest first: pending ones, failed ones due for a retry, and ones a
 * crashed sender left in "sending" once their claim lapses.
 */
export async function listDue(ctx: AppContext, now: Date, horizonMs = 0): Promise<DueMessage[]> {
  const limit = now.getTime() + horizonMs;
  const due: DueMessage[] = [];
  for (const status of ['pending', 'failed', 'sending'] as const) {
    for (const message of await listAll<OutboxMessage>(ctx.store, KIND.outbox, ctx.partnershipId, { where: { status } })) {
      const readyAt = readyAtOf(message);
      if (readyAt <= limit) due.push({ message, readyAt });
    }
  }
  return due.sort((a, b) => a.readyAt - b.readyAt || a.message.id.localeCompare(b.message.id));
}

function lostRace(error: unknown): boolean {
  return error instanceof ConflictError || error instanceof NotFoundError;
}

async function write(ctx: AppContext, message: StoredOutboxMessage, changes: Partial<OutboxMessage>): Promise<StoredOutboxMessage | undefined> {
  const { etag, partnershipId: _partnershipId, ...doc } = message;
  try {
    return await ctx.store.update<OutboxMessage>(KIND.outbox, ctx.partnershipId, { ...doc, ...changes, updatedAt: ctx.clock.now().toISOString() }, { ifMatch: etag });
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
  return write(ctx, claimed, { status: 'sent', sentAt: ctx.clock.now().toISOString(), activityId, claimExpiresAt: undefined, nextAttemptAt: undefined });
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
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const missing: OutboxMessage[] = [];
    for (const fallback of fallbacks) {
      if (!(await ctx.store.get(KIND.outbox, ctx.partnershipId, fallback.id))) missing.push(fallback);
    }
    const { etag, partnershipId: _partnershipId, ...doc } = claimed;
    const goneMessage: OutboxMessage = {
      ...doc,
      status: 'gone',
      lastError: code,
      reroutedTo: fallbacks.map((fallback) => fallback.id),
      claimExpiresAt: undefined,
      updatedAt: now,
    };
    const operations: WriteOperation[] = [
      { op: 'update', kind: KIND.outbox, doc: goneMessage, ifMatch: etag },
      ...missing.map((fallback): WriteOperation => ({ op: 'create', kind: KIND.outbox, doc: fallback })),
    ];
    if (conversation && conversation.status !== 'gone') {
      const { etag: _e, partnershipId: _p, ...record } = conversation as Stored<ConversationRecord>;
      const goneRecord: ConversationRecord = { ...record, status: 'gone', updatedAt: now };
      operations.push({ op: 'upsert', kind: KIND.conversation, doc: goneRecord });
    }
    try {
      const [saved] = await ctx.store.commit(ctx.partnershipId, operations.slice(0, MAX_OPERATIONS_PER_COMMIT));
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

/** One row of the delivery report: a policy and an agency, with counts by status. */
export interface DeliveryReportRow {
  policy: OutboxPolicy;
  agencyId: string;
  counts: Record<OutboxStatus, number>;
}

export interface DeliveryReport {
  generatedAt: string;
  totals: Record<OutboxStatus, number>;
  rows: DeliveryReportRow[];
}

function emptyCounts(): Record<OutboxStatus, number> {
  return Object.fromEntries(OUTBOX_STATUSES.map((status) => [status, 0])) as Record<OutboxStatus, number>;
}

/** `delivery report` (admin, business unit): what was sent, is waiting, failed or hit a lost conversation, by policy and agency. */
export async function deliveryReport(ctx: AppContext, actor: Actor): Promise<DeliveryReport> {
  assertCanManageProgramme(actor);
  const totals = emptyCounts();
  const rows = new Map<string, DeliveryReportRow>();
  for (const message of await listAll<OutboxMessage>(ctx.store, KIND.outbox, ctx.partnershipId)) {
    const agencyId = message.agencyId ?? 'partnership';
    const key = `${message.policy}|${agencyId}`;
    const row = rows.get(key) ?? { policy: message.policy, agencyId, counts: emptyCounts() };
    row.counts[message.status] += 1;
    totals[message.status] += 1;
    rows.set(key, row);
  }
  return {
    generatedAt: ctx.clock.now().toISOString(),
    totals,
    rows: [...rows.values()].sort((a, b) => a.policy.localeCompare(b.policy) || a.agencyId.localeCompare(b.agencyId)),
  };
}
