import { ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { AUDIT_GRADES, caseAuditIdOf, domainLabel, type AuditGrade, type CaseAudit } from '../../domain/scrutiny/case-audit';
import { validateCaseCode } from '../../domain/scrutiny/case-code';
import { assertGathering, dateText, type ScrutinyPiece } from '../../domain/scrutiny/piece';
import type { AppContext } from '../kernel/app-context';
import { auditOperation } from '../kernel/audit';
import { assertNoPersonalData } from '../kernel/guard-text';
import { KIND } from '../kernel/kinds';
import { agencyName, loadLookups, memberName } from '../directory/lookups';
import { assertCanActForAgency } from './permissions';
import { findPiece } from './records';
import type { CaseAuditView } from './views';

/** The case audit card's view for one agency and one case, filled with what the agency has saved. */
export async function caseAuditView(ctx: AppContext, piece: ScrutinyPiece, caseCode: string, agencyId: string, status?: string): Promise<CaseAuditView> {
  const [lookups, saved] = await Promise.all([loadLookups(ctx), ctx.stores.scrutinyCaseAudits.get(caseAuditIdOf(piece.id, caseCode, agencyId))]);
  return {
    pieceId: piece.id,
    pieceRef: piece.ref,
    pieceTitle: piece.title,
    caseCode,
    agencyId,
    agencyName: agencyName(lookups, agencyId),
    evidenceDue: dateText(piece.evidenceDue),
    domains: ctx.settings.scrutiny.auditDomains.map((domain) => ({ id: domain, label: domainLabel(domain), grade: saved?.grades[domain] })),
    goodPractice: saved?.goodPractice ?? '',
    areasForDevelopment: saved?.areasForDevelopment ?? '',
    status: status ?? (saved ? `Saved ${dateText(saved.updatedAt)} by ${memberName(lookups, saved.updatedBy)}` : 'Not graded yet'),
  };
}

function caseOf(piece: ScrutinyPiece, text: string): string {
  const code = validateCaseCode(text);
  if (!piece.caseCodes.includes(code)) throw new ValidationError('That case is not in this audit.', { field: 'caseCode' }, 'SCRUTINY.CASE_UNKNOWN');
  return code;
}

/** `scrutiny.audit.open`: an agency's card for one of its cases. */
export async function openCaseAudit(ctx: AppContext, actor: Actor, input: { pieceId: string; caseCode: string; agencyId: string }): Promise<CaseAuditView> {
  const piece = await findPiece(ctx, input.pieceId);
  assertCanActForAgency(actor, piece, input.agencyId);
  return caseAuditView(ctx, piece, caseOf(piece, input.caseCode), input.agencyId);
}

/**
 * `scrutiny.grade`: an agency grades every domain of one of its cases, with good practice and areas for development.
 * Only a representative of that agency may; the grades replace the agency's earlier ones, with an audit entry.
 */
export async function gradeCase(ctx: AppContext, actor: Actor, input: { pieceId: string; caseCode: string; agencyId: string; fields: Record<string, string> }): Promise<CaseAuditView> {
  const piece = await findPiece(ctx, input.pieceId);
  assertCanActForAgency(actor, piece, input.agencyId);
  assertGathering(piece);
  const caseCode = caseOf(piece, input.caseCode);
  const grades: Record<string, AuditGrade> = {};
  const missing: string[] = [];
  for (const domain of ctx.settings.scrutiny.auditDomains) {
    const value = (input.fields[`grade_${domain}`] ?? '').trim();
    if (!value) missing.push(domainLabel(domain));
    else if (!(AUDIT_GRADES as readonly string[]).includes(value)) throw new ValidationError('A grade is Outstanding, Good, Requires improvement or Inadequate.', { field: `grade_${domain}` }, 'SCRUTINY.GRADE_UNKNOWN');
    else grades[domain] = value as AuditGrade;
  }
  if (missing.length) throw new ValidationError(`Grade every domain: ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no grade.`, { missing }, 'SCRUTINY.GRADES_REQUIRED');
  const goodPractice = (input.fields.goodPractice ?? '').trim().slice(0, 2000);
  const areas = (input.fields.areasForDevelopment ?? '').trim().slice(0, 2000);
  assertNoPersonalData(ctx, { goodPractice, areasForDevelopment: areas }, { goodPractice: 'Good practice', areasForDevelopment: 'Areas for development' });
  const now = ctx.clock.now().toISOString();
  const id = caseAuditIdOf(piece.id, caseCode, input.agencyId);
  const caseAudits = ctx.stores.scrutinyCaseAudits;
  const before = await caseAudits.get(id);
  const record: CaseAudit = { id, pieceId: piece.id, caseCode, agencyId: input.agencyId, grades, ...(goodPractice ? { goodPractice } : {}), ...(areas ? { areasForDevelopment: areas } : {}), updatedBy: actor.aadObjectId, updatedAt: now };
  await ctx.stores.commit([
    before ? caseAudits.op.update(before, record) : caseAudits.op.create(record),
    auditOperation({ at: now, by: actor.aadObjectId, subjectKind: KIND.scrutinyCaseAudit, subjectId: id, operation: before ? 'grade-update' : 'grade', before: before?.grades, after: grades }),
  ]);
  return caseAuditView(ctx, piece, caseCode, input.agencyId);
}
