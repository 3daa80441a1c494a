import type { TurnContext } from 'botbuilder';
import { helpCard } from '../../cards/cards';
import { commandsFor } from '../../domain/commands';
import type { BotDeps } from '../bot-deps';
import { replyWithCard } from '../reply';
import { actorOf } from '../turn';

/** `help`: the commands this user's roles allow. */
export async function helpCommand(deps: BotDeps, context: TurnContext): Promise<void> {
  const actor = await actorOf(deps.ctx, context);
  await replyWithCard(context, helpCard(deps.cards, deps.ctx.partnershipName, actor, commandsFor(actor.roles)));
}
