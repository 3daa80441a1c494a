import { linkAgency } from '../../app/directory/link-agency';
import { recordInstallation } from '../../app/directory/record-installation';
import { assertCanManageProgramme } from '../../app/kernel/permissions';
import type { BotDeps } from '../bot-deps';
import { actorOf, installationEventOf, scopeOf, type Turn } from '../turn';

/** `link agency <name>`: this channel becomes the agency's channel. */
export async function linkAgencyCommand(deps: BotDeps, turn: Turn, args: string): Promise<void> {
  const actor = await actorOf(deps.ctx, turn);
  const scope = scopeOf(turn);
  const event = installationEventOf(turn);
  // Rights first: nothing is written for someone who may not link a channel.
  assertCanManageProgramme(actor);
  // The bot is evidently in this channel; record it in case the install event was missed (installed before capture).
  if (scope === 'channel') await recordInstallation(deps.ctx, event);
  const agency = await linkAgency(deps.ctx, actor, { agencyName: args, conversationId: event.conversationId, scope });
  await turn.send(`This channel is now the channel for **${agency.name}**. Action cards and reminders for the agency will be posted here.`);
}
