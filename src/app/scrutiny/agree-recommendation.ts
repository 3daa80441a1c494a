import type { Actor } from '../../domain/directory/member';
import type { Action } from '../../domain/actions/action';
import { agreeRecommendation as agreeRule } from '../../domain/scrutiny/recommendation';
import type { ScrutinyPiece } from '../../domain/scrutiny/piece';
import type { Stored, WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { todayOf } from '../kernel/app-context';
import { actionIdOf } from '../actions/actions';
import { auditOperation } from '../kernel/audit';
import { KIND } from '../kernel/kinds';
import { assertCanRunPiece } from './permissions';
import { findPiece, pieceUpdate } from './records';

/**
 * `scrutiny.agree`: agreeing a recommendation creates its actions (source SCRUTINY, one per owner, AGREED), which then
 * follow the review actions' lifecycle. The piece, each action and every audit entry go in one commit.
 */
export async function agreeRecommendation(ctx: AppContext, actor: Actor, input: { pieceId: string; number: number }): Promise<{ piece: Stored<ScrutinyPiece>; actions: Action[] }> {
  const piece = await findPiece(ctx, input.pieceId);
  assertCanRunPiece(actor, piece);
  const now = ctx.clock.now().toISOString();
  const { piece: after, actions } = agreeRule(piece, input.number, actionIdOf, { by: actor.aadObjectId, on: now, today: todayOf(ctx) });
  const writes: WriteOperation[] = [
    ...pieceUpdate(ctx, piece, after, actor.aadObjectId, 'agree-recommendation', { after: { number: input.number, actions: actions.map((action) => action.ref) } }),
    ...actions.flatMap((action): WriteOperation[] => [
      ctx.stores.actions.op.create(action),
      auditOperation({ at: now, by: actor.aadObjectId, subjectKind: KIND.action, subjectId: action.id, operation: 'create', after: { status: action.status, sourceType: action.sourceType, origin: action.origin } }),
    ]),
  ];
  await ctx.stores.commit(writes);
  return { piece: await findPiece(ctx, piece.id), actions };
}
