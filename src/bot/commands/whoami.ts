import type { TurnContext } from 'botbuilder';
import type { Agency } from '../../domain/directory/agency';
import { KIND } from '../../app/kernel/kinds';
import { whoamiCard } from '../../cards/cards';
import type { BotDeps } from '../bot-deps';
import { replyWithCard } from '../reply';
import { actorOf } from '../turn';

/** `whoami`: who the bot thinks you are, and what you may do. */
export async function whoamiCommand(deps: BotDeps, context: TurnContext): Promise<void> {
  const actor = await actorOf(deps.ctx, context);
  const agency = actor.agencyId ? await deps.ctx.store.get<Agency>(KIND.agency, deps.ctx.partnershipId, actor.agencyId) : undefined;
  await replyWithCard(context, whoamiCard(deps.cards, actor, agency?.name));
}
