import { ActivityTypes, CardFactory, TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../cards/render';

/** Sends one card as the reply. */
export async function replyWithCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

/**
 * Answers an Action.Execute with a card for the person who pressed it only. Teams AI would otherwise update the
 * message for everyone whenever a card has a refresh section, showing one user's controls to the whole channel.
 */
export async function respondToExecute(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } },
  });
}

/** London wall-clock time for "as at" lines. */
export function asAtText(now: Date): string {
  return `${new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' }).format(now)} (UK time)`;
}
