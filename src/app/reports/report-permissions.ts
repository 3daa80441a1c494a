import { ForbiddenError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { allows, ROLE_TABLE, type Role } from '../../domain/roles';
import { canAssure } from '../kernel/permissions';

/**
 * Who may run reports (docs/reports.md): the PAI chair and the business unit, who use them in meetings and files, and
 * administrators, who support them. Agency representatives may see their own agency's overdue actions only.
 * Drawing a dip sample is an assurance decision, so it is the chair's and the business unit's alone.
 */
export const REPORT_ROLES: readonly Role[] = ROLE_TABLE.runReports;

export function canRunReports(actor: Actor): boolean {
  return allows(actor.roles, 'runReports');
}

export function assertCanRunReports(actor: Actor): void {
  if (!canRunReports(actor)) throw new ForbiddenError('Reports are for the PAI chair, the business unit (LSBU) and administrators.', 'AUTH.REPORTS_FORBIDDEN');
}

export function assertCanDrawDipSample(actor: Actor): void {
  if (!canAssure(actor)) throw new ForbiddenError('Only the PAI chair or the business unit (LSBU) can draw a dip sample.', 'AUTH.DIP_SAMPLE_FORBIDDEN');
}

/** Cheap check before any agency name is matched: may this user ask for an overdue list at all? */
export function assertMayAskForOverdue(actor: Actor): void {
  if (canRunReports(actor) || (allows(actor.roles, 'ownAgencyOverdue') && actor.agencyId)) return;
  overdueScopeFor(actor, undefined);
}

/**
 * The agency an overdue report is limited to: none for report roles; the rep's own agency for an agency
 * representative, who may not ask about another agency.
 */
export function overdueScopeFor(actor: Actor, requestedAgencyId: string | undefined): string | undefined {
  if (canRunReports(actor)) return requestedAgencyId;
  if (allows(actor.roles, 'ownAgencyOverdue') && actor.agencyId) {
    if (requestedAgencyId && requestedAgencyId !== actor.agencyId) {
      throw new ForbiddenError("Agency representatives can see their own agency's overdue actions only.", 'AUTH.REPORTS_FORBIDDEN');
    }
    return actor.agencyId;
  }
  throw new ForbiddenError('Reports are for the PAI chair, the business unit (LSBU) and administrators; agency representatives can see their own overdue actions.', 'AUTH.REPORTS_FORBIDDEN');
}
