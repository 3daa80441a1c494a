import { helpCard } from '../../cards/cards';
import { commandsFor } from '../../domain/commands';
import type { BotDeps } from '../bot-deps';
import { actorOf, type Turn } from '../turn';

/** `help`: the commands this user's roles allow. */
export async function helpCommand(deps: BotDeps, turn: Turn): Promise<void> {
  const actor = await actorOf(deps.ctx, turn);
  await turn.send(helpCard(deps.cards, deps.ctx.partnershipName, actor, commandsFor(actor.roles)));
}
