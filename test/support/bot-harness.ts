import type { ReportCache } from '../../src/app/reports/report-cache';
import { reportToXlsx } from '../../src/adapters/reports/xlsx-writer';
import { Activity, TestAdapter, TurnContext } from 'botbuilder';
import { createBotApp } from '../../src/bot/teams/create-bot-app';
import { DeliverNow } from '../../src/app/reminders/deliver-now';
import { DEFAULT_SEND_SETTINGS } from '../../src/app/reminders/send-outbox';
import type { Sender } from '../../src/ports/sender';
import { CardRenderer } from '../../src/cards/render';
import type { TestContext } from './test-context';

export interface SentCard {
  text?: string;
  card?: Record<string, unknown>;
}

/**
 * Runs turns through botbuilder's TestAdapter into createBotApp: the bot layer in-process, no HTTP.
 * `send` returns what the bot replied.
 */
export function createBotHarness(ctx: TestContext, options: { reportCache?: ReportCache } = {}) {
  const cards = new CardRenderer();
  const proactive: { reference: Record<string, unknown>; activity: Record<string, unknown>; idempotencyKey: string }[] = [];
  // Proactive messages go through the outbox and the real drain; only the last hop (the Bot Connector) is faked.
  const sender: Sender = {
    async send(reference, activity, { idempotencyKey }) {
      proactive.push({ reference, activity, idempotencyKey });
      return { status: 'sent', activityId: `proactive-${proactive.length}` };
    },
  };
  const delivery = new DeliverNow(ctx, {
    sender,
    routing: {},
    sending: DEFAULT_SEND_SETTINGS,
    holderId: 'bot-harness',
    // Pacing waits move the test's clock, so no real time passes.
    wait: async (ms) => ctx.clock.advance(ms),
  });
  const app = createBotApp({
    ctx,
    cards,
    reportCache: options.reportCache,
    deliver: (outboxIds) => delivery.start(outboxIds),
    reportWorkbook: reportToXlsx,
  });
  const adapter = new TestAdapter(async (context: TurnContext) => {
    await app.run(context);
  });
  return {
    app,
    cards,
    /** Proactive messages the outbox delivered (post actions, a shared report), in order: await `delivered()` first. */
    proactive,
    /** Settles once the sends the last turns started have finished. */
    delivered: () => delivery.idle(),
    async send(activity: object): Promise<SentCard[]> {
      const replies: Partial<Activity>[] = [];
      await adapter.processActivity(activity as Partial<Activity>);
      while (adapter.activeQueue.length > 0) replies.push(adapter.activeQueue.shift() as Partial<Activity>);
      return replies.map((reply) => ({
        text: reply.text,
        card: reply.attachments?.[0]?.content as Record<string, unknown> | undefined,
      }));
    },
    /** Presses an Action.Execute button: returns the card the bot answered with (invoke response). */
    async execute(activity: object): Promise<Record<string, unknown>> {
      await adapter.processActivity(activity as Partial<Activity>);
      const replies: Partial<Activity>[] = [];
      while (adapter.activeQueue.length > 0) replies.push(adapter.activeQueue.shift() as Partial<Activity>);
      const invoke = replies.find((reply) => reply.type === 'invokeResponse');
      const body = (invoke?.value as { body?: { type?: string; value?: Record<string, unknown> } } | undefined)?.body;
      if (!body || body.type !== 'application/vnd.microsoft.card.adaptive') {
        throw new Error(`expected a card invoke response, got ${JSON.stringify(replies).slice(0, 300)}`);
      }
      return body.value as Record<string, unknown>;
    },
  };
}

/** All text in a card, flattened, for assertions that do not care about layout. */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'text' || key === 'value' || key === 'title') && typeof value === 'string') texts.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return texts.join('\n');
}

/** The data of the first Action.Execute with this verb on a card, or undefined when the card has none. */
export function findButtonData(card: unknown, verb: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown) => {
    if (found) return;
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && record.verb === verb) found = (record.data ?? {}) as Record<string, unknown>;
      else Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The same, for a button the test expects: a missing one fails with the card's text. */
export function buttonData(card: unknown, verb: string): Record<string, unknown> {
  const found = findButtonData(card, verb);
  if (!found) throw new Error(`no ${verb} button on the card:\n${cardText(card)}`);
  return found;
}
