import { isHttpsUrl } from '../../domain/links';
import { ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { assertGathering, assertUsesTool, dateText, type ScrutinyPiece } from '../../domain/scrutiny/piece';
import type { AppContext } from '../kernel/app-context';
import { auditOperation } from '../kernel/audit';
import { FieldReader, throwIfProblems } from '../kernel/field-parsing';
import { assertNoPersonalData } from '../kernel/guard-text';
import { KIND } from '../kernel/kinds';
import { agencyName, loadLookups, memberName } from '../directory/lookups';
import type { ScrutinyMessage } from './notify';
import { assertCanActForAgency } from './permissions';
import { findPiece, selfEvaluationIdOf, selfEvaluationsOf, type SelfEvaluation } from './records';
import type { ScrutinyRender, SelfEvaluationView } from './views';

/** Evidence links typed one per line: `https://... what it shows`. */
export function parseEvidenceLinks(text: string): { url: string; description: string }[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [url, ...rest] = line.split(/\s+/);
      if (!isHttpsUrl(url)) throw new ValidationError('Each evidence link is an https link to the document, then what it shows, one per line.', { field: 'evidenceLinks' }, 'SCRUTINY.EVIDENCE_URL');
      return { url, description: rest.join(' ') || 'Evidence' };
    });
}

async function viewOf(ctx: AppContext, piece: ScrutinyPiece, agencyId: string, status?: string): Promise<SelfEvaluationView> {
  const [lookups, existing] = await Promise.all([loadLookups(ctx), selfEvaluationsOf(ctx).get(selfEvaluationIdOf(piece.id, agencyId))]);
  return {
    pieceId: piece.id,
    pieceRef: piece.ref,
    pieceTitle: piece.title,
    agencyId,
    agencyName: agencyName(lookups, agencyId),
    evidenceDue: dateText(piece.evidenceDue),
    strengths: existing?.strengths ?? '',
    areasForDevelopment: existing?.areasForDevelopment ?? '',
    evidenceLinks: (existing?.evidenceLinks ?? []).map((link) => `${link.url} ${link.description}`).join('\n'),
    status: status ?? (existing ? `Saved ${dateText(existing.updatedAt)} by ${memberName(lookups, existing.updatedBy)}` : 'Not returned yet'),
  };
}

/** One self-evaluation card per taking-part agency, to its channel (fallback: its reps, then the business unit). */
export async function selfEvaluationMessages(ctx: AppContext, piece: ScrutinyPiece, render: ScrutinyRender): Promise<ScrutinyMessage[]> {
  const messages: ScrutinyMessage[] = [];
  for (const agencyId of piece.agencyIds) {
    messages.push({
      policy: 'SCRUTINY_SELF_EVALUATION',
      key: `SCRUTINY_SELF_EVALUATION|${piece.id}|agency:${agencyId}`,
      subjectId: piece.id,
      recipient: { kind: 'agency', id: agencyId },
      agencyId,
      payload: render.selfEvaluation(await viewOf(ctx, piece, agencyId)),
    });
  }
  return messages;
}

/** `scrutiny.selfeval.open`: the agency's self-evaluation card, filled with what it has saved. */
export async function openSelfEvaluation(ctx: AppContext, actor: Actor, input: { pieceId: string; agencyId: string }): Promise<SelfEvaluationView> {
  const piece = await findPiece(ctx, input.pieceId);
  assertCanActForAgency(actor, piece, input.agencyId);
  assertUsesTool(piece, 'SELF_EVALUATION');
  return viewOf(ctx, piece, input.agencyId);
}

/** `scrutiny.selfeval`: the agency's strengths, areas for development and evidence links, saved with an audit entry. */
export async function recordSelfEvaluation(ctx: AppContext, actor: Actor, input: { pieceId: string; agencyId: string; fields: Record<string, string> }): Promise<SelfEvaluationView> {
  const piece = await findPiece(ctx, input.pieceId);
  assertCanActForAgency(actor, piece, input.agencyId);
  assertUsesTool(piece, 'SELF_EVALUATION');
  assertGathering(piece);
  const reader = new FieldReader(input.fields);
  const strengths = reader.text('strengths', { required: true, max: 2000 });
  const areas = reader.text('areasForDevelopment', { required: true, max: 2000 });
  throwIfProblems(reader.problems);
  const links = parseEvidenceLinks(input.fields.evidenceLinks ?? '');
  assertNoPersonalData(ctx, { strengths, areasForDevelopment: areas, evidenceLinks: links.map((link) => link.description).join('\n') }, { strengths: 'Strengths', areasForDevelopment: 'Areas for development', evidenceLinks: 'Evidence links' });
  const now = ctx.clock.now().toISOString();
  const id = selfEvaluationIdOf(piece.id, input.agencyId);
  const selfEvaluations = selfEvaluationsOf(ctx);
  const before = await selfEvaluations.get(id);
  const record: SelfEvaluation = { id, pieceId: piece.id, agencyId: input.agencyId, strengths: strengths as string, areasForDevelopment: areas as string, evidenceLinks: links, updatedBy: actor.aadObjectId, updatedAt: now };
  await ctx.stores.commit([
    before ? selfEvaluations.op.update(before, record) : selfEvaluations.op.create(record),
    auditOperation({ at: now, by: actor.aadObjectId, subjectKind: KIND.scrutinySelfEvaluation, subjectId: id, operation: before ? 'update' : 'create', after: { links: links.length } }),
  ]);
  return viewOf(ctx, piece, input.agencyId);
}
