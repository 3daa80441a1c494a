import { compareDates } from '../../domain/calendar';
import { ForbiddenError, NotFoundError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { hasAnyRole, type Role } from '../../domain/roles';
import { cycleIdOf, parseCycleLabel, type S11Cycle } from '../../domain/section11/cycle';
import { statutoryFramework, type S11Framework } from '../../domain/section11/framework';
import { newReturn, returnIdOf, type S11Return } from '../../domain/section11/return';
import type { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { assertRegistered } from '../kernel/permissions';

/** Who opens cycles and moves their stages: the business unit and administrators. */
export const S11_CYCLE_ROLES: readonly Role[] = ['LSBU_OFFICER', 'ADMIN'];
/** Who moderates, queries and gives feedback: the PAI chair and the business unit. */
export const S11_MODERATOR_ROLES: readonly Role[] = ['PAI_CHAIR', 'LSBU_OFFICER'];
/** Who may read any agency's return. */
export const S11_READ_ANY_ROLES: readonly Role[] = ['PAI_CHAIR', 'LSBU_OFFICER', 'ADMIN'];

/** Only a representative of the agency writes its return (from the activity's user, never card data). */
export function canEditReturn(actor: Actor, agencyId: string): boolean {
  return actor.roles.includes('AGENCY_REP') && actor.agencyId !== undefined && actor.agencyId === agencyId;
}

export function canModerate(actor: Actor): boolean {
  return hasAnyRole(actor.roles, S11_MODERATOR_ROLES);
}

export function assertCanEditReturn(actor: Actor, agencyId: string): void {
  if (!canEditReturn(actor, agencyId)) throw new ForbiddenError("Only a representative of the agency can change its Section 11 return.");
}

export function assertCanModerate(actor: Actor): void {
  if (!canModerate(actor)) throw new ForbiddenError('Only the PAI chair or the business unit can moderate Section 11 returns.');
}

export function assertCanRunCycle(actor: Actor): void {
  if (!hasAnyRole(actor.roles, S11_CYCLE_ROLES)) throw new ForbiddenError('Only the business unit (LSBU) or an administrator can open a Section 11 cycle or move its stage.');
}

/** Reading a return: its own agency's reps, or the PAI chair, business unit and administrators for any agency. */
export function assertCanReadReturn(actor: Actor, agencyId: string): void {
  assertRegistered(actor);
  if (hasAnyRole(actor.roles, S11_READ_ANY_ROLES)) return;
  if (actor.agencyId === agencyId && actor.roles.includes('AGENCY_REP')) return;
  throw new ForbiddenError("You can see your own agency's Section 11 return only.");
}

export async function listCycles(ctx: AppContext): Promise<Stored<S11Cycle>[]> {
  return (await ctx.stores.s11Cycles.all()).sort((a, b) => a.label.localeCompare(b.label));
}

/** A cycle by label, or the latest (by label) when none is named. */
export async function resolveCycle(ctx: AppContext, text = ''): Promise<Stored<S11Cycle>> {
  if (text.trim()) {
    const cycle = await ctx.stores.s11Cycles.get(cycleIdOf(parseCycleLabel(text)));
    if (!cycle) throw new NotFoundError('There is no Section 11 cycle with that label.', 'S11.CYCLE_NOT_FOUND');
    return cycle;
  }
  const cycles = await listCycles(ctx);
  const latest = cycles[cycles.length - 1];
  if (!latest) throw new NotFoundError('No Section 11 cycle has been opened yet. The business unit opens one with "s11 open <cycle> due <date>".', 'S11.CYCLE_NOT_FOUND');
  return latest;
}

/** The cycle before this one (by label), for "same as last cycle" and the change from last cycle. */
export async function previousCycleOf(ctx: AppContext, cycle: Pick<S11Cycle, 'label'>): Promise<Stored<S11Cycle> | undefined> {
  const earlier = (await listCycles(ctx)).filter((other) => other.label < cycle.label);
  return earlier[earlier.length - 1];
}

export async function loadFramework(ctx: AppContext, id: string): Promise<Stored<S11Framework> | S11Framework> {
  const framework = await ctx.stores.s11Frameworks.get(id);
  if (framework) return framework;
  const statutory = statutoryFramework('', 'seed');
  if (id === statutory.id) return statutory;
  throw new NotFoundError('The framework this cycle uses is missing.', 'S11.FRAMEWORK_NOT_FOUND');
}

/** The newest framework version held, or the statutory eight when none has been imported. */
export async function currentFramework(ctx: AppContext): Promise<S11Framework> {
  const frameworks = await ctx.stores.s11Frameworks.all();
  const newest = frameworks.sort((a, b) => compareDates(a.createdAt.slice(0, 10), b.createdAt.slice(0, 10)) || a.version - b.version).pop();
  return newest ?? statutoryFramework(ctx.clock.now().toISOString(), 'seed');
}

/** A return as a card shows it: its fields, the etag the card carries, and the stored record a change is written over. */
export interface LoadedReturn {
  ret: S11Return;
  etag: string;
  /** Undefined for a return not yet written (etag NEW_RETURN_ETAG). */
  stored?: Stored<S11Return>;
}

/** The stored return, or a fresh NOT_STARTED one (not yet written) for an agency the cycle asked. */
export async function loadReturn(ctx: AppContext, cycle: S11Cycle, agencyId: string): Promise<LoadedReturn> {
  const stored = await ctx.stores.s11Returns.get(returnIdOf(cycle.id, agencyId));
  if (stored) {
    const { etag, partnershipId: _partnershipId, ...ret } = stored;
    return { ret, etag, stored };
  }
  if (!cycle.agencyIds.includes(agencyId)) throw new NotFoundError('This agency was not asked for a return in that cycle.', 'S11.RETURN_NOT_FOUND');
  return { ret: newReturn(cycle, agencyId, { by: 'system', on: cycle.createdAt }), etag: NEW_RETURN_ETAG };
}

/** The etag a card carries for a return that has not been written yet. */
export const NEW_RETURN_ETAG = 'new';

/** A card names a return by id: `<cycle id>--<agency id>`. */
export async function loadReturnById(ctx: AppContext, returnId: string): Promise<{ cycle: Stored<S11Cycle> } & LoadedReturn> {
  const [cycleId, agencyId] = returnId.split('--');
  const cycle = cycleId && agencyId ? await ctx.stores.s11Cycles.get(cycleId) : undefined;
  if (!cycle) throw new NotFoundError('That Section 11 return no longer exists, or the card is not one of ours.', 'S11.RETURN_NOT_FOUND');
  return { cycle, ...(await loadReturn(ctx, cycle, agencyId)) };
}

export async function listReturns(ctx: AppContext, cycleId: string): Promise<Stored<S11Return>[]> {
  return ctx.stores.s11Returns.all({ where: { cycleId } });
}
