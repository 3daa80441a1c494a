import { nextAllowedSendTime } from '../../domain/reminders/reminder-policy';
import type { AppContext } from '../kernel/app-context';
import { DrainDeps, drainOutbox } from './send-outbox';

/**
 * Sends the messages a user has just queued (action cards, a shared report) straight away, instead of at the next
 * tick: the same drain as the tick's (claims, pacing, retries, 429s, reroutes, a recorded result per message), kept
 * to those ids so the digests stay with the tick. It takes no lease: the claims already stop a message going twice.
 */
export class DeliverNow {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly ctx: AppContext,
    private readonly deps: DrainDeps,
  ) {}

  /** Starts sending in the background and returns at once: the turn answers while the messages go. */
  start(outboxIds: readonly string[]): void {
    if (outboxIds.length === 0) return;
    const { live: _live, moreComing: _moreComing, incoming: _incoming, keepGoing: _keepGoing, ...deps } = this.deps;
    const run = drainOutbox(this.ctx, { ...deps, only: new Set(outboxIds) }).then(
      () => undefined,
      // Each message stays in the outbox, so the next tick sends what this drain could not.
      (error: unknown) => this.ctx.logger.error({ error: (error as Error)?.name, messages: outboxIds.length }, 'sending queued messages failed; the next tick retries'),
    );
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  /** Settles once every drain started here has finished (shutdown and tests wait for it). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}

/** When a message queued now goes out: now inside the send window, else when the window next opens. */
export function sendTimeOf(ctx: AppContext): Date {
  return nextAllowedSendTime(ctx.clock.now(), ctx.settings.reminders, ctx.holidays);
}
