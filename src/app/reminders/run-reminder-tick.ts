import type { Action } from '../../domain/actions/action';
import type { Agency } from '../../domain/directory/agency';
import { nextAssuranceStatus, type AssuranceRequest } from '../../domain/reviews/assurance-request';
import { londonDateOf, type IsoDate } from '../../domain/calendar';
import type { Meeting } from '../../domain/reviews/meeting';
import type { Member } from '../../domain/directory/member';
import { AuditDeadline, dueReminders, nextAllowedSendTime, ReminderIntent, ReminderSnooze } from '../../domain/reminders/reminder-policy';
import type { Review } from '../../domain/reviews/review';
import { listAll, WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { advanceAssuranceStatus, SCHEDULER_ACTOR } from '../reviews/assurance-status';
import { KIND } from '../kernel/kinds';
import { acquireLease, Lease, releaseLease, renewLease } from './lease';
import { enqueue, EnqueueItem, newOutboxMessage, outboxIdOf, StoredOutboxMessage } from './outbox';
import { copyKey, RoutingDirectory } from './reminder-routing';
import { buildReminderView, ReminderData, RenderReminder } from './reminder-views';
import { DrainDeps, DrainResult, drainOutbox } from './send-outbox';

/** Everything a tick needs besides the context: the sender, the renderer, pacing, and who this instance is. */
export interface ReminderJobDeps extends DrainDeps {
  render: RenderReminder;
  /** The scheduler lease lasts this long unless renewed; a dead instance's lease lapses after it. */
  leaseTtlMs: number;
  /** Hook for the audit issue: deadlines reminded like action targets. */
  auditDeadlines?: (ctx: AppContext, today: IsoDate) => Promise<AuditDeadline[]>;
}

export interface QueueResult {
  today: IsoDate;
  due: number;
  queued: number;
  alreadyQueued: number;
  /** Reminders with nobody to send to (no chat, no channel, no business unit): recorded as dead. */
  unroutable: number;
}

export type TickResult =
  | { ran: false; reason: 'LEASE_HELD' }
  | { ran: true; queue: QueueResult; delivery: DrainResult };

/** Reminders rendered and queued per commit group while the sender runs alongside. */
const QUEUE_CHUNK = 100;
/** Renders between two yields to the event loop, so paced sends are not held up by card rendering. */
const YIELD_EVERY = 10;

/** The lease name: one tick at a time per partnership, whichever instance or trigger starts it. */
export const TICK_LEASE = 'reminder-tick';

/**
 * One scheduler tick, from the in-process cron or POST /api/jobs/tick alike: under the lease, queue the reminders
 * due today (each once, by its key) and drain the outbox. A tick that finds the lease held does nothing.
 */
export async function runReminderTick(ctx: AppContext, deps: ReminderJobDeps): Promise<TickResult> {
  let lease: Lease | undefined = await acquireLease(ctx, TICK_LEASE, deps.holderId, deps.leaseTtlMs);
  if (!lease) {
    ctx.logger.info({ lease: TICK_LEASE }, 'tick skipped: another instance holds the lease');
    return { ran: false, reason: 'LEASE_HELD' };
  }
  try {
    // Queue and send at once: the first reminders go out while the rest are still being rendered.
    let queueing = true;
    let fresh: StoredOutboxMessage[] = [];
    const queued = queueDueReminders(ctx, deps, (messages) => fresh.push(...messages)).finally(() => {
      queueing = false;
    });
    queued.catch(() => undefined); // rethrown below, once the drain has stopped
    const keepGoing = async () => {
      lease = lease ? await renewLease(ctx, lease, deps.leaseTtlMs) : undefined;
      return lease !== undefined;
    };
    const incoming = () => {
      const taken = fresh;
      fresh = [];
      return taken;
    };
    const delivery = await drainOutbox(ctx, { ...deps, keepGoing, keepAliveEveryMs: deps.leaseTtlMs / 3, moreComing: () => queueing, incoming });
    const queue = await queued;
    ctx.logger.info({ ...queue, ...delivery }, 'tick done');
    return { ran: true, queue, delivery };
  } finally {
    if (lease) await releaseLease(ctx, lease);
  }
}

/** Reads what the policies look at: one partnership's records (thousands at most), once per tick. */
export async function loadReminderData(ctx: AppContext, today: IsoDate) {
  const [actions, reviews, members, agencies, meetings, requests, snoozes] = await Promise.all([
    listAll<Action>(ctx.store, KIND.action, ctx.partnershipId),
    listAll<Review>(ctx.store, KIND.review, ctx.partnershipId),
    listAll<Member>(ctx.store, KIND.member, ctx.partnershipId),
    listAll<Agency>(ctx.store, KIND.agency, ctx.partnershipId),
    listAll<Meeting>(ctx.store, KIND.meeting, ctx.partnershipId),
    listAll<AssuranceRequest>(ctx.store, KIND.assuranceRequest, ctx.partnershipId),
    listAll<ReminderSnooze>(ctx.store, KIND.reminderSnooze, ctx.partnershipId),
  ]);
  const data: ReminderData = {
    today,
    settings: ctx.settings.reminders,
    holidays: ctx.holidays,
    actions: new Map(actions.map((item) => [item.id, item])),
    reviews: new Map(reviews.map((item) => [item.id, item])),
    members: new Map(members.map((item) => [item.id, item])),
    agencies: new Map(agencies.map((item) => [item.id, item])),
    meetings: new Map(meetings.map((item) => [item.id, item])),
    requests: new Map(requests.map((item) => [item.id, item])),
    auditTitles: new Map(),
  };
  return { data, actions, reviews, members, agencies, meetings, requests, snoozes };
}

/**
 * Queues every reminder due today. The outbox id is a hash of the idempotency key (policy, subject, due date,
 * recipient), so a second tick, or a tick on another instance, finds the first one's messages and queues nothing.
 * A new 12-month request is written in the same commit as its first message.
 */
export async function queueDueReminders(
  ctx: AppContext,
  deps: Pick<ReminderJobDeps, 'render' | 'routing' | 'auditDeadlines'> & { wait?: (ms: number) => Promise<void> },
  /** Told about each group of messages as it is stored, so a sender running alongside need not read them back. */
  onQueued?: (messages: StoredOutboxMessage[]) => void,
): Promise<QueueResult> {
  const now = ctx.clock.now();
  const today = londonDateOf(now);
  const loaded = await loadReminderData(ctx, today);
  const deadlines = deps.auditDeadlines ? await deps.auditDeadlines(ctx, today) : [];
  for (const deadline of deadlines) loaded.data.auditTitles.set(deadline.id, deadline.title);
  const intents = dueReminders({
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
  const directory = await RoutingDirectory.load(ctx, deps.routing, { members: loaded.members, agencies: loaded.agencies });
  const notBefore = nextAllowedSendTime(now, ctx.settings.reminders, ctx.holidays).toISOString();
  let items: EnqueueItem[] = [];
  let unroutable = 0;
  let handled = 0;
  let queued = 0;
  let alreadyQueued = 0;
  const flush = async () => {
    const written = await enqueue(ctx, items, { checked: true });
    onQueued?.(written.messages);
    queued += written.queued;
    alreadyQueued += written.alreadyQueued;
    items = [];
  };
  for (const [index, intent] of intents.entries()) {
    // Rendering is CPU work: queue in chunks and let the sender (running alongside) have the event loop.
    if (index > 0 && index % QUEUE_CHUNK === 0) await flush();
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await deps.wait?.(0);
    // Queued before, to its recipient or (if they were unreachable) to a fallback: never again.
    if (await ctx.store.get(KIND.outbox, ctx.partnershipId, outboxIdOf(intent.idempotencyKey))) {
      handled += 1;
      continue;
    }
    const view = buildReminderView(loaded.data, intent);
    if (!view) continue;
    const payload = deps.render(intent, view);
    const route = directory.route(intent.recipient, intent.agencyId);
    const alongside = newRequestOperations(intent, loaded.data, now);
    const base = {
      policy: intent.policy,
      subjectId: intent.subjectId,
      dueDate: intent.dueDate,
      recipient: intent.recipient,
      agencyId: intent.agencyId,
      payload,
      notBefore,
    };
    if (route.conversations.length === 0) {
      unroutable += 1;
      const message = newOutboxMessage({ ...base, idempotencyKey: intent.idempotencyKey, conversationRecordId: '' }, now);
      items.push({ message: { ...message, status: 'dead', lastError: 'NO_ROUTE' }, alongside });
      continue;
    }
    // The first copy carries the reminder's own key, wherever it goes, so the next tick recognises it.
    route.conversations.forEach((conversation, index) => {
      const idempotencyKey = index === 0 ? intent.idempotencyKey : copyKey(intent.idempotencyKey, conversation.id);
      items.push({ message: newOutboxMessage({ ...base, idempotencyKey, conversationRecordId: conversation.id }, now), alongside: index === 0 ? alongside : [] });
    });
  }
  await flush();
  // Reviews whose 12-month requests are out move to ASSURANCE_12M_REQUESTED (and on, if all are answered). The
  // loaded requests (with those opened above) say which reviews have a step to take; only those are read again.
  const openByReview = new Map<string, AssuranceRequest[]>();
  for (const request of loaded.data.requests.values()) {
    if (!request.evaluation) openByReview.set(request.reviewId, [...(openByReview.get(request.reviewId) ?? []), request]);
  }
  for (const review of loaded.reviews) {
    if (nextAssuranceStatus(review.status, openByReview.get(review.id) ?? [])) await advanceAssuranceStatus(ctx, review.id, SCHEDULER_ACTOR);
  }
  return { today, due: intents.length, queued, alreadyQueued: alreadyQueued + handled, unroutable };
}

/** The 12-month request record a first ASSURANCE_12M message opens (tracked until the PAI evaluates it). */
function newRequestOperations(intent: ReminderIntent, data: ReminderData, now: Date): WriteOperation[] {
  if (intent.policy !== 'ASSURANCE_12M' || !intent.assurance || data.requests.has(intent.assurance.requestId)) return [];
  const request: AssuranceRequest = {
    id: intent.assurance.requestId,
    reviewId: intent.assurance.reviewId,
    officerId: intent.assurance.officerId,
    agencyId: intent.agencyId ?? '',
    actionIds: intent.assurance.actionIds,
    requestedOn: intent.dueDate,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  data.requests.set(request.id, request);
  return [{ op: 'create', kind: KIND.assuranceRequest, doc: request }];
}
