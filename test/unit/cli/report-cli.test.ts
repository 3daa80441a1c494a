import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SqliteStore } from '../../../src/adapters/sqlite/sqlite-store';
import { KIND } from '../../../src/app/kernel/kinds';
import { runCli } from '../../../src/cli/main';
import { ACTIONS, MEMBERS, PROGRESS, REVIEWS } from '../../fixtures/reports-dataset';
import { captureCliRuns } from '../../support/cli-output';
import { tempDirForTests } from '../../support/temp-dir';

describe('cli: report files for the business unit', () => {
  const dir = tempDirForTests('assurance-report-cli-');
  const dbPath = join(dir, 'reports.db');
  // Mirrors on, as with Cosmos DB, so `rebuild summaries` fills them on this SQLite store too.
  const { errors, logs } = captureCliRuns({ SQLITE_PATH: dbPath, STORE: 'sqlite', PARTNERSHIP_ID: 'cli-reports', LOG_LEVEL: 'silent', REPORT_MIRRORS: 'on' });

  beforeAll(async () => {
    const store = new SqliteStore(dbPath);
    for (const [kind, docs] of [[KIND.member, MEMBERS], [KIND.review, REVIEWS], [KIND.action, ACTIONS], [KIND.progress, PROGRESS]] as const) {
      for (const doc of docs) await store.upsert(kind, 'cli-reports', doc);
    }
    await store.close();
  });

  it('writes the quarterly theme report as XLSX: a summary and one sheet per table, header row, frozen panes, widths', async () => {
    const out = join(dir, 'q2.xlsx');
    expect(await runCli(['report', 'quarterly-themes', '--period', 'Q2 2026/27', '--format', 'xlsx', '--out', out])).toBe(0);
    expect(logs.join('\n')).toMatch(/Quarterly review theme report, Q2 2026\/27: wrote .*q2\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Summary', 'By agency', 'Agency by theme', 'Agency by theme, open', 'Agency by theme, overdue', 'Movement', 'Top themes', '12-month next quarter', 'PAI decisions', 'Agency x theme',
    ]);
    // Issue 14: agency by theme as a matrix (agencies as rows, themes as columns, most actions first, totals).
    const matrix = workbook.getWorksheet('Agency by theme')!;
    const rows = [1, 2, 3, 4, 5].map((n) => (matrix.getRow(n).values as unknown[]).slice(1));
    expect(rows).toEqual([
      ['Agency', 'Domestic abuse', 'Neglect', 'Information sharing', 'All themes (each action once)'],
      ['Lancashire Constabulary', 0, 2, 1, 2],
      ["Lancashire County Council Children's Social Care", 2, 1, 1, 2],
      ['Lancashire Teaching Hospitals NHS Foundation Trust', 2, 1, 0, 3],
      ['All agencies', 4, 4, 2, 7],
    ]);
    expect((workbook.getWorksheet('Agency by theme, overdue')!.getRow(5).values as unknown[]).slice(1)).toEqual(['All agencies', 1, 1, 1, 2]);
    const byAgency = workbook.getWorksheet('By agency')!;
    expect(byAgency.getRow(1).values).toEqual([undefined, 'Agency', 'Total', 'Open', 'Overdue', 'Closed', 'Withdrawn', 'Red', 'Amber', 'Green', 'Blue']);
    expect(byAgency.getRow(1).font?.bold).toBe(true);
    expect(byAgency.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(byAgency.getColumn(1).width).toBeGreaterThan(20);
    expect(byAgency.getRow(2).values).toEqual([undefined, 'Lancashire Constabulary', 2, 2, 1, 0, 0, 1, 0, 1, 0]);
    expect(byAgency.getRow(5).values).toEqual([undefined, 'All agencies', 7, 6, 2, 1, 0, 3, 1, 2, 1]);
  });

  it('writes CSV, one file per table', async () => {
    expect(await runCli(['report', 'overdue', '--format', 'csv', '--out', join(dir, 'csv', 'overdue.csv')])).toBe(0);
    expect(readdirSync(join(dir, 'csv'))).toEqual(['overdue.csv']);
    const text = readFileSync(join(dir, 'csv', 'overdue.csv'), 'utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFAgency,Action,Review,Responsible officer,Original target,Current target,Days overdue,Extensions,Last update');
    expect(text).toContain('Lancashire Constabulary,LSCP-RR-2025-01/A1,LSCP-RR-2025-01 (Child A),Pat Police,2026-08-31,2026-08-31,');
    expect(await runCli(['report', 'yearly', '--period', '2026/27', '--format', 'csv', '--out', join(dir, 'csv', 'yearly.csv')])).toBe(0);
    expect(readdirSync(join(dir, 'csv')).sort()).toEqual(['overdue.csv', 'yearly-headlines.csv', 'yearly-lcsprs.csv', 'yearly-rapid-reviews.csv', 'yearly-scrutiny-findings.csv', 'yearly-scrutiny-recommendations.csv', 'yearly-themes.csv']);
  });

  it('writes the agency-by-theme matrix for one source with --source', async () => {
    const out = join(dir, 'csv-s11', 'themes.csv');
    expect(await runCli(['report', 'quarterly-themes', '--period', 'Q2 2026/27', '--source', 'section-11', '--format', 'csv', '--out', out])).toBe(0);
    const matrix = readFileSync(join(dir, 'csv-s11', 'themes-agency-by-theme.csv'), 'utf8').split('\r\n');
    expect(matrix[0]).toBe('\uFEFFAgency,No theme recorded,All themes (each action once)');
    expect(matrix).toContain('Lancashire Constabulary,1,1');
    expect(await runCli(['report', 'overdue', '--source', 'scrutiny', '--format', 'csv', '--out', join(dir, 'x.csv')])).toBe(1);
    expect(errors.join('\n')).toMatch(/--source goes with quarterly-themes only/);
  });

  it('writes a printable HTML page with the charts as inline SVG', async () => {
    const out = join(dir, 'status.html');
    expect(await runCli(['report', 'status', '--format', 'html', '--out', out])).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg role="img" aria-label="RAG of open actions"');
    expect(html).toMatch(/<td class="rag rag-red">Red – off track<\/td>/);
    expect(html).not.toMatch(/<script/i);
  });

  it('refuses an unknown period with a suggestion, an unknown report and a bad format, with exit code 1', async () => {
    expect(await runCli(['report', 'quarterly-themes', '--period', 'Q9', '--format', 'csv', '--out', join(dir, 'x.csv')])).toBe(1);
    expect(errors.join('\n')).toMatch(/Did you mean Q\d \d{4}\/\d{2}/);
    expect(await runCli(['report', 'monthly', '--format', 'csv'])).toBe(1);
    expect(errors.join('\n')).toMatch(/There is no report with that name/);
    expect(await runCli(['report', 'overdue', '--format', 'pdf'])).toBe(1);
    expect(errors.join('\n')).toMatch(/--format is one of xlsx, csv, html/);
  });

  it('rebuild summaries fills the report mirrors, and the reports then read from them print the same files', async () => {
    // The status report's tables, one CSV file each, by table.
    const status = async (name: string) => {
      expect(await runCli(['report', 'status', '--format', 'csv', '--out', join(dir, name, 'status.csv')])).toBe(0);
      return readdirSync(join(dir, name)).sort().map((file) => [file, readFileSync(join(dir, name, file), 'utf8')]);
    };
    const fromRecords = await status('from-records');
    expect(await runCli(['rebuild', 'summaries'])).toBe(0);
    expect(logs.join('\n')).toMatch(/Rebuilt 8 report summaries as at \d{4}-\d{2}-\d{2} from 10 actions and 6 reviews, and \d+ mirror shards of 16 kinds/);
    const fromMirrors = await status('from-mirrors');
    expect(fromMirrors).toEqual(fromRecords);
    expect(fromMirrors.length).toBeGreaterThan(1);
    expect(JSON.stringify(fromMirrors)).toContain('LSCP-RR-2025-01');
  });
});
