import { findByName } from '../../domain/directory/agency';
import { DomainError, ImportRejectedError, type RowProblem } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { caseAuditIdOf, parseAuditDomain, parseAuditGrade, type CaseAudit } from '../../domain/scrutiny/case-audit';
import { validateCaseCode } from '../../domain/scrutiny/case-code';
import { scrutinyIdOf, type ScrutinyPiece } from '../../domain/scrutiny/piece';
import { MAX_OPERATIONS_PER_COMMIT, type Stored, type WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { listAgencies } from '../directory/agencies';
import { auditOperation } from '../kernel/audit';
import { FieldReader } from '../kernel/field-parsing';
import { reportPersonalData } from '../kernel/guard-text';
import { checkHeader, type ImportRow } from '../kernel/import-table';
import { KIND } from '../kernel/kinds';
import { canRunPiece } from './permissions';
import { listCaseAudits, listPieces, pieceUpdate } from './records';

export const SCRUTINY_GRADE_COLUMNS = ['piece_ref', 'case_code', 'agency', 'domain', 'grade'] as const;

/**
 * `import scrutiny-grades`: grades from agencies that audit on spreadsheets, one row per case, agency and domain. All or
 * nothing; a case code new to the piece is added to its audit (no card is sent for it: the grades came in the file).
 */
export async function importScrutinyGrades(ctx: AppContext, actor: Actor, rows: ImportRow[]): Promise<{ imported: number; audits: number }> {
  checkHeader(rows, SCRUTINY_GRADE_COLUMNS);
  const [pieces, agencies, audits] = await Promise.all([listPieces(ctx), listAgencies(ctx), listCaseAudits(ctx)]);
  const pieceById = new Map(pieces.map((piece) => [piece.id, piece]));
  const domains = ctx.settings.scrutiny.auditDomains;
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  const grouped = new Map<string, { piece: Stored<ScrutinyPiece>; caseCode: string; agencyId: string; grades: CaseAudit['grades'] }>();
  rows.forEach((row, index) => {
    const rowNumber = index + 2;
    const reader = new FieldReader(row);
    const refText = reader.text('piece_ref', { required: true, max: 40 });
    const piece = refText ? pieceById.get(scrutinyIdOf(refText)) : undefined;
    if (refText && !piece) reader.problem('piece_ref', 'no piece of scrutiny has this ref');
    else if (piece && !canRunPiece(actor, piece)) reader.problem('piece_ref', "only the piece's lead, the PAI chair or the business unit can import its grades");
    else if (piece && !piece.tools.includes('CASE_FILE_AUDIT')) reader.problem('piece_ref', 'this piece does not use a case file audit');
    const codeText = reader.text('case_code', { required: true, max: 20 });
    reportPersonalData(ctx, reader, { case_code: codeText });
    let caseCode: string | undefined;
    if (codeText && !reader.problems.some((problem) => problem.column === 'case_code')) {
      try {
        caseCode = validateCaseCode(codeText);
      } catch (error) {
        reader.problem('case_code', (error as DomainError).message);
      }
    }
    const agencyText = reader.text('agency', { required: true });
    let agencyId: string | undefined;
    if (agencyText) {
      const { match } = findByName(agencies, agencyText);
      if (!match) reader.problem('agency', 'unknown agency');
      else if (piece && !piece.agencyIds.includes(match.id)) reader.problem('agency', 'this agency does not take part in the piece');
      else agencyId = match.id;
    }
    const domain = reader.choice('domain', (text) => parseAuditDomain(text, domains), { required: true });
    const grade = reader.choice('grade', parseAuditGrade, { required: true });
    if (piece && caseCode && agencyId && domain) {
      const key = `${piece.id}|${caseCode}|${agencyId}|${domain}`;
      if (seen.has(key)) reader.problem('domain', `this case, agency and domain is already graded on row ${seen.get(key)}`);
      else seen.set(key, rowNumber);
    }
    problems.push(...reader.problems.map((problem) => ({ row: rowNumber, ...problem })));
    if (reader.problems.length || !piece || !caseCode || !agencyId || !domain || !grade) return;
    const id = caseAuditIdOf(piece.id, caseCode, agencyId);
    const group = grouped.get(id) ?? { piece, caseCode, agencyId, grades: {} };
    group.grades[domain] = grade;
    grouped.set(id, group);
  });
  if (problems.length) throw new ImportRejectedError(problems);

  const now = ctx.clock.now().toISOString();
  const existing = new Map(audits.map((audit) => [audit.id, audit]));
  const operations: WriteOperation[][] = [];
  const newCases = new Map<string, Set<string>>();
  for (const [id, group] of grouped) {
    const before = existing.get(id);
    const record: CaseAudit = { ...(before ? { goodPractice: before.goodPractice, areasForDevelopment: before.areasForDevelopment } : {}), id, pieceId: group.piece.id, caseCode: group.caseCode, agencyId: group.agencyId, grades: { ...(before?.grades ?? {}), ...group.grades }, updatedBy: actor.aadObjectId, updatedAt: now };
    operations.push([
      ctx.stores.scrutinyCaseAudits.op.upsert(record),
      auditOperation({ at: now, by: actor.aadObjectId, subjectKind: KIND.scrutinyCaseAudit, subjectId: id, operation: 'import-grades', before: before?.grades, after: record.grades }),
    ]);
    if (!group.piece.caseCodes.includes(group.caseCode)) newCases.set(group.piece.id, (newCases.get(group.piece.id) ?? new Set()).add(group.caseCode));
  }
  for (const [pieceId, codes] of newCases) {
    const piece = pieceById.get(pieceId) as Stored<ScrutinyPiece>;
    const after: ScrutinyPiece = { ...piece, caseCodes: [...piece.caseCodes, ...codes], updatedAt: now, updatedBy: actor.aadObjectId };
    operations.unshift(pieceUpdate(ctx, piece, after, actor.aadObjectId, 'import-cases', { before: { caseCodes: piece.caseCodes }, after: { caseCodes: after.caseCodes } }));
  }
  let batch: WriteOperation[] = [];
  for (const group of operations) {
    if (batch.length + group.length > MAX_OPERATIONS_PER_COMMIT) {
      await ctx.stores.commit(batch);
      batch = [];
    }
    batch.push(...group);
  }
  if (batch.length) await ctx.stores.commit(batch);
  return { imported: rows.length, audits: grouped.size };
}
