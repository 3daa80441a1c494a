/**
 * What happened to one proactive send. Delivery returns values instead of throwing (docs/design/architecture.md rule 7), so
 * the outbox can retry, reroute or dead-letter each message deliberately.
 */
export type DeliveryResult =
  | { status: 'sent'; activityId: string }
  /** 429: try again no sooner than `retryAfterMs`. */
  | { status: 'throttled'; retryAfterMs: number }
  /** The bot can no longer post there (403 BotNotInConversationRoster / MessageWritesBlocked, 404): reroute. */
  | { status: 'gone'; code: string }
  | { status: 'failed'; code: string; retryable: boolean };

/** A Bot Framework conversation reference as stored on installation (serviceUrl, bot, conversation, user). */
export type ConversationReferenceJson = Record<string, unknown>;

export interface SendOptions {
  /**
   * The outbox key, sent as the `Idempotency-Key` header. Teams ignores it; a connector that deduplicates on it
   * (the test FakeConnector) turns the outbox's at-least-once retry after a crash into exactly-once delivery.
   */
  idempotencyKey: string;
}

/** Posts one activity to a stored conversation. */
export interface Sender {
  send(reference: ConversationReferenceJson, activity: Record<string, unknown>, options: SendOptions): Promise<DeliveryResult>;
}
