import { ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { assertGathering, assertUsesTool, parseFeedbackSource, type FeedbackRecord, type ScrutinyPiece } from '../../domain/scrutiny/piece';
import type { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { assertNoPersonalData } from '../kernel/guard-text';
import { assertCanRunPiece } from './permissions';
import { findPiece, savePiece } from './records';

/** Reads respondents as a whole number from 1 to 100000. */
export function parseRespondents(text: string): number {
  const value = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || value < 1 || value > 100000) {
    throw new ValidationError('Respondents is a whole number of people, 1 or more.', { field: 'respondents' }, 'SCRUTINY.RESPONDENTS');
  }
  return value;
}

/** The piece with one more feedback record (`F1`, `F2`, ...). */
export function withFeedback(piece: ScrutinyPiece, input: { source: string; respondents: string; summary: string }, ctx: { by: string; on: string }): ScrutinyPiece {
  const source = parseFeedbackSource(input.source);
  assertUsesTool(piece, source);
  const summary = input.summary.trim();
  if (!summary) throw new ValidationError('Summarise what the feedback said.', { field: 'summary' }, 'SCRUTINY.SUMMARY_REQUIRED');
  if (piece.feedback.some((item) => item.source === source && item.summary === summary.slice(0, 2000))) {
    throw new ValidationError('This feedback is already recorded (a second press of the button?).', { field: 'summary' }, 'SCRUTINY.DUPLICATE');
  }
  const record: FeedbackRecord = { id: `F${piece.feedback.length + 1}`, source, respondents: parseRespondents(input.respondents), summary: summary.slice(0, 2000), recordedBy: ctx.by, recordedAt: ctx.on };
  return { ...piece, feedback: [...piece.feedback, record], updatedAt: ctx.on, updatedBy: ctx.by };
}

/** `scrutiny.feedback`: feedback recorded per source with its respondents and a summary (lead, PAI chair, business unit). */
export async function recordFeedback(ctx: AppContext, actor: Actor, input: { pieceId: string; source: string; respondents: string; summary: string }): Promise<Stored<ScrutinyPiece>> {
  const piece = await findPiece(ctx, input.pieceId);
  assertCanRunPiece(actor, piece);
  assertGathering(piece);
  assertNoPersonalData(ctx, { summary: input.summary }, { summary: 'Summary' });
  const after = withFeedback(piece, input, { by: actor.aadObjectId, on: ctx.clock.now().toISOString() });
  const added = after.feedback[after.feedback.length - 1];
  return savePiece(ctx, piece, after, actor.aadObjectId, 'feedback', { after: { id: added.id, source: added.source, respondents: added.respondents } });
}
