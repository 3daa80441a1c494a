import { appendFileSync, existsSync, readFileSync, readdirSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStore } from '../../../src/adapters/sqlite/sqlite-store';
import { seedDemoData } from '../../../src/app/setup/seed-demo-data';
import { exportAll } from '../../../src/app/transfer/export-all';
import { runCli } from '../../../src/cli/main';
import { BankHolidayCalendar } from '../../../src/adapters/system/bank-holiday-calendar';
import { buildAppContext } from '../../../src/app/kernel/build-context';
import { loadConfig } from '../../../src/config';
import { captureCliRuns } from '../../support/cli-output';
import { FixedClock } from '../../support/fixed-clock';
import { MemoryLogger } from '../../support/silent-logger';
import { createTestContext } from '../../support/test-context';
import { tempDirForTests } from '../../support/temp-dir';

const PARTNERSHIP = 'test-partnership';

describe('cli: export all / import all', () => {
  const dir = tempDirForTests('assurance-transfer-cli-');
  const source = join(dir, 'source.db');
  const out = join(dir, 'export');
  const { errors, logs } = captureCliRuns({ STORE: 'sqlite', SQLITE_PATH: source, PARTNERSHIP_ID: PARTNERSHIP });

  /** Every record of the partnership in a SQLite file, by kind (read without seeding anything). */
  async function recordsIn(path: string) {
    const store = new SqliteStore(path);
    try {
      const ctx = buildAppContext(loadConfig({ PARTNERSHIP_ID: PARTNERSHIP }), { store, clock: new FixedClock(), logger: new MemoryLogger(), holidays: new BankHolidayCalendar() });
      return (await exportAll(ctx)).records;
    } finally {
      await store.close();
    }
  }

  beforeAll(async () => {
    const ctx = await createTestContext(new SqliteStore(source));
    await seedDemoData(ctx);
    await ctx.store.close();
  });

  it('writes every kind with records as JSON lines and a manifest with the count of every kind', async () => {
    expect(await runCli(['export', 'all', '--out', out])).toBe(0);
    expect(logs.join('\n')).toMatch(/Exported \d+ records of test-partnership/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { counts: Record<string, number> };
    expect(manifest.counts).toMatchObject({ review: 3, audit: 0 });
    const actions = readFileSync(join(out, 'action.jsonl'), 'utf8').trim().split('\n');
    expect(actions).toHaveLength(manifest.counts.action);
    expect(JSON.parse(actions[0])).not.toHaveProperty('etag');
    expect(existsSync(join(out, 'audit.jsonl'))).toBe(false);
  });

  it('refuses to export into a directory that is not empty', async () => {
    expect(await runCli(['export', 'all', '--out', out])).toBe(1);
    expect(errors.join('\n')).toMatch(/is not empty/);
  });

  it('restores into an empty store every record the source holds, plus one audit entry', async () => {
    const target = join(dir, 'target.db');
    process.env.SQLITE_PATH = target;
    expect(await runCli(['import', 'all', out])).toBe(0);
    expect(logs.join('\n')).toMatch(/Imported \d+ records of test-partnership/);
    const [before, after] = [await recordsIn(source), await recordsIn(target)];
    expect(after.audit.map((entry) => entry.operation)).toEqual(['IMPORT_ALL']);
    expect({ ...after, audit: [] }).toEqual(before);
  });

  it('refuses to import into a store that is not empty, and writes nothing', async () => {
    process.env.SQLITE_PATH = source;
    const before = await recordsIn(source);
    expect(await runCli(['import', 'all', out])).toBe(1);
    expect(errors.join('\n')).toMatch(/already holds records of partnership test-partnership .*Nothing was written/);
    expect(await recordsIn(source)).toEqual(before);
  });

  it('refuses a damaged export with file, line and reason, and writes nothing', async () => {
    const damaged = join(dir, 'damaged');
    cpSync(out, damaged, { recursive: true });
    appendFileSync(join(damaged, 'action.jsonl'), '{"title": "no id"}\nnot json\n');
    appendFileSync(join(damaged, 'surprise.jsonl'), '{"id": "x"}\n');
    const target = join(dir, 'damaged-target.db');
    process.env.SQLITE_PATH = target;
    expect(await runCli(['import', 'all', damaged])).toBe(1);
    const printed = errors.join('\n');
    expect(printed).toMatch(/nothing was written/);
    expect(printed).toMatch(/\taction\.jsonl\tno valid id/);
    expect(printed).toMatch(/\taction\.jsonl\tnot valid JSON/);
    expect(printed).toMatch(/action\.jsonl\tholds \d+ records where the manifest says \d+/);
    expect(printed).toMatch(/surprise\.jsonl\tnot a kind of record/);
    expect(Object.values(await recordsIn(target)).flat()).toEqual([]);
  });

  it('refuses an export of another partnership', async () => {
    process.env.SQLITE_PATH = join(dir, 'other.db');
    process.env.PARTNERSHIP_ID = 'another-partnership';
    expect(await runCli(['import', 'all', out])).toBe(1);
    expect(errors.join('\n')).toMatch(/export is of partnership test-partnership; this bot serves another-partnership/);
    expect(readdirSync(dir)).toContain('other.db');
  });
});
