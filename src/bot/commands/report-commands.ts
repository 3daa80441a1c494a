import { randomInt } from 'node:crypto';
import { drawAndStoreDipSample, parseDipSampleArgs } from '../../app/reports/dip-samples';
import { canLinkPaiChannel, linkPaiChannel } from '../../app/directory/pai-channel';
import { ForbiddenError } from '../../domain/errors';
import { canRunReports } from '../../app/reports/report-permissions';
import { canAssure } from '../../app/kernel/permissions';
import { cachedReportDocument, dipSampleDocument } from '../../app/reports/report-documents';
import type { ReportName } from '../../app/reports/reports';
import type { Actor } from '../../domain/directory/member';
import { reportCard } from '../../cards/report-card';
import type { BotDeps } from '../bot-deps';
import { asAtText } from '../../domain/calendar';
import { actorOf, installationEventOf, scopeOf, type Turn } from '../turn';
import { recordInstallation } from '../../app/directory/record-installation';

/** Runs a report for the user and replies with its first card; refusals and unknown periods become error cards. */
async function replyWithReport(deps: BotDeps, turn: Turn, name: ReportName, args: string): Promise<void> {
  const actor = await actorOf(deps.ctx, turn);
  const doc = await cachedReportDocument(deps.ctx, deps.reportCache, actor, name, args);
  await turn.send(reportCard(deps.cards, doc, { asAt: asAtText(new Date(doc.generatedAt)), ref: { report: name, args }, ...buttonsFor(actor, turn) }));
}

/** Only report roles may post a report to the PAI channel (an agency rep's own overdue list stays theirs). */
export function shareAllowed(actor: Actor): boolean {
  return canRunReports(actor);
}

/** The buttons this user gets on a report card here: share, the Excel file (personal chat), the PAI decision form. */
export function buttonsFor(actor: Actor, turn: Turn): { share: boolean; offerFile: boolean; decide: boolean } {
  return { share: shareAllowed(actor), offerFile: scopeOf(turn) === 'personal', decide: canAssure(actor) };
}

/** `quarterly themes [period]`. */
export const quarterlyThemesCommand = (deps: BotDeps, turn: Turn, args: string) => replyWithReport(deps, turn, 'quarterly-themes', args);
/** `status [review]`. */
export const statusCommand = (deps: BotDeps, turn: Turn, args: string) => replyWithReport(deps, turn, 'status', args);
/** `overdue [agency]`. */
export const overdueCommand = (deps: BotDeps, turn: Turn, args: string) => replyWithReport(deps, turn, 'overdue', args);
/** `assurance`. */
export const assuranceCommand = (deps: BotDeps, turn: Turn) => replyWithReport(deps, turn, 'assurance', '');
/** `yearly report [year]`. */
export const yearlyReportCommand = (deps: BotDeps, turn: Turn, args: string) => replyWithReport(deps, turn, 'yearly', args);
/** `dip samples`. */
export const dipSamplesCommand = (deps: BotDeps, turn: Turn) => replyWithReport(deps, turn, 'dip-samples', '');

/** `dip sample <n> [agency] [seed <number>]`: draws, stores and shows a reproducible sample. */
export async function dipSampleCommand(deps: BotDeps, turn: Turn, args: string): Promise<void> {
  const actor = await actorOf(deps.ctx, turn);
  const sample = await drawAndStoreDipSample(deps.ctx, actor, parseDipSampleArgs(args), () => randomInt(0, 0xffffffff));
  const doc = await dipSampleDocument(deps.ctx, sample);
  await turn.send(reportCard(deps.cards, doc, { asAt: asAtText(new Date(doc.generatedAt)), ref: { report: 'dip-sample', args: sample.id }, share: true, offerFile: scopeOf(turn) === 'personal' }));
}

/** `link pai channel`: this channel or meeting chat receives shared report cards. */
export async function linkPaiChannelCommand(deps: BotDeps, turn: Turn): Promise<void> {
  const actor = await actorOf(deps.ctx, turn);
  const scope = scopeOf(turn);
  const event = installationEventOf(turn);
  // Rights first: nothing is written for someone who may not choose the PAI channel.
  if (!canLinkPaiChannel(actor)) throw new ForbiddenError('Only the PAI chair, the business unit or an administrator can choose the PAI channel.');
  // The bot is evidently here; record it in case the install event was missed.
  if (scope !== 'personal') await recordInstallation(deps.ctx, event);
  await linkPaiChannel(deps.ctx, actor, { conversationId: event.conversationId, scope });
  await turn.send('This is now the PAI channel. Report cards shared with **Share to PAI** will be posted here.');
}
