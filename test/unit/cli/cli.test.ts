import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SqliteStore } from '../../../src/adapters/sqlite/sqlite-store';
import { runCli } from '../../../src/cli/main';
import { listAll } from '../../../src/ports/document-store';

describe('cli', () => {
  const dir = mkdtempSync(join(tmpdir(), 'assurance-cli-'));
  const dbPath = join(dir, 'cli.db');
  const saved = { ...process.env };
  let errors: string[];
  let logs: string[];

  beforeEach(() => {
    process.env.SQLITE_PATH = dbPath;
    process.env.STORE = 'sqlite';
    process.env.PARTNERSHIP_ID = 'cli-test';
    errors = [];
    logs = [];
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.join(' ')));
    jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logs.push(args.join(' ')));
  });
  afterEach(() => {
    process.env = { ...saved };
    jest.restoreAllMocks();
  });

  async function members(): Promise<unknown[]> {
    const store = new SqliteStore(dbPath);
    try {
      return await listAll(store, 'member', 'cli-test');
    } finally {
      await store.close();
    }
  }

  it('imports the shipped members template', async () => {
    expect(await runCli(['import', 'members', 'templates/members.csv'])).toBe(0);
    expect(logs.join('\n')).toMatch(/Imported 2 members/);
    expect(await members()).toHaveLength(2);
  });

  it('imports the same columns from an XLSX file', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('members');
    sheet.addRow(['AAD Object ID', 'Name', 'Email', 'Agency', 'Roles']);
    sheet.addRow(['8b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091', 'Kim Xlsx', 'kim@nhs.net', 'ICB', 'viewer']);
    const file = join(dir, 'members.xlsx');
    await workbook.xlsx.writeFile(file);
    expect(await runCli(['import', 'members', file])).toBe(0);
    expect(await members()).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Kim Xlsx', agencyId: 'lsc-icb', roles: ['VIEWER'] })]));
  });

  it('prints row, column and reason for a bad file and exits 1', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'aad_object_id,name,email,agency,roles\nnot-a-guid,X,x@nhs.net,,VIEWER\n');
    const before = (await members()).length;
    expect(await runCli(['import', 'members', file])).toBe(1);
    expect(errors.join('\n')).toMatch(/2\taad_object_id\tnot an AAD object id/);
    expect((await members()).length).toBe(before);
  });

  it('explains unknown verbs, missing files and bad configuration', async () => {
    expect(await runCli(['frobnicate'])).toBe(2);
    expect(errors.join('\n')).toMatch(/Unknown command: frobnicate/);
    expect(await runCli(['import', 'members', join(dir, 'missing.csv')])).toBe(1);
    expect(errors.join('\n')).toMatch(/File not found/);
    process.env.STORE = 'cosmos';
    expect(await runCli(['import', 'members', 'templates/members.csv'])).toBe(1);
    expect(errors.join('\n')).toMatch(/COSMOS_ENDPOINT: required when STORE=cosmos/);
  });
});
