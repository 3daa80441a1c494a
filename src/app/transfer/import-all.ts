import { ImportRejectedError, RowProblem, ValidationError } from '../../domain/errors';
import { DOCUMENT_ID_PATTERN, MAX_OPERATIONS_PER_COMMIT, WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { auditOperation } from '../kernel/audit';
import { transferKinds } from './export-all';
import { EXPORT_FORMAT, ExportManifest } from './export-format';

/** An export as read from disk: the manifest as parsed, and each kind file's lines as text. */
export interface ExportToRead {
  manifest: unknown;
  /** Kind file name without `.jsonl` -> its non-empty lines, in order. */
  files: Record<string, string[]>;
}

export interface ImportSummary {
  counts: Record<string, number>;
  total: number;
}

/**
 * Restores an export into an empty store: the partnership must be the one this bot serves, every file a kind the bot
 * knows, every line a JSON object with a valid id, the counts those of the manifest. Any problem refuses the whole
 * import (a table of file, line and reason); a store that already holds any record of the partnership is refused too.
 * Nothing is written unless all of it checks out. One audit entry records the restore.
 */
export async function importAll(ctx: AppContext, actor: string, input: ExportToRead, onProgress?: (done: number, total: number) => void): Promise<ImportSummary> {
  const manifest = checkManifest(ctx, input.manifest);
  const known = new Set(transferKinds());
  const problems: RowProblem[] = [];
  const records: Record<string, Record<string, unknown>[]> = {};
  for (const [kind, lines] of Object.entries(input.files)) {
    const file = `${kind}.jsonl`;
    if (!known.has(kind)) {
      problems.push({ row: 0, column: file, reason: 'not a kind of record this version of the bot keeps' });
      continue;
    }
    const seen = new Set<string>();
    records[kind] = [];
    lines.forEach((line, index) => {
      const record = parseRecord(line);
      if (typeof record === 'string') return problems.push({ row: index + 1, column: file, reason: record });
      if (seen.has(record.id as string)) return problems.push({ row: index + 1, column: file, reason: 'the same id appears twice' });
      seen.add(record.id as string);
      records[kind].push(record);
    });
    if (lines.length !== (manifest.counts[kind] ?? 0)) {
      problems.push({ row: 0, column: file, reason: `holds ${lines.length} records where the manifest says ${manifest.counts[kind] ?? 0}` });
    }
  }
  for (const [kind, count] of Object.entries(manifest.counts)) {
    if (count > 0 && !(kind in input.files)) problems.push({ row: 0, column: `${kind}.jsonl`, reason: `missing: the manifest says ${count} records` });
  }
  if (problems.length) throw new ImportRejectedError(problems);

  const occupied = await occupiedKinds(ctx, [...known]);
  if (occupied.length) {
    throw new ValidationError(
      `The store already holds records of partnership ${ctx.partnershipId} (${occupied.join(', ')}): import all only restores into an empty store. Nothing was written.`,
      { kinds: occupied },
      'IMPORT.STORE_NOT_EMPTY',
    );
  }

  const operations: WriteOperation[] = Object.keys(records)
    .sort()
    .flatMap((kind) => records[kind].map((doc): WriteOperation => ({ op: 'create', kind, doc: doc as { id: string } })));
  const counts = Object.fromEntries(Object.entries(records).map(([kind, list]) => [kind, list.length]));
  operations.push(
    auditOperation({
      at: ctx.clock.now().toISOString(),
      by: actor,
      subjectKind: 'partnership',
      subjectId: ctx.partnershipId,
      operation: 'IMPORT_ALL',
      after: { exportedAt: manifest.exportedAt, counts },
    }),
  );
  let done = 0;
  for (let start = 0; start < operations.length; start += MAX_OPERATIONS_PER_COMMIT) {
    const chunk = operations.slice(start, start + MAX_OPERATIONS_PER_COMMIT);
    await ctx.store.commit(ctx.partnershipId, chunk);
    done += chunk.length;
    onProgress?.(done, operations.length);
  }
  return { counts, total: operations.length - 1 };
}

function checkManifest(ctx: AppContext, manifest: unknown): ExportManifest {
  const m = (manifest ?? {}) as Partial<ExportManifest>;
  if (m.format !== EXPORT_FORMAT || typeof m.partnershipId !== 'string' || typeof m.counts !== 'object' || m.counts === null) {
    throw new ValidationError(`manifest.json is not an ${EXPORT_FORMAT} manifest: this is not a directory written by "export all".`, {}, 'IMPORT.NOT_AN_EXPORT');
  }
  if (m.partnershipId !== ctx.partnershipId) {
    throw new ValidationError(
      `The export is of partnership ${m.partnershipId}; this bot serves ${ctx.partnershipId}. Set PARTNERSHIP_ID=${m.partnershipId} to restore it. Nothing was written.`,
      {},
      'IMPORT.OTHER_PARTNERSHIP',
    );
  }
  return m as ExportManifest;
}

/** A record, or the reason the line is not one (never the line itself, which may hold free text). */
function parseRecord(line: string): Record<string, unknown> | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return 'not valid JSON';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'not a JSON object';
  const id = (parsed as { id?: unknown }).id;
  if (typeof id !== 'string' || !DOCUMENT_ID_PATTERN.test(id)) return 'no valid id';
  return parsed as Record<string, unknown>;
}

/** Kinds with at least one record of this partnership. */
async function occupiedKinds(ctx: AppContext, kinds: string[]): Promise<string[]> {
  const occupied: string[] = [];
  for (const kind of kinds) {
    if ((await ctx.store.list(kind, ctx.partnershipId, { pageSize: 1 })).items.length > 0) occupied.push(kind);
  }
  return occupied;
}
