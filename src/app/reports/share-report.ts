import type { Actor } from '../../domain/directory/member';
import type { AppContext } from '../kernel/app-context';
import { findPaiConversation } from '../directory/pai-channel';
import { sendTimeOf } from '../reminders/deliver-now';
import { enqueue, newOutboxMessage } from '../reminders/outbox';
import { assertCanRunReports } from './report-permissions';

/** What sharing a report queued, for the answer on the card. */
export interface QueuedShare {
  /** The outbox id of the shared card, for the sender to take now (deliver-now.ts). */
  outboxId: string;
  /** When it goes out: now, or when the send window next opens. */
  sendsAt: Date;
}

/**
 * `report.share`: queues the report card for the PAI channel or meeting chat in the outbox, which delivers it with
 * retries and 429 handling and records the result for the delivery report. `requestKey` (the button press's
 * activity id) makes a redelivered press find its card already queued, while a new press shares again.
 */
export async function shareReport(ctx: AppContext, actor: Actor, input: { report: string; requestKey: string; payload: Record<string, unknown> }): Promise<QueuedShare> {
  assertCanRunReports(actor);
  const conversation = await findPaiConversation(ctx);
  const now = ctx.clock.now();
  const message = newOutboxMessage({
    idempotencyKey: `REPORT_SHARE|${input.report}|${actor.aadObjectId}|${input.requestKey}`,
    policy: 'REPORT_SHARE',
    subjectId: input.report,
    recipient: { kind: 'pai', id: 'pai' },
    conversationRecordId: conversation.id,
    payload: input.payload,
    notBefore: now.toISOString(),
  }, now);
  await enqueue(ctx, [{ message }]);
  return { outboxId: message.id, sendsAt: sendTimeOf(ctx) };
}
