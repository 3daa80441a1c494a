import { identifyUser } from '../../../src/app/directory/identify-user';
import { showPiece } from '../../../src/app/scrutiny/piece-view';
import { showProgramme } from '../../../src/app/scrutiny/programme';
import { scrutinyReportFor } from '../../../src/app/scrutiny/report';
import { seedDemoData } from '../../../src/app/setup/seed-demo-data';
import { createTestContext } from '../../support/test-context';

/** The first recommendation's actions of the first piece, as the report lists them. */
async function scrutinyActionIds(ctx: Awaited<ReturnType<typeof createTestContext>>): Promise<string[]> {
  const pieces = await ctx.stores.scrutinyPieces.all();
  const first = pieces.sort((a, b) => a.ref.localeCompare(b.ref))[0];
  return first.recommendations[0].actionIds;
}

describe('demo scrutiny programme', () => {
  it('seeds three pieces in different stages, with triangulated findings, agreed actions and one open concern', async () => {
    const ctx = await createTestContext();
    ctx.clock.set('2026-11-30T10:00:00Z');
    const operator = { id: '00000000-0000-4000-8000-0000000000aa', name: 'Demo operator' };
    await seedDemoData(ctx, [operator]);
    const actor = await identifyUser(ctx, operator.id, operator.name);
    const programme = await showProgramme(ctx, actor, '');
    expect(programme.headline).toBe('3 of 3 pieces: target met');
    expect(programme.rows.map((row) => [row.ref, row.stage])).toEqual([['SCR-2026-1', 'Monitoring'], ['SCR-2026-2', 'Gathering evidence'], ['SCR-2026-3', 'Proposed']]);
    expect(programme.rows[1].detail).toContain('1 immediate concern open');
    const { report } = await scrutinyReportFor(ctx, '2026/27');
    expect(report.findings.map((row) => row.triangulated)).toEqual([true, true, false]);
    expect(report.recommendations.map((row) => row.actions)).toEqual([2, 1]);
    // Completion counts each recommendation's actions as they stand: one closed moves its row.
    const closing = await ctx.stores.actions.get((await scrutinyActionIds(ctx))[0]);
    await ctx.stores.actions.update(closing!, { ...closing!, status: 'CLOSED', closedOn: '2026-11-30' });
    const after = (await scrutinyReportFor(ctx, '2026/27')).report;
    expect(after.recommendations.map((row) => row.closed)).toEqual([...report.recommendations.map((row) => row.closed)].map((closed, index) => (index === 0 ? closed + 1 : closed)));
    expect(report.byDomain[0]).toMatchObject({ key: 'VOICE_OF_THE_CHILD', total: 11 });
    const neglect = await showPiece(ctx, actor, 'SCR-2026-1');
    expect(neglect.recommendations.every((row) => row.agreed)).toBe(true);
    expect(neglect.openConcerns).toEqual([]);
  });
});

describe('scrutiny digest source', () => {
  it('tells the lead and the PAI channel of an open concern, and each agency what it still owes near the evidence date', async () => {
    const { scrutinyDigest } = await import('../../../src/app/scrutiny/digest');
    const ctx = await createTestContext();
    ctx.clock.set('2026-11-30T10:00:00Z');
    await seedDemoData(ctx, []);
    const today = await scrutinyDigest({ ctx, today: '2026-11-30', now: '2026-11-30T10:00:00Z' });
    expect(today.map((entry) => [entry.to, entry.title])).toEqual([
      [{ kind: 'member', memberId: 'd0000000-0000-4000-8000-000000000001' }, 'Immediate concern open in SCR-2026-2, case C2'],
      [{ kind: 'pai-channel' }, 'Immediate concern open in SCR-2026-2, case C2'],
    ]);
    const later = await scrutinyDigest({ ctx, today: '2026-12-10', now: '2026-12-10T10:00:00Z' });
    expect(later.filter((entry) => entry.to.kind === 'agency-channel').map((entry) => [entry.to, entry.title, entry.urgency])).toEqual([
      [{ kind: 'agency-channel', agencyId: 'lancashire-constabulary' }, 'Escalation and resolving professional differences: 1 case to grade, self-evaluation to return', 10],
      [{ kind: 'agency-channel', agencyId: 'lthtr' }, 'Escalation and resolving professional differences: 1 case to grade, self-evaluation to return', 10],
    ]);
    expect(await scrutinyDigest({ ctx, today: '2026-12-10', now: '2026-12-10T10:00:00Z' })).toEqual(later);
  });
});
