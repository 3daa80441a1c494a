import { findByName } from '../../domain/directory/agency';
import { compareDates, type IsoDate } from '../../domain/calendar';
import { ImportRejectedError, type RowProblem } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { cycleIdOf, parseCycleLabel, type S11Cycle } from '../../domain/section11/cycle';
import { parseS11Rating, standardOf, type S11Framework } from '../../domain/section11/framework';
import { emptyAnswer, newReturn, returnIdOf, type S11Return } from '../../domain/section11/return';
import { MAX_OPERATIONS_PER_COMMIT, type WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { listAgencies } from '../directory/agencies';
import { auditOperation } from '../kernel/audit';
import { FieldReader } from '../kernel/field-parsing';
import { reportPersonalData } from '../kernel/guard-text';
import type { ImportRow } from '../kernel/import-table';
import { KIND } from '../kernel/kinds';
import { assertCanRunCycle, currentFramework, loadFramework } from './records';

export const S11_RETURN_COLUMNS = ['agency', 'standard', 'self_rating', 'evidence', 'areas_for_improvement', 'moderated_rating', 'moderation_note', 'submitted_on'] as const;

/**
 * `import s11-returns <file> --cycle <cycle>`: past cycles from spreadsheets, one row per agency and standard, written
 * as submitted returns (moderated when every standard has a moderated rating), creating the cycle if it does not
 * exist, so last year's results can be compared. All or nothing, like every import.
 */
export async function importS11Returns(ctx: AppContext, actor: Actor, rows: ImportRow[], cycleText: string): Promise<{ cycle: S11Cycle; returns: number }> {
  assertCanRunCycle(actor);
  const label = parseCycleLabel(cycleText);
  if (rows.length === 0) throw new ImportRejectedError([{ row: 1, column: '-', reason: 'the file has no data rows' }]);
  const missing = S11_RETURN_COLUMNS.filter((column) => !(column in rows[0]));
  if (missing.length) throw new ImportRejectedError(missing.map((column) => ({ row: 1, column, reason: 'column missing from the header' })));

  const existingCycle = await ctx.stores.s11Cycles.get(cycleIdOf(label));
  const framework: S11Framework = existingCycle ? await loadFramework(ctx, existingCycle.frameworkId) : await currentFramework(ctx);
  const agencies = await listAgencies(ctx);
  const held = new Set(existingCycle ? (await ctx.stores.s11Returns.pick(['agencyId'], { where: { cycleId: existingCycle.id } })).map((ret) => ret.agencyId) : []);
  const now = ctx.clock.now().toISOString();
  const cycleRef = { id: cycleIdOf(label), label };
  const returns = new Map<string, S11Return>();
  const seen = new Map<string, number>();
  const problems: RowProblem[] = [];
  let earliest: IsoDate | undefined;

  rows.forEach((row, index) => {
    const rowNumber = index + 2;
    const reader = new FieldReader(row);
    const agencyText = reader.text('agency', { required: true });
    const agency = agencyText ? findByName(agencies, agencyText).match : undefined;
    if (agencyText && !agency) reader.problem('agency', 'unknown agency');
    else if (agency && held.has(agency.id)) reader.problem('agency', 'already has a return in this cycle');
    const number = reader.text('standard', { required: true, max: 10 });
    const standard = number ? standardOf(framework, number) : undefined;
    if (number && !standard) reader.problem('standard', `not a standard of ${framework.name} v${framework.version}`);
    const self = reader.choice('self_rating', parseS11Rating, { required: true });
    const moderated = reader.choice('moderated_rating', parseS11Rating);
    const evidence = reader.text('evidence', { max: 2000 });
    const areas = reader.text('areas_for_improvement', { max: 2000 });
    const note = reader.text('moderation_note', { max: 2000 });
    const submittedOn = reader.date('submitted_on', { required: true });
    reportPersonalData(ctx, reader, { evidence, areas_for_improvement: areas, moderation_note: note });
    if (agency && standard) {
      const key = `${agency.id}|${standard.number}`;
      if (seen.has(key)) reader.problem('standard', `the same agency and standard are already on row ${seen.get(key)}`);
      else seen.set(key, rowNumber);
    }
    problems.push(...reader.problems.map((problem) => ({ row: rowNumber, ...problem })));
    if (reader.problems.length || !agency || !standard || !self || !submittedOn) return;
    if (!earliest || compareDates(submittedOn, earliest) < 0) earliest = submittedOn;
    const ret = returns.get(agency.id) ?? { ...newReturn(cycleRef, agency.id, { by: actor.aadObjectId, on: now }), status: 'SUBMITTED' as const, submittedOn, submittedBy: actor.aadObjectId };
    if (ret.submittedOn && compareDates(submittedOn, ret.submittedOn) > 0) ret.submittedOn = submittedOn;
    ret.answers[standard.number] = { ...emptyAnswer(), selfRating: self, evidence, areasForImprovement: areas, moderatedRating: moderated, moderationNote: note };
    returns.set(agency.id, ret);
  });
  if (problems.length) throw new ImportRejectedError(problems);

  for (const ret of returns.values()) {
    if (framework.standards.every((standard) => ret.answers[standard.number]?.moderatedRating !== undefined)) ret.status = 'MODERATED';
  }
  const operations: WriteOperation[] = [];
  let cycle: S11Cycle;
  if (existingCycle) {
    const { etag: _etag, partnershipId: _partnershipId, ...current } = existingCycle;
    cycle = { ...current, agencyIds: [...new Set([...current.agencyIds, ...returns.keys()])], updatedAt: now, updatedBy: actor.aadObjectId };
    operations.push(ctx.stores.s11Cycles.op.update(existingCycle, cycle));
  } else {
    const opened = earliest as IsoDate;
    cycle = { ...cycleRef, frameworkId: framework.id, openedOn: opened, dueDate: opened, stage: 'CLOSED', agencyIds: [...returns.keys()], imported: true, createdAt: now, createdBy: actor.aadObjectId, updatedAt: now, updatedBy: actor.aadObjectId };
    operations.push(ctx.stores.s11Cycles.op.create(cycle));
    if (!(await ctx.stores.s11Frameworks.get(framework.id))) {
      const stored: S11Framework = { ...framework, createdAt: now, createdBy: actor.aadObjectId };
      operations.push(ctx.stores.s11Frameworks.op.create(stored));
    }
  }
  operations.push(auditOperation({ at: now, by: actor.aadObjectId, subjectKind: KIND.s11Cycle, subjectId: cycle.id, operation: 's11-import-returns', after: { returns: returns.size } }));
  for (const ret of returns.values()) {
    operations.push(ctx.stores.s11Returns.op.create({ ...ret, id: returnIdOf(cycle.id, ret.agencyId) }));
    operations.push(auditOperation({ at: now, by: actor.aadObjectId, subjectKind: KIND.s11Return, subjectId: ret.id, operation: 's11-import', after: { status: ret.status } }));
  }
  for (let start = 0; start < operations.length; start += MAX_OPERATIONS_PER_COMMIT) {
    await ctx.stores.commit(operations.slice(start, start + MAX_OPERATIONS_PER_COMMIT));
  }
  return { cycle, returns: returns.size };
}
