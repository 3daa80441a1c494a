import { findByName } from '../../domain/directory/agency';
import { ValidationError } from '../../domain/errors';
import { AAD_OBJECT_ID_PATTERN, Member } from '../../domain/directory/member';
import { parseRoles, Role } from '../../domain/roles';
import type { AppContext } from '../kernel/app-context';
import { listAgencies } from '../directory/agencies';
import { auditOperation } from '../kernel/audit';
import { FieldReader } from '../kernel/field-parsing';
import { ImportRow, runImport } from '../kernel/import-table';
import { KIND } from '../kernel/kinds';

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
  rows: ImportRow[],
  onProgress?: (done: number, total: number) => void,
): Promise<ImportSummary> {
  const agencies = await listAgencies(ctx);
  const existing = new Map((await ctx.stores.members.all()).map((member) => [member.id, member]));
  const now = ctx.clock.now().toISOString();
  const seen = new Map<string, number>();
  let created = 0;

  await runImport(
    ctx,
    rows,
    MEMBER_COLUMNS,
    (row, rowNumber) => {
      const reader = new FieldReader(row);
      const id = (reader.text('aad_object_id') ?? '').toLowerCase();
      if (!AAD_OBJECT_ID_PATTERN.test(id)) reader.problem('aad_object_id', 'not an AAD object id (a GUID such as 6f1c2d3e-...)');
      else if (seen.has(id)) reader.problem('aad_object_id', `the same person is already on row ${seen.get(id)}`);
      else seen.set(id, rowNumber);
      const name = reader.text('name', { required: true, max: 100 });
      const email = (reader.text('email') ?? '').toLowerCase();
      if (!EMAIL_PATTERN.test(email)) reader.problem('email', 'not an email address');
      let roles: Role[] = [];
      try {
        roles = parseRoles(row.roles ?? '');
      } catch (error) {
        reader.problem('roles', error instanceof ValidationError ? error.message : 'not a role list');
      }
      const agencyText = reader.text('agency');
      let agencyId: string | undefined;
      if (agencyText) {
        const { match, suggestions } = findByName(agencies, agencyText);
        if (match) agencyId = match.id;
        else reader.problem('agency', `unknown agency${suggestions.length ? `; did you mean ${suggestions.map((agency) => agency.name).join(' or ')}?` : ''}`);
      } else if (roles.some((role) => AGENCY_BOUND_ROLES.includes(role))) {
        reader.problem('agency', 'needed for agency representatives and responsible officers');
      }
      if (reader.problems.length > 0) return { operations: [], problems: reader.problems };
      const before = existing.get(id);
      if (!before) created += 1;
      const member: Member = {
        id,
        name: name as string,
        email,
        agencyId,
        roles,
        active: true,
        createdAt: before?.createdAt ?? now,
        createdBy: before?.createdBy ?? importedBy,
        updatedAt: now,
        updatedBy: importedBy,
      };
      const operation = before ? 'update' : 'create';
      return {
        operations: [
          ctx.stores.members.op.upsert(member),
          auditOperation({ at: now, by: importedBy, subjectKind: KIND.member, subjectId: id, operation: `import-${operation}`, before: before && { roles: before.roles, agencyId: before.agencyId ?? null }, after: { roles, agencyId: agencyId ?? null } }),
        ],
        problems: [],
      };
    },
    onProgress,
  );
  return { created, updated: rows.length - created };
}
