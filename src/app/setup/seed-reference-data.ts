import type { Agency, Theme } from '../../domain/directory/agency';
import { LANCASHIRE_AGENCIES, THEME_NAMES, themeIdOf } from '../../domain/directory/reference-data';
import { MAX_OPERATIONS_PER_COMMIT, WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';

/**
 * Gives an empty partnership its seed agencies and themes (docs/design/domain.md section 2). Does nothing when any agency
 * exists, so an admin's edits are never overwritten on restart.
 */
export async function seedReferenceData(ctx: AppContext): Promise<{ seeded: boolean }> {
  const existing = await ctx.stores.agencies.list({ pageSize: 1 });
  if (existing.items.length > 0) return { seeded: false };
  const now = ctx.clock.now().toISOString();
  const stamp = { createdAt: now, createdBy: 'system', updatedAt: now, updatedBy: 'system' };
  const agencies: Agency[] = LANCASHIRE_AGENCIES.map((seed) => ({ ...seed, active: true, ...stamp }));
  const themes: Theme[] = THEME_NAMES.map((name) => ({ id: themeIdOf(name), name, active: true }));
  const operations: WriteOperation[] = [
    ...agencies.map((doc) => ctx.stores.agencies.op.upsert(doc)),
    ...themes.map((doc) => ctx.stores.themes.op.upsert(doc)),
  ];
  for (let start = 0; start < operations.length; start += MAX_OPERATIONS_PER_COMMIT) {
    await ctx.stores.commit(operations.slice(start, start + MAX_OPERATIONS_PER_COMMIT));
  }
  ctx.logger.info({ agencies: LANCASHIRE_AGENCIES.length, themes: THEME_NAMES.length }, 'seeded reference data');
  return { seeded: true };
}
