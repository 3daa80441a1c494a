import type { Actor } from '../../domain/directory/member';
import { copyPreviousAnswer, type S11Return } from '../../domain/section11/return';
import type { AppContext } from '../kernel/app-context';
import { KIND } from '../kernel/kinds';
import { commitReturnChange, type ReturnCardKey, type ReturnOutcome } from './commit-return';
import { assertCanEditReturn, loadFramework, loadReturnById, previousCycleOf } from './records';

/** `s11.copy`: "same as last cycle" copies last cycle's answer to one standard, for the agency to review. */
export async function copyS11Answer(ctx: AppContext, actor: Actor, key: ReturnCardKey, standard: string): Promise<ReturnOutcome> {
  const { cycle, ...current } = await loadReturnById(ctx, key.returnId);
  assertCanEditReturn(actor, current.ret.agencyId);
  const [framework, previousCycle] = await Promise.all([loadFramework(ctx, cycle.frameworkId), previousCycleOf(ctx, cycle)]);
  const previous = previousCycle ? await ctx.store.get<S11Return>(KIND.s11Return, ctx.partnershipId, `${previousCycle.id}--${current.ret.agencyId}`) : undefined;
  return commitReturnChange(ctx, actor, current, key, (ret, on) => copyPreviousAnswer(ret, previous, framework, cycle.stage, standard, { by: actor.aadObjectId, on }), { operation: 's11-copy-previous' });
}
