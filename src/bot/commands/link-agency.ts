import type { TurnContext } from 'botbuilder';
import { linkAgency } from '../../app/link-agency';
import { recordInstallation } from '../../app/record-installation';
import { assertCanManageProgramme } from '../../app/permissions';
import type { BotDeps } from '../bot-deps';
import { actorOf, installationEventOf, scopeOf } from '../turn';

/** `link agency <name>`: this channel becomes the agency's channel. */
export async function linkAgencyCommand(deps: BotDeps, context: TurnContext, args: string): Promise<void> {
  const actor = await actorOf(deps.ctx, context);
  const scope = scopeOf(context);
  const event = installationEventOf(context);
  // Rights first: nothing is written for someone who may not link a channel.
  assertCanManageProgramme(actor);
  // The bot is evidently in this channel; record it in case the install event was missed (installed before capture).
  if (scope === 'channel') await recordInstallation(deps.ctx, event);
  const agency = await linkAgency(deps.ctx, actor, { agencyName: args, conversationId: event.conversationId, scope });
  await context.sendActivity(`This channel is now the channel for **${agency.name}**. Action cards and reminders for the agency will be posted here.`);
}
