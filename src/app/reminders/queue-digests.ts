import { nextAssuranceStatus, responseDueOn, type AssuranceRequest } from '../../domain/reviews/assurance-request';
import { londonDateOf, type IsoDate } from '../../domain/calendar';
import { dueReminderGroups, latestSnoozeDate, nextAllowedSendTime, type AuditDeadline, type ReminderSnooze } from '../../domain/reminders/reminder-policy';
import type { Stored, WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { advanceAssuranceStatus, SCHEDULER_ACTOR } from '../reviews/assurance-status';
import { KIND } from '../kernel/kinds';
import { collection, type Collection } from '../kernel/records';
import { enqueue, newOutboxMessage, type EnqueueItem, type StoredOutboxMessage } from './outbox';
import type { ConversationRecord } from '../directory/record-installation';
import { RoutingDirectory, type ReminderRouting } from './reminder-routing';
import { loadReminderData } from './load-reminder-data';
import { buildDigests, cursorIdOf, type DigestCursor, type RecipientDigest } from './build-digests';
import type { DigestSource } from './digest-entry';
import { groupBy } from '../../domain/group-by';

/** What a digest card is built from: the conversation's own recipient, and digests forwarded to it. */
export interface DigestCardInput {
  day: IsoDate;
  /** The recipient this conversation belongs to, when they have something to hear. */
  main?: RecipientDigest;
  /** Recipients who could not be reached in person: their digests merge into this one (the fallback rung). */
  forwarded: RecipientDigest[];
  /** The latest snooze dates the card's form offers. */
  snoozeLatest: { action: IsoDate; assurance: IsoDate };
}

/** Where each recipient's last digest left off, typed (kernel/records.ts). */
function digestCursorsOf(ctx: AppContext): Collection<DigestCursor> {
  return collection<DigestCursor>(ctx.store, ctx.partnershipId, KIND.digestCursor);
}

/** Turns a digest into the activity JSON to post: injected so the app imports no cards. */
export type RenderDigest = (input: DigestCardInput) => Record<string, unknown>;

export interface QueueDeps {
  render: RenderDigest;
  routing: ReminderRouting;
  /** Other capabilities' digest lines (Section 11, scrutiny): composition passes them in. */
  digestSources?: readonly DigestSource[];
  /** Hook for the audit issue: deadlines reminded like action targets. */
  auditDeadlines?: (ctx: AppContext, today: IsoDate) => Promise<AuditDeadline[]>;
  wait?: (ms: number) => Promise<void>;
}

export interface QueueResult {
  today: IsoDate;
  /** Reminder occurrences due today (agency-lead escalations counted once per action). */
  due: number;
  /** Recipients with something to hear today (each gets one digest, or is accounted for). */
  recipients: number;
  /** Digest messages written to the outbox (one per conversation). */
  queued: number;
  /** Recipients whose digest for today was queued by an earlier tick. */
  alreadyQueued: number;
  /** Recipients with nobody to send to (no chat, no channel, no business unit): recorded as dead (NO_ROUTE). */
  unroutable: number;
  /** True when the tick fell outside the send window and queued nothing (the next tick in the window does). */
  outsideWindow?: boolean;
}

/** Messages (with their alongside writes) per commit while the sender runs alongside. */
const QUEUE_CHUNK = 40;

/** `DIGEST|<recipient>|<policy day>`: one digest per recipient per day, whichever tick or instance writes it first. */
export function digestKey(recipientKey: string, day: IsoDate): string {
  return `DIGEST|${recipientKey}|${day}`;
}

/**
 * Queues today's digests: one message per recipient (per conversation, when unreachable people's digests merge
 * into their fallback's). Each digest holds what became due for that person since their last one, most urgent
 * first; the cursor that says so is written in the same commit as the message, so a second tick the same day, or
 * on another instance, queues nothing new. Outside the send window nothing is queued: the first tick inside it
 * gathers everything that fell due meanwhile.
 */
export async function queueDigests(ctx: AppContext, deps: QueueDeps, onQueued?: (messages: StoredOutboxMessage[]) => void): Promise<QueueResult> {
  const now = ctx.clock.now();
  const today = londonDateOf(now);
  if (nextAllowedSendTime(now, ctx.settings.reminders, ctx.holidays).getTime() > now.getTime()) {
    return { today, due: 0, recipients: 0, queued: 0, alreadyQueued: 0, unroutable: 0, outsideWindow: true };
  }
  const loaded = await loadReminderData(ctx, today);
  const deadlines = deps.auditDeadlines ? await deps.auditDeadlines(ctx, today) : [];
  for (const deadline of deadlines) loaded.data.auditTitles.set(deadline.id, deadline.title);
  const intents = dueReminderGroups({
    today,
    actions: loaded.actions,
    reviews: loaded.reviews,
    members: loaded.members,
    agencies: loaded.agencies,
    meetings: loaded.meetings,
    assuranceRequests: loaded.requests,
    snoozes: loaded.snoozes,
    auditDeadlines: deadlines,
    settings: ctx.settings.reminders,
    holidays: ctx.holidays,
  });
  const nowText = now.toISOString();
  const extra = (await Promise.all((deps.digestSources ?? []).map((source) => source({ ctx, today, now: nowText })))).flat();
  const digestCursors = digestCursorsOf(ctx);
  const cursors = new Map((await digestCursors.all()).map((cursor) => [cursor.recipient, cursor]));
  const all = buildDigests({ data: loaded.data, intents, extra, snoozes: loaded.snoozes as ReminderSnooze[], cursors, now });
  const fresh = all.filter((digest) => cursors.get(digest.key)?.lastDay !== today);
  const directory = await RoutingDirectory.load(ctx, deps.routing, { members: loaded.members, agencies: loaded.agencies });
  const snoozeLatest = {
    action: latestSnoozeDate('OVERDUE', today, ctx.settings.reminders, ctx.holidays) as IsoDate,
    assurance: latestSnoozeDate('ASSURANCE_12M', today, ctx.settings.reminders, ctx.holidays) as IsoDate,
  };

  // Each digest goes to its recipient's first reachable rung; digests landing in one conversation share a card.
  const buckets = new Map<string, { conversation: Stored<ConversationRecord>; main?: RecipientDigest; forwarded: RecipientDigest[] }>();
  const unrouted: RecipientDigest[] = [];
  for (const digest of fresh) {
    const route = directory.route(digest.recipient, digest.agencyId);
    if (route.conversations.length === 0) {
      unrouted.push(digest);
      continue;
    }
    for (const conversation of route.conversations) {
      const bucket = buckets.get(conversation.id) ?? { conversation, forwarded: [] };
      if (route.via === 'direct' && !bucket.main) bucket.main = digest;
      else bucket.forwarded.push(digest);
      buckets.set(conversation.id, bucket);
    }
  }

  // Writes that go with a recipient's first message: its cursor, and the 12-month requests its digest opens.
  const written = new Set<string>();
  const alongsideFor = (digests: readonly RecipientDigest[]): WriteOperation[] => {
    const operations: WriteOperation[] = [];
    for (const digest of digests) {
      if (written.has(digest.key)) continue;
      written.add(digest.key);
      const cursor: DigestCursor = { id: cursorIdOf(digest.key), recipient: digest.key, lastDay: today, lastAt: nowText };
      operations.push(digestCursors.op.upsert(cursor));
      for (const item of digest.items) {
        const intent = item.intent;
        if (intent?.policy !== 'ASSURANCE_12M' || !intent.assurance || loaded.data.requests.has(intent.assurance.requestId)) continue;
        const request: AssuranceRequest = {
          id: intent.assurance.requestId,
          reviewId: intent.assurance.reviewId,
          officerId: intent.assurance.officerId,
          agencyId: intent.agencyId ?? '',
          actionIds: intent.assurance.actionIds,
          requestedOn: intent.dueDate,
          dueOn: responseDueOn(intent.dueDate, ctx.settings.reminders.assuranceChaseWorkingDays, ctx.holidays),
          createdAt: nowText,
          updatedAt: nowText,
        };
        loaded.data.requests.set(request.id, request);
        operations.push(ctx.stores.assuranceRequests.op.create(request));
      }
    }
    return operations;
  };

  let items: EnqueueItem[] = [];
  let queued = 0;
  let alreadyQueued = all.length - fresh.length;
  const flush = async () => {
    const result = await enqueue(ctx, items, { checked: true });
    onQueued?.(result.messages);
    queued += result.queued;
    alreadyQueued += result.alreadyQueued;
    items = [];
  };
  const base = { policy: 'DIGEST' as const, dueDate: today, notBefore: nowText };
  let count = 0;
  for (const bucket of buckets.values()) {
    const owner = bucket.main;
    const key = digestKey(owner ? owner.key : `conversation:${bucket.conversation.id}`, today);
    const payload = deps.render({ day: today, main: owner, forwarded: bucket.forwarded, snoozeLatest });
    const message = newOutboxMessage(
      { ...base, idempotencyKey: key, subjectId: owner?.key ?? bucket.conversation.id, recipient: owner?.recipient ?? { kind: 'conversation', id: bucket.conversation.id }, agencyId: owner?.agencyId ?? bucket.forwarded[0]?.agencyId, conversationRecordId: bucket.conversation.id, payload },
      now,
    );
    items.push({ message, alongside: alongsideFor([...(owner ? [owner] : []), ...bucket.forwarded]) });
    count += 1;
    // Rendering is CPU work: commit in groups and let the sender running alongside have the event loop.
    if (count % QUEUE_CHUNK === 0) {
      await flush();
      await deps.wait?.(0);
    }
  }
  for (const digest of unrouted) {
    const message = newOutboxMessage(
      { ...base, idempotencyKey: digestKey(digest.key, today), subjectId: digest.key, recipient: digest.recipient, agencyId: digest.agencyId, conversationRecordId: '', payload: deps.render({ day: today, main: digest, forwarded: [], snoozeLatest }) },
      now,
    );
    items.push({ message: { ...message, status: 'dead', lastError: 'NO_ROUTE' }, alongside: alongsideFor([digest]) });
    if (items.length >= QUEUE_CHUNK) await flush();
  }
  await flush();

  // Reviews whose 12-month requests are out move to ASSURANCE_12M_REQUESTED (and on, if all are answered).
  const openByReview = groupBy([...loaded.data.requests.values()].filter((request) => !request.evaluation), (request) => request.reviewId);
  for (const review of loaded.reviews) {
    if (nextAssuranceStatus(review.status, openByReview.get(review.id) ?? [])) await advanceAssuranceStatus(ctx, review.id, SCHEDULER_ACTOR);
  }
  return { today, due: intents.length, recipients: all.length, queued, alreadyQueued, unroutable: unrouted.length };
}
