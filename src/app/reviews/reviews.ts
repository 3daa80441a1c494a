import type { Theme } from '../../domain/directory/agency';
import { AlreadyExistsError, NotFoundError, ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { Decision, deriveReviewDates, initialReviewStatus, isIncidentMonth, parseDecision, parseReviewType, Review, ReviewStatus, ReviewType, validatePseudonym, validateReference } from '../../domain/reviews/review';
import type { Stored, WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { listThemes } from '../directory/agencies';
import { auditOperation } from '../kernel/audit';
import { FieldReader, throwIfProblems } from '../kernel/field-parsing';
import { reportPersonalData } from '../kernel/guard-text';
import { KIND } from '../kernel/kinds';
import { assertCanManageProgramme } from '../kernel/permissions';

/** Columns of reviews.csv, and the field names of the new review card. */
export const REVIEW_COLUMNS = ['reference', 'type', 'pseudonym', 'sin_date', 'rr_submitted_on', 'decision', 'decision_date', 'published_on', 'completed_on', 'themes'] as const;

/** References are unique per partnership: the record id is derived from it, so a duplicate cannot be created. */
export function reviewIdOf(reference: string): string {
  return reference.trim().toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}

export async function findReview(ctx: AppContext, reference: string): Promise<Stored<Review>> {
  const text = reference.trim();
  if (!text) throw new ValidationError('Name the review by its reference, e.g. "review LSCP-RR-2025-03".', {}, 'REVIEW.REFERENCE_MISSING');
  const review = await ctx.stores.reviews.get(reviewIdOf(text));
  if (!review) throw new NotFoundError('No review has that reference. Check the reference and try again.', 'REVIEW.NOT_FOUND');
  return review;
}

/**
 * Where an imported or newly entered review stands, from the dates and decision already recorded: the most
 * advanced recorded step wins (docs/design/domain.md section 4).
 */
export function inferReviewStatus(type: ReviewType, fields: { sinDate?: string; rrSubmittedOn?: string; decision?: Decision; decisionDate?: string; publishedOn?: string; completedOn?: string }): ReviewStatus {
  if (type !== 'RAPID_REVIEW' && type !== 'LCSPR') return initialReviewStatus(type);
  if (fields.publishedOn || fields.completedOn) return 'ACTION_PLANNING';
  if (fields.decision === 'NATIONAL') return 'ACTION_PLANNING';
  if (fields.decision === 'NO_FURTHER_REVIEW') return 'NO_FURTHER_REVIEW';
  if (fields.decision === 'LCSPR' || type === 'LCSPR') return fields.decisionDate ? 'LCSPR_IN_PROGRESS' : 'LCSPR_COMMISSIONED';
  if (fields.rrSubmittedOn) return 'RR_SUBMITTED';
  if (fields.sinDate) return 'RR_IN_PROGRESS';
  return 'REFERRED';
}

/** Reads one review from card or CSV fields, collecting every problem. Dates derive from the recorded ones. */
export function readReviewFields(ctx: AppContext, raw: Record<string, string | undefined>, themes: readonly Theme[], actorId: string): { review?: Review; reader: FieldReader } {
  const reader = new FieldReader(raw);
  const referenceText = reader.text('reference', { required: true });
  const pseudonymText = reader.text('pseudonym', { required: true });
  const type = reader.choice('type', parseReviewType, { required: true });
  let reference: string | undefined;
  let pseudonym: string | undefined;
  // Identifiers are typed too: the guard reads them before their format is checked.
  reportPersonalData(ctx, reader, { reference: referenceText, pseudonym: pseudonymText }, { reference: 'identifier', pseudonym: 'identifier' });
  try {
    if (referenceText) reference = validateReference(referenceText);
  } catch (error) {
    reader.problem('reference', (error as Error).message);
  }
  try {
    if (pseudonymText) pseudonym = validatePseudonym(pseudonymText);
  } catch (error) {
    reader.problem('pseudonym', (error as Error).message);
  }
  const incidentMonth = reader.text('incident_month');
  if (incidentMonth && !isIncidentMonth(incidentMonth)) reader.problem('incident_month', 'use the month only, as YYYY-MM');
  const fields = {
    sinDate: reader.date('sin_date'),
    rrSubmittedOn: reader.date('rr_submitted_on'),
    decision: reader.choice('decision', parseDecision),
    decisionDate: reader.date('decision_date'),
    publishedOn: reader.date('published_on'),
    completedOn: reader.date('completed_on'),
    actionPlanningMeetingOn: reader.date('action_planning_meeting_on'),
  };
  const themeIds = reader.themes('themes', themes);
  if (fields.decisionDate && !fields.decision) reader.problem('decision', 'needed when a decision date is given');
  if (reader.problems.length > 0 || !reference || !pseudonym || !type) return { reader };
  const now = ctx.clock.now().toISOString();
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  const review: Review = {
    id: reviewIdOf(reference),
    reference,
    pseudonym,
    type,
    status: inferReviewStatus(type, fields),
    themes: themeIds,
    ...(incidentMonth ? { incidentMonth } : {}),
    ...defined,
    createdAt: now,
    createdBy: actorId,
    updatedAt: now,
    updatedBy: actorId,
  };
  const derived = deriveReviewDates(review, ctx.holidays, ctx.settings.reviewDates);
  for (const key of ['rrDue', 'lcsprPublicationTarget', 'assuranceDue'] as const) {
    if (derived[key]) review[key] = derived[key];
  }
  if (!review.completedOn && derived.completedOn) review.completedOn = derived.completedOn;
  return { review, reader };
}

/** The business unit records a new review (from the card or a file). */
export async function createReview(ctx: AppContext, actor: Actor, raw: Record<string, string | undefined>): Promise<Stored<Review>> {
  assertCanManageProgramme(actor);
  const { review, reader } = readReviewFields(ctx, raw, await listThemes(ctx), actor.aadObjectId);
  throwIfProblems(reader.problems, 'REVIEW.INVALID');
  const valid = review as Review;
  if (await ctx.stores.reviews.get(valid.id)) {
    throw new AlreadyExistsError(`A review with the reference ${valid.reference} already exists.`, 'REVIEW.DUPLICATE');
  }
  const [saved] = await ctx.stores.commit([ctx.stores.reviews.op.create(valid), reviewAudit(valid, actor.aadObjectId, 'create')]);
  return saved as Stored<Review>;
}

export function reviewAudit(review: Review, by: string, operation: string, before?: Partial<Review>): WriteOperation {
  return auditOperation({
    at: review.updatedAt,
    by,
    subjectKind: KIND.review,
    subjectId: review.id,
    operation,
    before,
    after: { status: review.status, reference: review.reference },
  });
}
