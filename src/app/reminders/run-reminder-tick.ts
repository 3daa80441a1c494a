import { londonDateOf } from '../../domain/calendar';
import type { AppContext } from '../kernel/app-context';
import { acquireLease, Lease, releaseLease, renewLease } from './lease';
import { sweepOutbox, type StoredOutboxMessage } from './outbox';
import { queueDigests, type QueueDeps, type QueueResult } from './queue-digests';
import { DrainDeps, DrainResult, drainOutbox } from './send-outbox';
import { refreshReportSummaries } from '../reports/report-summaries';

export type { QueueResult } from './queue-digests';

/** Everything a tick needs besides the context: the sender, the digest renderer, pacing, and who this instance is. */
export interface ReminderJobDeps extends DrainDeps, Omit<QueueDeps, 'wait' | 'routing'> {
  /** The scheduler lease lasts this long unless renewed; a dead instance's lease lapses after it. */
  leaseTtlMs: number;
  /** Sent and dead messages older than this many days are deleted at the start of a tick (default 90). */
  outboxRetentionDays?: number;
}

export type TickResult =
  | { ran: false; reason: 'LEASE_HELD' }
  | { ran: true; queue: QueueResult; delivery: DrainResult; swept: number };

/** What a running tick has done so far: read by `GET /api/jobs/tick/<id>` while it goes on. */
export interface TickProgress {
  /** Settled once the lease is decided: true when this tick runs, false when another instance holds it. */
  leaseDecided?: (running: boolean) => void;
  /** Set when the digests are all queued. */
  queue?: QueueResult;
  queuedAtMs?: number;
  /** The drain's counters, updated as it goes. */
  delivery: DrainResult;
}

/** The lease name: one tick at a time per partnership, whichever instance or trigger starts it. */
export const TICK_LEASE = 'reminder-tick';

/** Queues today's digests (one per recipient): kept under its old name for the callers that queue without sending. */
export const queueDueReminders = queueDigests;

/**
 * One scheduler tick, from the in-process cron or POST /api/jobs/tick alike: under the lease, queue today's
 * digests (each recipient once per day) and drain the outbox. A tick that finds the lease held does nothing.
 */
export async function runReminderTick(ctx: AppContext, deps: ReminderJobDeps, progress: TickProgress = { delivery: emptyDrainResult() }): Promise<TickResult> {
  let lease: Lease | undefined = await acquireLease(ctx, TICK_LEASE, deps.holderId, deps.leaseTtlMs);
  progress.leaseDecided?.(lease !== undefined);
  if (!lease) {
    ctx.logger.info({ lease: TICK_LEASE }, 'tick skipped: another instance holds the lease');
    return { ran: false, reason: 'LEASE_HELD' };
  }
  try {
    const swept = await sweepOutbox(ctx, deps.outboxRetentionDays ?? 90);
    // Queue and send at once: the first digests go out while the rest are still being rendered.
    let queueing = true;
    let fresh: StoredOutboxMessage[] = [];
    const queued = queueDigests(ctx, deps, (messages) => fresh.push(...messages))
      .then((queue) => {
        progress.queue = queue;
        progress.queuedAtMs = Date.now();
        return queue;
      })
      .finally(() => {
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
    const delivery = await drainOutbox(ctx, { ...deps, live: progress.delivery, keepGoing, keepAliveEveryMs: deps.leaseTtlMs / 3, moreComing: () => queueing, incoming });
    const queue = await queued;
    // Once a day the report summaries are counted for the new day (a tally as at yesterday is no use today). A failure
    // here leaves reports counting every action themselves, so it is logged and the tick still ends well.
    const summariesRebuilt = await refreshReportSummaries(ctx).catch((error: unknown) => {
      ctx.logger.error({ err: error }, 'report summaries not rebuilt');
      return false;
    });
    ctx.logger.info({ ...queue, ...delivery, swept, summariesRebuilt, day: londonDateOf(ctx.clock.now()) }, 'tick done');
    return { ran: true, queue, delivery, swept };
  } finally {
    if (lease) await releaseLease(ctx, lease);
  }
}

export function emptyDrainResult(): DrainResult {
  return { sent: 0, retried: 0, throttled: 0, gone: 0, dead: 0, rounds: 0 };
}
