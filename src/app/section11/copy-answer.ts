import type { Actor } from '../../domain/directory/member';
import { copyPreviousAnswer } from '../../domain/section11/return';
import type { AppContext } from '../kernel/app-context';
import { commitReturnChange, type ReturnCardKey, type ReturnOutcome } from './commit-return';
import { assertCanEditReturn, loadFramework, loadReturnById, previousCycleOf } from './records';

/** `s11.copy`: "same as last cycle" copies last cycle's answer to one standard, for the agency to review. */
export async function copyS11Answer(ctx: AppContext, actor: Actor, key: ReturnCardKey, standard: string): Promise<ReturnOutcome> {
  const { cycle, ...current } = await loadReturnById(ctx, key.returnId);
  assertCanEditReturn(actor, current.ret.agencyId);
  const [framework, previousCycle] = await Promise.all([loadFramework(ctx, cycle.frameworkId), previousCycleOf(ctx, cycle)]);
  const previous = previousCycle ? await ctx.stores.s11Returns.get(`${previousCycle.id}--${current.ret.agencyId}`) : undefined;
  return commitReturnChange(ctx, actor, current, key, (ret, on) => copyPreviousAnswer(ret, previous, framework, cycle.stage, standard, { by: actor.aadObjectId, on }), { operation: 's11-copy-previous' });
}
