import { ValidationError } from '../errors';

/**
 * A review's recommendation or learning point (docs/design/domain.md section 3): written generically, never about a person.
 * Actions answer recommendations through `Action.recommendationId`.
 */
export interface Recommendation {
  id: string;
  reviewId: string;
  /** The recommendation's number in the review report (1, 2, 3 ...). */
  number: number;
  text: string;
  themes: string[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export const RECOMMENDATION_TEXT_MAX = 2000;
export const RECOMMENDATION_NUMBER_MAX = 99;

/** One id per review and number, so the same recommendation cannot be recorded twice. */
export function recommendationIdOf(reviewId: string, number: number): string {
  return `${reviewId}-r${number}`;
}

/** Reads "3", "R3" or "r3" as recommendation 3; undefined when it is not a number from 1 to 99. */
export function parseRecommendationNumber(text: string): number | undefined {
  const match = /^r?(\d{1,2})$/i.exec(text.trim());
  if (!match) return undefined;
  const number = Number(match[1]);
  return number >= 1 && number <= RECOMMENDATION_NUMBER_MAX ? number : undefined;
}

export function newRecommendation(
  input: { reviewId: string; number: number; text: string; themes: string[] },
  context: { by: string; on: string },
): Recommendation {
  if (!Number.isInteger(input.number) || input.number < 1 || input.number > RECOMMENDATION_NUMBER_MAX) {
    throw new ValidationError(`A recommendation number is a whole number from 1 to ${RECOMMENDATION_NUMBER_MAX}.`, { field: 'number' }, 'RECOMMENDATION.NUMBER_INVALID');
  }
  const text = input.text.trim();
  if (!text) throw new ValidationError('A recommendation needs its text.', { field: 'text' }, 'RECOMMENDATION.TEXT_REQUIRED');
  if (text.length > RECOMMENDATION_TEXT_MAX) {
    throw new ValidationError(`A recommendation's text is at most ${RECOMMENDATION_TEXT_MAX} characters.`, { field: 'text' }, 'RECOMMENDATION.TEXT_TOO_LONG');
  }
  return {
    id: recommendationIdOf(input.reviewId, input.number),
    reviewId: input.reviewId,
    number: input.number,
    text,
    themes: [...new Set(input.themes)],
    createdAt: context.on,
    createdBy: context.by,
    updatedAt: context.on,
    updatedBy: context.by,
  };
}
