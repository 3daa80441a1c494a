import { ConflictError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { isOpenConcern } from '../../domain/scrutiny/case-audit';
import { moveStage as moveStageRule, SCRUTINY_STAGE_LABELS, type ScrutinyPiece, type ScrutinyStage } from '../../domain/scrutiny/piece';
import type { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { pieceUpdate } from './records';
import { assertCanRunPiece } from './permissions';
import { findPiece, listConcerns } from './records';
import { queueScrutinyMessages } from './notify';
import { selfEvaluationMessages } from './self-evaluation';
import type { ScrutinyRender } from './views';

/** A card pressed on an older state of the piece: refused, naming where the piece is now. */
export function assertCurrentStage(piece: ScrutinyPiece, expected: string | undefined): void {
  if (expected && expected !== piece.stage) {
    throw new ConflictError(`This card is out of date: ${piece.ref} is now at ${SCRUTINY_STAGE_LABELS[piece.stage]}. Open it again with "scrutiny ${piece.ref}".`, 'SCRUTINY.STALE');
  }
}

/**
 * `scrutiny.stage`: the lead, PAI chair or business unit moves the piece on one stage. Entering the evidence stage
 * sends each taking-part agency its self-evaluation card (when the piece uses self-evaluations), in the same commit.
 */
export async function movePieceStage(ctx: AppContext, actor: Actor, input: { pieceId: string; stage: string; to: string }, render: ScrutinyRender): Promise<Stored<ScrutinyPiece>> {
  const piece = await findPiece(ctx, input.pieceId);
  assertCanRunPiece(actor, piece);
  assertCurrentStage(piece, input.stage);
  const openConcerns = (await listConcerns(ctx, piece.id)).filter(isOpenConcern).length;
  const moved = moveStageRule(piece, input.to as ScrutinyStage, { openConcerns }, { by: actor.aadObjectId, on: ctx.clock.now().toISOString() });
  const writes = pieceUpdate(ctx, piece, moved, actor.aadObjectId, 'stage', { before: { stage: piece.stage }, after: { stage: moved.stage } });
  const messages = moved.stage === 'EVIDENCE' && moved.tools.includes('SELF_EVALUATION') ? await selfEvaluationMessages(ctx, moved, render) : [];
  await queueScrutinyMessages(ctx, messages, writes);
  return findPiece(ctx, piece.id);
}
