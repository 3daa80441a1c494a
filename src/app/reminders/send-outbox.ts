import { londonDateOf } from '../../domain/calendar';
import { nextAllowedSendTime } from '../../domain/reminders/reminder-policy';
import type { Stored } from '../../ports/document-store';
import type { DeliveryResult, Sender } from '../../ports/sender';
import type { AppContext } from '../kernel/app-context';
import { claim, DueMessage, listDue, markDead, markGone, markRetry, markSent, StoredOutboxMessage } from './outbox';
import { Pacer } from './pacer';
import { conversationsOf, type ConversationRecord } from '../directory/record-installation';
import { fallbacksFor, ReminderRouting, RoutingDirectory } from './reminder-routing';

/** How the sender paces and retries (docs/design/platform.md limits); every figure is a setting with a default. */
export interface SendSettings {
  /** Sends per second across the tenant: under Teams' 50 per second per app per tenant. */
  tenantRatePerSecond: number;
  /** Least gap between two sends to one conversation (Teams: 7 per s, 8 per 2 s, 60 per 30 s per thread). */
  conversationIntervalMs: number;
  /** Calls in flight at once: with ~150 ms per call, 45 per second needs about 7. */
  maxInFlight: number;
  /** Attempts before a message is dead-lettered. */
  maxAttempts: number;
  /** How long a claimed message is ours; a sender that dies holding it frees it after this. */
  claimTtlMs: number;
  /** First retry delay; doubles per attempt, with jitter, up to backoffMaxMs. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A drain waits at most this long for a retry to come due; later ones are left for the next tick. */
  maxWaitMs: number;
}

export const DEFAULT_SEND_SETTINGS: Readonly<SendSettings> = Object.freeze({
  tenantRatePerSecond: 45,
  conversationIntervalMs: 600,
  maxInFlight: 12,
  maxAttempts: 8,
  claimTtlMs: 120_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 300_000,
  maxWaitMs: 60_000,
});

export interface DrainDeps {
  sender: Sender;
  routing: ReminderRouting;
  sending: SendSettings;
  /** This process, as written on claims. */
  holderId: string;
  /** Waits on the clock the context uses (tests pass one that moves their FixedClock). */
  wait: (ms: number) => Promise<void>;
  /** Jitter source, 0 <= x < 1. */
  random?: () => number;
  /** Asked now and then during a long drain; false stops it (the scheduler lease was lost). */
  keepGoing?: () => Promise<boolean>;
  /** How often to ask keepGoing (default 15 s; the tick asks at a third of its lease). */
  keepAliveEveryMs?: number;
  /** True while messages are still being queued (the tick queues and sends at once): an empty outbox is not the end. */
  moreComing?: () => boolean;
  /** Messages queued since last asked, handed over in memory so a long queue is not read back from the store. */
  incoming?: () => StoredOutboxMessage[];
  /** Turns a queued payload into the activity to post (expands a card queued as template data); as stored when omitted. */
  prepare?: (payload: Record<string, unknown>) => Record<string, unknown>;
  /** Counters to update as the drain goes (the tick's status endpoint reads them); a fresh set when omitted. */
  live?: DrainResult;
  /** Aborted at shutdown: no new message is taken; the sends in flight finish and are recorded. */
  signal?: AbortSignal;
  /** Sends only these messages (ids), leaving the rest to the tick: what a user has just queued (deliver-now.ts). */
  only?: ReadonlySet<string>;
}

export interface DrainResult {
  sent: number;
  /** Attempts put back for later: 429s and retryable failures. */
  retried: number;
  throttled: number;
  /** Messages whose conversation was gone (each rerouted or accounted for). */
  gone: number;
  dead: number;
  rounds: number;
}

/** How often a long drain checks it still holds the scheduler lease, unless told otherwise. */
const KEEP_ALIVE_EVERY_MS = 15_000;
/** A safety stop: a drain never loops for ever, whatever the store says. */
const MAX_ROUNDS = 1_000;
/** While more messages are being queued, an idle drain looks again this often. */
const MORE_COMING_POLL_MS = 200;

/** Messages waiting per conversation, handed out so no worker waits on a busy thread while another is free. */
class SendQueue {
  private readonly byConversation = new Map<string, StoredOutboxMessage[]>();

  constructor(messages: readonly StoredOutboxMessage[]) {
    this.add(messages);
  }

  add(messages: readonly StoredOutboxMessage[]): void {
    for (const message of messages) {
      const list = this.byConversation.get(message.conversationRecordId) ?? [];
      list.push(message);
      this.byConversation.set(message.conversationRecordId, list);
    }
  }

  /** The oldest message to a conversation that is free now, else to the one that frees up first. */
  take(pacer: Pacer, now: number): StoredOutboxMessage | undefined {
    let best: string | undefined;
    let bestAt = Number.POSITIVE_INFINITY;
    for (const key of this.byConversation.keys()) {
      const at = pacer.conversationFreeAt(key);
      if (at <= now) {
        best = key;
        break;
      }
      if (at < bestAt) [best, bestAt] = [key, at];
    }
    if (best === undefined) return undefined;
    const list = this.byConversation.get(best) as StoredOutboxMessage[];
    const message = list.shift();
    if (list.length === 0) this.byConversation.delete(best);
    return message;
  }
}

/**
 * Drains the outbox: every message that is due is claimed (so a crash or a second instance never doubles it),
 * paced, sent, and its result recorded. 429 and retryable failures come back after Retry-After or a jittered
 * exponential backoff; a lost conversation is marked gone and the message rerouted (agency channel, then business
 * unit) with a notice to an admin; a message out of attempts is dead-lettered. Nothing is dropped unrecorded.
 */
export async function drainOutbox(ctx: AppContext, deps: DrainDeps): Promise<DrainResult> {
  const settings = deps.sending;
  const random = deps.random ?? Math.random;
  const pacer = new Pacer(settings.tenantRatePerSecond, settings.conversationIntervalMs);
  const result: DrainResult = deps.live ?? { sent: 0, retried: 0, throttled: 0, gone: 0, dead: 0, rounds: 0 };
  let stopped = false;
  let lastKeepAlive = ctx.clock.now().getTime();
  let keepAlive: Promise<void> | undefined;

  const checkLease = () => {
    const now = ctx.clock.now().getTime();
    if (!deps.keepGoing || keepAlive || now - lastKeepAlive < (deps.keepAliveEveryMs ?? KEEP_ALIVE_EVERY_MS)) return;
    lastKeepAlive = now;
    keepAlive = deps.keepGoing().then((ok) => {
      if (!ok) stopped = true;
      keepAlive = undefined;
    });
  };

  const wanted = (due: DueMessage[]) => (deps.only ? due.filter((item) => deps.only?.has(item.message.id)) : due);

  /** Nothing goes out at weekends, on bank holidays or out of hours, even a message that was due earlier. */
  const inSendWindow = (at: number) => nextAllowedSendTime(new Date(at), ctx.settings.reminders, ctx.holidays).getTime() <= at;

  const backoffMs = (attempts: number) => {
    const full = Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(full * (0.5 + random() / 2));
  };

  const record = async (directory: RoutingDirectory, claimed: StoredOutboxMessage, delivery: DeliveryResult, conversation?: Stored<ConversationRecord>) => {
    const now = ctx.clock.now();
    const log = { outbox: claimed.id, policy: claimed.policy, attempts: claimed.attempts };
    switch (delivery.status) {
      case 'sent':
        if (await markSent(ctx, claimed, delivery.activityId)) result.sent += 1;
        return;
      case 'throttled': {
        result.throttled += 1;
        pacer.backOff(claimed.conversationRecordId, now.getTime(), delivery.retryAfterMs);
        if (claimed.attempts >= settings.maxAttempts) {
          if (await markDead(ctx, claimed, 'THROTTLED')) result.dead += 1;
          ctx.logger.warn({ ...log, code: 'THROTTLED' }, 'outbox message dead-lettered');
          return;
        }
        const next = new Date(now.getTime() + Math.max(delivery.retryAfterMs, backoffMs(claimed.attempts)));
        if (await markRetry(ctx, claimed, next, 'THROTTLED')) result.retried += 1;
        return;
      }
      case 'failed':
        if (!delivery.retryable || claimed.attempts >= settings.maxAttempts) {
          if (await markDead(ctx, claimed, delivery.code)) result.dead += 1;
          ctx.logger.warn({ ...log, code: delivery.code }, 'outbox message dead-lettered');
          return;
        }
        if (await markRetry(ctx, claimed, new Date(now.getTime() + backoffMs(claimed.attempts)), delivery.code)) result.retried += 1;
        return;
      case 'gone': {
        const fallbacks = fallbacksFor(directory, claimed, delivery.code, now, londonDateOf(now));
        if (await markGone(ctx, claimed, delivery.code, conversation, fallbacks)) result.gone += 1;
        ctx.logger.warn({ ...log, code: delivery.code, conversation: claimed.conversationRecordId, fallbacks: fallbacks.length }, 'conversation gone; message rerouted');
        return;
      }
    }
  };

  const sendOne = async (directory: RoutingDirectory, message: StoredOutboxMessage) => {
    const claimed = await claim(ctx, message, deps.holderId, settings.claimTtlMs);
    if (!claimed) return;
    // A conversation recorded after this round's directory was loaded is read from the store.
    const conversation =
      directory.conversation(claimed.conversationRecordId) ??
      (await conversationsOf(ctx).get(claimed.conversationRecordId));
    if (!conversation || conversation.status !== 'active') {
      await record(directory, claimed, { status: 'gone', code: conversation ? 'ConversationGone' : 'ConversationRemoved' }, conversation);
      return;
    }
    let delivery: DeliveryResult;
    try {
      const activity = deps.prepare ? deps.prepare(claimed.payload) : claimed.payload;
      delivery = await deps.sender.send(conversation.reference, activity, { idempotencyKey: claimed.idempotencyKey });
    } catch (error) {
      delivery = { status: 'failed', code: (error as Error)?.name || 'Error', retryable: true };
    }
    await record(directory, claimed, delivery, conversation);
  };

  while (!stopped && !deps.signal?.aborted && result.rounds < MAX_ROUNDS) {
    const now = ctx.clock.now().getTime();
    if (!inSendWindow(now)) {
      ctx.logger.info({ next: nextAllowedSendTime(new Date(now), ctx.settings.reminders, ctx.holidays).toISOString() }, 'outside the send window: nothing sent');
      break;
    }
    const due = wanted(await listDue(ctx, new Date(now), settings.maxWaitMs));
    if (due.length === 0) {
      if (!deps.moreComing?.()) break;
      await deps.wait(MORE_COMING_POLL_MS);
      continue;
    }
    const ready = due.filter((item) => item.readyAt <= now).map((item) => item.message);
    if (ready.length === 0) {
      const nextReady = Math.min(...due.map((item) => item.readyAt)) - now;
      await deps.wait(Math.max(1, deps.moreComing?.() ? Math.min(nextReady, MORE_COMING_POLL_MS) : nextReady));
      continue;
    }
    result.rounds += 1;
    const directory = await RoutingDirectory.load(ctx, deps.routing);
    const queue = new SendQueue(ready);
    // Ids taken into this round: a refill adds only messages queued since (a retry waits for the next round).
    const taken = new Set(ready.map((message) => message.id));
    let refilling: Promise<void> | undefined;
    const refill = () =>
      (refilling ??= (async () => {
        const at = ctx.clock.now().getTime();
        const candidates = deps.incoming
          ? deps.incoming().filter((message) => message.status === 'pending' && Date.parse(message.notBefore) <= at)
          : wanted(await listDue(ctx, new Date(at))).map((item) => item.message);
        const fresh = candidates.filter((message) => !taken.has(message.id));
        fresh.forEach((message) => taken.add(message.id));
        queue.add(fresh);
      })().finally(() => {
        refilling = undefined;
      }));
    const worker = async () => {
      while (!stopped && !deps.signal?.aborted) {
        checkLease();
        let message = queue.take(pacer, ctx.clock.now().getTime());
        if (!message) {
          await refill();
          message = queue.take(pacer, ctx.clock.now().getTime());
        }
        if (!message) {
          if (!deps.moreComing?.()) return;
          await deps.wait(MORE_COMING_POLL_MS);
          continue;
        }
        const at = ctx.clock.now().getTime();
        const slot = pacer.reserve(message.conversationRecordId, at);
        if (slot > at) await deps.wait(slot - at);
        if (!inSendWindow(ctx.clock.now().getTime())) {
          // The window closed mid-drain: the message stays pending for the next window's tick.
          stopped = true;
          return;
        }
        if (deps.signal?.aborted) return; // shutting down: the message stays pending for the next tick
        await sendOne(directory, message);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, settings.maxInFlight) }, worker));
    if (keepAlive) await keepAlive;
  }
  return result;
}
