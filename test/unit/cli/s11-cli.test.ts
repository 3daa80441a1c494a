import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SqliteStore } from '../../../src/adapters/sqlite/sqlite-store';
import { KIND } from '../../../src/app/kernel/kinds';
import { runCli } from '../../../src/cli/main';
import { listAll } from '../../../src/ports/document-store';
import { captureCliRuns } from '../../support/cli-output';
import { tempDirForTests } from '../../support/temp-dir';

const HEADER = 'agency,standard,self_rating,evidence,areas_for_improvement,moderated_rating,moderation_note,submitted_on';

/** Two agencies x three standards; the other five standards rated fully met so each return is complete. */
function returnsCsv(rows: string[]): string {
  return [HEADER, ...rows].join('\n');
}

describe('cli: Section 11 imports and the summary files', () => {
  const dir = tempDirForTests('assurance-s11-cli-');
  const dbPath = join(dir, 's11.db');
  const { errors, logs } = captureCliRuns({ SQLITE_PATH: dbPath, STORE: 'sqlite', PARTNERSHIP_ID: 'cli-s11', LOG_LEVEL: 'silent' });
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text, 'utf8');
    return path;
  };
  const stored = async (kind: string) => {
    const store = new SqliteStore(dbPath);
    try {
      return await listAll<Record<string, unknown>>(store, kind, 'cli-s11');
    } finally {
      await store.close();
    }
  };

  it('refuses a bad returns file with row, column and reason, and writes nothing', async () => {
    const path = file('bad.csv', returnsCsv([
      'Police,1,GOOD,Minutes,,,,2026-01-15',
      'Nowhere Agency,2,fully met,Minutes,,,,2026-01-15',
      'Police,9,fully met,Minutes,,,,2026-01-15',
      'Police,3,fully met,Minutes,,,,15th January',
      'Police,4,fully met,Discussed Jayden Smith (DOB 01/02/2015),,,,2026-01-15',
    ]));
    expect(await runCli(['import', 's11-returns', path, '--cycle', '2025/26'])).toBe(1);
    const table = errors.join('\n');
    expect(table).toContain('nothing was written');
    expect(table).toMatch(/2\tself_rating\tUnknown rating/);
    expect(table).toMatch(/3\tagency\tunknown agency/);
    expect(table).toMatch(/4\tstandard\tnot a standard/);
    expect(table).toMatch(/5\tsubmitted_on\tnot a date/);
    expect(table).toMatch(/6\tevidence\t/);
    expect(table).not.toContain('Jayden');
    expect(await stored(KIND.s11Cycle)).toEqual([]);
    expect(await stored(KIND.s11Return)).toEqual([]);
  });

  it('imports two past cycles and writes the summary as CSV, XLSX and HTML with the change from last cycle', async () => {
    const all = (agency: string, ratings: [string, string][], date: string) =>
      ratings.map(([self, moderated], index) => `${agency},${index + 1},${self},Evidence ${index + 1},,${moderated},,${date}`);
    const eight = (first: [string, string]) => [first, ...Array.from({ length: 7 }, (): [string, string] => ['FULLY_MET', 'FULLY_MET'])];
    expect(await runCli(['import', 's11-returns', file('2025.csv', returnsCsv([...all('Police', eight(['MOSTLY_MET', 'MOSTLY_MET']), '2026-01-15'), ...all('LTHTR', eight(['FULLY_MET', 'FULLY_MET']), '2026-01-20')])), '--cycle', '2025/26'])).toBe(0);
    expect(logs.join('\n')).toContain('Imported 2 Section 11 returns into cycle 2025/26.');
    expect(await runCli(['import', 's11-returns', file('2026.csv', returnsCsv([...all('Police', eight(['FULLY_MET', 'FULLY_MET']), '2027-01-10'), ...all('LTHTR', eight(['FULLY_MET', 'PARTIALLY_MET']), '2027-01-12')])), '--cycle', '2026/27'])).toBe(0);
    expect((await stored(KIND.s11Return)).map((ret) => ret.status)).toEqual(['MODERATED', 'MODERATED', 'MODERATED', 'MODERATED']);
    // Importing the same agency into the same cycle again is refused.
    expect(await runCli(['import', 's11-returns', file('again.csv', returnsCsv(all('Police', eight(['FULLY_MET', 'FULLY_MET']), '2027-01-10'))), '--cycle', '2026/27'])).toBe(1);
    expect(errors.join('\n')).toMatch(/2\tagency\talready has a return in this cycle/);

    expect(await runCli(['report', 's11-summary', '--cycle', '2026/27', '--format', 'csv', '--out', join(dir, 'csv', 's11.csv')])).toBe(0);
    expect(readdirSync(join(dir, 'csv')).sort()).toEqual(['s11-actions.csv', 's11-agencies.csv', 's11-matrix.csv', 's11-not-returned.csv', 's11-ratings.csv', 's11-standards.csv']);
    const ratings = readFileSync(join(dir, 'csv', 's11-ratings.csv'), 'utf8').split('\r\n');
    expect(ratings[0]).toBe('\uFEFFAgency,Standard,Self rating,Moderated rating,Change from last cycle');
    expect(ratings).toContain('Lancashire Constabulary,1. Senior management commitment,Fully met,Fully met,better');
    expect(ratings).toContain('Lancashire Teaching Hospitals NHS Foundation Trust,1. Senior management commitment,Fully met,Partially met,worse');
    expect(ratings).toContain('Lancashire Constabulary,2. Clear statement of responsibilities,Fully met,Fully met,same');
    const standards = readFileSync(join(dir, 'csv', 's11-standards.csv'), 'utf8').split('\r\n');
    expect(standards[0]).toBe('\uFEFFStandard,Fully met (self) %,Fully met (moderated) %,Better,Same,Worse');
    expect(standards[1]).toBe('1. Senior management commitment,100,50,1,0,1');

    expect(await runCli(['report', 's11-summary', '--cycle', '2026/27', '--format', 'xlsx', '--out', join(dir, 's11.xlsx')])).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 's11.xlsx'));
    expect(workbook.getWorksheet('Matrix')!.getRow(1).values).toEqual([undefined, 'Agency', ...Array.from({ length: 8 }, (_, index) => `Standard ${index + 1}`)]);
    expect(await runCli(['report', 's11-summary', '--cycle', '2026/27', '--format', 'html', '--out', join(dir, 's11.html')])).toBe(0);
    expect(readFileSync(join(dir, 's11.html'), 'utf8')).toContain('Section 11 summary, 2026/27');

    // The yearly data pack carries the cycle's headline figures.
    expect(await runCli(['report', 'yearly', '--period', '2026/27', '--format', 'csv', '--out', join(dir, 'yearly', 'yearly.csv')])).toBe(0);
    const headlines = readFileSync(join(dir, 'yearly', 'yearly-headlines.csv'), 'utf8');
    expect(headlines).toContain('Section 11 2026/27: returns received,2');
    expect(headlines).toContain('Section 11 2026/27: % fully met (moderated),94');
  });

  it('adds framework versions; an earlier version is left as it was', async () => {
    const csv = ['framework,standard,title,guidance,question', 'Lancashire S11,1,Leadership,Leaders own safeguarding,Who leads?', 'Lancashire S11,1,,,How is it checked?', 'Lancashire S11,2,Training,Staff are trained,'].join('\n');
    expect(await runCli(['import', 's11-framework', file('f.csv', csv)])).toBe(0);
    expect(logs.join('\n')).toContain('Added Lancashire S11 version 1 (2 standards).');
    expect(await runCli(['import', 's11-framework', file('f2.csv', csv.replace('Leadership', 'Senior leadership'))])).toBe(0);
    expect(logs.join('\n')).toContain('Added Lancashire S11 version 2 (2 standards).');
    const frameworks = (await stored(KIND.s11Framework)).filter((framework) => framework.name === 'Lancashire S11');
    expect(frameworks.map((framework) => [framework.version, (framework.standards as { title: string; questions: string[] }[])[0]])).toEqual([
      [1, { number: '1', title: 'Leadership', guidance: 'Leaders own safeguarding', questions: ['Who leads?', 'How is it checked?'] }],
      [2, { number: '1', title: 'Senior leadership', guidance: 'Leaders own safeguarding', questions: ['Who leads?', 'How is it checked?'] }],
    ]);
    expect(await runCli(['import', 's11-framework', file('bad-f.csv', 'framework,standard,title,guidance,question\nX,,Title,,')])).toBe(1);
    expect(errors.join('\n')).toMatch(/2\tstandard\trequired/);
  });
});
