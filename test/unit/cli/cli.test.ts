import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SqliteStore } from '../../../src/adapters/sqlite/sqlite-store';
import { runCli } from '../../../src/cli/main';
import { listAll } from '../../../src/ports/document-store';
import { captureCliRuns } from '../../support/cli-output';
import { tempDirForTests } from '../../support/temp-dir';

describe('cli', () => {
  const dir = tempDirForTests('assurance-cli-');
  const dbPath = join(dir, 'cli.db');
  const { errors, logs } = captureCliRuns({ SQLITE_PATH: dbPath, STORE: 'sqlite', PARTNERSHIP_ID: 'cli-test' });

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

  it('imports the shipped review, recommendation and action templates in order, then refuses the same file twice', async () => {
    expect(await runCli(['import', 'members', 'templates/members.csv'])).toBe(0);
    expect(await runCli(['import', 'reviews', 'templates/reviews.csv'])).toBe(0);
    expect(await runCli(['import', 'recommendations', 'templates/recommendations.csv'])).toBe(0);
    expect(await runCli(['import', 'actions', 'templates/actions.csv'])).toBe(0);
    expect(logs.join('\n')).toMatch(/Imported 2 recommendations for 1 review/);
    expect(logs.join('\n')).toMatch(/Imported 2 actions for 1 review/);
    const store = new SqliteStore(dbPath);
    try {
      expect(await listAll(store, 'review', 'cli-test')).toHaveLength(2);
      expect(await listAll(store, 'recommendation', 'cli-test')).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: 'lscp-rr-2026-01-r2', number: 2, themes: ['neglect', 'voice-lived-experience-of-the-child'] })]),
      );
      expect(await listAll(store, 'action', 'cli-test')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ ref: 'LSCP-RR-2026-01/A1', status: 'IN_PROGRESS', currentTargetDate: '2027-03-31', agencyId: 'lancashire-constabulary', recommendationId: 'lscp-rr-2026-01-r1' }),
        ]),
      );
    } finally {
      await store.close();
    }
    expect(await runCli(['import', 'actions', 'templates/actions.csv'])).toBe(1);
    expect(errors.join('\n')).toMatch(/2\tref\tthe review already has an action LSCP-RR-2026-01\/A1/);
  });

  it('lists every bad recommendation row (unknown review, bad number, personal data, a duplicate) and writes nothing', async () => {
    process.env.PARTNERSHIP_ID = 'cli-recommendations';
    expect(await runCli(['import', 'reviews', 'templates/reviews.csv'])).toBe(0);
    const file = join(dir, 'bad-recommendations.csv');
    writeFileSync(file, [
      'review_reference,number,text,themes',
      'NO-SUCH-REVIEW,1,Share information on the day,',
      'LSCP-RR-2026-01,one,Share information on the day,',
      'LSCP-RR-2026-01,2,Make sure Mother Sarah is seen alone,',
      'LSCP-RR-2026-01,3,Escalate disagreements,',
      'LSCP-RR-2026-01,R3,Escalate disagreements again,',
    ].join('\n'));
    expect(await runCli(['import', 'recommendations', file])).toBe(1);
    const report = errors.join('\n');
    expect(report).toMatch(/2\treview_reference\tno review has this reference/);
    expect(report).toMatch(/3\tnumber\ta whole number from 1 to 99/);
    expect(report).toMatch(/4\ttext\t.*name/i);
    expect(report).not.toContain('Sarah');
    expect(report).toMatch(/6\tnumber\tthe same recommendation is already on row 5/);
    const store = new SqliteStore(dbPath);
    try {
      expect(await listAll(store, 'recommendation', 'cli-recommendations')).toHaveLength(0);
    } finally {
      await store.close();
    }
  });

  it('refuses an action that names a recommendation its review does not have', async () => {
    process.env.PARTNERSHIP_ID = 'cli-unlinked';
    expect(await runCli(['import', 'members', 'templates/members.csv'])).toBe(0);
    expect(await runCli(['import', 'reviews', 'templates/reviews.csv'])).toBe(0);
    expect(await runCli(['import', 'actions', 'templates/actions.csv'])).toBe(1);
    expect(errors.join('\n')).toMatch(/2\trecommendation\tthe review has no recommendation 1 \(import recommendations first\)/);
  });

  it('lists every bad row of an actions file, writes nothing, and reads XLSX with the same columns', async () => {
    const file = join(dir, 'bad-actions.csv');
    writeFileSync(file, [
      'review_reference,ref,scope,agency,responsible_officer_email,themes,description,success_measure,target_date,status',
      'LSCP-RR-2026-01,B1,SINGLE_AGENCY,Police,,Neglect,Check on Child Jayden weekly,Done,2027-01-01,PROPOSED',
      'LSCP-RR-2026-01,B2,WHOLE_COUNTY,Police,,Neglect,Train staff,Done,31/02/2027,CLOSED',
      'NO-SUCH-REVIEW,B3,SINGLE_AGENCY,Police,,,Train staff,Done,2027-01-01,PROPOSED',
    ].join('\n'));
    const before = await listAllActions();
    expect(await runCli(['import', 'actions', file])).toBe(1);
    const report = errors.join('\n');
    expect(report).toMatch(/2\tdescription\t.*name/);
    expect(report).not.toContain('Jayden');
    expect(report).toMatch(/3\tscope\tUnknown action scope/);
    expect(report).toMatch(/3\ttarget_date\tnot a date/);
    expect(report).toMatch(/3\tstatus\tan action starts as one of/);
    expect(report).toMatch(/4\treview_reference\tno review has this reference/);
    expect(await listAllActions()).toEqual(before);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('actions');
    sheet.addRow(['review_reference', 'ref', 'scope', 'agency', 'responsible_officer_email', 'themes', 'description', 'success_measure', 'target_date', 'status']);
    sheet.addRow(['LSCP-RR-2026-01', 'X1', 'single_agency', 'ICB', '', 'Neglect', 'Commission a neglect toolkit refresh', 'Toolkit in use', new Date('2027-02-01T00:00:00Z'), 'proposed']);
    const xlsx = join(dir, 'actions.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    expect(await runCli(['import', 'actions', xlsx])).toBe(0);
    expect(await listAllActions()).toEqual(expect.arrayContaining([expect.objectContaining({ ref: 'LSCP-RR-2026-01/X1', currentTargetDate: '2027-02-01', status: 'PROPOSED' })]));
  });

  async function listAllActions(): Promise<unknown[]> {
    const store = new SqliteStore(dbPath);
    try {
      return await listAll(store, 'action', 'cli-test');
    } finally {
      await store.close();
    }
  }

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
