import type { Agency, Theme } from '../../domain/directory/agency';
import { findByName } from '../../domain/directory/agency';
import {
  Action, ActionStatus, agreeAction, changeStatus, parseActionScope, parseActionStatus, proposeAction,
} from '../../domain/actions/action';
import { AlreadyExistsError, NotFoundError, ValidationError } from '../../domain/errors';
import type { Actor, Member } from '../../domain/directory/member';
import { parseRecommendationNumber, Recommendation, recommendationIdOf } from '../../domain/reviews/recommendation';
import type { Review } from '../../domain/reviews/review';
import type { Stored, WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { listAgencies, listThemes } from '../directory/agencies';
import { auditOperation } from '../kernel/audit';
import { FieldReader, throwIfProblems } from '../kernel/field-parsing';
import { reportPersonalData } from '../kernel/guard-text';
import { KIND } from '../kernel/kinds';
import { assertCanManageProgramme } from '../kernel/permissions';
import { findReview, reviewIdOf } from '../reviews/reviews';

/** Columns of actions.csv (review_reference only in the file; the card knows its review). */
export const ACTION_COLUMNS = [
  'review_reference', 'ref', 'scope', 'agency', 'responsible_officer_email', 'themes', 'description', 'success_measure', 'target_date', 'status',
] as const;

/** Statuses an imported or newly added action may start in: later ones need evidence recorded in Teams. */
const STARTING_STATUSES: readonly ActionStatus[] = ['PROPOSED', 'AGREED', 'IN_PROGRESS', 'COMPLETED_AWAITING_EVIDENCE'];
const FREE_TEXT_MAX = 1000;

/** An action's ref is unique in the partnership: the review reference, a slash, then the plan's own number. */
export function fullActionRef(reviewReference: string, ref: string): string {
  const trimmed = ref.trim();
  return trimmed.toLowerCase().startsWith(reviewReference.toLowerCase()) ? trimmed : `${reviewReference}/${trimmed}`;
}

export function actionIdOf(fullRef: string): string {
  return reviewIdOf(fullRef);
}

/** Finds an action by its full ref, or by its short ref when only one action has it. */
export async function findAction(ctx: AppContext, ref: string): Promise<Stored<Action>> {
  const text = ref.trim();
  if (!text) throw new ValidationError('Name the action by its ref, e.g. "action LSCP-RR-2025-03/A1".', {}, 'ACTION.REF_MISSING');
  const direct = await ctx.stores.actions.get(actionIdOf(text));
  if (direct) return direct;
  const byShortRef = (await ctx.stores.actions.all()).filter(
    (action) => action.ref.toLowerCase().endsWith(`/${text.toLowerCase()}`),
  );
  if (byShortRef.length === 1) return byShortRef[0];
  if (byShortRef.length > 1) {
    throw new ValidationError(`Several actions have that number: ${byShortRef.slice(0, 5).map((action) => action.ref).join(', ')}. Use the full ref.`, {}, 'ACTION.REF_AMBIGUOUS');
  }
  throw new NotFoundError('No action has that ref. Check the ref and try again.', 'ACTION.NOT_FOUND');
}

export interface ActionReferenceData {
  agencies: readonly Stored<Agency>[];
  themes: readonly Theme[];
  members: readonly Stored<Member>[];
  /** Every review's recommendations, by id: an action may name the one it answers. */
  recommendations: ReadonlyMap<string, Stored<Recommendation>>;
}

export async function loadActionReferenceData(ctx: AppContext): Promise<ActionReferenceData> {
  const [agencies, themes, members, recommendations] = await Promise.all([
    listAgencies(ctx),
    listThemes(ctx),
    ctx.stores.members.all(),
    ctx.stores.recommendations.all(),
  ]);
  return { agencies, themes, members: members.filter((member) => member.active), recommendations: new Map(recommendations.map((item) => [item.id, item])) };
}

/** The optional `recommendation` column or field ("3" or "R3"): it must name one of the review's recommendations. */
function readRecommendationLink(reader: FieldReader, review: Review, recommendations: ActionReferenceData['recommendations']): string | undefined {
  const text = reader.text('recommendation');
  if (text === undefined) return undefined;
  const number = parseRecommendationNumber(text);
  if (number === undefined) {
    reader.problem('recommendation', 'use the recommendation number, e.g. 3 or R3');
    return undefined;
  }
  const id = recommendationIdOf(review.id, number);
  if (!recommendations.has(id)) reader.problem('recommendation', `the review has no recommendation ${number} (import recommendations first)`);
  return id;
}

/**
 * Reads one action from card or CSV fields, collecting every problem (free text is checked for personal data
 * here too, so a file is refused row by row). Returns the action in its starting status.
 */
export function readActionFields(
  ctx: AppContext,
  raw: Record<string, string | undefined>,
  review: Review,
  data: ActionReferenceData,
  actorId: string,
): { action?: Action; reader: FieldReader } {
  const reader = new FieldReader(raw);
  const ref = reader.text('ref', { required: true, max: 20 });
  reportPersonalData(ctx, reader, { ref }, { ref: 'identifier' });
  if (ref && !/^[A-Za-z0-9][A-Za-z0-9.\-/]*$/.test(ref)) reader.problem('ref', 'use letters, digits, dots, hyphens or slashes (e.g. A1 or 2.3)');
  const scope = reader.choice('scope', parseActionScope) ?? 'SINGLE_AGENCY';
  const agencyText = reader.text('agency', { required: true });
  let agency: Stored<Agency> | undefined;
  if (agencyText) {
    const { match, suggestions } = findByName(data.agencies, agencyText);
    agency = match;
    if (!match) reader.problem('agency', `unknown agency${suggestions.length ? `; did you mean ${suggestions.map((item) => item.name).join(' or ')}?` : ''}`);
  }
  const email = reader.text('responsible_officer_email')?.toLowerCase();
  let officer: Stored<Member> | undefined;
  if (email) {
    officer = data.members.find((member) => member.email === email);
    if (!officer) reader.problem('responsible_officer_email', 'no registered member has this email (import members first)');
    else if (scope === 'SINGLE_AGENCY' && agency && officer.agencyId !== agency.id) reader.problem('responsible_officer_email', 'this member is not in the action\'s agency');
  }
  const themes = reader.themes('themes', data.themes);
  const description = reader.text('description', { required: true, max: FREE_TEXT_MAX });
  const successMeasure = reader.text('success_measure', { required: true, max: FREE_TEXT_MAX });
  reportPersonalData(ctx, reader, { description, success_measure: successMeasure });
  const recommendationId = readRecommendationLink(reader, review, data.recommendations);
  const targetDate = reader.date('target_date', { required: true });
  const status = reader.choice('status', parseActionStatus) ?? 'AGREED';
  if (!STARTING_STATUSES.includes(status)) {
    reader.problem('status', `an action starts as one of ${STARTING_STATUSES.join(', ')}; later steps need evidence recorded in Teams`);
  }
  if (status !== 'PROPOSED' && !officer && !reader.problems.some((problem) => problem.column === 'responsible_officer_email')) {
    reader.problem('responsible_officer_email', 'needed once an action is agreed');
  }
  if (reader.problems.length > 0 || !ref || !agency || !description || !successMeasure || !targetDate) return { reader };

  const fullRef = fullActionRef(review.reference, ref);
  const on = ctx.clock.now().toISOString();
  const context = { by: actorId, on };
  let action = proposeAction(
    {
      id: actionIdOf(fullRef),
      ref: fullRef,
      reviewId: review.id,
      sourceType: 'REVIEW',
      recommendationId,
      scope,
      agencyId: agency.id,
      responsibleOfficerId: officer?.id,
      themes: themes.length ? themes : [...review.themes],
      description,
      successMeasure,
      targetDate,
    },
    context,
  );
  try {
    if (status !== 'PROPOSED') action = agreeAction(action, context);
    if (status === 'IN_PROGRESS' || status === 'COMPLETED_AWAITING_EVIDENCE') action = changeStatus(action, 'IN_PROGRESS', context);
    if (status === 'COMPLETED_AWAITING_EVIDENCE') action = changeStatus(action, 'COMPLETED_AWAITING_EVIDENCE', context);
  } catch (error) {
    reader.problem('status', (error as Error).message);
    return { reader };
  }
  return { action, reader };
}

export function createActionOperations(ctx: AppContext, action: Action, by: string): WriteOperation[] {
  return [
    ctx.stores.actions.op.create(action),
    auditOperation({ at: action.createdAt, by, subjectKind: KIND.action, subjectId: action.id, operation: 'create', after: { status: action.status, currentTargetDate: action.currentTargetDate } }),
  ];
}

/** The business unit adds one action to a review's plan (from the add action card). */
export async function addAction(ctx: AppContext, actor: Actor, reviewReference: string, raw: Record<string, string | undefined>): Promise<Stored<Action>> {
  assertCanManageProgramme(actor);
  const review = await findReview(ctx, reviewReference);
  const { action, reader } = readActionFields(ctx, raw, review, await loadActionReferenceData(ctx), actor.aadObjectId);
  throwIfProblems(reader.problems, 'ACTION.INVALID');
  const valid = action as Action;
  if (await ctx.stores.actions.get(valid.id)) {
    throw new AlreadyExistsError(`The review already has an action ${valid.ref}.`, 'ACTION.DUPLICATE');
  }
  const [saved] = await ctx.stores.commit(createActionOperations(ctx, valid, actor.aadObjectId));
  return saved as Stored<Action>;
}

/** What the add action form offers for one review: agencies, officers, themes and the review's recommendations. */
export async function addActionFormData(ctx: AppContext, review: Stored<Review>) {
  const data = await loadActionReferenceData(ctx);
  const recommendations = [...data.recommendations.values()].filter((item) => item.reviewId === review.id).sort((a, b) => a.number - b.number);
  return { reviewReference: review.reference, pseudonym: review.pseudonym, agencies: data.agencies, members: data.members, themes: data.themes, recommendations };
}

/** A review's actions, in ref order. */
export async function listReviewActions(ctx: AppContext, reviewId: string): Promise<Stored<Action>[]> {
  return ctx.stores.actions.all({ where: { reviewId } });
}
