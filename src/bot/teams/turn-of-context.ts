import { CardFactory, TurnContext, type Activity } from 'botbuilder';
import type { OutgoingMessage, Turn, TurnActivity } from '../turn';

/** The botbuilder turn as the plain Turn the handlers take: the one place a TurnContext becomes our own type. */
export function turnOf(context: TurnContext): Turn {
  return {
    activity: context.activity as unknown as TurnActivity,
    async send(message: OutgoingMessage) {
      const response = await context.sendActivity(toActivity(message));
      return { id: response?.id };
    },
    conversationReference: () => TurnContext.getConversationReference(context.activity) as unknown as Record<string, unknown>,
  };
}

function toActivity(message: OutgoingMessage): string | Partial<Activity> {
  if (typeof message === 'string') return message;
  if (message.type === 'AdaptiveCard') return { attachments: [CardFactory.adaptiveCard(message)] };
  return message as Partial<Activity>;
}
