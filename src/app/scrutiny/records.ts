import { NotFoundError } from '../../domain/errors';
import type { CaseAudit, ImmediateConcern } from '../../domain/scrutiny/case-audit';
import { scrutinyIdOf, type ScrutinyPiece } from '../../domain/scrutiny/piece';
import type { Stored, WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { auditOperation } from '../kernel/audit';
import { KIND } from '../kernel/kinds';
import { collection, type Collection } from '../kernel/records';

/** One agency's self-evaluation for a piece: strengths, areas for development and links to its evidence. */
export interface SelfEvaluation {
  id: string;
  pieceId: string;
  agencyId: string;
  strengths: string;
  areasForDevelopment: string;
  evidenceLinks: { url: string; description: string }[];
  updatedBy: string;
  updatedAt: string;
}

export function selfEvaluationIdOf(pieceId: string, agencyId: string): string {
  return `${pieceId}--${agencyId}`;
}

/** The agencies' self-evaluations, typed (kernel/records.ts); pieces, case audits and concerns are in ctx.stores. */
export function selfEvaluationsOf(ctx: AppContext): Collection<SelfEvaluation> {
  return collection<SelfEvaluation>(ctx.store, ctx.partnershipId, KIND.scrutinySelfEvaluation);
}

/** A piece by its ref (any case) or id; a NotFoundError that does not echo more than the first characters typed. */
export async function findPiece(ctx: AppContext, refOrId: string): Promise<Stored<ScrutinyPiece>> {
  const piece = await ctx.stores.scrutinyPieces.get(scrutinyIdOf(refOrId));
  if (!piece) throw new NotFoundError('No piece of scrutiny has that ref. Type "scrutiny" to see the programme.', 'SCRUTINY.NOT_FOUND');
  return piece;
}

export function listPieces(ctx: AppContext): Promise<Stored<ScrutinyPiece>[]> {
  return ctx.stores.scrutinyPieces.all();
}

export function listCaseAudits(ctx: AppContext, pieceId?: string): Promise<Stored<CaseAudit>[]> {
  return ctx.stores.scrutinyCaseAudits.all(pieceId ? { where: { pieceId } } : {});
}

export function listConcerns(ctx: AppContext, pieceId?: string): Promise<Stored<ImmediateConcern>[]> {
  return ctx.stores.scrutinyConcerns.all(pieceId ? { where: { pieceId } } : {});
}

export function listSelfEvaluations(ctx: AppContext, pieceId: string): Promise<Stored<SelfEvaluation>[]> {
  return selfEvaluationsOf(ctx).all({ where: { pieceId } });
}

/** The conditional update of a piece and its audit entry, to go in one commit. */
export function pieceUpdate(ctx: AppContext, before: Stored<ScrutinyPiece>, after: ScrutinyPiece, by: string, operation: string, change: { before?: unknown; after?: unknown }): WriteOperation[] {
  return [
    ctx.stores.scrutinyPieces.op.update(before, { ...after, id: before.id }),
    auditOperation({ at: after.updatedAt, by, subjectKind: KIND.scrutinyPiece, subjectId: before.id, operation, ...change }),
  ];
}

/** Writes a piece change with its audit entry in one commit and returns the stored piece. */
export async function savePiece(ctx: AppContext, before: Stored<ScrutinyPiece>, after: ScrutinyPiece, by: string, operation: string, change: { before?: unknown; after?: unknown }, alongside: WriteOperation[] = []): Promise<Stored<ScrutinyPiece>> {
  const [saved] = await ctx.stores.commit([...pieceUpdate(ctx, before, after, by, operation, change), ...alongside]);
  return saved as Stored<ScrutinyPiece>;
}
