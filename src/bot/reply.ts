import { CardFactory, TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../cards/render';

/** Sends one card as the reply. */
export async function replyWithCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}
