import { ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { moveStage, parseS11Stage, type S11Cycle } from '../../domain/section11/cycle';
import type { AppContext } from '../kernel/app-context';
import { auditOperation } from '../kernel/audit';
import { KIND } from '../kernel/kinds';
import { assertCanRunCycle, resolveCycle } from './records';

/** `s11 stage <stage> [cycle]`: moves the (latest) cycle on to its next stage. */
export async function moveS11Stage(ctx: AppContext, actor: Actor, args: string): Promise<S11Cycle> {
  assertCanRunCycle(actor);
  const [stageText, ...rest] = args.trim().split(/\s+/);
  if (!stageText) throw new ValidationError('Name the stage: s11 stage <RETURNS_CLOSED|MODERATION|FEEDBACK|CLOSED> [cycle].', {}, 'S11.STAGE_INVALID');
  const stage = parseS11Stage(stageText);
  const cycle = await resolveCycle(ctx, rest.join(' '));
  const on = ctx.clock.now().toISOString();
  const { etag: _etag, partnershipId: _partnershipId, ...current } = cycle;
  const next = moveStage(current, stage, { by: actor.aadObjectId, on });
  await ctx.stores.commit([
    ctx.stores.s11Cycles.op.update(cycle, next),
    auditOperation({ at: on, by: actor.aadObjectId, subjectKind: KIND.s11Cycle, subjectId: next.id, operation: 's11-stage', before: { stage: current.stage }, after: { stage: next.stage } }),
  ]);
  return next;
}
