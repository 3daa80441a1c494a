import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStore } from '../../../src/adapters/sqlite/sqlite-store';
import { KIND } from '../../../src/app/kernel/kinds';
import { runCli } from '../../../src/cli/main';
import type { CaseAudit } from '../../../src/domain/scrutiny/case-audit';
import type { ScrutinyPiece } from '../../../src/domain/scrutiny/piece';
import { listAll } from '../../../src/ports/document-store';
import { captureCliRuns } from '../../support/cli-output';
import { tempDirForTests } from '../../support/temp-dir';

describe('cli: scrutiny imports and report files', () => {
  const dir = tempDirForTests('assurance-scrutiny-cli-');
  const dbPath = join(dir, 'scrutiny.db');
  const { errors, logs } = captureCliRuns({ SQLITE_PATH: dbPath, STORE: 'sqlite', PARTNERSHIP_ID: 'cli-scrutiny', LOG_LEVEL: 'silent', CLOCK_NOW: '2026-11-30T10:00:00Z' });

  async function read<T extends object>(kind: string): Promise<T[]> {
    const store = new SqliteStore(dbPath);
    try {
      return await listAll<T>(store, kind, 'cli-scrutiny');
    } finally {
      await store.close();
    }
  }

  it('imports the shipped programme template, refuses it twice, and refuses bad rows with row, column and reason', async () => {
    expect(await runCli(['import', 'members', 'templates/members.csv'])).toBe(0);
    expect(await runCli(['import', 'scrutiny-programme', 'templates/scrutiny-programme.csv'])).toBe(0);
    expect(logs.join('\n')).toMatch(/Imported 2 pieces of scrutiny/);
    const pieces = await read<ScrutinyPiece>(KIND.scrutinyPiece);
    expect(pieces.map((piece) => [piece.ref, piece.stage, piece.tools.length, piece.agencyIds.length])).toEqual([['SCR-2026-1', 'PROPOSED', 3, 2], ['SCR-2026-2', 'PROPOSED', 3, 2]]);
    expect(await runCli(['import', 'scrutiny-programme', 'templates/scrutiny-programme.csv'])).toBe(1);
    expect(errors.join('\n')).toMatch(/2\tref\ta piece with this ref already exists/);

    const bad = join(dir, 'bad-programme.csv');
    writeFileSync(bad, 'ref,period,title,themes,tools,lead_email,agencies,evidence_due,report_due\nSCR-2026-7,2026,Audit of NHS 943 476 5919,Neglect,SURVEY,nobody@nhs.net,Nowhere,2027-03-01,2027-02-01\n');
    expect(await runCli(['import', 'scrutiny-programme', bad])).toBe(1);
    const printed = errors.join('\n');
    for (const column of ['period', 'title', 'tools', 'lead_email', 'agencies']) expect(printed).toMatch(new RegExp(`2\\t${column}\\t`));
    expect(printed).not.toContain('943 476 5919');
    expect(await read(KIND.scrutinyPiece)).toHaveLength(2);
  });

  it('imports grades all or nothing, refusing case codes that look like names or identifiers', async () => {
    const bad = join(dir, 'bad-grades.csv');
    writeFileSync(bad, 'piece_ref,case_code,agency,domain,grade\nSCR-2026-1,C1,Lancashire Constabulary,IMPACT,GOOD\nSCR-2026-1,Jo Bloggs,Lancashire Constabulary,IMPACT,GOOD\nSCR-2026-1,C2,Cafcass,IMPACT,GREAT\nSCR-2026-1,C1,Lancashire Constabulary,IMPACT,GOOD\n');
    expect(await runCli(['import', 'scrutiny-grades', bad])).toBe(1);
    const printed = errors.join('\n');
    expect(printed).toMatch(/3\tcase_code\t/);
    expect(printed).toMatch(/4\tagency\tthis agency does not take part/);
    expect(printed).toMatch(/4\tgrade\tUnknown grade/);
    expect(printed).toMatch(/5\tdomain\tthis case, agency and domain is already graded on row 2/);
    expect(printed).not.toContain('Bloggs');
    expect(await read(KIND.scrutinyCaseAudit)).toEqual([]);

    expect(await runCli(['import', 'scrutiny-grades', 'templates/scrutiny-grades.csv'])).toBe(0);
    expect(logs.join('\n')).toMatch(/Imported 3 grades into 2 case audits/);
    const audits = await read<CaseAudit>(KIND.scrutinyCaseAudit);
    expect(audits.find((audit) => audit.caseCode === 'C1')?.grades).toEqual({ VOICE_OF_THE_CHILD: 'GOOD', ASSESSMENT: 'REQUIRES_IMPROVEMENT' });
    expect((await read<ScrutinyPiece>(KIND.scrutinyPiece)).find((piece) => piece.ref === 'SCR-2026-1')?.caseCodes).toEqual(['C1', 'C2']);
  });

  it('imports feedback once the piece is agreed, and writes the scrutiny report as CSV with the grade table', async () => {
    expect(await runCli(['import', 'scrutiny-feedback', 'templates/scrutiny-feedback.csv'])).toBe(1);
    expect(errors.join('\n')).toMatch(/2\tpiece_ref\tEvidence is recorded from Agreed to Triangulation/);
    const store = new SqliteStore(dbPath);
    const piece = (await listAll<ScrutinyPiece>(store, KIND.scrutinyPiece, 'cli-scrutiny')).find((item) => item.ref === 'SCR-2026-1') as ScrutinyPiece & { etag: string };
    const { etag, ...doc } = piece;
    await store.update(KIND.scrutinyPiece, 'cli-scrutiny', { ...doc, stage: 'EVIDENCE' }, { ifMatch: etag });
    await store.close();
    expect(await runCli(['import', 'scrutiny-feedback', 'templates/scrutiny-feedback.csv'])).toBe(0);
    expect((await read<ScrutinyPiece>(KIND.scrutinyPiece)).find((item) => item.ref === 'SCR-2026-1')?.feedback).toEqual([expect.objectContaining({ id: 'F1', source: 'PRACTITIONER_FEEDBACK', respondents: 24 })]);

    const out = join(dir, 'csv', 'scrutiny.csv');
    expect(await runCli(['report', 'scrutiny', '--period', '2026/27', '--format', 'csv', '--out', out])).toBe(0);
    expect(readdirSync(join(dir, 'csv')).sort()).toEqual(['scrutiny-findings.csv', 'scrutiny-grades-by-agency.csv', 'scrutiny-grades-by-domain.csv', 'scrutiny-programme.csv', 'scrutiny-recommendations.csv']);
    const grades = readFileSync(join(dir, 'csv', 'scrutiny-grades-by-domain.csv'), 'utf8').split('\r\n');
    expect(grades[0]).toBe('\uFEFFDomain,Outstanding,Good,Requires improvement,Inadequate,Good or better %');
    expect(grades[1]).toBe('Voice of the child,1,1,0,0,100%');
    expect(grades[2]).toBe('Assessment,0,0,1,0,0%');
    expect(grades[3]).toBe('Planning and intervention,0,0,0,0,');
    expect(await runCli(['report', 'scrutiny', '--period', '2026/27', '--format', 'html', '--out', join(dir, 'scrutiny.html')])).toBe(0);
    expect(readFileSync(join(dir, 'scrutiny.html'), 'utf8')).toContain('Scrutiny programme, 2026/27');
    expect(await runCli(['report', 'scrutiny', '--period', '2026/27', '--format', 'xlsx', '--out', join(dir, 'scrutiny.xlsx')])).toBe(0);
  });
});
