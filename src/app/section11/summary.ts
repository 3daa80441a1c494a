import type { Actor } from '../../domain/directory/member';
import type { S11Cycle } from '../../domain/section11/cycle';
import type { S11Framework } from '../../domain/section11/framework';
import { s11Summary, type S11Summary } from '../../domain/section11/summary';
import type { AppContext } from '../kernel/app-context';
import { assertRegistered } from '../kernel/permissions';
import { listReturns, loadFramework, previousCycleOf, resolveCycle } from './records';

export interface S11SummaryResult {
  cycle: S11Cycle;
  framework: S11Framework;
  summary: S11Summary;
}

/** The figures of one cycle from what the store holds (every registered user may read them; viewers included). */
export async function s11SummaryOf(ctx: AppContext, cycle: S11Cycle): Promise<S11SummaryResult> {
  const previous = await previousCycleOf(ctx, cycle);
  const [framework, agencies, returns, previousReturns, actions] = await Promise.all([
    loadFramework(ctx, cycle.frameworkId),
    ctx.stores.agencies.all(),
    listReturns(ctx, cycle.id),
    previous ? listReturns(ctx, previous.id) : Promise.resolve([]),
    ctx.stores.actions.pick(['status', 'origin'], { where: { sourceType: 'SECTION_11' } }),
  ]);
  const names = new Map(agencies.map((agency) => [agency.id, agency.name]));
  const asked = cycle.agencyIds.map((id) => ({ id, name: names.get(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name));
  const summary = s11Summary({
    cycleLabel: cycle.label,
    previousCycleLabel: previous?.label,
    standards: framework.standards,
    agencies: asked,
    returns,
    previousReturns,
    actions: actions.filter((action) => action.origin?.cycle === cycle.label),
  });
  return { cycle, framework, summary };
}

/** `s11 summary [cycle]`: the latest cycle unless one is named. */
export async function s11SummaryFor(ctx: AppContext, actor: Actor, cycleText = ''): Promise<S11SummaryResult> {
  assertRegistered(actor);
  return s11SummaryOf(ctx, await resolveCycle(ctx, cycleText));
}
