import { KIND } from '../../../src/app/kinds';
import { seedDemoData } from '../../../src/app/seed-demo-data';
import { identifyUser } from '../../../src/app/identify-user';
import { ACTION_STATUSES, Action } from '../../../src/domain/action';
import { deriveRag } from '../../../src/domain/rag';
import { listAll } from '../../../src/ports/document-store';
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
    expect(await seedDemoData(ctx, [operator])).toEqual({ seeded: false });
    expect(await listAll(ctx.store, KIND.action, ctx.partnershipId)).toHaveLength(actions.length);
  });
});
