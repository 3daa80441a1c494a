import type { Agency, Theme } from '../../domain/directory/agency';
import { LANCASHIRE_AGENCIES, THEME_NAMES, themeIdOf } from '../../domain/directory/reference-data';
import { MAX_OPERATIONS_PER_COMMIT, WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { KIND } from '../kernel/kinds';

/**
 * Gives an empty partnership its seed agencies and themes (docs/design/domain.md section 2). Does nothing when any agency
 * exists, so an admin's edits are never overwritten on restart.
 */
export async function seedReferenceData(ctx: AppContext): Promise<{ seeded: boolean }> {
  const existing = await ctx.store.list<Agency>(KIND.agency, ctx.partnershipId, { pageSize: 1 });
  if (existing.items.length > 0) return { seeded: false };
  const now = ctx.clock.now().toISOString();
  const stamp = { createdAt: now, createdBy: 'system', updatedAt: now, updatedBy: 'system' };
  const agencies: Agency[] = LANCASHIRE_AGENCIES.map((seed) => ({ ...seed, active: true, ...stamp }));
  const themes: Theme[] = THEME_NAMES.map((name) => ({ id: themeIdOf(name), name, active: true }));
  const operations: WriteOperation[] = [
    ...agencies.map((doc): WriteOperation => ({ op: 'upsert', kind: KIND.agency, doc })),
    ...themes.map((doc): WriteOperation => ({ op: 'upsert', kind: KIND.theme, doc })),
  ];
  for (let start = 0; start < operations.length; start += MAX_OPERATIONS_PER_COMMIT) {
    await ctx.store.commit(ctx.partnershipId, operations.slice(start, start + MAX_OPERATIONS_PER_COMMIT));
  }
  ctx.logger.info({ agencies: LANCASHIRE_AGENCIES.length, themes: THEME_NAMES.length }, 'seeded reference data');
  return { seeded: true };
}
