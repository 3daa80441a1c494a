import { drawAndStoreDipSample, listDipSamples } from '../../src/app/reports/dip-samples';
import { identifyUser } from '../../src/app/directory/identify-user';
import { reportDocument } from '../../src/app/reports/report-documents';
import { assuranceTracker, meetingStatus, overdueActions, quarterlyThemes, yearlyDataPack } from '../../src/app/reports/reports';
import { NOW, seedReportsDataset } from '../fixtures/reports-dataset';
import { EXPECTED } from '../fixtures/reports-expected';
import { PEOPLE } from '../support/activities';
import { bothStores } from '../support/both-stores';
import { createTestContext, TestContext } from '../support/test-context';

/** The report use cases on the fixed dataset give the hand-checked tables on both stores (architecture.md rule 4). */
const stores = bothStores();

describe.each(stores)('report use cases on the fixed dataset: %s', (_name, open) => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext(await open());
    ctx.clock.set(NOW);
    await seedReportsDataset(ctx.store, ctx.partnershipId);
  });
  afterAll(async () => {
    await ctx.store.close();
  });

  const chair = () => identifyUser(ctx, PEOPLE.chair.aadObjectId, PEOPLE.chair.name);

  it('quarterly themes, Q2 2026/27', async () => {
    const report = await quarterlyThemes(ctx, await chair(), 'Q2 2026/27');
    const tables = EXPECTED.quarterlyThemes.tables(report);
    // The use case has no recorded decisions, so every theme is still to decide.
    expect({ ...tables, decisions: undefined }).toEqual({ ...EXPECTED.quarterlyThemes.expected, decisions: undefined });
    expect(tables.decisions.map(([, decision]) => decision)).toEqual(['Not yet decided', 'Not yet decided', 'Not yet decided']);
  });

  it('meeting status', async () => {
    expect(EXPECTED.status.tables(await meetingStatus(ctx, await chair()))).toEqual(EXPECTED.status.expected);
  });

  it('overdue actions', async () => {
    expect(EXPECTED.overdue.tables(await overdueActions(ctx, await chair()))).toEqual(EXPECTED.overdue.expected);
  });

  it('12-month assurance tracker, reading the stored assurance requests', async () => {
    expect(EXPECTED.assurance.tables(await assuranceTracker(ctx, await chair()))).toEqual(EXPECTED.assurance.expected);
  });

  it('yearly data pack, 2026/27', async () => {
    expect(EXPECTED.yearly.tables(await yearlyDataPack(ctx, await chair(), '2026/27'))).toEqual(EXPECTED.yearly.expected);
  });

  it('dip samples: stored with their seed, and the same seed redraws the same actions', async () => {
    const lsbu = await identifyUser(ctx, PEOPLE.lsbu.aadObjectId, PEOPLE.lsbu.name);
    const first = await drawAndStoreDipSample(ctx, lsbu, { n: 3, agencyText: 'police' }, () => 987654);
    expect(first).toMatchObject({ seed: 987654, requested: 3, agencyId: 'lancashire-constabulary', populationSize: 4 });
    ctx.clock.set('2026-11-20T12:05:00.000Z');
    const again = await drawAndStoreDipSample(ctx, lsbu, { n: 3, agencyText: 'Lancashire Constabulary', seed: 987654 }, () => 1);
    expect(again.actionIds).toEqual(first.actionIds);
    expect(again.populationFingerprint).toBe(first.populationFingerprint);
    const listed = await listDipSamples(ctx, lsbu);
    expect(listed.map((sample) => sample.id)).toEqual([again.id, first.id]);
    const document = await reportDocument(ctx, lsbu, 'dip-samples');
    expect(document.tables[0].rows).toHaveLength(2);
    ctx.clock.set(NOW);
  });
});
