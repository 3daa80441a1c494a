import type { Action } from '../../domain/actions/action';
import { ASSURANCE_EVALUATIONS, AssuranceActionResponse, AssuranceRequest, evaluateRequest, respondToRequest } from '../../domain/reviews/assurance-request';
import type { IsoDate } from '../../domain/calendar';
import { NotFoundError, ValidationError } from '../../domain/errors';
import type { Actor, Member } from '../../domain/directory/member';
import { checkSnooze, REMINDER_POLICIES, ReminderPolicy, ReminderSnooze } from '../../domain/reminders/reminder-policy';
import { hashedIdOf, type Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { todayOf } from '../kernel/app-context';
import { advanceAssuranceStatus } from '../reviews/assurance-status';
import { auditOperation } from '../kernel/audit';
import { assertNoPersonalData } from '../kernel/guard-text';
import { KIND } from '../kernel/kinds';
import { loadLookups } from '../directory/lookups';
import { assertCanAssure, assertCanEdit, assertCanManageProgramme, canHoldActionIn } from '../kernel/permissions';
import { loadActionForCard } from '../actions/update-action';

/** What a reminder card's Snooze sends: which reminder, and until when. */
export interface SnoozeInput {
  policy: string;
  subjectId: string;
  until: string;
}

function parsePolicy(text: string): ReminderPolicy {
  const policy = REMINDER_POLICIES.find((candidate) => candidate === text);
  if (!policy) throw new ValidationError('This reminder is not one the bot knows.', { field: 'policy' }, 'REMINDER.UNKNOWN_POLICY');
  return policy;
}

async function requestOf(ctx: AppContext, id: string): Promise<Stored<AssuranceRequest>> {
  const request = await ctx.stores.assuranceRequests.get(id);
  if (!request) throw new NotFoundError('That 12-month assurance request was not found.', 'ASSURANCE.NOT_FOUND');
  return request;
}

/**
 * Snooze from a reminder card: the limits are checked first (escalations and digests cannot be snoozed; a 12-month
 * request only within its own limit), then who may (the officer or their agency's rep, from the activity).
 */
export async function snoozeReminder(ctx: AppContext, actor: Actor, input: SnoozeInput): Promise<{ until: IsoDate }> {
  const policy = parsePolicy(input.policy);
  const prefix = checkSnooze(policy, input.subjectId, input.until.trim(), todayOf(ctx), ctx.settings.reminders, ctx.holidays);
  if (policy === 'DUE_SOON' || policy === 'OVERDUE') assertCanEdit(actor, await loadActionForCard(ctx, input.subjectId));
  else if (policy === 'ASSURANCE_12M' || policy === 'ASSURANCE_CHASE') {
    const request = await requestOf(ctx, input.subjectId);
    assertCanEdit(actor, { agencyId: request.agencyId, responsibleOfficerId: request.officerId });
  } else assertCanManageProgramme(actor);
  const now = ctx.clock.now().toISOString();
  const snooze: ReminderSnooze = { id: hashedIdOf(prefix), prefix, until: input.until.trim(), by: actor.aadObjectId, at: now };
  await ctx.stores.commit([
    ctx.stores.reminderSnoozes.op.upsert(snooze),
    auditOperation({ at: now, by: actor.aadObjectId, subjectKind: KIND.reminderSnooze, subjectId: input.subjectId, operation: 'snooze', after: { policy, until: snooze.until } }),
  ]);
  return { until: snooze.until };
}

/** Hand over from a reminder card: the action moves to a deputy in the same agency, on the version just read. */
export async function handOverAction(ctx: AppContext, actor: Actor, input: { actionId: string; deputyId: string }): Promise<Member> {
  const action = await loadActionForCard(ctx, input.actionId);
  assertCanEdit(actor, action);
  const deputy = await ctx.stores.members.get(input.deputyId.toLowerCase());
  if (!deputy || !canHoldActionIn(deputy, action.agencyId)) {
    throw new ValidationError("Choose a deputy from the action's own agency (a responsible officer or agency representative).", { field: 'deputyId' }, 'REMINDER.DEPUTY_INVALID');
  }
  if (deputy.id === action.responsibleOfficerId) throw new ValidationError(`${deputy.name} already holds this action.`, { field: 'deputyId' }, 'REMINDER.DEPUTY_UNCHANGED');
  const now = ctx.clock.now().toISOString();
  const updated: Action = { ...action, responsibleOfficerId: deputy.id, updatedAt: now, updatedBy: actor.aadObjectId };
  await ctx.stores.commit([
    ctx.stores.actions.op.update(action, updated),
    auditOperation({ at: now, by: actor.aadObjectId, subjectKind: KIND.action, subjectId: action.id, operation: 'hand over', before: { responsibleOfficerId: action.responsibleOfficerId }, after: { responsibleOfficerId: deputy.id } }),
  ]);
  return deputy;
}

/** The officer's answer to a 12-month request: evidence of completion and of impact for every action asked about. */
export async function respondToAssurance(ctx: AppContext, actor: Actor, input: { requestId: string; responses: AssuranceActionResponse[] }): Promise<AssuranceRequest> {
  const request = await requestOf(ctx, input.requestId);
  assertCanEdit(actor, { agencyId: request.agencyId, responsibleOfficerId: request.officerId });
  for (const response of input.responses) {
    assertNoPersonalData(ctx, { completionEvidence: response.completionEvidence, impactStatement: response.impactStatement, evidenceUrl: response.evidenceUrl }, {
      completionEvidence: 'Evidence of completion',
      impactStatement: 'Impact on practice',
      evidenceUrl: 'Evidence link',
    });
  }
  const now = ctx.clock.now().toISOString();
  const answered = respondToRequest(request, input.responses, { by: actor.aadObjectId, on: now });
  await ctx.stores.commit([
    ctx.stores.assuranceRequests.op.update(request, answered),
    auditOperation({ at: now, by: actor.aadObjectId, subjectKind: KIND.assuranceRequest, subjectId: request.id, operation: 'respond', after: { actions: request.actionIds.length } }),
  ]);
  await advanceAssuranceStatus(ctx, request.reviewId, actor.aadObjectId);
  return answered;
}

/** One 12-month request as the PAI's tracker shows it: reference-level facts and the officer's answers. */
export interface AssuranceTrackerRow {
  request: Stored<AssuranceRequest>;
  reviewReference: string;
  recipientName: string;
}

/** `assurance`: 12-month requests not yet evaluated, answered ones first (they wait on the PAI). */
export async function listOpenAssurance(ctx: AppContext, actor: Actor): Promise<AssuranceTrackerRow[]> {
  assertCanAssure(actor);
  const lookups = await loadLookups(ctx);
  const requests = await ctx.stores.assuranceRequests.all();
  return requests
    .filter((request) => !request.evaluation)
    .map((request) => ({
      request,
      reviewReference: lookups.reviews.get(request.reviewId)?.reference ?? request.reviewId,
      recipientName: (request.officerId && lookups.members.get(request.officerId)?.name) || lookups.agencies.get(request.agencyId)?.name || 'Agency',
    }))
    .sort((a, b) => Number(Boolean(b.request.respondedOn)) - Number(Boolean(a.request.respondedOn)) || a.request.requestedOn.localeCompare(b.request.requestedOn));
}

/** The PAI's evaluation of an answered 12-month request: the end of its tracking (docs/design/domain.md §4). */
export async function evaluateAssurance(ctx: AppContext, actor: Actor, input: { requestId: string; evaluation: string; followUpRoute?: string }): Promise<AssuranceRequest> {
  assertCanAssure(actor);
  const evaluation = ASSURANCE_EVALUATIONS.find((candidate) => candidate === input.evaluation);
  if (!evaluation) throw new ValidationError(`Choose one of: ${ASSURANCE_EVALUATIONS.join(', ')}.`, { field: 'evaluation' }, 'ASSURANCE.EVALUATION_INVALID');
  assertNoPersonalData(ctx, { followUpRoute: input.followUpRoute }, { followUpRoute: 'Follow-up' });
  const request = await requestOf(ctx, input.requestId);
  const now = ctx.clock.now().toISOString();
  const evaluated = evaluateRequest(request, evaluation, input.followUpRoute, { by: actor.aadObjectId, on: now });
  await ctx.stores.commit([
    ctx.stores.assuranceRequests.op.update(request, evaluated),
    auditOperation({ at: now, by: actor.aadObjectId, subjectKind: KIND.assuranceRequest, subjectId: request.id, operation: 'evaluate', after: { evaluation } }),
  ]);
  return evaluated;
}
