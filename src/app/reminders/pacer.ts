/** Tenant slots a late sender may catch up at once, so a stalled event loop does not lose throughput for good. */
const CATCH_UP_SLOTS = 1;

/**
 * Spaces sends so the bot stays inside Teams' limits (docs/design/platform.md): one slot per tenant every 1/rate seconds and,
 * per conversation, one slot every `conversationIntervalMs` (Teams allows 8 per 2 s and 60 per 30 s per thread, so
 * 2 per second sustained; the default 600 ms stays under both). Slots are reserved in order, so any number of
 * concurrent workers share the budgets without overlapping. Tenant slots follow a schedule (a token bucket holding
 * at most CATCH_UP_SLOTS): slots missed while workers were late are taken up to that many at once, so any second
 * holds at most rate + 1 sends. Pure arithmetic on instants: the caller waits.
 */
export class Pacer {
  private tenantNextAt = 0;
  private readonly conversationNextAt = new Map<string, number>();
  private readonly tenantIntervalMs: number;

  constructor(
    tenantRatePerSecond: number,
    private readonly conversationIntervalMs: number,
  ) {
    this.tenantIntervalMs = 1000 / tenantRatePerSecond;
  }

  /** When the conversation may next be sent to (0 when it never was). */
  conversationFreeAt(conversationKey: string): number {
    return this.conversationNextAt.get(conversationKey) ?? 0;
  }

  /** Reserves the next slot for a send to the conversation at or after `now`; returns its instant. */
  reserve(conversationKey: string, now: number): number {
    // The tenant schedule, kept at most CATCH_UP_SLOTS behind now: a late worker's missed slots are taken at once.
    const earliest = Math.max(this.tenantNextAt, now - CATCH_UP_SLOTS * this.tenantIntervalMs);
    const slot = Math.max(now, earliest, this.conversationFreeAt(conversationKey));
    this.tenantNextAt = (slot > Math.max(now, earliest) ? slot : earliest) + this.tenantIntervalMs;
    this.conversationNextAt.set(conversationKey, slot + this.conversationIntervalMs);
    return slot;
  }

  /**
   * A 429: Teams does not say whether the thread or the tenant budget ran out, so the conversation waits the full
   * Retry-After and everyone else waits up to a second.
   */
  backOff(conversationKey: string, now: number, retryAfterMs: number): void {
    this.conversationNextAt.set(conversationKey, Math.max(this.conversationFreeAt(conversationKey), now + retryAfterMs));
    this.tenantNextAt = Math.max(this.tenantNextAt, now + Math.min(retryAfterMs, 1000));
  }
}
