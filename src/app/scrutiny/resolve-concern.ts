import { InvalidTransitionError, NotFoundError, ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import type { ImmediateConcern } from '../../domain/scrutiny/case-audit';
import type { AppContext } from '../kernel/app-context';
import { auditOperation } from '../kernel/audit';
import { assertNoPersonalData } from '../kernel/guard-text';
import { KIND } from '../kernel/kinds';
import { assertCanRunPiece } from './permissions';
import { findPiece } from './records';

/** `scrutiny.concern.resolve`: the lead, PAI chair or business unit records an immediate concern as dealt with. */
export async function resolveConcern(ctx: AppContext, actor: Actor, input: { pieceId: string; concernId: string; note: string }): Promise<ImmediateConcern> {
  const piece = await findPiece(ctx, input.pieceId);
  assertCanRunPiece(actor, piece);
  const concern = await ctx.stores.scrutinyConcerns.get(input.concernId);
  if (!concern || concern.pieceId !== piece.id) throw new NotFoundError('That concern is not part of this piece.', 'SCRUTINY.CONCERN_NOT_FOUND');
  if (concern.dealtWith) throw new InvalidTransitionError('SCRUTINY.CONCERN_DEALT_WITH', `That concern was recorded as dealt with on ${concern.dealtWith.at.slice(0, 10)}.`);
  const note = input.note.trim().slice(0, 1000);
  if (!note) throw new ValidationError('Say how the concern was dealt with (e.g. referred to children’s social care, strategy discussion held).', { field: 'note' }, 'SCRUTINY.NOTE_REQUIRED');
  assertNoPersonalData(ctx, { note }, { note: 'How it was dealt with' });
  const now = ctx.clock.now().toISOString();
  const { etag: _etag, partnershipId: _p, ...doc } = concern;
  const after: ImmediateConcern = { ...doc, dealtWith: { by: actor.aadObjectId, at: now, note } };
  await ctx.stores.commit([
    ctx.stores.scrutinyConcerns.op.update(concern, after),
    auditOperation({ at: now, by: actor.aadObjectId, subjectKind: KIND.scrutinyConcern, subjectId: concern.id, operation: 'dealt-with', before: { open: true }, after: { open: false } }),
  ]);
  return after;
}
