import { ForbiddenError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { hasAnyRole, type Role } from '../../domain/roles';
import { canAssure } from '../kernel/permissions';

/**
 * Who may run reports (docs/reports.md): the PAI chair and the business unit, who use them in meetings and files, and
 * administrators, who support them. Agency representatives may see their own agency's overdue actions only.
 * Drawing a dip sample is an assurance decision, so it is the chair's and the business unit's alone.
 */
export const REPORT_ROLES: readonly Role[] = ['PAI_CHAIR', 'LSBU_OFFICER', 'ADMIN'];

export function canRunReports(actor: Actor): boolean {
  return hasAnyRole(actor.roles, REPORT_ROLES);
}

export function assertCanRunReports(actor: Actor): void {
  if (!canRunReports(actor)) throw new ForbiddenError('Reports are for the PAI chair, the business unit (LSBU) and administrators.', 'AUTH.REPORTS_FORBIDDEN');
}

export function assertCanDrawDipSample(actor: Actor): void {
  if (!canAssure(actor)) throw new ForbiddenError('Only the PAI chair or the business unit (LSBU) can draw a dip sample.', 'AUTH.DIP_SAMPLE_FORBIDDEN');
}

/**
 * The agency an overdue report is limited to: none for report roles; the rep's own agency for an agency
 * representative, who may not ask about another agency.
 */
export function overdueScopeFor(actor: Actor, requestedAgencyId: string | undefined): string | undefined {
  if (canRunReports(actor)) return requestedAgencyId;
  if (hasAnyRole(actor.roles, ['AGENCY_REP']) && actor.agencyId) {
    if (requestedAgencyId && requestedAgencyId !== actor.agencyId) {
      throw new ForbiddenError("Agency representatives can see their own agency's overdue actions only.", 'AUTH.REPORTS_FORBIDDEN');
    }
    return actor.agencyId;
  }
  throw new ForbiddenError('Reports are for the PAI chair, the business unit (LSBU) and administrators; agency representatives can see their own overdue actions.', 'AUTH.REPORTS_FORBIDDEN');
}
