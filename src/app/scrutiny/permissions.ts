import { ForbiddenError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { hasAnyRole, type Role } from '../../domain/roles';
import type { ScrutinyPiece } from '../../domain/scrutiny/piece';
import { assertRegistered } from '../kernel/permissions';

/** Who sets up the programme: the PAI chair, the business unit and administrators. */
export const SCRUTINY_PROGRAMME_ROLES: readonly Role[] = ['PAI_CHAIR', 'LSBU_OFFICER', 'ADMIN'];
const AGENCY_ROLES: readonly Role[] = ['AGENCY_REP', 'RESPONSIBLE_OFFICER'];

export function canSetUpScrutiny(actor: Actor): boolean {
  return hasAnyRole(actor.roles, SCRUTINY_PROGRAMME_ROLES);
}

/** The piece's lead, the PAI chair and the business unit run a piece. */
export function canRunPiece(actor: Actor, piece: Pick<ScrutinyPiece, 'leadId'>): boolean {
  return actor.roles.length > 0 && (canSetUpScrutiny(actor) || actor.aadObjectId === piece.leadId);
}

/** An agency grades, self-evaluates and raises concerns only for itself, and only when it takes part. */
export function canActForAgency(actor: Actor, piece: Pick<ScrutinyPiece, 'agencyIds'>, agencyId: string): boolean {
  return hasAnyRole(actor.roles, AGENCY_ROLES) && actor.agencyId !== undefined && actor.agencyId === agencyId && piece.agencyIds.includes(agencyId);
}

export function assertCanSetUpScrutiny(actor: Actor): void {
  if (!canSetUpScrutiny(actor)) throw new ForbiddenError('Only the PAI chair, the business unit (LSBU) or an administrator can set up scrutiny.');
}

export function assertCanRunPiece(actor: Actor, piece: Pick<ScrutinyPiece, 'leadId'>): void {
  assertRegistered(actor);
  if (!canRunPiece(actor, piece)) throw new ForbiddenError("Only the piece's lead, the PAI chair or the business unit (LSBU) can do that.");
}

export function assertCanActForAgency(actor: Actor, piece: Pick<ScrutinyPiece, 'agencyIds'>, agencyId: string): void {
  if (!canActForAgency(actor, piece, agencyId)) throw new ForbiddenError("Only a representative of a taking-part agency can do that, for their own agency's cases.");
}

export function assertCanRead(actor: Actor): void {
  assertRegistered(actor);
}
