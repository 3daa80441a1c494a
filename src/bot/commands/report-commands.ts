import { randomInt } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { drawAndStoreDipSample, parseDipSampleArgs } from '../../app/dip-samples';
import { canLinkPaiChannel, linkPaiChannel } from '../../app/pai-channel';
import { ForbiddenError } from '../../domain/errors';
import { canRunReports } from '../../app/report-permissions';
import { canAssure } from '../../app/permissions';
import { cachedReportDocument, dipSampleDocument } from '../../app/report-documents';
import type { ReportName } from '../../app/reports';
import type { Actor } from '../../domain/member';
import { reportCard } from '../../cards/report-card';
import type { BotDeps } from '../bot-deps';
import { asAtText, replyWithCard } from '../reply';
import { actorOf, installationEventOf, scopeOf } from '../turn';
import { recordInstallation } from '../../app/record-installation';

/** Runs a report for the user and replies with its first card; refusals and unknown periods become error cards. */
async function replyWithReport(deps: BotDeps, context: TurnContext, name: ReportName, args: string): Promise<void> {
  const actor = await actorOf(deps.ctx, context);
  const doc = await cachedReportDocument(deps.ctx, deps.reportCache, actor, name, args);
  await replyWithCard(context, reportCard(deps.cards, doc, { asAt: asAtText(new Date(doc.generatedAt)), ref: { report: name, args }, ...buttonsFor(actor, context) }));
}

/** Only report roles may post a report to the PAI channel (an agency rep's own overdue list stays theirs). */
export function shareAllowed(actor: Actor): boolean {
  return canRunReports(actor);
}

/** The buttons this user gets on a report card here: share, the Excel file (personal chat), the PAI decision form. */
export function buttonsFor(actor: Actor, context: TurnContext): { share: boolean; offerFile: boolean; decide: boolean } {
  return { share: shareAllowed(actor), offerFile: scopeOf(context) === 'personal', decide: canAssure(actor) };
}

/** `quarterly themes [period]`. */
export const quarterlyThemesCommand = (deps: BotDeps, context: TurnContext, args: string) => replyWithReport(deps, context, 'quarterly-themes', args);
/** `status [review]`. */
export const statusCommand = (deps: BotDeps, context: TurnContext, args: string) => replyWithReport(deps, context, 'status', args);
/** `overdue [agency]`. */
export const overdueCommand = (deps: BotDeps, context: TurnContext, args: string) => replyWithReport(deps, context, 'overdue', args);
/** `assurance`. */
export const assuranceCommand = (deps: BotDeps, context: TurnContext) => replyWithReport(deps, context, 'assurance', '');
/** `yearly report [year]`. */
export const yearlyReportCommand = (deps: BotDeps, context: TurnContext, args: string) => replyWithReport(deps, context, 'yearly', args);
/** `dip samples`. */
export const dipSamplesCommand = (deps: BotDeps, context: TurnContext) => replyWithReport(deps, context, 'dip-samples', '');

/** `dip sample <n> [agency] [seed <number>]`: draws, stores and shows a reproducible sample. */
export async function dipSampleCommand(deps: BotDeps, context: TurnContext, args: string): Promise<void> {
  const actor = await actorOf(deps.ctx, context);
  const sample = await drawAndStoreDipSample(deps.ctx, actor, parseDipSampleArgs(args), () => randomInt(0, 0xffffffff));
  const doc = await dipSampleDocument(deps.ctx, sample);
  await replyWithCard(context, reportCard(deps.cards, doc, { asAt: asAtText(new Date(doc.generatedAt)), ref: { report: 'dip-sample', args: sample.id }, share: true, offerFile: scopeOf(context) === 'personal' }));
}

/** `link pai channel`: this channel or meeting chat receives shared report cards. */
export async function linkPaiChannelCommand(deps: BotDeps, context: TurnContext): Promise<void> {
  const actor = await actorOf(deps.ctx, context);
  const scope = scopeOf(context);
  const event = installationEventOf(context);
  // Rights first: nothing is written for someone who may not choose the PAI channel.
  if (!canLinkPaiChannel(actor)) throw new ForbiddenError('Only the PAI chair, the business unit or an administrator can choose the PAI channel.');
  // The bot is evidently here; record it in case the install event was missed.
  if (scope !== 'personal') await recordInstallation(deps.ctx, event);
  await linkPaiChannel(deps.ctx, actor, { conversationId: event.conversationId, scope });
  await context.sendActivity('This is now the PAI channel. Report cards shared with **Share to the PAI channel** will be posted here.');
}
