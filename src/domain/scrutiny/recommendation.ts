import { agreeAction, proposeAction, type Action, type ActionOrigin } from '../actions/action';
import { isIsoDate, type IsoDate } from '../calendar';
import { InvalidTransitionError, ValidationError } from '../errors';
import type { RecommendationOwner, ScrutinyPiece, ScrutinyRecommendation } from './piece';

export interface NewRecommendationInput {
  text: string;
  findingNumbers: number[];
  owners: RecommendationOwner[];
  successMeasure: string;
  targetDate: IsoDate;
}

/** A recommendation links to the piece's findings and names who takes it on (one action per owner once agreed). */
export function addRecommendation(piece: ScrutinyPiece, input: NewRecommendationInput, ctx: { by: string; on: string }): ScrutinyPiece {
  if (!['TRIANGULATION', 'REPORT'].includes(piece.stage)) {
    throw new InvalidTransitionError('SCRUTINY.NOT_REPORTING', 'Recommendations are written at the triangulation and report stages.', { stage: piece.stage });
  }
  if (!input.text.trim()) throw new ValidationError('Write the recommendation.', { field: 'text' }, 'SCRUTINY.TEXT_REQUIRED');
  if (input.findingNumbers.length === 0) throw new ValidationError('Link the recommendation to at least one finding.', { field: 'findings' }, 'SCRUTINY.FINDINGS_REQUIRED');
  const known = new Set(piece.findings.map((finding) => finding.number));
  if (input.findingNumbers.some((number) => !known.has(number))) {
    throw new ValidationError('A recommendation can only link to findings recorded for this piece.', { field: 'findings' }, 'SCRUTINY.FINDING_UNKNOWN');
  }
  if (input.owners.length === 0) throw new ValidationError('Name at least one responsible officer to take the recommendation on.', { field: 'owners' }, 'SCRUTINY.OWNERS_REQUIRED');
  if (!input.successMeasure.trim()) throw new ValidationError('Say what "done" looks like (the success measure).', { field: 'successMeasure' }, 'SCRUTINY.SUCCESS_MEASURE');
  if (!isIsoDate(input.targetDate)) throw new ValidationError('The target date must be a real date.', { field: 'targetDate' }, 'SCRUTINY.TARGET_DATE');
  if (piece.recommendations.some((item) => item.text === input.text.trim())) {
    throw new ValidationError('This recommendation is already recorded (a second press of the button?).', { field: 'text' }, 'SCRUTINY.DUPLICATE');
  }
  const number = Math.max(0, ...piece.recommendations.map((item) => item.number)) + 1;
  const recommendation: ScrutinyRecommendation = {
    number,
    text: input.text.trim(),
    findingNumbers: [...new Set(input.findingNumbers)].sort((a, b) => a - b),
    owners: input.owners,
    successMeasure: input.successMeasure.trim(),
    targetDate: input.targetDate,
    actionIds: [],
  };
  return { ...piece, recommendations: [...piece.recommendations, recommendation], updatedAt: ctx.on, updatedBy: ctx.by };
}

/** The ref of the k-th action of a recommendation: `SCR-2026-1/R2-1`. */
export function scrutinyActionRef(pieceRef: string, recommendationNumber: number, index: number): string {
  return `${pieceRef}/R${recommendationNumber}-${index + 1}`;
}

/**
 * Agreeing a recommendation creates one AGREED action per owner with source SCRUTINY, so it follows the review
 * actions' lifecycle (cards, updates, reminders, sign-off, overdue). Agreeing twice is refused.
 */
export function agreeRecommendation(
  piece: ScrutinyPiece,
  number: number,
  actionIdOf: (ref: string) => string,
  ctx: { by: string; on: string; today: IsoDate },
): { piece: ScrutinyPiece; actions: Action[] } {
  const recommendation = piece.recommendations.find((item) => item.number === number);
  if (!recommendation) throw new ValidationError('This piece has no recommendation with that number.', { field: 'number' }, 'SCRUTINY.RECOMMENDATION_UNKNOWN');
  if (recommendation.agreedOn) {
    throw new InvalidTransitionError('SCRUTINY.ALREADY_AGREED', `Recommendation ${number} was agreed on ${recommendation.agreedOn}; its actions exist.`, { number });
  }
  if (!['REPORT', 'ACTION_PLAN'].includes(piece.stage)) {
    throw new InvalidTransitionError('SCRUTINY.NOT_REPORTING', 'Recommendations are agreed at the report and action plan stages.', { stage: piece.stage });
  }
  const origin: ActionOrigin = { pieceRef: piece.ref, recommendationRef: `R${number}` };
  const actions = recommendation.owners.map((owner, index) => {
    const ref = scrutinyActionRef(piece.ref, number, index);
    const proposed = proposeAction(
      {
        id: actionIdOf(ref),
        ref,
        sourceType: 'SCRUTINY',
        origin,
        scope: 'SINGLE_AGENCY',
        agencyId: owner.agencyId,
        responsibleOfficerId: owner.officerId,
        themes: [...piece.themes],
        description: recommendation.text,
        successMeasure: recommendation.successMeasure,
        targetDate: recommendation.targetDate,
      },
      ctx,
    );
    return agreeAction(proposed, ctx);
  });
  const agreed: ScrutinyRecommendation = { ...recommendation, agreedOn: ctx.today, agreedBy: ctx.by, actionIds: actions.map((action) => action.id) };
  return {
    piece: { ...piece, recommendations: piece.recommendations.map((item) => (item.number === number ? agreed : item)), updatedAt: ctx.on, updatedBy: ctx.by },
    actions,
  };
}
