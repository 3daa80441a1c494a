import type { Actor } from '../../domain/directory/member';
import { saveAnswer } from '../../domain/section11/return';
import type { AppContext } from '../kernel/app-context';
import { readAnswerFields, type S11AnswerFields } from './answer-fields';
import { commitReturnChange, type ReturnCardKey, type ReturnOutcome } from './commit-return';
import { assertCanEditReturn, loadFramework, loadReturnById } from './records';

/** `s11.save`: the agency saves a draft answer for one standard (any time before submitting). */
export async function saveS11Answer(ctx: AppContext, actor: Actor, key: ReturnCardKey, standard: string, fields: S11AnswerFields): Promise<ReturnOutcome> {
  const { cycle, ...current } = await loadReturnById(ctx, key.returnId);
  assertCanEditReturn(actor, current.ret.agencyId);
  const framework = await loadFramework(ctx, cycle.frameworkId);
  const input = readAnswerFields(ctx, fields, current.ret.answers[standard]?.improvementActions ?? []);
  return commitReturnChange(ctx, actor, current, key, (ret, on) => saveAnswer(ret, framework, cycle.stage, standard, input, { by: actor.aadObjectId, on }), { operation: 's11-save' });
}
