import { Activity, TestAdapter, TurnContext } from 'botbuilder';
import { createBotApp } from '../../src/bot/create-bot-app';
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
export function createBotHarness(ctx: TestContext) {
  const cards = new CardRenderer();
  const app = createBotApp({ ctx, cards });
  const adapter = new TestAdapter(async (context: TurnContext) => {
    await app.run(context);
  });
  return {
    app,
    cards,
    async send(activity: object): Promise<SentCard[]> {
      const replies: Partial<Activity>[] = [];
      await adapter.processActivity(activity as Partial<Activity>);
      while (adapter.activeQueue.length > 0) replies.push(adapter.activeQueue.shift() as Partial<Activity>);
      return replies.map((reply) => ({
        text: reply.text,
        card: reply.attachments?.[0]?.content as Record<string, unknown> | undefined,
      }));
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
