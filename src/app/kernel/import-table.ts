import { ImportRejectedError, RowProblem } from '../../domain/errors';
import { MAX_OPERATIONS_PER_COMMIT, WriteOperation } from '../../ports/document-store';
import type { AppContext } from './app-context';
import type { FieldProblem } from './field-parsing';

export type ImportRow = Record<string, string | undefined>;

/** What reading one row gives: the writes for it, or its problems. */
export interface RowResult {
  operations: WriteOperation[];
  problems: FieldProblem[];
}

/** Refuses a file with no data rows or a missing column, before any row is read. */
export function checkHeader(rows: readonly ImportRow[], columns: readonly string[]): void {
  if (rows.length === 0) throw new ImportRejectedError([{ row: 1, column: '-', reason: 'the file has no data rows' }]);
  const missing = columns.filter((column) => !(column in rows[0]));
  if (missing.length) throw new ImportRejectedError(missing.map((column) => ({ row: 1, column, reason: 'column missing from the header' })));
}

/**
 * The all-or-nothing shape every import shares: check the header, read every row, and write only when no row
 * has a problem. Rows are numbered as a spreadsheet shows them (header = row 1). Writes go in commits of at most
 * the store's batch size, each row's writes kept together.
 */
export async function runImport(
  ctx: AppContext,
  rows: ImportRow[],
  columns: readonly string[],
  readRow: (row: ImportRow, rowNumber: number) => RowResult,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<void> {
  checkHeader(rows, columns);

  const problems: RowProblem[] = [];
  const perRow: WriteOperation[][] = [];
  rows.forEach((row, index) => {
    const result = readRow(row, index + 2);
    problems.push(...result.problems.map((problem) => ({ row: index + 2, ...problem })));
    perRow.push(result.operations);
  });
  if (problems.length) throw new ImportRejectedError(problems);

  let batch: WriteOperation[] = [];
  let done = 0;
  for (const operations of perRow) {
    if (batch.length + operations.length > MAX_OPERATIONS_PER_COMMIT) {
      await ctx.stores.commit(batch);
      onProgress(done, rows.length);
      batch = [];
    }
    batch.push(...operations);
    done += 1;
  }
  if (batch.length) await ctx.stores.commit(batch);
  onProgress(rows.length, rows.length);
}
