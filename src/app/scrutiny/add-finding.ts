import type { Actor } from '../../domain/directory/member';
import { addFinding as addFindingRule } from '../../domain/scrutiny/findings';
import { parseFindingKind, type ScrutinyPiece } from '../../domain/scrutiny/piece';
import { evidenceOptions, readEvidenceKeys } from '../../domain/scrutiny/triangulation';
import type { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { assertNoPersonalData } from '../kernel/guard-text';
import { agencyName, loadLookups } from '../directory/lookups';
import { assertCanRunPiece } from './permissions';
import { findPiece, listCaseAudits, listSelfEvaluations, savePiece } from './records';

/** `scrutiny.finding`: a strength, area for development or risk, linked to the evidence behind it (triangulation). */
export async function addFinding(ctx: AppContext, actor: Actor, input: { pieceId: string; kind: string; text: string; evidence: string }): Promise<Stored<ScrutinyPiece>> {
  const piece = await findPiece(ctx, input.pieceId);
  assertCanRunPiece(actor, piece);
  const kind = parseFindingKind(input.kind);
  assertNoPersonalData(ctx, { text: input.text }, { text: 'Finding' });
  const [audits, selfEvaluations, lookups] = await Promise.all([listCaseAudits(ctx, piece.id), listSelfEvaluations(ctx, piece.id), loadLookups(ctx)]);
  const options = evidenceOptions(
    piece,
    selfEvaluations.map((item) => ({ agencyId: item.agencyId, agencyName: agencyName(lookups, item.agencyId) })),
    [...new Set(audits.map((audit) => audit.caseCode))],
  );
  const evidence = readEvidenceKeys(input.evidence.split(',').map((key) => key.trim()).filter(Boolean), options);
  const after = addFindingRule(piece, { kind, text: input.text.slice(0, 2000), evidence }, { by: actor.aadObjectId, on: ctx.clock.now().toISOString() });
  const added = after.findings[after.findings.length - 1];
  return savePiece(ctx, piece, after, actor.aadObjectId, 'finding', { after: { number: added.number, kind, evidence } });
}
