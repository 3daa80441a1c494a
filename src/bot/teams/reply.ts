import { ActivityTypes, TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/render';

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
