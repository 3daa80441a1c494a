import type { Agency } from '../../domain/directory/agency';
import { KIND } from '../../app/kernel/kinds';
import { whoamiCard } from '../../cards/cards';
import type { BotDeps } from '../bot-deps';
import { actorOf, type Turn } from '../turn';

/** `whoami`: who the bot thinks you are, and what you may do. */
export async function whoamiCommand(deps: BotDeps, turn: Turn): Promise<void> {
  const actor = await actorOf(deps.ctx, turn);
  const agency = actor.agencyId ? await deps.ctx.store.get<Agency>(KIND.agency, deps.ctx.partnershipId, actor.agencyId) : undefined;
  await turn.send(whoamiCard(deps.cards, actor, agency?.name));
}
