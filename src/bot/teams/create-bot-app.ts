import { ActivityTypes, TurnContext } from 'botbuilder';
import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { errorCard } from '../../cards/cards';
import { COMMANDS, suggestCommand } from '../../domain/commands';
import { DomainError, ValidationError } from '../../domain/errors';
import { recordInstallation, recordUninstallation } from '../../app/directory/record-installation';
import type { BotDeps } from '../bot-deps';
import { assureActionFromCard, refreshActionCard, updateActionFromCard } from '../card-actions/action-cards';
import { createActionFromCard, createReviewFromCard } from '../card-actions/form-cards';
import { evaluateAssuranceFromCard, handOverFromCard, respondAssuranceFromCard, snoozeFromCard } from '../card-actions/reminder-cards';
import type { CardVerb } from '../card-verbs';
import { helpCommand } from '../commands/help';
import { linkAgencyCommand } from '../commands/link-agency';
import { postActionsCommand } from '../commands/post-actions';
import { assuranceEvaluateCommand, deliveryReportCommand, meetingAddCommand, meetingsCommand } from '../commands/reminder-commands';
import {
  actionCommand, addActionCommand, agencyActionsCommand, historyCommand, myActionsCommand, newReviewCommand, reviewCommand, signOffCommand,
} from '../commands/review-commands';
import { whoamiCommand } from '../commands/whoami';
import {
  assuranceCommand, dipSampleCommand, dipSamplesCommand, linkPaiChannelCommand, overdueCommand, quarterlyThemesCommand, statusCommand, yearlyReportCommand,
} from '../commands/report-commands';
import { moreReportRows, recordDecisionFromCard, shareReportFromCard } from '../card-actions/report-cards';
import { acceptReportFile, declineReportFile, offerReportFile } from '../card-actions/report-file';
import { showActionList } from '../card-actions/list-cards';
import { scrutinyCommand, scrutinyNewCommand } from '../commands/scrutiny';
import {
  addCasesFromCard, addFindingFromCard, addRecommendationFromCard, agreeRecommendationFromCard, createPieceFromCard, gradeCaseFromCard, moveStageFromCard,
  openCaseAuditFromCard, openPieceFromCard, openSelfEvaluationFromCard, raiseConcernFromCard, recordFeedbackFromCard, recordInspectionFromCard,
  recordSelfEvaluationFromCard, resolveConcernFromCard,
} from '../card-actions/scrutiny';
import { respondToExecute } from './reply';
import { turnOf } from './turn-of-context';
import { installationEventOf, type Turn } from '../turn';
import type { AdaptiveCard } from '../../cards/render';
import {
  s11AnswerFromCard, s11CopyFromCard, s11FeedbackFromCard, s11ModerateFromCard, s11ReturnFromCard, s11SaveFromCard, s11StandardFromCard, s11SubmitFromCard, s11SummaryFromCard,
} from '../card-actions/s11-cards';
import { s11FeedbackCommand, s11ModerateCommand, s11OpenCommand, s11ReturnCommand, s11StageCommand, s11SummaryCommand } from '../commands/s11-commands';
import { actorOf } from '../turn';

export type CommandHandler = (deps: BotDeps, turn: Turn, args: string) => Promise<void>;

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
  // Section 11 (issue 11).
  's11 open': s11OpenCommand,
  's11 stage': s11StageCommand,
  's11 return': s11ReturnCommand,
  's11 moderate': s11ModerateCommand,
  's11 feedback': s11FeedbackCommand,
  's11 summary': s11SummaryCommand,
  // Scrutiny (issue 12).
  'scrutiny new': scrutinyNewCommand,
  scrutiny: scrutinyCommand,
};

export type CardHandler = (deps: BotDeps, turn: Turn, data: unknown) => Promise<AdaptiveCard>;

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
  'report.share': shareReportFromCard,
  'report.file': offerReportFile,
  'theme.decide': recordDecisionFromCard,
  'reminder.snooze': snoozeFromCard,
  'reminder.handover': handOverFromCard,
  'assurance.respond': respondAssuranceFromCard,
  'assurance.evaluate': evaluateAssuranceFromCard,
  // Section 11 (issue 11).
  's11.return': s11ReturnFromCard,
  's11.standard': s11StandardFromCard,
  's11.save': s11SaveFromCard,
  's11.copy': s11CopyFromCard,
  's11.submit': s11SubmitFromCard,
  's11.moderate': s11ModerateFromCard,
  's11.answer': s11AnswerFromCard,
  's11.feedback': s11FeedbackFromCard,
  's11.summary': s11SummaryFromCard,
  // Back from an action card to the list it was opened from (issue 14).
  'action.list': showActionList,
  // Scrutiny (issue 12).
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

/** No reference, name, period or date a command takes is longer than this; longer arguments are refused unread. */
export const MAX_COMMAND_ARGS_CHARS = 200;

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

  /**
   * The one place an error becomes an answer (architecture.md, "Errors"): a DomainError (not valid, not allowed, not
   * found, changed by someone else, personal data refused, ...) becomes the error card, as a reply or, for a button
   * pressed (Action.Execute), as the invoke response; anything else goes on to app.error below.
   */
  const answerRefusals = (answer: 'reply' | 'invoke', handler: (context: TurnContext) => Promise<void>) => async (context: TurnContext) => {
    try {
      await handler(context);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const card = errorCard(deps.cards, error);
      if (answer === 'invoke') {
        const verb = (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
        logger.info({ code: error.code, activityId: context.activity.id, verb: typeof verb === 'string' ? verb : undefined }, 'card action refused');
        await respondToExecute(context, card);
      } else {
        logger.info({ code: error.code, activityId: context.activity.id }, 'request refused');
        await turnOf(context).send(card);
      }
    }
  };
  /** A handler that takes a Turn, with refusals answered as error cards. */
  const guarded = (handler: (turn: Turn) => Promise<void>) => answerRefusals('reply', (context) => handler(turnOf(context)));

  // Installation capture: personal, group chat and team scopes.
  app.activity(ActivityTypes.InstallationUpdate, guarded(async (turn) => {
    const action = String(turn.activity.action ?? 'add');
    const event = installationEventOf(turn);
    if (action.startsWith('remove')) await recordUninstallation(deps.ctx, event.conversationId, event.by);
    else await recordInstallation(deps.ctx, event);
  }));
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    if (!context.activity.membersAdded?.some((member) => member.id === botId)) return;
    await guarded(async (turn) => {
      await recordInstallation(deps.ctx, installationEventOf(turn));
      await helpCommand(deps, turn);
    })(context);
  });
  app.conversationUpdate('membersRemoved', guarded(async (turn) => {
    const botId = turn.activity.recipient?.id;
    const removed = (turn.activity as { membersRemoved?: { id: string }[] }).membersRemoved;
    if (removed?.some((member) => member.id === botId)) {
      const event = installationEventOf(turn);
      await recordUninstallation(deps.ctx, event.conversationId, event.by);
    }
  }));

  // Card verbs: Action.Execute answers in place for the user who pressed; Action.Submit (older clients) gets a reply.
  for (const [verb, handler] of Object.entries(CARD_HANDLERS)) {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      await answerRefusals('invoke', async () => respondToExecute(context, await handler(deps, turnOf(context), data)))(context);
      return '';
    });
    app.adaptiveCards.actionSubmit(verb, guarded(async (turn) => {
      await turn.send(await handler(deps, turn, (turn.activity.value ?? {}) as unknown));
    }));
  }

  // A button whose verb no handler knows (an old or forged card): the error card Teams expects, never a 5xx.
  const knownVerbs: ReadonlySet<string> = new Set(Object.keys(CARD_HANDLERS));
  app.adaptiveCards.actionExecute(
    async (context) => context.activity.name === 'adaptiveCard/action' && !knownVerbs.has(String((context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb)),
    async (context) => {
      await answerRefusals('invoke', async () => {
        throw new ValidationError('This button is not one the bot knows. Open the item again from a fresh card.', {}, 'CARD.UNKNOWN_VERB');
      })(context);
      return '';
    },
  );

  // Teams file consent (personal chat): the user accepted or declined a report file the bot offered.
  app.fileConsentAccept(guarded(async (turn) => acceptReportFile(deps, turn, (turn.activity.value ?? {}) as object)));
  app.fileConsentDecline(guarded(async (turn) => declineReportFile(deps, turn)));

  // Text commands, then a fallback for anything else typed.
  app.message(
    async (context) => matchCommand(context.activity.text ?? '') !== undefined,
    guarded(async (turn) => {
      const command = matchCommand(turn.activity.text ?? '') as { name: string; args: string };
      if (command.args.length > MAX_COMMAND_ARGS_CHARS) {
        throw new ValidationError('That is longer than any reference, name or period the bot knows. Type **help** to see the commands.', { field: 'args' }, 'COMMAND.ARGUMENT_TOO_LONG');
      }
      await COMMAND_HANDLERS[command.name](deps, turn, command.args);
    }),
  );
  app.activity(ActivityTypes.Message, guarded(async (turn) => {
    const text = turn.activity.text ?? '';
    if (!text.trim()) return;
    // A suggestion names a command from the catalogue, never the typed text.
    const suggestion = suggestCommand(text, (await actorOf(deps.ctx, turn)).roles);
    const hint = suggestion ? ` Did you mean **${suggestion}**?` : '';
    await turn.send(`Sorry, I don't know that command.${hint} Type **help** to see what I can do.`);
  }));

  app.error(async (context, error) => {
    logger.error({ activityId: context.activity.id, type: context.activity.type, error: (error as Error).name }, 'turn failed');
    try {
      await context.sendActivity('Sorry, something went wrong on our side. The business unit has been told; please try again later.');
    } catch (replyError) {
      // The conversation cannot be reached (e.g. its serviceUrl is down): the turn ends, logged, without a second failure.
      logger.warn({ activityId: context.activity.id, error: (replyError as Error).name }, 'apology not delivered');
    }
  });

  return app;
}

/** Every command in the catalog, for tests and the manifest check. */
export function catalogCommandNames(): string[] {
  return COMMANDS.map((command) => command.name);
}
