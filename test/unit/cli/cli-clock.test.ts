import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStore } from '../../../src/adapters/sqlite/sqlite-store';
import { runCli } from '../../../src/cli/main';
import type { Action } from '../../../src/domain/actions/action';
import { listAll } from '../../../src/ports/document-store';
import { captureCliRuns } from '../../support/cli-output';
import { tempDirForTests } from '../../support/temp-dir';

describe('cli: the bot composition, CLOCK_NOW and agreed_on', () => {
  const dir = tempDirForTests('assurance-cli-clock-');
  const dbPath = join(dir, 'cli.db');
  const { errors } = captureCliRuns({ SQLITE_PATH: dbPath, STORE: 'sqlite', PARTNERSHIP_ID: 'cli-clock', CLOCK_NOW: '2025-06-02T09:00:00Z' });

  async function actions(): Promise<Action[]> {
    const store = new SqliteStore(dbPath);
    try {
      return await listAll<Action>(store, 'action', 'cli-clock');
    } finally {
      await store.close();
    }
  }

  it('stamps imports with CLOCK_NOW, as the bot would, and records when each action was agreed', async () => {
    expect(await runCli(['import', 'members', 'templates/members.csv'])).toBe(0);
    expect(await runCli(['import', 'reviews', 'templates/reviews.csv'])).toBe(0);
    expect(await runCli(['import', 'recommendations', 'templates/recommendations.csv'])).toBe(0);
    expect(await runCli(['import', 'actions', 'templates/actions.csv'])).toBe(0);
    const byRef = new Map((await actions()).map((action) => [action.ref.split('/').pop(), action]));
    expect(byRef.get('A1')).toMatchObject({ createdAt: expect.stringMatching(/^2025-06-02T09:00:0/), agreedOn: '2026-01-15' });
    expect(byRef.get('A2')?.agreedOn).toBeUndefined(); // proposed: not agreed yet
  });

  it('defaults agreed_on to the import day (on CLOCK_NOW) and refuses a date it cannot read', async () => {
    const good = join(dir, 'good.csv');
    writeFileSync(good, 'review_reference,ref,agency,responsible_officer_email,description,success_measure,target_date,status,scope,themes\nLSCP-RR-2026-01,A9,Lancashire Constabulary,sam.example@lancashire.police.uk,Refresh training,Audit shows use,2027-01-31,AGREED,SINGLE_AGENCY,\n');
    expect(await runCli(['import', 'actions', good])).toBe(0);
    expect((await actions()).find((action) => action.ref.endsWith('/A9'))?.agreedOn).toBe('2025-06-02');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'review_reference,ref,agency,responsible_officer_email,description,success_measure,target_date,status,scope,themes,agreed_on\nLSCP-RR-2026-01,A10,Lancashire Constabulary,sam.example@lancashire.police.uk,Refresh training,Audit shows use,2027-01-31,AGREED,SINGLE_AGENCY,,last spring\n');
    expect(await runCli(['import', 'actions', bad])).toBe(1);
    expect(errors.join('\n')).toMatch(/2\tagreed_on\tnot a date/);
  });
});
