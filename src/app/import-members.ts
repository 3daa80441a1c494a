import { findByName } from '../domain/agency';
import { ImportRejectedError, RowProblem, ValidationError } from '../domain/errors';
import { AAD_OBJECT_ID_PATTERN, Member } from '../domain/member';
import { parseRoles, Role } from '../domain/roles';
import { listAll, MAX_OPERATIONS_PER_COMMIT, WriteOperation } from '../ports/document-store';
import type { AppContext } from './app-context';
import { listAgencies } from './agencies';
import { auditOperation } from './audit';
import { KIND } from './kinds';

export const MEMBER_COLUMNS = ['aad_object_id', 'name', 'email', 'agency', 'roles'] as const;

/** Roles that act for one agency and so need one. */
const AGENCY_BOUND_ROLES: readonly Role[] = ['AGENCY_REP', 'RESPONSIBLE_OFFICER'];
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export interface ImportSummary {
  created: number;
  updated: number;
}

/**
 * Imports members from parsed CSV rows, all or nothing: every row is checked first, and any problem rejects
 * the file with row, column and reason. Re-importing a member updates them.
 */
export async function importMembers(
  ctx: AppContext,
  importedBy: string,
  rows: Record<string, string | undefined>[],
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<ImportSummary> {
  const problems: RowProblem[] = [];
  const missing = MEMBER_COLUMNS.filter((column) => rows.length > 0 && !(column in rows[0]));
  if (rows.length === 0) throw new ImportRejectedError([{ row: 1, column: '-', reason: 'the file has no data rows' }]);
  if (missing.length) throw new ImportRejectedError(missing.map((column) => ({ row: 1, column, reason: 'column missing from the header' })));

  const agencies = await listAgencies(ctx);
  const existing = new Map((await listAll<Member>(ctx.store, KIND.member, ctx.partnershipId)).map((member) => [member.id, member]));
  const now = ctx.clock.now().toISOString();
  const seen = new Map<string, number>();
  const members: Member[] = [];

  rows.forEach((row, index) => {
    const rowNumber = index + 2;
    const problem = (column: string, reason: string) => problems.push({ row: rowNumber, column, reason });
    const id = (row.aad_object_id ?? '').trim().toLowerCase();
    const name = (row.name ?? '').trim();
    const email = (row.email ?? '').trim().toLowerCase();
    const agencyText = (row.agency ?? '').trim();
    if (!AAD_OBJECT_ID_PATTERN.test(id)) problem('aad_object_id', 'not an AAD object id (a GUID such as 6f1c2d3e-...)');
    else if (seen.has(id)) problem('aad_object_id', `the same person is already on row ${seen.get(id)}`);
    else seen.set(id, rowNumber);
    if (!name) problem('name', 'empty');
    else if (name.length > 100) problem('name', 'longer than 100 characters');
    if (!EMAIL_PATTERN.test(email)) problem('email', 'not an email address');
    let roles: Role[] = [];
    try {
      roles = parseRoles(row.roles ?? '');
    } catch (error) {
      problem('roles', error instanceof ValidationError ? error.message : 'not a role list');
    }
    let agencyId: string | undefined;
    if (agencyText) {
      const { match, suggestions } = findByName(agencies, agencyText);
      if (match) agencyId = match.id;
      else problem('agency', `unknown agency${suggestions.length ? `; did you mean ${suggestions.map((agency) => agency.name).join(' or ')}?` : ''}`);
    } else if (roles.some((role) => AGENCY_BOUND_ROLES.includes(role))) {
      problem('agency', 'needed for agency representatives and responsible officers');
    }
    const before = existing.get(id);
    members.push({
      id,
      name,
      email,
      agencyId,
      roles,
      active: true,
      createdAt: before?.createdAt ?? now,
      createdBy: before?.createdBy ?? importedBy,
      updatedAt: now,
      updatedBy: importedBy,
    });
  });
  if (problems.length) throw new ImportRejectedError(problems);

  const operations: WriteOperation[] = members.map((doc) => ({ op: 'upsert', kind: KIND.member, doc }));
  operations.push(auditOperation({ at: now, by: importedBy, subjectKind: KIND.member, subjectId: '*', operation: 'import', after: { rows: members.length } }));
  for (let start = 0; start < operations.length; start += MAX_OPERATIONS_PER_COMMIT) {
    await ctx.store.commit(ctx.partnershipId, operations.slice(start, start + MAX_OPERATIONS_PER_COMMIT));
    onProgress(Math.min(start + MAX_OPERATIONS_PER_COMMIT, members.length), members.length);
  }
  const created = members.filter((member) => !existing.has(member.id)).length;
  return { created, updated: members.length - created };
}
