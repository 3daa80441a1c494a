import type { AppContext } from '../../src/app/kernel/app-context';
import { KIND } from '../../src/app/kernel/kinds';
import { quarterlyThemes } from '../../src/app/reports/reports';
import {
  frameOfSummary, keptFrames, readOpenActions, readYearlyTally, rebuildReportSummaries, refreshReportSummaries, REGISTRY_ID, type QuarterlySummaryDoc, type SummaryRegistryDoc,
} from '../../src/app/reports/report-summaries';
import { SummaryKeepingStore } from '../../src/app/reports/summary-keeping-store';
import type { Action } from '../../src/domain/actions/action';
import type { Actor } from '../../src/domain/directory/member';
import { indexProgress } from '../../src/domain/reports/as-at';
import { openActionsByReview } from '../../src/domain/reports/assurance-tracker';
import { finishQuarterlyReport, quarterlyTallyOf } from '../../src/domain/reports/quarterly-themes';
import { yearlyTallyOf } from '../../src/domain/reports/yearly';
import type { Review } from '../../src/domain/reviews/review';
import { listAll, type Stored } from '../../src/ports/document-store';
import { ACTIONS, NOW, PROGRESS, REVIEWS, seedReportsDataset } from '../fixtures/reports-dataset';
import { PEOPLE } from '../support/activities';
import { bothStores } from '../support/both-stores';
import { createTestContext, type TestContext } from '../support/test-context';

const CHAIR: Actor = { aadObjectId: PEOPLE.chair.aadObjectId, name: PEOPLE.chair.name, roles: ['PAI_CHAIR'] };

/**
 * Report summaries (issue 14): built once, then kept current by every write in the write's own commit. The golden
 * dataset goes in through the store as imports and seeds do, then changes go in as the use cases write them; after
 * that the live summaries must equal a rebuild from scratch, and the report read from them must equal a recount.
 */
describe.each(bothStores())('report summaries on %s', (_name, open) => {
  // With the mirrors on, a write reads an action's history and a review's actions from their shards, not by a query.
  describe.each([['without mirrors', false], ['with mirrors', true]] as const)('%s', (_mirrors, reportMirrors) => {
    let ctx: TestContext;

    beforeEach(async () => {
      ctx = await createTestContext(await open(), { reportMirrors });
      ctx.clock.set(NOW);
    });
    afterEach(async () => {
      await ctx.store.close();
    });

    async function summaries(context: AppContext): Promise<Stored<QuarterlySummaryDoc>[]> {
      const registry = await context.store.get<SummaryRegistryDoc>(KIND.reportSummary, context.partnershipId, REGISTRY_ID);
      const docs = await Promise.all((registry?.summaryIds ?? []).map((id) => context.store.get<QuarterlySummaryDoc>(KIND.reportSummary, context.partnershipId, id)));
      return docs.filter((doc): doc is Stored<QuarterlySummaryDoc> => doc !== undefined);
    }

    /** Every kept summary's report, finished from its stored tally (names as the registry holds them). */
    async function reportsFromSummaries(context: AppContext) {
      const registry = await context.store.get<SummaryRegistryDoc>(KIND.reportSummary, context.partnershipId, REGISTRY_ID);
      const names = { generatedAt: NOW, agencies: registry?.agencies ?? [], themes: registry?.themes ?? [], decisions: [] };
      return (await summaries(context)).map((doc) => [doc.id, finishQuarterlyReport(doc.tally, frameOfSummary(doc), names)] as const);
    }

    /** The same reports counted from every record in the store. */
    async function reportsRecounted(context: AppContext) {
      const [actions, progress, reviews] = await Promise.all([
        listAll<Action>(context.store, KIND.action, context.partnershipId),
        listAll<{ actionId: string; at: string; statusAfter: Action['status'] }>(context.store, KIND.progress, context.partnershipId),
        listAll<Review>(context.store, KIND.review, context.partnershipId),
      ]);
      const registry = await context.store.get<SummaryRegistryDoc>(KIND.reportSummary, context.partnershipId, REGISTRY_ID);
      const names = { generatedAt: NOW, agencies: registry?.agencies ?? [], themes: registry?.themes ?? [], decisions: [] };
      return (await summaries(context)).map((doc) => [doc.id, finishQuarterlyReport(quarterlyTallyOf(actions, indexProgress(progress), reviews, frameOfSummary(doc)), frameOfSummary(doc), names)] as const);
    }

    it('keeps every summary equal to a rebuild through seeding, updates, new actions, deletes, review and agency changes', async () => {
      // Built on the empty partnership first, as the first tick after a deploy does.
      expect(await refreshReportSummaries(ctx)).toBe(true);
      expect(await refreshReportSummaries(ctx)).toBe(false);
      // Four sources, each for this quarter as at today and last quarter as at its end.
      expect((await summaries(ctx)).map((doc) => `${doc.source} ${doc.period.label} ${doc.asAt}`).sort()).toEqual(
        keptFrames(ctx).map((frame) => `${frame.source} ${frame.period.label} ${frame.asAt}`).sort(),
      );

      // The golden dataset, written in parallel as a seed does: every write must count, none twice.
      await seedReportsDataset(ctx.store, ctx.partnershipId);
      const a1 = ACTIONS[0];
      const stored = await ctx.store.get<Action>(KIND.action, ctx.partnershipId, a1.id);
      // An update with its progress record, as update-action.ts commits them.
      const closed: Action = { ...stored!, status: 'CLOSED', closedOn: '2026-11-20' };
      const closing = { id: 'p-a1-close', actionId: a1.id, at: NOW, statusAfter: 'CLOSED', by: CHAIR.aadObjectId };
      await ctx.store.commit(ctx.partnershipId, [
        { op: 'update', kind: KIND.action, doc: closed, ifMatch: stored!.etag },
        { op: 'create', kind: KIND.progress, doc: closing },
      ]);
      // A new action from scrutiny, one deleted, a review closed, an agency renamed.
      await ctx.store.create(KIND.action, ctx.partnershipId, { ...ACTIONS[1], id: 'scrutiny-new', ref: 'SCR-1/A1', sourceType: 'SCRUTINY', reviewId: undefined, themes: ['neglect'] });
      await ctx.store.delete(KIND.action, ctx.partnershipId, ACTIONS[2].id);
      const review = await ctx.store.get<Review>(KIND.review, ctx.partnershipId, REVIEWS[0].id);
      await ctx.store.update(KIND.review, ctx.partnershipId, { ...review!, status: 'CLOSED', closedOn: '2026-11-01', themes: ['neglect'] }, { ifMatch: review!.etag });
      // A review comes due next quarter (completed 15 Feb 2026: 12-month point 15 Feb 2027), with open actions.
      const coming = await ctx.store.get<Review>(KIND.review, ctx.partnershipId, 'lscp-rr-2025-06');
      await ctx.store.update(KIND.review, ctx.partnershipId, { ...coming!, completedOn: '2026-02-15', assuranceDue: undefined }, { ifMatch: coming!.etag });
      const agency = await ctx.store.get<{ id: string; name: string }>(KIND.agency, ctx.partnershipId, 'lthtr');
      await ctx.store.update(KIND.agency, ctx.partnershipId, { ...agency!, name: 'Lancashire Teaching Hospitals (renamed)' }, { ifMatch: agency!.etag });

      const live = await reportsFromSummaries(ctx);
      expect(live).toHaveLength(8);
      expect(live).toEqual(await reportsRecounted(ctx));
      // Something was counted: the summaries are not trivially equal because they are empty.
      const reviewNow = live.find(([id]) => id.startsWith('quarterly--review--') && id.endsWith(NOW.slice(0, 10)))![1];
      expect(reviewNow.totals.total).toBeGreaterThan(0);
      expect(reviewNow.byAgency.map((row) => row.agency)).toContain('Lancashire Teaching Hospitals (renamed)');
      expect(reviewNow.assuranceDueNextQuarter.find((row) => row.reviewId === 'lscp-rr-2025-06')?.openActions).toBeGreaterThan(0);

      // The assurance tracker's open review actions per review, kept the same way.
      const recount = openActionsByReview(await listAll<Action>(ctx.store, KIND.action, ctx.partnershipId));
      expect(Object.keys(recount).length).toBeGreaterThan(1);
      expect(await readOpenActions(ctx)).toEqual(recount);

      // And the yearly data pack's tally by reporting year.
      const yearly = yearlyTallyOf(await listAll<Action>(ctx.store, KIND.action, ctx.partnershipId));
      expect(Object.keys(yearly.years).length).toBeGreaterThan(1);
      expect(await readYearlyTally(ctx)).toEqual(yearly);

      await rebuildReportSummaries(ctx);
      expect(await reportsFromSummaries(ctx)).toEqual(live);
      expect(await readOpenActions(ctx)).toEqual(recount);
      expect(await readYearlyTally(ctx)).toEqual(yearly);
    });

    it('answers `quarterly themes` from the stored tally, and counts afresh when there is none for the day', async () => {
      await seedReportsDataset(ctx.store, ctx.partnershipId);
      const counted = await quarterlyThemes(ctx, CHAIR, 'last quarter');
      await rebuildReportSummaries(ctx);
      expect(await quarterlyThemes(ctx, CHAIR, 'last quarter')).toEqual(counted);
      expect(await quarterlyThemes(ctx, CHAIR, 'this quarter scrutiny')).toEqual(expect.objectContaining({ source: 'SCRUTINY' }));

      // The report reads the summary: a figure changed in it (by nobody's write) shows on the report.
      const inner = (ctx.store as SummaryKeepingStore).inner;
      const id = (await summaries(ctx)).find((doc) => doc.source === 'REVIEW' && doc.period.label === counted.period.label)!;
      await inner.upsert(KIND.reportSummary, ctx.partnershipId, { ...id, tally: { ...id.tally, totals: { ...id.tally.totals, total: 999 } } });
      expect((await quarterlyThemes(ctx, CHAIR, 'last quarter')).totals.total).toBe(999);

      // The next day the summaries of yesterday are not read (the tick builds the new day's).
      ctx.clock.set('2026-11-21T09:00:00.000Z');
      expect((await quarterlyThemes(ctx, CHAIR, 'this quarter')).asAt).toBe('2026-11-21');
      expect(await refreshReportSummaries(ctx)).toBe(true);
    });

    it('two writes at once both count: this instance makes them one after the other', async () => {
      await rebuildReportSummaries(ctx);
      await Promise.all(ACTIONS.map((action) => ctx.store.create(KIND.action, ctx.partnershipId, action)));
      await Promise.all(PROGRESS.map((record) => ctx.store.create(KIND.progress, ctx.partnershipId, record)));
      await Promise.all(REVIEWS.map((record) => ctx.store.create(KIND.review, ctx.partnershipId, record)));
      expect(await reportsFromSummaries(ctx)).toEqual(await reportsRecounted(ctx));
    });
  });
});
