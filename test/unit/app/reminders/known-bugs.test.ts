import { KIND } from '../../../../src/app/kernel/kinds';
import type { OutboxMessage } from '../../../../src/app/reminders/outbox';
import { assuranceTracker } from '../../../../src/app/reports/reports';
import { queueDueReminders } from '../../../../src/app/reminders/run-reminder-tick';
import { createDigestRenderer } from '../../../../src/cards/digest-card';
import { listAll } from '../../../../src/ports/document-store';
import { PEOPLE } from '../../../support/activities';
import { cardText } from '../../../support/bot-harness';
import { putAction, putMeeting, putReview, queuedCard } from '../../../support/reminder-fixtures';
import { addStandardMembers, createTestContext, TestContext } from '../../../support/test-context';

/** The two defects the November code review pinned (§5): each test failed before its fix. */
describe('reminders: known bugs', () => {
  let ctx: TestContext;
  const render = createDigestRenderer();

  beforeEach(async () => {
    ctx = await createTestContext();
    ctx.clock.set('2026-11-25T10:00:00Z'); // Wednesday, in the send window
    await addStandardMembers(ctx);
  });

  it('the PAI digest counts every overdue action in its intro, not the first 25', async () => {
    for (let index = 0; index < 40; index += 1) {
      await putAction(ctx, { id: `late-${String(index).padStart(2, '0')}`, agencyId: 'lancashire-constabulary', responsibleOfficerId: PEOPLE.policeRep.aadObjectId, currentTargetDate: '2026-11-02' });
    }
    await putMeeting(ctx, '2026-11-30');
    await queueDueReminders(ctx, { render, routing: {} });
    const messages = await listAll<OutboxMessage>(ctx.store, KIND.outbox, ctx.partnershipId);
    const toPai = messages.filter((message) => message.recipient.kind === 'pai');
    const text = toPai.map((message) => cardText(queuedCard(message))).join('\n');
    expect(text).toMatch(/40 overdue actions/);
    expect(text).not.toMatch(/25 overdue actions/);
  });

  it('an unanswered 12-month request is not late the day after it was sent, only once its answer is due', async () => {
    await putReview(ctx, { id: 'r1', reference: 'LSCP-RR-2025-07', completedOn: '2025-11-25', assuranceDue: '2026-11-25' });
    await putAction(ctx, { id: 'a2', reviewId: 'r1', agencyId: 'lancashire-constabulary', responsibleOfficerId: PEOPLE.policeRep.aadObjectId, currentTargetDate: '2026-06-30', status: 'CLOSED' });
    await queueDueReminders(ctx, { render, routing: {} });
    const late = async () => (await assuranceTracker(ctx, { aadObjectId: PEOPLE.chair.aadObjectId, name: PEOPLE.chair.name, roles: ['PAI_CHAIR'] })).rows.find((row) => row.reviewId === 'r1')?.lateResponses;

    ctx.clock.set('2026-11-26T10:00:00Z');
    expect(await late()).toBe(0);
    ctx.clock.set('2026-12-09T10:00:00Z'); // the 10th working day: the answer is due today
    expect(await late()).toBe(0);
    ctx.clock.set('2026-12-10T10:00:00Z');
    expect(await late()).toBe(1);
  });
});
