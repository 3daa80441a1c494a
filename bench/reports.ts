import type { AuthenticatedRequest } from '../src/adapters/teams/create-adapter';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { TurnContext } from 'botbuilder';
import { CosmosStore } from '../src/adapters/cosmos/cosmos-store';
import { SqliteStore } from '../src/adapters/sqlite/sqlite-store';
import type { AppContext } from '../src/app/kernel/app-context';
import { KIND } from '../src/app/kernel/kinds';
import { reportDocument } from '../src/app/reports/report-documents';
import type { ReportName } from '../src/app/reports/reports';
import { seedReferenceData } from '../src/app/setup/seed-reference-data';
import { rebuildReportSummaries } from '../src/app/reports/report-summaries';
import { reportCard } from '../src/cards/report-card';
import { CardRenderer, cardBytes } from '../src/cards/render';
import { composeApp } from '../src/compose';
import { composeContext } from '../src/compose-context';
import { loadConfig } from '../src/config';
import type { Action, ActionStatus } from '../src/domain/actions/action';
import { addDays, londonDateOf } from '../src/domain/calendar';
import type { Actor } from '../src/domain/directory/member';
import { LANCASHIRE_AGENCIES, THEME_NAMES, themeIdOf } from '../src/domain/directory/reference-data';
import type { Review } from '../src/domain/reviews/review';
import { mulberry32 } from '../src/domain/reports/dip-sample';
import type { ReportDocument } from '../src/domain/reports/report-document';
import { createServer } from '../src/http/server';
import { MAX_OPERATIONS_PER_COMMIT, type DocumentStore, type ListOptions, type NewDocument, type Page, type Stored, type UpdateOptions, type WriteOperation } from '../src/ports/document-store';
import { messageActivity, PEOPLE } from '../test/support/activities';
import { FakeConnector } from '../test/support/fake-connector';
import { startLocalCosmos } from '../test/support/local-cosmos';
import { MemoryLogger } from '../test/support/silent-logger';
import { heading, ms, percentile, row, sample } from './stats';

const run = promisify(execFile);

const P = 'bench-reports';
const REPORTS: { name: ReportName; args: string }[] = [
  { name: 'quarterly-themes', args: 'last quarter' },
  { name: 'status', args: '' },
  { name: 'overdue', args: '' },
  { name: 'assurance', args: '' },
  { name: 'yearly', args: 'last year' },
];
const ADMIN: Actor = { aadObjectId: PEOPLE.admin.aadObjectId, name: 'Bench admin', roles: ['ADMIN'] };
const STATUSES: ActionStatus[] = ['AGREED', 'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'COMPLETED_AWAITING_EVIDENCE', 'EVIDENCE_SUBMITTED', 'IMPACT_EVIDENCED', 'CLOSED', 'CLOSED', 'WITHDRAWN'];

/**
 * A synthetic partnership: `actionCount` review actions (about 1 KB each) over one review per 8 actions, spread over
 * the seeded agencies and themes and the last two years, plus a progress record for every second action.
 */
export function dataset(actionCount: number, today: string): { reviews: Review[]; actions: Action[]; progress: object[] } {
  // Seeded by the size, so every run measures the same data.
  const random = mulberry32(actionCount);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const day = (from: number, to: number) => addDays(today, from + Math.floor(random() * (to - from)));
  const agencies = LANCASHIRE_AGENCIES.map((agency) => agency.id);
  const themes = THEME_NAMES.map(themeIdOf);
  const reviewCount = Math.max(1, Math.ceil(actionCount / 8));
  const reviews: Review[] = Array.from({ length: reviewCount }, (_, index) => {
    const sin = day(-730, -30);
    const completed = addDays(sin, 60 + Math.floor(random() * 200));
    const at = `${sin}T09:00:00.000Z`;
    return {
      id: `bench-rr-${index}`, reference: `BENCH-RR-${index}`, pseudonym: `Child ${String.fromCharCode(65 + (index % 26))}`, type: 'RAPID_REVIEW', status: 'ACTIONS_LIVE',
      themes: [pick(themes), pick(themes)], sinDate: sin, rrSubmittedOn: addDays(sin, 14 + Math.floor(random() * 10)), decision: 'NO_FURTHER_REVIEW', decisionDate: addDays(sin, 40),
      completedOn: completed, assuranceDue: addDays(completed, 365), createdAt: at, createdBy: 'bench', updatedAt: at, updatedBy: 'bench',
    };
  });
  const actions: Action[] = [];
  const progress: object[] = [];
  for (let index = 0; index < actionCount; index += 1) {
    const review = reviews[index % reviewCount];
    const created = addDays(review.sinDate as string, 45);
    const status = pick(STATUSES);
    const target = day(-200, 300);
    const at = `${created}T10:00:00.000Z`;
    const updated = day(-120, 0);
    const action: Action = {
      id: `bench-a-${index}`, ref: `${review.reference}/A${index}`, reviewId: review.id, sourceType: 'REVIEW', scope: 'SINGLE_AGENCY', agencyId: pick(agencies),
      responsibleOfficerId: PEOPLE.policeRep.aadObjectId, themes: [pick(themes), pick(themes)],
      description: 'Embed the revised neglect toolkit in supervision and audit its use across teams. '.repeat(4),
      successMeasure: 'A dip sample of 20 cases shows the toolkit used and the child seen. '.repeat(2),
      originalTargetDate: target, currentTargetDate: target, extensionCount: 0, extensions: [], status, evidence: [],
      agreedOn: created, startedOn: status === 'AGREED' ? undefined : addDays(created, 10),
      completedOn: ['COMPLETED_AWAITING_EVIDENCE', 'EVIDENCE_SUBMITTED', 'IMPACT_EVIDENCED', 'CLOSED'].includes(status) ? updated : undefined,
      closedOn: status === 'CLOSED' ? updated : undefined, closedWithoutImpact: status === 'CLOSED' ? false : undefined,
      lastUpdate: { by: PEOPLE.policeRep.aadObjectId, byName: 'Pat Police', on: `${updated}T11:00:00.000Z`, note: 'Progress reported at the agency safeguarding board.' },
      createdAt: at, createdBy: 'bench', updatedAt: at, updatedBy: 'bench',
    };
    actions.push(action);
    if (index % 2 === 0) progress.push({ id: `bench-p-${index}`, actionId: action.id, by: PEOPLE.policeRep.aadObjectId, byName: 'Pat Police', at: `${updated}T11:00:00.000Z`, statusAfter: status, ragAfter: 'GREEN' });
  }
  return { reviews, actions, progress };
}

/**
 * Writes the dataset as the bot would receive it: the reviews, then each review's action plan as an import writes it,
 * each action with its progress record (commits of at most MAX_OPERATIONS_PER_COMMIT). Through a context's store the
 * report summaries and mirrors are kept as the data arrives; `raw` writes straight to the store, as data there before
 * the summaries were (a rebuild then counts it).
 */
export async function load(store: DocumentStore, data: ReturnType<typeof dataset>, parallel: number, raw = false): Promise<void> {
  const progressOf = new Map((data.progress as { id: string; actionId: string }[]).map((record) => [record.actionId, record]));
  const reviewOrder = new Map(data.reviews.map((review, index) => [review.id, index]));
  const actions = [...data.actions].sort((a, b) => (reviewOrder.get(a.reviewId as string) as number) - (reviewOrder.get(b.reviewId as string) as number));
  const groups: WriteOperation[][] = [
    ...data.reviews.map((doc): WriteOperation[] => [{ op: 'upsert', kind: KIND.review, doc }]),
    ...actions.map((doc): WriteOperation[] => {
      const progress = progressOf.get(doc.id);
      return [{ op: 'upsert', kind: KIND.action, doc }, ...(progress ? [{ op: 'upsert', kind: KIND.progress, doc: progress } as WriteOperation] : [])];
    }),
  ];
  const batches: WriteOperation[][] = [[]];
  for (const group of groups) {
    if (batches[batches.length - 1].length + group.length > MAX_OPERATIONS_PER_COMMIT) batches.push([]);
    batches[batches.length - 1].push(...group);
  }
  const target = raw ? store : (await contextOn(store)).store;
  for (let start = 0; start < batches.length; start += parallel) await Promise.all(batches.slice(start, start + parallel).map((batch) => target.commit(P, batch)));
}

/**
 * What one user's write costs with the summaries and mirrors kept: an action's update and its progress record in one
 * commit, as an update from the card makes them, for `count` actions spread over the dataset.
 */
async function measureWrites(label: string, store: DocumentStore, data: ReturnType<typeof dataset>, count: number): Promise<void> {
  const ctx = await contextOn(store);
  const times: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const start = process.hrtime.bigint();
    await updateOneAction(ctx, data.actions[Math.floor((index * data.actions.length) / count)].id, `bench-write-${index}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  row(`${label} one update with its progress record`, `p50 ${ms(percentile(times, 50))}`, `p95 ${ms(percentile(times, 95))}`, `(${count} writes, summaries${ctx.settings.reportMirrors ? ' and mirrors' : ''} kept)`);
}

/** An update from the card: the action's last update and a progress record, in one commit through the bot's store. */
async function updateOneAction(ctx: AppContext, actionId: string, progressId: string): Promise<void> {
  const stored = await ctx.stores.actions.get(actionId);
  if (!stored) throw new Error(`action ${actionId} is missing`);
  const at = ctx.clock.now().toISOString();
  const progress = { id: progressId, actionId, by: PEOPLE.policeRep.aadObjectId, byName: 'Pat Police', at, statusAfter: stored.status, ragAfter: 'GREEN' };
  await ctx.store.commit(P, [
    ctx.stores.actions.op.update(stored, { ...stored, lastUpdate: { by: PEOPLE.policeRep.aadObjectId, byName: 'Pat Police', on: at, note: `Bench update ${progressId}.` } }),
    { op: 'create', kind: KIND.progress, doc: progress },
  ]);
}

/** Counts the documents and JSON bytes a use case reads, whichever store is underneath. */
class CountingStore implements DocumentStore {
  documents = 0;
  bytes = 0;
  constructor(readonly inner: DocumentStore) {}
  private count(items: readonly object[]): void {
    this.documents += items.length;
    for (const item of items) this.bytes += Buffer.byteLength(JSON.stringify(item));
  }
  async get<T extends object>(kind: string, partnershipId: string, id: string): Promise<Stored<T> | undefined> {
    const item = await this.inner.get<T>(kind, partnershipId, id);
    if (item) this.count([item]);
    return item;
  }
  async list<T extends object>(kind: string, partnershipId: string, options?: ListOptions): Promise<Page<T>> {
    const page = await this.inner.list<T>(kind, partnershipId, options);
    this.count(page.items);
    return page;
  }
  create<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>) {
    return this.inner.create<T>(kind, partnershipId, doc);
  }
  update<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>, options: UpdateOptions) {
    return this.inner.update<T>(kind, partnershipId, doc, options);
  }
  upsert<T extends object>(kind: string, partnershipId: string, doc: NewDocument<T>) {
    return this.inner.upsert<T>(kind, partnershipId, doc);
  }
  delete(kind: string, partnershipId: string, id: string) {
    return this.inner.delete(kind, partnershipId, id);
  }
  commit(partnershipId: string, operations: WriteOperation[]) {
    return this.inner.commit(partnershipId, operations);
  }
  ping() {
    return this.inner.ping();
  }
  close() {
    return this.inner.close();
  }
}

/**
 * The bot's settings for the store it runs on: REPORT_MIRRORS as its default for that store (on with Cosmos DB, off
 * with SQLite), the rest local.
 */
function benchEnv(store: DocumentStore): NodeJS.ProcessEnv {
  const mirrors = (store instanceof CountingStore ? store.inner : store) instanceof CosmosStore ? 'on' : 'off';
  return { SQLITE_PATH: ':memory:', LOG_LEVEL: 'silent', ADMIN_AAD_OBJECT_IDS: PEOPLE.admin.aadObjectId, PARTNERSHIP_ID: P, PARTNERSHIP_NAME: 'Bench partnership', REPORT_MIRRORS: mirrors };
}

/** The bot's own composition (composeContext) on the given store: the bench reads and writes as the bot does. */
export async function contextOn(store: DocumentStore): Promise<AppContext> {
  const config = loadConfig(benchEnv(store));
  return (await composeContext(config, { store, logger: new MemoryLogger() }, { seedReferenceData: false })).ctx;
}

/**
 * Time per report computed afresh (median of `runs`), documents and bytes read, and the cards it makes. The timed runs
 * read the store directly; one more run through the counting wrapper counts what was read, because serialising every
 * document to count its bytes would otherwise be timed too (about a second at 100k actions).
 */
async function measureReports(label: string, store: DocumentStore, runs: number, cards: CardRenderer): Promise<void> {
  const counting = new CountingStore(store);
  const ctx = await contextOn(store);
  for (const report of REPORTS) {
    const times: number[] = [];
    let doc: ReportDocument | undefined;
    for (let run = 0; run < runs; run += 1) {
      const start = process.hrtime.bigint();
      doc = await reportDocument(ctx, ADMIN, report.name, report.args);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    counting.documents = 0;
    counting.bytes = 0;
    await reportDocument(await contextOn(counting), ADMIN, report.name, report.args);
    const card = reportCard(cards, doc as ReportDocument, { asAt: 'bench', ref: { report: report.name, args: report.args }, share: true });
    // The card shows sections of items (issue 14): the first card the top of each, the rest page by page in place.
    const items = (doc as ReportDocument).sections.reduce((sum, section) => sum + section.items.length, 0);
    row(`${label} ${report.name}`, `${runs > 1 ? 'median ' : ''}${ms(percentile(times, 50))}`, `read ${counting.documents} docs / ${(counting.bytes / 1024 / 1024).toFixed(1)} MB`, `first card ${(cardBytes(card) / 1024).toFixed(1)} KB; ${(doc as ReportDocument).sections.length} sections, ${items} items`);
  }
}

/** The chat text of each report as a user types it. */
const REPORT_TEXT: Record<string, string> = {
  'quarterly-themes': 'quarterly themes last quarter',
  status: 'status',
  overdue: 'overdue',
  assurance: 'assurance',
  yearly: 'yearly report last year',
};

/** The bot on a store, listening on loopback with the Bot Connector faked, and an echo bot through the same stack. */
async function startBot(store: DocumentStore) {
  const connector = await FakeConnector.start();
  const started = process.hrtime.bigint();
  const app = await composeApp(loadConfig(benchEnv(store)), { logger: new MemoryLogger(), store });
  const startMs = Number(process.hrtime.bigint() - started) / 1e6;
  const echo = createServer({ adapter: { authenticate: (activity, header) => app.adapter.authenticate(activity, header), run: (request, activity) => app.adapter.run(request as AuthenticatedRequest, activity, async (context: TurnContext) => void (await context.sendActivity(context.activity.text ?? ''))) }, store: app.store, logger: new MemoryLogger(), authEnabled: false, allowedTenantIds: [] });
  const listen = async (server: typeof echo) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  };
  const botUrl = await listen(app.server);
  const echoUrl = await listen(echo);
  const post = async (url: string, text: string) => {
    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(messageActivity(PEOPLE.admin, text, { serviceUrl: connector.url })) });
    if (response.status !== 200) throw new Error(`turn answered ${response.status}`);
    await response.arrayBuffer();
  };
  const stop = async () => {
    echo.close();
    app.server.close();
    await connector.stop();
  };
  return { app, startMs, ask: (text: string) => post(botUrl, text), echo: () => post(echoUrl, 'echo'), stop };
}

/**
 * Each report's turn over HTTP (real adapter, FakeConnector on loopback) beside an echo turn through the same stack.
 * The first answer follows an update of one action through the bot's store, as a partner's update between two reports
 * (computed reports are dropped; SQLite reads that action again); the repeated one reuses the computed report.
 */
async function measureTurns(label: string, store: DocumentStore, reports: ReportName[], actionIds: string[], turns: { warm: number; cold: number }): Promise<void> {
  const bot = await startBot(store);
  const echoTimes = await sample(turns.warm, bot.echo, 5);
  row(`${label} echo turn`, `p50 ${ms(percentile(echoTimes, 50))}`, `p95 ${ms(percentile(echoTimes, 95))}`, `(${turns.warm} turns)`);
  let writes = 0;
  for (const report of reports) {
    const text = REPORT_TEXT[report];
    const coldTimes: number[] = [];
    for (let turn = 0; turn < turns.cold; turn += 1) {
      writes += 1;
      await updateOneAction(bot.app.ctx, actionIds[(writes * 7919) % actionIds.length], `bench-turn-${writes}`);
      const start = process.hrtime.bigint();
      await bot.ask(text);
      coldTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const warmTimes = await sample(turns.warm, () => bot.ask(text), 1);
    row(`${label} ${report} turn`, `first p50 ${ms(percentile(coldTimes, 50))} / max ${ms(Math.max(...coldTimes))}`, `repeated p50 ${ms(percentile(warmTimes, 50))} / p95 ${ms(percentile(warmTimes, 95))}`, `echo p50 ${ms(percentile(echoTimes, 50))} (${turns.cold} first, ${turns.warm} repeated)`);
  }
  await bot.stop();
}

/**
 * The bot started again on the same SQLite file (a new connection, nothing in memory): how long until it listens
 * (reference data checked, status and overdue run once) and each report's first turn after that, and the process's
 * memory before and after the start (this process also holds what the bench made before).
 */
/**
 * The bot started again on the same file, in a new process as a restart is (this process holds the bench's own data
 * and the local Cosmos server, whose memory would slow the bot's collector): how long until it listens, and each
 * report's first turn after it.
 */
async function measureRestart(label: string, path: string, reports: ReportName[]): Promise<void> {
  const { stdout } = await run(process.execPath, [__filename, RESTART_FLAG, path, ...reports], { maxBuffer: 1024 * 1024 });
  const result = JSON.parse(stdout.trim().split('\n').pop() as string) as { startMs: number; rssMb: number; turns: Record<string, number> };
  row(`${label} start in a new process (status and overdue run once)`, `${(result.startMs / 1000).toFixed(2)} s`, `process memory ${result.rssMb.toFixed(0)} MB after the start`);
  for (const report of reports) row(`${label} ${report} first turn after the start`, ms(result.turns[report]));
}

/** The child side of measureRestart: start the bot on the file, ask each report once, print the timings as JSON. */
async function restartTurns(path: string, reports: ReportName[]): Promise<void> {
  const store = new SqliteStore(path);
  const bot = await startBot(store);
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  const turns: Record<string, number> = {};
  for (const report of reports) {
    const start = process.hrtime.bigint();
    await bot.ask(REPORT_TEXT[report]);
    turns[report] = Number(process.hrtime.bigint() - start) / 1e6;
  }
  await bot.stop();
  await store.close();
  console.log(JSON.stringify({ startMs: bot.startMs, rssMb, turns }));
}

/** The nightly count of the report summaries (the tick's), timed: what a day's first report no longer waits for. */
async function measureRebuild(label: string, store: DocumentStore): Promise<void> {
  const start = Date.now();
  const result = await rebuildReportSummaries(await contextOn(store));
  row(`${label} rebuild summaries`, `${((Date.now() - start) / 1000).toFixed(2)} s`, `${result.summaries} summaries from ${result.actions} actions and ${result.reviews} reviews; ${result.shards} mirror shards of ${result.mirrors.length} kinds`);
}

/**
 * Report benchmark, called from bench/run-all.ts: at 1k, 10k and 100k actions, time per report on SQLite and on the local
 * Cosmos server (100k on Cosmos only with BENCH_COSMOS_100K=1: loading it takes minutes), documents and bytes read,
 * card size, and each report's first and repeated turn over HTTP next to an echo turn. Nothing here is asserted.
 */
export async function benchReports(sizes: number[] = (process.env.BENCH_REPORT_SIZES ?? '1000,10000,100000').split(',').map(Number)): Promise<void> {
  const cards = new CardRenderer();
  const today = londonDateOf(new Date());
  const cosmosLimit = process.env.BENCH_COSMOS_100K === '1' ? Infinity : 10_000;
  const cosmos = await startLocalCosmos();
  try {
    for (const size of sizes) {
      heading(`Reports at ${size} actions (${Math.ceil(size / 8)} reviews, ${Math.ceil(size / 2)} progress records)`);
      let data: ReturnType<typeof dataset> | undefined = dataset(size, today);
      const sqlitePath = join(mkdtempSync(join(tmpdir(), 'assurance-bench-reports-')), 'bench.db');
      const sqlite = new SqliteStore(sqlitePath);
      await seedReferenceData(await contextOn(sqlite));
      // Summaries first (the first tick on an empty partnership), then the data, kept in them as it arrives. At 100k
      // that takes many minutes (every commit replaces the summaries and shards it changes), so the data goes in first
      // and the rebuild counts it, as after an upgrade; the write cost is then timed one update at a time.
      let start = Date.now();
      if (size < 100_000) {
        await rebuildReportSummaries(await contextOn(sqlite));
        await load(sqlite, data, 1);
        row(`SQLite ${size}: load, summaries kept`, `${((Date.now() - start) / 1000).toFixed(1)} s`);
      } else {
        await load(sqlite, data, 1, true);
        row(`SQLite ${size}: load, before any summary`, `${((Date.now() - start) / 1000).toFixed(1)} s`);
      }
      await measureRebuild(`SQLite ${size}:`, sqlite);
      await measureWrites(`SQLite ${size}:`, sqlite, data, 50);
      await measureReports(`SQLite ${size}:`, sqlite, size >= 100_000 ? 1 : size >= 10_000 ? 3 : 5, cards);
      const actionIds = data.actions.map((action) => action.id);
      // The bot does not hold the generated dataset (about 300 MB at 100k): let it go before its turns are timed.
      if (size > cosmosLimit) data = undefined;
      await measureTurns(`SQLite ${size}:`, sqlite, REPORTS.map((report) => report.name), actionIds, size >= 100_000 ? { warm: 30, cold: 3 } : { warm: 50, cold: 5 });
      await sqlite.close();
      await measureRestart(`SQLite ${size}:`, sqlitePath, REPORTS.map((report) => report.name));
      rmSync(dirname(sqlitePath), { recursive: true, force: true });
      // Every report reads summaries and mirrors by id, so the local Cosmos server (which scans the whole container for
      // any query: seconds at 10k actions) answers them too. At 100k loading it takes too long for a routine run.
      if (data) {
        const store = await cosmos.openStore(`bench-reports-${size}`);
        await seedReferenceData(await contextOn(store));
        await rebuildReportSummaries(await contextOn(store));
        start = Date.now();
        await load(store, data, 4);
        row(`Cosmos ${size}: load, summaries kept`, `${((Date.now() - start) / 1000).toFixed(1)} s`);
        await measureWrites(`Cosmos ${size}:`, store, data, 30);
        await measureReports(`Cosmos ${size}:`, store, size >= 10_000 ? 1 : 3, cards);
        await measureTurns(`Cosmos ${size}:`, store, REPORTS.map((report) => report.name), actionIds, size >= 10_000 ? { warm: 20, cold: 3 } : { warm: 30, cold: 3 });
      } else {
        row(`Cosmos ${size}`, 'skipped (BENCH_COSMOS_100K=1 to run; the local server needs minutes per query at this size)');
      }
    }
  } finally {
    await cosmos.stop();
  }
}

const RESTART_FLAG = '--restart-turns';

if (require.main === module && process.argv[2] === RESTART_FLAG) {
  restartTurns(process.argv[3], process.argv.slice(4) as ReportName[]).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else if (require.main === module) {
  benchReports().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
