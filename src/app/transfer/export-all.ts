import { bodyOf, listAll } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { KIND } from '../kernel/kinds';
import { EXPORT_FORMAT, PartnershipExport } from './export-format';

/**
 * Every record kind the bot keeps, in a fixed order: what `export all` writes and `import all` accepts. Report summaries
 * stay out: they are counted from the rest, and the next tick (or `rebuild summaries`) counts them in the new store.
 */
export function transferKinds(): string[] {
  return [...new Set(Object.values(KIND))].filter((kind) => kind !== KIND.reportSummary).sort();
}

/**
 * Reads every record of the partnership, every kind, for an offline copy or a move between SQLite and Cosmos DB.
 * Audit entries and the outbox's delivery records go with the rest: they are the record of what happened.
 */
export async function exportAll(ctx: AppContext): Promise<PartnershipExport> {
  const records: PartnershipExport['records'] = {};
  const counts: Record<string, number> = {};
  for (const kind of transferKinds()) {
    const stored = await listAll<object>(ctx.store, kind, ctx.partnershipId);
    records[kind] = stored.map((record) => bodyOf(record));
    counts[kind] = stored.length;
  }
  return { manifest: { format: EXPORT_FORMAT, partnershipId: ctx.partnershipId, exportedAt: ctx.clock.now().toISOString(), counts }, records };
}
