import { ActivityTypes, TurnContext } from 'botbuilder';
import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { errorCard } from '../cards/cards';
import { COMMANDS } from '../domain/commands';
import { DomainError } from '../domain/errors';
import { recordInstallation, recordUninstallation } from '../app/record-installation';
import type { BotDeps } from './bot-deps';
import { assureActionFromCard, refreshActionCard, updateActionFromCard } from './card-actions/action-cards';
import { createActionFromCard, createReviewFromCard } from './card-actions/form-cards';
import { evaluateAssuranceFromCard, handOverFromCard, respondAssuranceFromCard, snoozeFromCard } from './card-actions/reminder-cards';
import type { CardVerb } from './card-verbs';
import { helpCommand } from './commands/help';
import { linkAgencyCommand } from './commands/link-agency';
import { postActionsCommand } from './commands/post-actions';
import { assuranceEvaluateCommand, deliveryReportCommand, meetingAddCommand, meetingsCommand } from './commands/reminder-commands';
import {
  actionCommand, addActionCommand, agencyActionsCommand, historyCommand, myActionsCommand, newReviewCommand, reviewCommand, signOffCommand,
} from './commands/review-commands';
import { whoamiCommand } from './commands/whoami';
import {
  assuranceCommand, dipSampleCommand, dipSamplesCommand, linkPaiChannelCommand, overdueCommand, quarterlyThemesCommand, statusCommand, yearlyReportCommand,
} from './commands/report-commands';
import { moreReportRows, recordDecisionFromCard, shareReport } from './card-actions/report-cards';
import { acceptReportFile, declineReportFile, offerReportFile } from './card-actions/report-file';
import { replyWithCard, respondToExecute } from './reply';
import { scrutinyCommand, scrutinyNewCommand } from './commands/scrutiny';
import {
  addCasesFromCard, addFindingFromCard, addRecommendationFromCard, agreeRecommendationFromCard, createPieceFromCard, gradeCaseFromCard, moveStageFromCard,
  openCaseAuditFromCard, openPieceFromCard, openSelfEvaluationFromCard, raiseConcernFromCard, recordFeedbackFromCard, recordInspectionFromCard,
  recordSelfEvaluationFromCard, resolveConcernFromCard,
} from './card-actions/scrutiny';
import { installationEventOf } from './turn';
import type { AdaptiveCard } from '../cards/render';

export type CommandHandler = (deps: BotDeps, context: TurnContext, args: string) => Promise<void>;

/** Text command -> handler. Every name in domain/commands.ts has exactly one entry (checked in tests). */
export const COMMAND_HANDLERS: Readonly<Record<string, CommandHandler>> = {
  help: helpCommand,
  whoami: whoamiCommand,
  'my actions': myActionsCommand,
  actions: agencyActionsCommand,
  review: reviewCommand,
  action: actionCommand,
  history: historyCommand,
  'sign off': signOffCommand,
  'new review': newReviewCommand,
  'add action': addActionCommand,
  'post actions': postActionsCommand,
  'link agency': linkAgencyCommand,
  'quarterly themes': quarterlyThemesCommand,
  status: statusCommand,
  overdue: overdueCommand,
  assurance: assuranceCommand,
  'yearly report': yearlyReportCommand,
  'dip sample': dipSampleCommand,
  'dip samples': dipSamplesCommand,
  'link pai channel': linkPaiChannelCommand,
  meetings: meetingsCommand,
  'meeting add': meetingAddCommand,
  'delivery report': deliveryReportCommand,
  'assurance evaluate': assuranceEvaluateCommand,
  // Scrutiny (issue 12)
  'scrutiny new': scrutinyNewCommand,
  scrutiny: scrutinyCommand,
};

export type CardHandler = (deps: BotDeps, context: TurnContext, data: unknown) => Promise<AdaptiveCard>;

/** Card verb -> handler. Every verb in card-verbs.ts (and so in adaptiveCards/*.json) has one entry. */
export const CARD_HANDLERS: Readonly<Record<CardVerb, CardHandler>> = {
  'review.create': createReviewFromCard,
  'action.create': createActionFromCard,
  'action.refresh': refreshActionCard,
  'action.update': updateActionFromCard,
  'action.agree': assureActionFromCard('agree'),
  'action.assure': assureActionFromCard('assure'),
  'action.challenge': assureActionFromCard('challenge'),
  'action.close': assureActionFromCard('close'),
  'action.withdraw': assureActionFromCard('withdraw'),
  'report.more': moreReportRows,
  'report.share': shareReport,
  'report.file': offerReportFile,
  'theme.decide': recordDecisionFromCard,
  'reminder.snooze': snoozeFromCard,
  'reminder.handover': handOverFromCard,
  'assurance.respond': respondAssuranceFromCard,
  'assurance.evaluate': evaluateAssuranceFromCard,
  // Scrutiny (issue 12)
  'scrutiny.create': createPieceFromCard,
  'scrutiny.open': openPieceFromCard,
  'scrutiny.stage': moveStageFromCard,
  'scrutiny.cases': addCasesFromCard,
  'scrutiny.audit.open': openCaseAuditFromCard,
  'scrutiny.grade': gradeCaseFromCard,
  'scrutiny.concern': raiseConcernFromCard,
  'scrutiny.concern.resolve': resolveConcernFromCard,
  'scrutiny.selfeval.open': openSelfEvaluationFromCard,
  'scrutiny.selfeval': recordSelfEvaluationFromCard,
  'scrutiny.feedback': recordFeedbackFromCard,
  'scrutiny.inspection': recordInspectionFromCard,
  'scrutiny.finding': addFindingFromCard,
  'scrutiny.recommendation': addRecommendationFromCard,
  'scrutiny.agree': agreeRecommendationFromCard,
};

export interface CreateBotAppOptions {
  /** The adapter that sends proactive messages; tests driving turns through TestAdapter leave it out. */
  adapter?: TeamsAdapter;
  botAppId?: string;
}

/** Splits "link agency Police" into the command and its arguments; longest command names are tried first. */
export function matchCommand(text: string): { name: string; args: string } | undefined {
  const normalised = text.replace(/\s+/g, ' ').trim();
  const names = Object.keys(COMMAND_HANDLERS).sort((a, b) => b.length - a.length);
  for (const name of names) {
    const pattern = new RegExp(`^${name.replace(/ /g, '\\s+')}(?:\\s+(.*))?$`, 'i');
    const match = pattern.exec(normalised);
    if (match) return { name, args: (match[1] ?? '').trim() };
  }
  return undefined;
}

/**
 * The bot: one readable list of every route. Domain errors become error cards; anything else is logged with ids
 * only and answered with an apology (onTurnError).
 */
export function createBotApp(deps: BotDeps, options: CreateBotAppOptions = {}): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter: options.adapter,
    botAppId: options.botAppId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  const { logger } = deps.ctx;

  const guarded = (handler: (context: TurnContext) => Promise<void>) => async (context: TurnContext) => {
    try {
      await handler(context);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      logger.info({ code: error.code, activityId: context.activity.id }, 'request refused');
      await replyWithCard(context, errorCard(deps.cards, error));
    }
  };

  // Installation capture: personal, group chat and team scopes.
  app.activity(ActivityTypes.InstallationUpdate, guarded(async (context) => {
    const action = String(context.activity.action ?? 'add');
    const event = installationEventOf(context);
    if (action.startsWith('remove')) await recordUninstallation(deps.ctx, event.conversationId, event.by);
    else await recordInstallation(deps.ctx, event);
  }));
  app.conversationUpdate('membersAdded', guarded(async (context) => {
    const botId = context.activity.recipient?.id;
    if (context.activity.membersAdded?.some((member) => member.id === botId)) {
      await recordInstallation(deps.ctx, installationEventOf(context));
      await helpCommand(deps, context);
    }
  }));
  app.conversationUpdate('membersRemoved', guarded(async (context) => {
    const botId = context.activity.recipient?.id;
    if (context.activity.membersRemoved?.some((member) => member.id === botId)) {
      const event = installationEventOf(context);
      await recordUninstallation(deps.ctx, event.conversationId, event.by);
    }
  }));

  // Card verbs: Action.Execute answers in place for the user who pressed; Action.Submit (older clients) gets a reply.
  for (const [verb, handler] of Object.entries(CARD_HANDLERS)) {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      try {
        await respondToExecute(context, await handler(deps, context, data));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        logger.info({ code: error.code, verb }, 'card action refused');
        await respondToExecute(context, errorCard(deps.cards, error));
      }
      return '';
    });
    app.adaptiveCards.actionSubmit(verb, guarded(async (context) => {
      await replyWithCard(context, await handler(deps, context, (context.activity.value ?? {}) as unknown));
    }));
  }

  // Teams file consent (personal chat): the user accepted or declined a report file the bot offered.
  app.fileConsentAccept(guarded(async (context) => acceptReportFile(deps, context, (context.activity.value ?? {}) as object)));
  app.fileConsentDecline(guarded(async (context) => declineReportFile(deps, context)));

  // Text commands, then a fallback for anything else typed.
  app.message(
    async (context) => matchCommand(context.activity.text ?? '') !== undefined,
    guarded(async (context) => {
      const command = matchCommand(context.activity.text ?? '') as { name: string; args: string };
      await COMMAND_HANDLERS[command.name](deps, context, command.args);
    }),
  );
  app.activity(ActivityTypes.Message, guarded(async (context) => {
    if (!context.activity.text?.trim()) return;
    await context.sendActivity(`Sorry, I don't know that command. Type **help** to see what I can do.`);
  }));

  app.error(async (context, error) => {
    logger.error({ activityId: context.activity.id, type: context.activity.type, error: (error as Error).name }, 'turn failed');
    await context.sendActivity('Sorry, something went wrong on our side. The business unit has been told; please try again later.');
  });

  return app;
}

/** Every command in the catalog, for tests and the manifest check. */
export function catalogCommandNames(): string[] {
  return COMMANDS.map((command) => command.name);
}
