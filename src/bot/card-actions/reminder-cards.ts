import { evaluateAssurance, handOverAction, respondToAssurance, snoozeReminder } from '../../app/reminders/reminder-actions';
import type { AssuranceActionResponse } from '../../domain/reviews/assurance-request';
import { noticeCard } from '../../cards/reminder-cards';
import type { AdaptiveCard } from '../../cards/render';
import type { BotDeps } from '../bot-deps';
import { assuranceEvaluateSchema, assuranceRespondSchema, parseCardData, reminderHandoverSchema, reminderSnoozeSchema } from '../card-data';
import { actorOf, type Turn } from '../turn';

/** `reminder.snooze`: hold this reminder until a date within the limits. */
export async function snoozeFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(reminderSnoozeSchema, data);
  const actor = await actorOf(deps.ctx, turn);
  const { until } = await snoozeReminder(deps.ctx, actor, input);
  return noticeCard(deps.cards, 'Snoozed', `You will not get this reminder again before ${until}. Escalations to your agency lead and the PAI still go ahead on their dates.`);
}

/** `reminder.handover`: the action passes to a deputy in the same agency. */
export async function handOverFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(reminderHandoverSchema, data);
  const actor = await actorOf(deps.ctx, turn);
  const deputy = await handOverAction(deps.ctx, actor, input);
  return noticeCard(deps.cards, 'Handed over', `${deputy.name} is now the responsible officer and will get its reminders.`);
}

/** `assurance.respond`: the officer's evidence of completion and impact for each action in a 12-month request. */
export async function respondAssuranceFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const { requestId, ...fields } = parseCardData(assuranceRespondSchema, data);
  const text = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string).slice(0, 2000) : '');
  const actionIds = Object.keys(fields).filter((key) => key.startsWith('completion_') || key.startsWith('impact_')).map((key) => key.replace(/^(completion|impact)_/, ''));
  const responses: AssuranceActionResponse[] = [...new Set(actionIds)].map((actionId) => ({
    actionId,
    completionEvidence: text(`completion_${actionId}`),
    impactStatement: text(`impact_${actionId}`),
    evidenceUrl: text(`evidenceUrl_${actionId}`) || undefined,
  }));
  const actor = await actorOf(deps.ctx, turn);
  await respondToAssurance(deps.ctx, actor, { requestId, responses });
  return noticeCard(deps.cards, 'Assurance received', 'Thank you. The PAI subgroup will evaluate your response; you will not be chased for this request again.');
}

/** `assurance.evaluate`: the PAI records its judgement on an answered 12-month request, which ends its tracking. */
export async function evaluateAssuranceFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(assuranceEvaluateSchema, data);
  const actor = await actorOf(deps.ctx, turn);
  const evaluated = await evaluateAssurance(deps.ctx, actor, input);
  return noticeCard(deps.cards, 'Evaluation saved', `Recorded as ${evaluated.evaluation}. This 12-month request is no longer tracked as open.`);
}
