import type { Agency } from '../../domain/directory/agency';
import { ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import type { S11Cycle } from '../../domain/section11/cycle';
import type { S11Framework } from '../../domain/section11/framework';
import type { S11Return } from '../../domain/section11/return';
import type { AppContext } from '../kernel/app-context';
import { resolveAgency } from '../directory/agencies';
import { assertRegistered } from '../kernel/permissions';
import { assertCanReadReturn, canEditReturn, canModerate, loadFramework, loadReturn, loadReturnById, previousCycleOf, resolveCycle, type LoadedReturn } from './records';

/** A return as a card shows it, with what this user may do on it. */
export interface S11ReturnView {
  cycle: S11Cycle;
  framework: S11Framework;
  agency: Agency;
  ret: S11Return;
  etag: string;
  /** Last cycle's return of the same agency, for "same as last cycle". */
  previous?: S11Return;
  canEdit: boolean;
  canModerate: boolean;
}

async function viewOf(ctx: AppContext, actor: Actor, cycle: S11Cycle, loaded: LoadedReturn): Promise<S11ReturnView> {
  const agency = await ctx.stores.agencies.get(loaded.ret.agencyId);
  if (!agency) throw new ValidationError('The agency of this return is missing.', {}, 'S11.AGENCY_MISSING');
  assertCanReadReturn(actor, agency.id);
  const [framework, previousCycle] = await Promise.all([loadFramework(ctx, cycle.frameworkId), previousCycleOf(ctx, cycle)]);
  const previous = previousCycle ? await ctx.stores.s11Returns.get(`${previousCycle.id}--${agency.id}`) : undefined;
  return { cycle, framework, agency, ret: loaded.ret, etag: loaded.etag, previous, canEdit: canEditReturn(actor, agency.id), canModerate: canModerate(actor) };
}

/** `s11 return [agency]`: a rep gets their own agency's return; the PAI chair, business unit and admins may name any. */
export async function viewS11Return(ctx: AppContext, actor: Actor, agencyText = ''): Promise<S11ReturnView> {
  // Rights before cost: an unregistered user learns nothing, and no agency name is matched for them.
  assertRegistered(actor);
  let agencyId = actor.agencyId;
  if (agencyText.trim()) agencyId = (await resolveAgency(ctx, agencyText)).id;
  if (!agencyId) throw new ValidationError('Name the agency: s11 return <agency>.', {}, 'S11.AGENCY_REQUIRED');
  assertCanReadReturn(actor, agencyId);
  const cycle = await resolveCycle(ctx);
  return viewOf(ctx, actor, cycle, await loadReturn(ctx, cycle, agencyId));
}

/** The same view for a card that names the return by id. */
export async function viewS11ReturnById(ctx: AppContext, actor: Actor, returnId: string): Promise<S11ReturnView> {
  const { cycle, ...loaded } = await loadReturnById(ctx, returnId);
  return viewOf(ctx, actor, cycle, loaded);
}
