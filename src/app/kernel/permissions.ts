import type { Action } from '../../domain/actions/action';
import { ForbiddenError } from '../../domain/errors';
import type { Actor, Member } from '../../domain/directory/member';
import { allows, ROLE_TABLE, Role } from '../../domain/roles';

/** Who signs off, challenges, closes and withdraws: the PAI subgroup through its chair, and the business unit. */
export const ASSURANCE_ROLES: readonly Role[] = ROLE_TABLE.assure;

/** Which controls a user sees on an action card; neither means read-only. A chair who is also a rep sees both. */
export interface ActionControls {
  canEdit: boolean;
  canAssure: boolean;
}

/**
 * The one rule for acting on an action (update, snooze, hand over, answer its 12-month request): the action's own
 * responsible officer, or an agency representative of the owning (lead) agency. A responsible officer does not act
 * for colleagues' actions (README, action cards).
 */
export function canEditAction(actor: Actor, action: Pick<Action, 'agencyId' | 'responsibleOfficerId'>): boolean {
  if (actor.roles.length === 0) return false;
  if (action.responsibleOfficerId && action.responsibleOfficerId.toLowerCase() === actor.aadObjectId.toLowerCase()) return true;
  return allows(actor.roles, 'editAgencyActions') && actor.agencyId !== undefined && actor.agencyId === action.agencyId;
}

/** Who may be given an action of this agency (a deputy on hand-over, a name on the form): an active officer or rep there. */
export function canHoldActionIn(member: Pick<Member, 'active' | 'agencyId' | 'roles'>, agencyId: string | undefined): boolean {
  return member.active && member.agencyId !== undefined && member.agencyId === agencyId && allows(member.roles, 'holdActions');
}

export function canAssure(actor: Actor): boolean {
  return allows(actor.roles, 'assure');
}

/** Reviews and action plans are set up by the business unit or an administrator. */
export function canManageProgramme(actor: Actor): boolean {
  return allows(actor.roles, 'manageProgramme');
}

export function controlsFor(actor: Actor, action: Pick<Action, 'agencyId' | 'responsibleOfficerId'>): ActionControls {
  return { canEdit: canEditAction(actor, action), canAssure: canAssure(actor) };
}

/** Any registered member may read action plans; an unregistered Teams user sees nothing. */
export function assertRegistered(actor: Actor): void {
  if (actor.roles.length === 0) {
    throw new ForbiddenError('You are not registered with the bot yet. Ask the business unit (LSBU) to add you.', 'AUTH.NOT_REGISTERED');
  }
}

export function assertCanManageProgramme(actor: Actor): void {
  if (!canManageProgramme(actor)) throw new ForbiddenError('Only the business unit (LSBU) or an administrator can do that.');
}

export function assertCanEdit(actor: Actor, action: Pick<Action, 'agencyId' | 'responsibleOfficerId'>): void {
  if (!canEditAction(actor, action)) {
    throw new ForbiddenError("Only the responsible officer or a representative of the action's agency can update it.");
  }
}

export function assertCanAssure(actor: Actor): void {
  if (!canAssure(actor)) throw new ForbiddenError('Only the PAI chair or the business unit can assure, challenge, close or withdraw an action.');
}
