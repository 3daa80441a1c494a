import type { AppContext } from '../../src/app/kernel/app-context';
import { KIND } from '../../src/app/kernel/kinds';
import { reportDocument } from '../../src/app/reports/report-documents';
import { MIRRORS, shardIdsOf, type MirrorShardDoc } from '../../src/app/reports/report-mirrors';
import { REPORT_NAMES, type ReportName } from '../../src/app/reports/reports';
import { rebuildReportSummaries, refreshReportSummaries, REGISTRY_ID, type SummaryRegistryDoc } from '../../src/app/reports/report-summaries';
import { SummaryKeepingStore } from '../../src/app/reports/summary-keeping-store';
import { seedDemoData } from '../../src/app/setup/seed-demo-data';
import type { Action } from '../../src/domain/actions/action';
import type { Actor } from '../../src/domain/directory/member';
import type { Review } from '../../src/domain/reviews/review';
import type { DocumentStore, ListOptions, Page } from '../../src/ports/document-store';
import { ACTIONS, NOW, REVIEWS, seedReportsDataset } from '../fixtures/reports-dataset';
import { PEOPLE } from '../support/activities';
import { bothStores } from '../support/both-stores';
import { createTestContext, type TestContext } from '../support/test-context';

const ADMIN: Actor = { aadObjectId: PEOPLE.admin.aadObjectId, name: PEOPLE.admin.name, roles: ['ADMIN'] };
/** Each report with the arguments a chair types; every report the chat and the CLI offer. */
const ASKED: [ReportName, string][] = [
  ['quarterly-themes', 'last quarter'], ['quarterly-themes', 'this quarter all'], ['status', ''], ['status', 'LSCP-RR-2025-01'], ['overdue', ''],
  ['assurance', ''], ['yearly', 'this year'], ['yearly', 'last year'], ['dip-samples', ''], ['s11-summary', ''], ['scrutiny', ''],
];

/** Lists the store answers, by kind: a report read from the mirrors makes none for a mirrored kind. */
class ListCounter {
  readonly kinds: string[] = [];
  wrap(store: DocumentStore): DocumentStore {
    const kinds = this.kinds;
    return new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'list') {
          return <T extends object>(kind: string, partnershipId: string, options?: ListOptions): Promise<Page<T>> => {
            kinds.push(kind);
            return target.list<T>(kind, partnershipId, options);
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}

/**
 * Report mirrors (issue 14): after a rebuild every write keeps the shards current in its own commit. The golden
 * dataset and the demo partnership (reviews, Section 11, scrutiny) go in through the store, then changes of every
 * mirrored kind; the live shards must then equal a rebuild, and every report read through them must equal the same
 * report read from the records, with no query of a mirrored kind.
 */
describe.each(bothStores())('report mirrors on %s', (_name, open) => {
  let ctx: TestContext;
  let lists: ListCounter;

  beforeEach(async () => {
    lists = new ListCounter();
    ctx = await createTestContext(lists.wrap(await open()), { reportMirrors: true });
    ctx.clock.set(NOW);
  });
  afterEach(async () => {
    await ctx.store.close();
  });

  const inner = () => (ctx.store as SummaryKeepingStore).inner;

  async function shards(): Promise<Record<string, MirrorShardDoc['rows']>> {
    const ids = MIRRORS.flatMap(shardIdsOf);
    const docs = await Promise.all(ids.map((id) => inner().get<MirrorShardDoc>(KIND.reportSummary, ctx.partnershipId, id)));
    return Object.fromEntries(docs.map((doc, index) => [ids[index], doc?.rows ?? {}]));
  }

  /** Every report as a document, without the instant it was made. */
  async function documents(context: AppContext) {
    const docs = [];
    for (const [name, args] of ASKED) {
      const { generatedAt: _generatedAt, ...doc } = await reportDocument(context, ADMIN, name, args);
      docs.push([name, args, doc]);
    }
    return docs;
  }

  /** The same reports with the mirrors switched off in the registry, so every list goes to the records. */
  async function documentsFromRecords() {
    const registry = await inner().get<SummaryRegistryDoc>(KIND.reportSummary, ctx.partnershipId, REGISTRY_ID);
    await inner().upsert(KIND.reportSummary, ctx.partnershipId, { ...registry!, readyMirrors: [] });
    try {
      return await documents(ctx);
    } finally {
      const now = await inner().get<SummaryRegistryDoc>(KIND.reportSummary, ctx.partnershipId, REGISTRY_ID);
      await inner().upsert(KIND.reportSummary, ctx.partnershipId, { ...now!, readyMirrors: registry!.readyMirrors });
    }
  }

  async function changeOneOfEachKind(): Promise<void> {
    const stored = await ctx.stores.actions.get(ACTIONS[0].id);
    const closed: Action = { ...stored!, status: 'CLOSED', closedOn: '2026-11-20', closedAtMeetingId: 'meeting-2026-11-19' };
    const closing = { id: 'p-a1-close', actionId: ACTIONS[0].id, at: NOW, statusAfter: 'CLOSED', by: ADMIN.aadObjectId };
    await ctx.store.commit(ctx.partnershipId, [ctx.stores.actions.op.update(stored!, closed), { op: 'create', kind: KIND.progress, doc: closing }]);
    await ctx.stores.actions.create({ ...ACTIONS[1], id: 'scrutiny-new', ref: 'SCR-1/A1', sourceType: 'SCRUTINY', reviewId: undefined, themes: ['neglect'] });
    // An action moved to another review changes shard: it must leave the old one.
    const moved = await ctx.stores.actions.get(ACTIONS[3].id);
    await ctx.stores.actions.update(moved!, { ...moved!, reviewId: REVIEWS[1].id });
    await ctx.stores.actions.delete(ACTIONS[2].id);
    const review = await ctx.stores.reviews.get(REVIEWS[0].id);
    await ctx.stores.reviews.update(review!, { ...review!, pseudonym: 'Child Z', status: 'ASSURANCE_12M_REQUESTED' } as Review);
    const agency = await ctx.stores.agencies.get('lthtr');
    await ctx.stores.agencies.update(agency!, { ...agency!, name: 'Lancashire Teaching Hospitals (renamed)' });
    await ctx.stores.meetings.create({ id: 'meeting-2026-11-19', date: '2026-11-19', type: 'PAI' } as never);
    const member = (await ctx.stores.members.all())[0];
    await ctx.stores.members.update(member, { ...member, name: 'Renamed Member' });
  }

  it('keeps every shard equal to a rebuild through seeding and a change of each kind', async () => {
    await rebuildReportSummaries(ctx);
    await seedDemoData(ctx);
    await seedReportsDataset(ctx.store, ctx.partnershipId);
    await changeOneOfEachKind();
    const live = await shards();
    // Something is mirrored: the rows are not equal because both are empty.
    expect(Object.values(live).reduce((sum, rows) => sum + Object.keys(rows).length, 0)).toBeGreaterThan(50);
    const result = await rebuildReportSummaries(ctx);
    expect(result.mirrors.sort()).toEqual(MIRRORS.map((spec) => spec.kind).sort());
    expect(await shards()).toEqual(live);
  });

  it('answers every report from the mirrors as from the records, with no query of a mirrored kind', async () => {
    await seedDemoData(ctx);
    await seedReportsDataset(ctx.store, ctx.partnershipId);
    const before = await documents(ctx);
    await rebuildReportSummaries(ctx);
    expect(await documents(ctx)).toEqual(before);

    await changeOneOfEachKind();
    const fromRecords = await documentsFromRecords();
    lists.kinds.length = 0;
    const fromMirrors = await documents(ctx);
    expect(fromMirrors).toEqual(fromRecords);
    const mirrored = new Set(MIRRORS.map((spec) => spec.kind));
    expect(lists.kinds.filter((kind) => mirrored.has(kind))).toEqual([]);
    // The change shows: the renamed review is in the status report.
    expect(JSON.stringify(fromMirrors)).toContain('Child Z');
    expect(REPORT_NAMES.every((name) => ASKED.some(([asked]) => asked === name))).toBe(true);
  });

  it('stops keeping a mirror rather than fail a write whose shards are too big for one batch, until a rebuild', async () => {
    await rebuildReportSummaries(ctx);
    // Thirty reviews of 60 KB each in one commit: their shards together pass what one Cosmos batch takes.
    const big = REVIEWS.slice(0, 1).flatMap((review) => Array.from({ length: 30 }, (_, index) => ({ ...review, id: `big-${index}`, reference: `LSCP-RR-2026-${10 + index}`, summary: 'x'.repeat(60_000) })));
    await ctx.store.commit(ctx.partnershipId, big.map((doc) => ctx.stores.reviews.op.create(doc)));
    expect(await ctx.stores.reviews.get('big-29')).toBeDefined();
    const registry = async () => (await inner().get<SummaryRegistryDoc>(KIND.reportSummary, ctx.partnershipId, REGISTRY_ID))!;
    expect((await registry()).readyMirrors).not.toContain(KIND.review);
    expect((await registry()).readyMirrors).toContain(KIND.action);
    // Reports query the kind again, and see the new reviews.
    lists.kinds.length = 0;
    const assurance = await reportDocument(ctx, ADMIN, 'assurance');
    expect(lists.kinds).toContain(KIND.review);
    expect(JSON.stringify(assurance)).toContain('LSCP-RR-2026-39');
    // Spread over their shards they fit: the rebuild mirrors them again.
    await rebuildReportSummaries(ctx);
    expect((await registry()).readyMirrors).toContain(KIND.review);
    lists.kinds.length = 0;
    await reportDocument(ctx, ADMIN, 'assurance');
    expect(lists.kinds).toEqual([]);
  });

  it('builds the mirrors at the next tick once REPORT_MIRRORS is switched on, and drops them once it is off', async () => {
    const off = { ...ctx, settings: { ...ctx.settings, reportMirrors: false } };
    expect(await refreshReportSummaries(off)).toBe(true);
    expect(await refreshReportSummaries(off)).toBe(false);
    const registry = async () => (await inner().get<SummaryRegistryDoc>(KIND.reportSummary, ctx.partnershipId, REGISTRY_ID))!;
    expect((await registry()).readyMirrors).toEqual([]);
    // Switched on the same day: the tick builds them without waiting for tomorrow.
    expect(await refreshReportSummaries(ctx)).toBe(true);
    expect((await registry()).readyMirrors.sort()).toEqual(MIRRORS.map((spec) => spec.kind).sort());
    expect(await refreshReportSummaries(ctx)).toBe(false);
    // Off again: built without them, and their shards go.
    expect(await refreshReportSummaries(off)).toBe(true);
    expect((await registry()).keptMirrors).toEqual([]);
    expect(Object.values(await shards()).every((rows) => Object.keys(rows).length === 0)).toBe(true);
    expect(await inner().get(KIND.reportSummary, ctx.partnershipId, shardIdsOf(MIRRORS[0])[0])).toBeUndefined();
  });
});
