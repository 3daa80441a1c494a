import { ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { parseCaseCodes } from '../../domain/scrutiny/case-code';
import { assertGathering, assertUsesTool, type ScrutinyPiece } from '../../domain/scrutiny/piece';
import type { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { assertNoPersonalData } from '../kernel/guard-text';
import { caseAuditView } from './grade-case';
import { queueScrutinyMessages, type ScrutinyMessage } from './notify';
import { assertCanRunPiece } from './permissions';
import { findPiece, pieceUpdate } from './records';
import type { ScrutinyRender } from './views';

/**
 * `scrutiny.cases`: the lead adds cases to the case file audit by code only (`C1`, `C2`, ...). Each taking-part
 * agency gets one card per new case through the outbox, queued in the same commit as the change to the piece.
 */
export async function addAuditCases(ctx: AppContext, actor: Actor, input: { pieceId: string; caseCodes: string }, render: ScrutinyRender): Promise<{ piece: Stored<ScrutinyPiece>; added: string[]; cards: number }> {
  const piece = await findPiece(ctx, input.pieceId);
  assertCanRunPiece(actor, piece);
  assertUsesTool(piece, 'CASE_FILE_AUDIT');
  assertGathering(piece);
  // The personal-data guard sees every case code as typed, then the strict code rule applies.
  assertNoPersonalData(ctx, { caseCodes: input.caseCodes }, { caseCodes: 'Case codes' });
  const codes = parseCaseCodes(input.caseCodes);
  const added = codes.filter((code) => !piece.caseCodes.includes(code));
  if (added.length === 0) throw new ValidationError('Those cases are already in the audit.', { field: 'caseCodes' }, 'SCRUTINY.CASES_KNOWN');
  const now = ctx.clock.now().toISOString();
  const after: ScrutinyPiece = { ...piece, caseCodes: [...piece.caseCodes, ...added], updatedAt: now, updatedBy: actor.aadObjectId };
  const messages: ScrutinyMessage[] = [];
  for (const code of added) {
    for (const agencyId of piece.agencyIds) {
      messages.push({
        policy: 'SCRUTINY_CASE_AUDIT',
        key: `SCRUTINY_CASE_AUDIT|${piece.id}|${code}|agency:${agencyId}`,
        subjectId: piece.id,
        recipient: { kind: 'agency', id: agencyId },
        agencyId,
        payload: render.caseAudit(await caseAuditView(ctx, after, code, agencyId)),
      });
    }
  }
  await queueScrutinyMessages(ctx, messages, pieceUpdate(ctx, piece, after, actor.aadObjectId, 'cases', { before: { caseCodes: piece.caseCodes }, after: { caseCodes: after.caseCodes } }));
  return { piece: await findPiece(ctx, piece.id), added, cards: messages.length };
}
