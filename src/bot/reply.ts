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

// Cards built here print their "as at" line with the calendar's wording, shared with the report files.
export { asAtText } from '../domain/calendar';
