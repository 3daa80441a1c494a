import { join } from 'node:path';
import { SqliteStore } from '../../src/adapters/sqlite/sqlite-store';
import { readExportDirectory, writeExportDirectory } from '../../src/adapters/transfer/export-directory';
import { drawAndStoreDipSample } from '../../src/app/reports/dip-samples';
import { identifyUser } from '../../src/app/directory/identify-user';
import { KIND } from '../../src/app/kernel/kinds';
import { storesOf } from '../../src/app/kernel/records';
import { reportDocument } from '../../src/app/reports/report-documents';
import { REPORT_NAMES, ReportName } from '../../src/app/reports/reports';
import { seedDemoData } from '../../src/app/setup/seed-demo-data';
import { exportAll } from '../../src/app/transfer/export-all';
import { importAll } from '../../src/app/transfer/import-all';
import type { Agency } from '../../src/domain/directory/agency';
import type { Review } from '../../src/domain/reviews/review';
import { listAll } from '../../src/ports/document-store';
import { PEOPLE } from '../support/activities';
import { FixedTokenCredential } from '../support/fixed-token-credential';
import { LocalCosmos, startLocalCosmos } from '../support/local-cosmos';
import { createTestContext, TestContext } from '../support/test-context';
import { tempDirForTests } from '../support/temp-dir';

const NOW = '2026-11-25T10:00:00Z';

/**
 * Issue 13: the demo partnership moves from SQLite to Cosmos DB (signed in with a token credential, as the managed
 * identity does) through `export all` files, and every report reads the same on both stores.
 */
describe('export all / import all: the demo partnership from SQLite to the local Cosmos server', () => {
  let cosmos: LocalCosmos;
  let sqlite: TestContext;
  let moved: TestContext;
  const dir = join(tempDirForTests('assurance-transfer-'), 'export');

  beforeAll(async () => {
    cosmos = await startLocalCosmos();
    sqlite = await createTestContext(new SqliteStore(':memory:'));
    sqlite.clock.set(NOW);
    await seedDemoData(sqlite, [{ id: PEOPLE.admin.aadObjectId, name: 'Demo operator' }]);
    // A change made through a use case, so the export carries audit entries and a dip sample too.
    await drawAndStoreDipSample(sqlite, await identifyUser(sqlite, PEOPLE.admin.aadObjectId, PEOPLE.admin.name), { n: 3 }, () => 424242);

    await writeExportDirectory(dir, await exportAll(sqlite));
    const target = await cosmos.openStoreWithCredential(new FixedTokenCredential());
    // An empty store: no reference data seeded, as `import all` runs it. Its typed stores are rebound too, so use cases read it.
    moved = { ...sqlite, store: target, stores: storesOf(target, sqlite.partnershipId) };
    await importAll(moved, 'cli:test', await readExportDirectory(dir));
  }, 60_000);
  afterAll(async () => {
    await sqlite.store.close();
    await cosmos.stop();
  });

  it('carries every record of every kind, field for field, plus one audit entry for the restore', async () => {
    const before = await exportAll(sqlite);
    const after = await exportAll(moved);
    const restore = after.records[KIND.audit].filter((entry) => entry.operation === 'IMPORT_ALL');
    expect(restore).toEqual([expect.objectContaining({ by: 'cli:test', subjectKind: 'partnership', subjectId: sqlite.partnershipId })]);
    expect({ ...after.records, [KIND.audit]: after.records[KIND.audit].filter((entry) => entry.operation !== 'IMPORT_ALL') }).toEqual(before.records);
    expect(before.manifest.counts[KIND.action]).toBeGreaterThan(5);
    expect(before.manifest.counts[KIND.audit]).toBeGreaterThan(0);
    expect(before.manifest.counts[KIND.dipSample]).toBe(1);
  });

  it('gives every report, with every argument the demo data has, the same on both stores', async () => {
    const reviews = await listAll<Review>(sqlite.store, KIND.review, sqlite.partnershipId);
    const agencies = await listAll<Agency>(sqlite.store, KIND.agency, sqlite.partnershipId);
    const questions: [ReportName, string][] = [
      ...REPORT_NAMES.map((name): [ReportName, string] => [name, '']),
      ...reviews.map((review): [ReportName, string] => ['status', review.reference]),
      ...agencies.map((agency): [ReportName, string] => ['overdue', agency.name]),
      ...['Q1 2026/27', 'Q2 2026/27', 'Q3 2026/27', 'Q4 2025/26'].map((period): [ReportName, string] => ['quarterly-themes', period]),
      ['yearly', '2025/26'],
      ['yearly', '2026/27'],
    ];
    expect(questions.length).toBeGreaterThan(20);
    const actorOn = (ctx: TestContext) => identifyUser(ctx, PEOPLE.admin.aadObjectId, PEOPLE.admin.name);
    const [onSqlite, onCosmos] = [await actorOn(sqlite), await actorOn(moved)];
    let rows = 0;
    for (const [name, args] of questions) {
      const expected = await reportDocument(sqlite, onSqlite, name, args);
      expect({ name, args, document: await reportDocument(moved, onCosmos, name, args) }).toEqual({ name, args, document: expected });
      rows += expected.tables.reduce((sum, table) => sum + table.rows.length, 0);
    }
    expect(rows).toBeGreaterThan(20);
  });

  it('refuses to import into a store that is not empty, and writes nothing', async () => {
    const count = async () => (await exportAll(moved)).records;
    const before = await count();
    await expect(importAll(moved, 'cli:test', await readExportDirectory(dir))).rejects.toMatchObject({ code: 'IMPORT.STORE_NOT_EMPTY' });
    expect(await count()).toEqual(before);
  });
});
