import type { AppContext } from '../src/app/kernel/app-context';
import { listAgencies } from '../src/app/directory/agencies';
import { section11DemoOperations } from '../src/app/section11/demo-data';
import { s11SummaryFor } from '../src/app/section11/summary';
import { viewS11Return } from '../src/app/section11/view-return';
import type { AdaptiveCard, CardRenderer } from '../src/cards/render';
import { s11ReturnCard, s11StandardCard, s11SummaryCard } from '../src/cards/s11-cards';
import { londonDateOf } from '../src/domain/calendar';
import type { Actor } from '../src/domain/directory/member';

const AS_AT = '20 Nov 2026, 12:00 (UK time)';

/** The Section 11 cards for the README, from the demo cycle: a rep's return, the chair's moderation of a standard, the summary. */
export async function section11ScreenshotCards(ctx: AppContext, renderer: CardRenderer): Promise<[string, AdaptiveCard][]> {
  const now = ctx.clock.now();
  await ctx.store.commit(ctx.partnershipId, section11DemoOperations(ctx.stores, { today: londonDateOf(now), now: now.toISOString(), agencies: await listAgencies(ctx), members: [] }));
  const rep: Actor = { aadObjectId: 'rep', name: 'Health lead', roles: ['AGENCY_REP'], agencyId: 'lthtr' };
  const chair: Actor = { aadObjectId: 'chair', name: 'PAI chair', roles: ['PAI_CHAIR'] };
  const draft = await viewS11Return(ctx, rep, '');
  const submitted = await viewS11Return(ctx, chair, 'ICB');
  const { summary } = await s11SummaryFor(ctx, chair, '');
  return [
    ['s11-return', s11ReturnCard(renderer, draft, { asAt: AS_AT })],
    ['s11-standard', s11StandardCard(renderer, draft, '4', { asAt: AS_AT })],
    ['s11-moderation', s11StandardCard(renderer, submitted, '3', { asAt: AS_AT })],
    ['s11-summary', s11SummaryCard(renderer, summary, { view: 'overview' }, AS_AT)],
  ];
}
