import { ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { parseFlexibleDate } from '../../domain/calendar';
import type { RecommendationOwner, ScrutinyPiece } from '../../domain/scrutiny/piece';
import { addRecommendation as addRecommendationRule } from '../../domain/scrutiny/recommendation';
import type { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { assertNoPersonalData } from '../kernel/guard-text';
import { loadLookups } from '../directory/lookups';
import { canHoldActionIn } from '../kernel/permissions';
import { assertCanRunPiece } from './permissions';
import { findPiece, savePiece } from './records';

/** `scrutiny.recommendation`: a recommendation linked to findings, naming the officers who will take it on. */
export async function addRecommendation(
  ctx: AppContext,
  actor: Actor,
  input: { pieceId: string; text: string; findings: string; owners: string; successMeasure: string; targetDate: string },
): Promise<Stored<ScrutinyPiece>> {
  const piece = await findPiece(ctx, input.pieceId);
  assertCanRunPiece(actor, piece);
  assertNoPersonalData(ctx, { text: input.text, successMeasure: input.successMeasure }, { text: 'Recommendation', successMeasure: 'Success measure' });
  const lookups = await loadLookups(ctx);
  const owners: RecommendationOwner[] = input.owners.split(',').map((id) => id.trim()).filter(Boolean).map((id) => {
    const member = lookups.members.get(id);
    if (!member || !member.agencyId || !canHoldActionIn(member, member.agencyId)) {
      throw new ValidationError('Choose responsible officers or agency representatives who can hold an action.', { field: 'owners' }, 'SCRUTINY.OWNER_INVALID');
    }
    return { agencyId: member.agencyId, officerId: member.id };
  });
  const targetDate = parseFlexibleDate(input.targetDate.trim()) ?? '';
  const findingNumbers = input.findings.split(',').map((text) => Number(text.trim().replace(/^F/i, ''))).filter((number) => Number.isInteger(number) && number > 0);
  const after = addRecommendationRule(piece, { text: input.text.slice(0, 2000), findingNumbers, owners, successMeasure: input.successMeasure.slice(0, 1000), targetDate }, { by: actor.aadObjectId, on: ctx.clock.now().toISOString() });
  const added = after.recommendations[after.recommendations.length - 1];
  return savePiece(ctx, piece, after, actor.aadObjectId, 'recommendation', { after: { number: added.number, findings: added.findingNumbers, owners: owners.length } });
}
