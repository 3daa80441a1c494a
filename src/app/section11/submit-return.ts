import type { Actor } from '../../domain/directory/member';
import { submitReturn } from '../../domain/section11/return';
import type { AppContext } from '../kernel/app-context';
import { assertNoPersonalData } from '../kernel/guard-text';
import { S11_FIELD_LABELS } from './answer-fields';
import { commitReturnChange, type ReturnCardKey, type ReturnOutcome } from './commit-return';
import { assertCanEditReturn, loadFramework, loadReturnById } from './records';

/** `s11.submit`: every standard rated with evidence, and the senior officer who signed it off. Read-only afterwards. */
export async function submitS11Return(ctx: AppContext, actor: Actor, key: ReturnCardKey, signOff: { signOffName?: string; signOffRole?: string }): Promise<ReturnOutcome> {
  const { cycle, ...current } = await loadReturnById(ctx, key.returnId);
  assertCanEditReturn(actor, current.ret.agencyId);
  assertNoPersonalData(ctx, { signOffName: signOff.signOffName, signOffRole: signOff.signOffRole }, S11_FIELD_LABELS);
  const framework = await loadFramework(ctx, cycle.frameworkId);
  return commitReturnChange(
    ctx,
    actor,
    current,
    key,
    (ret, on) => submitReturn(ret, framework, cycle.stage, { name: signOff.signOffName ?? '', role: signOff.signOffRole ?? '' }, { by: actor.aadObjectId, on }),
    { operation: 's11-submit' },
  );
}
