import { parseFlexibleDate } from '../../domain/calendar';
import { parseS11Rating } from '../../domain/section11/framework';
import type { S11AnswerInput, S11ImprovementAction } from '../../domain/section11/return';
import type { AppContext } from '../kernel/app-context';
import { assertNoPersonalData } from '../kernel/guard-text';

/** An answer as the card sends it: every field text, all optional. */
export interface S11AnswerFields {
  selfRating?: string;
  evidence?: string;
  /** One link per line (or separated by spaces). */
  evidenceLinks?: string;
  areasForImprovement?: string;
  actionDescription?: string;
  actionTargetDate?: string;
  actionOfficerEmail?: string;
}

export const S11_FIELD_LABELS: Record<string, string> = {
  evidence: 'Evidence',
  areasForImprovement: 'Areas for improvement',
  actionDescription: 'Improvement action',
  moderationNote: 'Moderation note',
  query: 'Query',
  reply: 'Answer',
  strengths: 'Strengths',
  areasForDevelopment: 'Areas for development',
  signOffName: 'Signed off by',
  signOffRole: 'Role',
};

function given(text: string | undefined): string | undefined {
  return text === undefined ? undefined : text.trim();
}

/** Card text into a domain answer; free text passes the personal-data guard first. A new improvement action is added to those held. */
export function readAnswerFields(ctx: AppContext, fields: S11AnswerFields, existing: readonly S11ImprovementAction[]): S11AnswerInput {
  assertNoPersonalData(ctx, { evidence: fields.evidence, areasForImprovement: fields.areasForImprovement, actionDescription: fields.actionDescription }, S11_FIELD_LABELS);
  const input: S11AnswerInput = {};
  const rating = given(fields.selfRating);
  if (rating) input.selfRating = parseS11Rating(rating);
  if (fields.evidence !== undefined) input.evidence = fields.evidence;
  if (fields.evidenceLinks !== undefined) input.evidenceLinks = fields.evidenceLinks.split(/\s+/).map((link) => link.trim()).filter(Boolean);
  if (fields.areasForImprovement !== undefined) input.areasForImprovement = fields.areasForImprovement;
  const description = given(fields.actionDescription);
  if (description) {
    const targetText = given(fields.actionTargetDate) ?? '';
    input.improvementActions = [
      ...existing,
      { description, targetDate: parseFlexibleDate(targetText) ?? targetText, officerEmail: (given(fields.actionOfficerEmail) ?? '').toLowerCase() },
    ];
  }
  return input;
}
