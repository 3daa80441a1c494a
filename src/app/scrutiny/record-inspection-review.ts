import { isHttpsUrl } from '../../domain/links';
import { ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { assertGathering, assertUsesTool, type InspectionReview, type ScrutinyPiece } from '../../domain/scrutiny/piece';
import type { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { assertNoPersonalData } from '../kernel/guard-text';
import { assertCanRunPiece } from './permissions';
import { findPiece, savePiece } from './records';

/** `scrutiny.inspection`: a review of another inspection or audit, as a linked document with a summary. */
export async function recordInspectionReview(ctx: AppContext, actor: Actor, input: { pieceId: string; title: string; url: string; summary: string }): Promise<Stored<ScrutinyPiece>> {
  const piece = await findPiece(ctx, input.pieceId);
  assertCanRunPiece(actor, piece);
  assertUsesTool(piece, 'INSPECTION_REVIEW');
  assertGathering(piece);
  const title = input.title.trim().slice(0, 120);
  const summary = input.summary.trim().slice(0, 2000);
  if (!title || !summary) throw new ValidationError('Give the inspection or audit a title and a summary.', { field: title ? 'summary' : 'title' }, 'SCRUTINY.REVIEW_FIELDS');
  const url = input.url.trim();
  if (!isHttpsUrl(url)) {
    throw new ValidationError('Link the document with an https link (e.g. SharePoint or the inspectorate report).', { field: 'url' }, 'SCRUTINY.EVIDENCE_URL');
  }
  assertNoPersonalData(ctx, { title, summary }, { title: 'Title', summary: 'Summary' });
  if (piece.inspectionReviews.some((item) => item.url === url && item.title === title)) {
    throw new ValidationError('This inspection review is already recorded (a second press of the button?).', { field: 'url' }, 'SCRUTINY.DUPLICATE');
  }
  const now = ctx.clock.now().toISOString();
  const review: InspectionReview = { id: `I${piece.inspectionReviews.length + 1}`, title, url, summary, recordedBy: actor.aadObjectId, recordedAt: now };
  const after: ScrutinyPiece = { ...piece, inspectionReviews: [...piece.inspectionReviews, review], updatedAt: now, updatedBy: actor.aadObjectId };
  return savePiece(ctx, piece, after, actor.aadObjectId, 'inspection-review', { after: { id: review.id } });
}
