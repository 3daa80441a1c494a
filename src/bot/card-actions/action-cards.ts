import { actionViewById } from '../../app/actions/action-queries';
import { assureAction, AssuranceDecision } from '../../app/actions/assure-action';
import { ChangeOutcome, updateAction } from '../../app/actions/update-action';
import { actionCard, Banner } from '../../cards/action-cards';
import type { AdaptiveCard } from '../../cards/render';
import type { DomainError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import type { BotDeps } from '../bot-deps';
import { actionAssureSchema, actionRefSchema, actionUpdateSchema, parseCardData } from '../card-data';
import { listRefSchema } from './list-cards';
import { actorOf, type Turn } from '../turn';
import { orShowAgain } from '../refusals';
import { asAtText } from '../../domain/calendar';

/** `action.refresh`: the action card in this user's view (also Teams' automatic refresh and the list's Open). */
export async function refreshActionCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const { actionId } = parseCardData(actionRefSchema, data);
  // Opened from a list (sign off, my actions, an agency's or a review's): the card offers Back to it.
  const { back } = parseCardData(listRefSchema, data);
  const actor = await actorOf(deps.ctx, turn);
  const view = await actionViewById(deps.ctx, actor, actionId);
  return actionCard(deps.cards, view, { asAt: asAtText(deps.ctx.clock.now()), back: back || undefined });
}

const OUTCOME_BANNERS: Record<string, Banner> = {
  saved: { style: 'good', text: 'Saved. Thank you for the update.' },
  duplicate: { style: 'emphasis', text: 'This update was already saved (the same submission arrived twice).' },
};

/** Turns a change outcome into the next card: saved, already saved, or someone else got there first. */
async function outcomeCard(deps: BotDeps, actor: Actor, outcome: ChangeOutcome<object>): Promise<AdaptiveCard> {
  const view = await actionViewById(deps.ctx, actor, outcome.action.id);
  const asAt = asAtText(deps.ctx.clock.now());
  if (outcome.outcome === 'conflict') {
    const by = outcome.action.lastUpdate ? `${outcome.action.lastUpdate.byName} at ${outcome.action.lastUpdate.on.slice(11, 16)} UTC` : 'someone else';
    return actionCard(deps.cards, view, {
      asAt,
      banner: { style: 'warning', text: `Not saved: ${by} changed this action while you were editing. Here is the current state; your text is kept in the form below, so check it and save again.` },
      yourInput: outcome.yourInput as Record<string, string>,
    });
  }
  return actionCard(deps.cards, view, { asAt, banner: OUTCOME_BANNERS[outcome.outcome] });
}

/**
 * A refused change the user can put right comes back as the current card with the reason and the user's own input,
 * so nothing typed is lost; the rest (not allowed, an unknown action) get the seam's error card.
 */
async function refusedCard(deps: BotDeps, actor: Actor, actionId: string, error: DomainError, yourInput: Record<string, unknown>): Promise<AdaptiveCard> {
  const view = await actionViewById(deps.ctx, actor, actionId);
  // Text refused as personal data is not shown back: only the other fields are kept.
  const refusedField = error.code === 'INPUT.PERSONAL_DATA' ? error.details.field : undefined;
  const input = Object.fromEntries(Object.entries(yourInput).filter(([key, value]) => typeof value === 'string' && key !== refusedField)) as Record<string, string>;
  return actionCard(deps.cards, view, { asAt: asAtText(deps.ctx.clock.now()), banner: { style: 'attention', text: `Not saved: ${error.message}` }, yourInput: input });
}

/** `action.update`: the responsible officer or agency saves progress. */
export async function updateActionFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(actionUpdateSchema, data);
  const actor = await actorOf(deps.ctx, turn);
  const { actionId, etag, submissionId, ...fields } = input;
  return orShowAgain(
    async () => outcomeCard(deps, actor, await updateAction(deps.ctx, actor, { actionId, etag, submissionId }, fields)),
    (error) => refusedCard(deps, actor, actionId, error, fields),
  );
}

/** `action.agree|assure|challenge|close|withdraw`: PAI decisions. */
export function assureActionFromCard(decision: AssuranceDecision) {
  return async (deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> => {
    const input = parseCardData(actionAssureSchema, data);
    const actor = await actorOf(deps.ctx, turn);
    const { actionId, etag, submissionId, rationale, meetingDate, closeWithoutImpact } = input;
    const fields = { rationale, meetingDate, closeWithoutImpact: closeWithoutImpact === true || closeWithoutImpact === 'true' };
    return orShowAgain(
      async () => outcomeCard(deps, actor, await assureAction(deps.ctx, actor, { actionId, etag, submissionId }, decision, fields)),
      (error) => refusedCard(deps, actor, actionId, error, { rationale, meetingDate }),
    );
  };
}
