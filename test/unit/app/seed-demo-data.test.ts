import { KIND } from '../../../src/app/kernel/kinds';
import { seedDemoData } from '../../../src/app/setup/seed-demo-data';
import { identifyUser } from '../../../src/app/directory/identify-user';
import { ACTION_STATUSES, Action } from '../../../src/domain/actions/action';
import { deriveRag } from '../../../src/domain/actions/rag';
import { listAll } from '../../../src/ports/document-store';
import { S11_RETURN_STATUSES } from '../../../src/domain/section11/return';
import { createTestContext } from '../../support/test-context';

describe('seedDemoData', () => {
  it('fills an empty partnership with pseudonymous reviews and actions in every state, once', async () => {
    const ctx = await createTestContext();
    const operator = { id: '00000000-0000-0000-0000-0000000000020', name: 'Demo operator' };
    expect(await seedDemoData(ctx, [operator])).toEqual({ seeded: true });
    const actions = await listAll<Action>(ctx.store, KIND.action, ctx.partnershipId);
    expect(new Set(actions.map((action) => action.status))).toEqual(new Set(ACTION_STATUSES));
    const rags = new Set(actions.map((action) => deriveRag(action, '2026-11-25').rag));
    // Withdrawn actions are not rated Blue (issue 14).
    expect(rags).toEqual(new Set(['RED', 'AMBER', 'GREEN', 'BLUE', 'WITHDRAWN']));
    const reviews = await listAll(ctx.store, KIND.review, ctx.partnershipId);
    expect(reviews.map((review) => (review as unknown as { pseudonym: string }).pseudonym).sort()).toEqual(['Baby J', 'Child A', 'Sibling group K']);
    const meetings = await listAll<{ date: string; type: string }>(ctx.store, KIND.meeting, ctx.partnershipId);
    expect(meetings.map((meeting) => meeting.type)).toEqual(['PAI', 'PAI']);
    const closed = actions.find((action) => action.status === 'CLOSED') as Action;
    expect(meetings.map((meeting) => `meeting-${meeting.date}`)).toContain(closed.closedAtMeetingId);
    const actor = await identifyUser(ctx, operator.id, 'Alex Wilber');
    expect(actor.roles).toEqual(expect.arrayContaining(['ADMIN', 'LSBU_OFFICER', 'PAI_CHAIR', 'AGENCY_REP']));
    // Section 11: an open cycle with a return in every stage, and last year's closed cycle to compare with.
    const cycles = await listAll<{ label: string; stage: string }>(ctx.store, KIND.s11Cycle, ctx.partnershipId);
    expect(cycles.map((cycle) => [cycle.label, cycle.stage])).toEqual([['2025/26', 'CLOSED'], ['2026/27', 'OPEN']]);
    const returns = await listAll<{ cycleId: string; status: string }>(ctx.store, KIND.s11Return, ctx.partnershipId, { where: { cycleId: 's11-2026-27' } });
    expect(new Set(returns.map((ret) => ret.status))).toEqual(new Set(S11_RETURN_STATUSES));
    expect(actions.filter((action) => action.sourceType === 'SECTION_11').map((action) => action.origin)).toEqual([{ cycle: '2026/27', standard: '7' }]);
    expect(await seedDemoData(ctx, [operator])).toEqual({ seeded: false });
    expect(await listAll(ctx.store, KIND.action, ctx.partnershipId)).toHaveLength(actions.length);
  });
});
