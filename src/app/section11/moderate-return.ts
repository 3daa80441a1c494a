import { ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { parseS11Rating } from '../../domain/section11/framework';
import { moderateStandard, queryStandard } from '../../domain/section11/return';
import type { AppContext } from '../kernel/app-context';
import { assertNoPersonalData } from '../kernel/guard-text';
import { S11_FIELD_LABELS } from './answer-fields';
import { commitReturnChange, type ReturnCardKey, type ReturnOutcome } from './commit-return';
import { assertCanModerate, loadFramework, loadReturnById } from './records';

export interface S11ModerationFields {
  /** `rate`: a moderated rating and note; `query`: a question back to the agency. */
  mode: 'rate' | 'query';
  moderatedRating?: string;
  moderationNote?: string;
  query?: string;
}

/** `s11.moderate`: the PAI chair or business unit rates one standard, or queries it back to the agency. */
export async function moderateS11Return(ctx: AppContext, actor: Actor, key: ReturnCardKey, standard: string, fields: S11ModerationFields): Promise<ReturnOutcome> {
  assertCanModerate(actor);
  const { cycle, ...current } = await loadReturnById(ctx, key.returnId);
  assertNoPersonalData(ctx, { moderationNote: fields.moderationNote, query: fields.query }, S11_FIELD_LABELS);
  const framework = await loadFramework(ctx, cycle.frameworkId);
  if (fields.mode === 'query') {
    return commitReturnChange(ctx, actor, current, key, (ret, on) => queryStandard(ret, framework, cycle.stage, standard, fields.query ?? '', { by: actor.aadObjectId, on }), { operation: 's11-query' });
  }
  if (!fields.moderatedRating?.trim()) throw new ValidationError('Choose a moderated rating.', { field: 'moderatedRating' }, 'S11.RATING_INVALID');
  const rating = parseS11Rating(fields.moderatedRating);
  return commitReturnChange(ctx, actor, current, key, (ret, on) => moderateStandard(ret, framework, cycle.stage, standard, rating, fields.moderationNote, { by: actor.aadObjectId, on }), { operation: 's11-moderate' });
}
