import type { Actor } from '../../domain/directory/member';
import { answerQuery } from '../../domain/section11/return';
import type { AppContext } from '../kernel/app-context';
import { assertNoPersonalData } from '../kernel/guard-text';
import { readAnswerFields, S11_FIELD_LABELS, type S11AnswerFields } from './answer-fields';
import { commitReturnChange, type ReturnCardKey, type ReturnOutcome } from './commit-return';
import { assertCanEditReturn, loadFramework, loadReturnById } from './records';

/** `s11.answer`: the agency answers the PAI's query on one standard, and may correct its rating and evidence. */
export async function answerS11Query(ctx: AppContext, actor: Actor, key: ReturnCardKey, standard: string, reply: string, fields: S11AnswerFields): Promise<ReturnOutcome> {
  const { cycle, ...current } = await loadReturnById(ctx, key.returnId);
  assertCanEditReturn(actor, current.ret.agencyId);
  assertNoPersonalData(ctx, { reply }, S11_FIELD_LABELS);
  const framework = await loadFramework(ctx, cycle.frameworkId);
  const changes = readAnswerFields(ctx, { selfRating: fields.selfRating, evidence: fields.evidence, evidenceLinks: fields.evidenceLinks }, []);
  return commitReturnChange(ctx, actor, current, key, (ret, on) => answerQuery(ret, framework, cycle.stage, standard, reply, changes, { by: actor.aadObjectId, on }), { operation: 's11-answer-query' });
}
