import { DomainError, ImportRejectedError, type RowProblem } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { assertGathering, scrutinyIdOf, type ScrutinyPiece } from '../../domain/scrutiny/piece';
import type { Stored, WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { FieldReader } from '../kernel/field-parsing';
import { reportPersonalData } from '../kernel/guard-text';
import { checkHeader, type ImportRow } from '../kernel/import-table';
import { canRunPiece } from './permissions';
import { listPieces, pieceUpdate } from './records';
import { withFeedback } from './record-feedback';

export const SCRUTINY_FEEDBACK_COLUMNS = ['piece_ref', 'source', 'respondents', 'summary'] as const;

/** `import scrutiny-feedback`: feedback per source with respondents and a summary, all or nothing. */
export async function importScrutinyFeedback(ctx: AppContext, actor: Actor, rows: ImportRow[]): Promise<{ imported: number; pieces: number }> {
  checkHeader(rows, SCRUTINY_FEEDBACK_COLUMNS);
  const pieces = new Map((await listPieces(ctx)).map((piece) => [piece.id, piece]));
  const updated = new Map<string, { before: Stored<ScrutinyPiece>; after: ScrutinyPiece }>();
  const problems: RowProblem[] = [];
  const now = ctx.clock.now().toISOString();
  rows.forEach((row, index) => {
    const reader = new FieldReader(row);
    const refText = reader.text('piece_ref', { required: true, max: 40 });
    const piece = refText ? pieces.get(scrutinyIdOf(refText)) : undefined;
    if (refText && !piece) reader.problem('piece_ref', 'no piece of scrutiny has this ref');
    else if (piece && !canRunPiece(actor, piece)) reader.problem('piece_ref', "only the piece's lead, the PAI chair or the business unit can import its feedback");
    const source = reader.text('source', { required: true });
    const respondents = reader.text('respondents', { required: true });
    const summary = reader.text('summary', { required: true, max: 2000 });
    reportPersonalData(ctx, reader, { summary });
    if (!reader.problems.length && piece) {
      const current = updated.get(piece.id)?.after ?? piece;
      try {
        assertGathering(current);
        updated.set(piece.id, { before: piece, after: withFeedback(current, { source: source as string, respondents: respondents as string, summary: summary as string }, { by: actor.aadObjectId, on: now }) });
      } catch (error) {
        const field = (error as DomainError).details?.field;
        reader.problem(field === 'respondents' ? 'respondents' : field === 'summary' ? 'summary' : field === 'feedback source' || field === 'tool' ? 'source' : 'piece_ref', (error as DomainError).message);
      }
    }
    problems.push(...reader.problems.map((problem) => ({ row: index + 2, ...problem })));
  });
  if (problems.length) throw new ImportRejectedError(problems);
  const operations: WriteOperation[] = [...updated.values()].flatMap(({ before, after }) =>
    pieceUpdate(ctx, before, after, actor.aadObjectId, 'import-feedback', { after: { feedback: after.feedback.slice(before.feedback.length).map((item) => item.id) } }),
  );
  await ctx.stores.commit(operations);
  return { imported: rows.length, pieces: updated.size };
}
