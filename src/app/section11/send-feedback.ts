import { agreeAction, proposeAction, type Action } from '../../domain/actions/action';
import type { Agency } from '../../domain/directory/agency';
import { NotFoundError } from '../../domain/errors';
import type { Actor, Member } from '../../domain/directory/member';
import type { S11Cycle } from '../../domain/section11/cycle';
import { standardOf, type S11Framework } from '../../domain/section11/framework';
import { improvementActionsOf, recordFeedback, type S11Return } from '../../domain/section11/return';
import type { WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { actionIdOf } from '../actions/actions';
import { auditOperation } from '../kernel/audit';
import { assertNoPersonalData } from '../kernel/guard-text';
import { KIND } from '../kernel/kinds';
import { enqueue, newOutboxMessage } from '../reminders/outbox';
import { canHoldActionIn } from '../kernel/permissions';
import { S11_FIELD_LABELS } from './answer-fields';
import { commitReturnChange, type ReturnCardKey, type ReturnOutcome } from './commit-return';
import { assertCanModerate, loadFramework, loadReturnById } from './records';

/** Builds the feedback message for the agency's channel (the bot layer renders the card). */
export type S11FeedbackRenderer = (input: { cycle: S11Cycle; agency: Agency; framework: S11Framework; ret: S11Return }) => Record<string, unknown>;

/** An improvement action's ref: cycle, agency and standard, e.g. `S11-2026/27-Police-5.1`. */
export function improvementActionRef(cycleLabel: string, agency: Pick<Agency, 'shortName'>, standard: string, index: number): string {
  return `S11-${cycleLabel}-${agency.shortName.replace(/[^A-Za-z0-9]+/g, '-')}-${standard}.${index + 1}`;
}

/**
 * The agreed improvement actions of a return as actions with source SECTION_11 (cycle and standard in `origin`), in
 * the same lifecycle as review actions: agreed when the named officer is a member of the agency, else proposed.
 */
export function improvementActions(ret: S11Return, framework: S11Framework, agency: Agency, members: readonly Member[], stamp: { by: string; on: string }): Action[] {
  const byEmail = new Map(members.map((member) => [member.email.toLowerCase(), member]));
  return improvementActionsOf(ret, framework).map(({ standard, action, index }) => {
    const ref = improvementActionRef(ret.cycleLabel, agency, standard, index);
    const officer = byEmail.get(action.officerEmail.toLowerCase());
    const proposed = proposeAction(
      {
        id: actionIdOf(ref),
        ref,
        sourceType: 'SECTION_11',
        origin: { cycle: ret.cycleLabel, standard },
        scope: 'SINGLE_AGENCY',
        agencyId: agency.id,
        responsibleOfficerId: officer && canHoldActionIn(officer, agency.id) ? officer.id : undefined,
        themes: [],
        description: action.description,
        successMeasure: `Section 11 standard ${standard} (${standardOf(framework, standard)?.title ?? ''}) met at the next cycle`,
        targetDate: action.targetDate,
      },
      stamp,
    );
    return proposed.responsibleOfficerId ? agreeAction(proposed, stamp) : proposed;
  });
}

/**
 * `s11.feedback`: the PAI sends the agency its feedback (moderated ratings, strengths, areas for development, agreed
 * improvement actions). The actions, the return and the audit entries go in one commit; the message goes through the outbox.
 */
export async function sendS11Feedback(
  ctx: AppContext,
  actor: Actor,
  key: ReturnCardKey,
  fields: { strengths?: string; areasForDevelopment?: string },
  render: S11FeedbackRenderer,
): Promise<ReturnOutcome> {
  assertCanModerate(actor);
  assertNoPersonalData(ctx, { strengths: fields.strengths, areasForDevelopment: fields.areasForDevelopment }, S11_FIELD_LABELS);
  const { cycle, ...current } = await loadReturnById(ctx, key.returnId);
  const [framework, agency, members] = await Promise.all([
    loadFramework(ctx, cycle.frameworkId),
    ctx.stores.agencies.get(current.ret.agencyId),
    ctx.stores.members.all(),
  ]);
  if (!agency) throw new NotFoundError('The agency of this return no longer exists.', 'S11.AGENCY_NOT_FOUND');
  let actions: Action[] = [];
  const outcome = await commitReturnChange(
    ctx,
    actor,
    current,
    key,
    (ret, on) => {
      actions = improvementActions(ret, framework, agency, members, { by: actor.aadObjectId, on });
      return recordFeedback(ret, cycle.stage, { strengths: fields.strengths ?? '', areasForDevelopment: fields.areasForDevelopment ?? '', actionRefs: actions.map((action) => action.ref) }, { by: actor.aadObjectId, on });
    },
    {
      operation: 's11-feedback',
      alongside: (_next, on): WriteOperation[] =>
        actions.flatMap((action) => [
          ctx.stores.actions.op.create(action),
          auditOperation({ at: on, by: actor.aadObjectId, subjectKind: KIND.action, subjectId: action.id, operation: 'create-from-s11', after: { ref: action.ref, status: action.status } }),
        ]),
    },
  );
  if (outcome.outcome === 'saved' && agency.channelConversationId) {
    const now = ctx.clock.now();
    await enqueue(ctx, [{
      message: newOutboxMessage(
        {
          idempotencyKey: `s11-feedback|${outcome.ret.id}`,
          policy: 'S11_FEEDBACK',
          subjectId: outcome.ret.id,
          recipient: { kind: 'agency', id: agency.id },
          agencyId: agency.id,
          conversationRecordId: agency.channelConversationId,
          payload: render({ cycle, agency, framework, ret: outcome.ret }),
          notBefore: now.toISOString(),
        },
        now,
      ),
    }]);
  }
  return outcome;
}
