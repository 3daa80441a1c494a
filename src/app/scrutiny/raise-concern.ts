import { randomUUID } from 'node:crypto';
import { ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { validateCaseCode } from '../../domain/scrutiny/case-code';
import type { ImmediateConcern } from '../../domain/scrutiny/case-audit';
import { dateText } from '../../domain/scrutiny/piece';
import type { AppContext } from '../kernel/app-context';
import { auditOperation } from '../kernel/audit';
import { assertNoPersonalData } from '../kernel/guard-text';
import { KIND } from '../kernel/kinds';
import { agencyName, loadLookups } from '../directory/lookups';
import { queueScrutinyMessages, type ScrutinyMessage } from './notify';
import { canActForAgency, canRunPiece } from './permissions';
import { ForbiddenError } from '../../domain/errors';
import { findPiece } from './records';
import type { ScrutinyRender } from './views';

/**
 * `scrutiny.concern`: an immediate concern about a child's safety, raised from a case audit card. It is stored with
 * its audit entry and, in the same commit, a notice to the piece's lead and to each of the agency's reps is queued in
 * the outbox to go out now (same day). It blocks closing the piece until recorded as dealt with.
 */
export async function raiseConcern(ctx: AppContext, actor: Actor, input: { pieceId: string; caseCode: string; agencyId: string; summary: string }, render: ScrutinyRender): Promise<{ concern: ImmediateConcern; notified: number }> {
  const piece = await findPiece(ctx, input.pieceId);
  if (!canActForAgency(actor, piece, input.agencyId) && !canRunPiece(actor, piece)) {
    throw new ForbiddenError("Only the agency auditing the case, or the piece's lead, PAI chair or business unit, can raise a concern here.");
  }
  const caseCode = validateCaseCode(input.caseCode);
  if (!piece.caseCodes.includes(caseCode)) throw new ValidationError('That case is not in this audit.', { field: 'caseCode' }, 'SCRUTINY.CASE_UNKNOWN');
  const summary = input.summary.trim().slice(0, 1000);
  if (!summary) throw new ValidationError('Say briefly what the concern is (no names or identifiers: the case code is enough).', { field: 'concern' }, 'SCRUTINY.CONCERN_REQUIRED');
  assertNoPersonalData(ctx, { concern: summary }, { concern: 'Concern' });
  const now = ctx.clock.now().toISOString();
  const concern: ImmediateConcern = { id: `${piece.id}--concern-${randomUUID().slice(0, 8)}`, pieceId: piece.id, caseCode, agencyId: input.agencyId, summary, raisedBy: actor.aadObjectId, raisedAt: now };
  const lookups = await loadLookups(ctx);
  const members = await ctx.stores.members.all({ where: { agencyId: input.agencyId } });
  const reps = members.filter((member) => member.active && member.roles.includes('AGENCY_REP')).map((member) => member.id);
  const recipients = [...new Set([piece.leadId, ...reps])];
  const payload = render.concern({ pieceRef: piece.ref, pieceTitle: piece.title, caseCode, agencyName: agencyName(lookups, input.agencyId), summary, raisedByName: actor.name, raisedAt: dateText(now) });
  const messages: ScrutinyMessage[] = recipients.map((memberId) => ({
    policy: 'SCRUTINY_CONCERN',
    key: `SCRUTINY_CONCERN|${concern.id}|member:${memberId}`,
    subjectId: concern.id,
    recipient: { kind: 'member', id: memberId },
    agencyId: input.agencyId,
    payload,
  }));
  await queueScrutinyMessages(ctx, messages, [
    ctx.stores.scrutinyConcerns.op.create(concern),
    auditOperation({ at: now, by: actor.aadObjectId, subjectKind: KIND.scrutinyConcern, subjectId: concern.id, operation: 'raise', after: { pieceId: piece.id, caseCode, agencyId: input.agencyId } }),
  ]);
  return { concern, notified: recipients.length };
}
