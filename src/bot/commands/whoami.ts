import { agencyNameOf } from '../../app/directory/agencies';
import { whoamiCard } from '../../cards/cards';
import type { BotDeps } from '../bot-deps';
import { actorOf, type Turn } from '../turn';

/** `whoami`: who the bot thinks you are, and what you may do. */
export async function whoamiCommand(deps: BotDeps, turn: Turn): Promise<void> {
  const actor = await actorOf(deps.ctx, turn);
  await turn.send(whoamiCard(deps.cards, actor, await agencyNameOf(deps.ctx, actor.agencyId)));
}
