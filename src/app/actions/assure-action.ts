import { Action, changeStatus, closeAction } from '../../domain/actions/action';
import { parseFlexibleDate } from '../../domain/calendar';
import { ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { meetingIdOf } from '../../domain/reviews/meeting';
import type { AppContext } from '../kernel/app-context';
import { assertCanAssure } from '../kernel/permissions';
import { ChangeOutcome, commitActionChange, guardFields, loadActionForCard, SubmissionKey } from './update-action';

/** PAI decisions on an action, as the assurance card offers them. */
export const ASSURANCE_DECISIONS = ['agree', 'assure', 'challenge', 'close', 'withdraw', 'supersede'] as const;
export type AssuranceDecision = (typeof ASSURANCE_DECISIONS)[number];

export interface AssuranceFields {
  /** Why: required to challenge, withdraw or supersede; optional otherwise. */
  rationale?: string;
  /** The PAI meeting that signed the action off (YYYY-MM-DD), recorded on close. */
  meetingDate?: string;
  /** Close as "closed – impact not yet evidenced" when there is no impact statement. */
  closeWithoutImpact?: boolean;
}

/**
 * The PAI chair or business unit agrees, assures (impact evidenced), challenges (back to in progress),
 * closes (sign-off) or withdraws an action. Authorised here, whatever the card offered.
 */
export async function assureAction(
  ctx: AppContext,
  actor: Actor,
  key: SubmissionKey,
  decision: AssuranceDecision,
  fields: AssuranceFields,
): Promise<ChangeOutcome<AssuranceFields>> {
  const current = await loadActionForCard(ctx, key.actionId);
  assertCanAssure(actor);
  guardFields(ctx, { rationale: fields.rationale });
  const rationale = fields.rationale?.trim() || undefined;
  let meetingId: string | undefined;
  if (fields.meetingDate?.trim()) {
    const date = parseFlexibleDate(fields.meetingDate);
    if (!date) throw new ValidationError('Give the meeting date as YYYY-MM-DD.', { field: 'meetingDate' }, 'ACTION.MEETING_DATE_INVALID');
    meetingId = meetingIdOf(date, 'PAI');
  }
  const apply = (action: Action, on: string): Action => {
    const context = { by: actor.aadObjectId, on, rationale, meetingId };
    switch (decision) {
      case 'agree':
        return changeStatus(action, 'AGREED', context);
      case 'assure':
        return changeStatus(action, 'IMPACT_EVIDENCED', context);
      case 'challenge':
        return changeStatus(action, 'IN_PROGRESS', context);
      case 'close':
        return closeAction(action, { by: actor.aadObjectId, on, meetingId, allowWithoutImpact: fields.closeWithoutImpact === true });
      case 'withdraw':
        return changeStatus(action, 'WITHDRAWN', context);
      case 'supersede':
        return changeStatus(action, 'SUPERSEDED', context);
    }
  };
  // Validate before the idempotency and etag checks, so a refused decision is reported as such.
  apply(current, ctx.clock.now().toISOString());
  return commitActionChange(ctx, actor, current, key, apply, { operation: decision, note: rationale, yourInput: fields, said: rationale ? { rationale } : undefined });
}
