import { ImportRejectedError, type RowProblem } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { frameworkIdOf, S11_RATINGS, type S11Framework, type S11Standard } from '../../domain/section11/framework';
import type { AppContext } from '../kernel/app-context';
import { auditOperation } from '../kernel/audit';
import { FieldReader } from '../kernel/field-parsing';
import { reportPersonalData } from '../kernel/guard-text';
import type { ImportRow } from '../kernel/import-table';
import { KIND } from '../kernel/kinds';
import { assertCanRunCycle } from './records';

export const S11_FRAMEWORK_COLUMNS = ['framework', 'standard', 'title', 'guidance', 'question'] as const;

/**
 * `import s11-framework <file>`: adds a new version of each framework named in the file (one row per standard, or
 * one per prompt question). Earlier versions are never changed, so a cycle keeps the version it opened with.
 * All or nothing: any bad row refuses the file with row, column and reason.
 */
export async function importS11Framework(ctx: AppContext, actor: Actor, rows: ImportRow[]): Promise<S11Framework[]> {
  assertCanRunCycle(actor);
  if (rows.length === 0) throw new ImportRejectedError([{ row: 1, column: '-', reason: 'the file has no data rows' }]);
  const missing = S11_FRAMEWORK_COLUMNS.filter((column) => !(column in rows[0]));
  if (missing.length) throw new ImportRejectedError(missing.map((column) => ({ row: 1, column, reason: 'column missing from the header' })));
  const problems: RowProblem[] = [];
  const byName = new Map<string, { name: string; standards: S11Standard[] }>();
  rows.forEach((row, index) => {
    const reader = new FieldReader(row);
    const name = reader.text('framework', { required: true, max: 120 });
    const number = reader.text('standard', { required: true, max: 10 });
    const title = reader.text('title', { max: 200 });
    const guidance = reader.text('guidance', { max: 2000 });
    const question = reader.text('question', { max: 500 });
    reportPersonalData(ctx, reader, { title, guidance, question });
    if (name && number) {
      const framework = byName.get(name.toLowerCase()) ?? { name, standards: [] };
      byName.set(name.toLowerCase(), framework);
      let standard = framework.standards.find((entry) => entry.number.toLowerCase() === number.toLowerCase());
      if (!standard) {
        if (!title) reader.problem('title', 'required on the first row of a standard');
        standard = { number, title: title ?? '', guidance: guidance ?? '', questions: [] };
        framework.standards.push(standard);
      }
      if (question) standard.questions.push(question);
    }
    problems.push(...reader.problems.map((problem) => ({ row: index + 2, ...problem })));
  });
  if (problems.length) throw new ImportRejectedError(problems);

  const existing = await ctx.stores.s11Frameworks.all();
  const now = ctx.clock.now().toISOString();
  const frameworks = [...byName.values()].map((entry): S11Framework => {
    const version = Math.max(0, ...existing.filter((framework) => framework.name.toLowerCase() === entry.name.toLowerCase()).map((framework) => framework.version)) + 1;
    return { id: frameworkIdOf(entry.name, version), name: entry.name, version, standards: entry.standards, scale: [...S11_RATINGS], createdAt: now, createdBy: actor.aadObjectId };
  });
  await ctx.stores.commit(frameworks.flatMap((framework) => [
    ctx.stores.s11Frameworks.op.create(framework),
    auditOperation({ at: now, by: actor.aadObjectId, subjectKind: KIND.s11Framework, subjectId: framework.id, operation: 's11-import-framework', after: { version: framework.version, standards: framework.standards.length } }),
  ]));
  return frameworks;
}
