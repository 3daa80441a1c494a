import { KIND } from '../../src/app/kernel/kinds';
import type { OutboxMessage } from '../../src/app/reminders/outbox';
import { conversationRecordId } from '../../src/app/directory/record-installation';
import { queueDueReminders } from '../../src/app/reminders/run-reminder-tick';
import { createDigestRenderer } from '../../src/cards/digest-card';
import type { Action } from '../../src/domain/actions/action';
import type { AssuranceRequest } from '../../src/domain/reviews/assurance-request';
import type { Review } from '../../src/domain/reviews/review';
import type { ReminderSnooze } from '../../src/domain/reminders/reminder-policy';
import { listAll } from '../../src/ports/document-store';
import { executeActivity, installationActivity, messageActivity, PEOPLE } from '../support/activities';
import { buttonData, cardText, createBotHarness } from '../support/bot-harness';
import { putAction, putMeeting, putReview, queuedCard } from '../support/reminder-fixtures';
import { addMember, addStandardMembers, createTestContext, TestContext } from '../support/test-context';

const DEPUTY = { aadObjectId: '00000000-0000-4000-8000-00000000000d', name: 'Dee Deputy' };

describe('bot: reminder cards and reminder commands', () => {
  let ctx: TestContext;
  let bot: ReturnType<typeof createBotHarness>;

  /** Queues today's digests (nobody has a chat here, so they are kept as dead NO_ROUTE) and returns each card by key. */
  async function reminderCards(): Promise<Map<string, Record<string, unknown>>> {
    await queueDueReminders(ctx, { render: createDigestRenderer(), routing: {} });
    const messages = await listAll<OutboxMessage>(ctx.store, KIND.outbox, ctx.partnershipId);
    return new Map(messages.map((message) => [message.idempotencyKey, queuedCard(message)]));
  }
  const overdueKey = `DIGEST|member:${PEOPLE.policeRep.aadObjectId}|2026-11-25`;
  const snoozes = () => listAll<ReminderSnooze>(ctx.store, KIND.reminderSnooze, ctx.partnershipId);

  beforeEach(async () => {
    ctx = await createTestContext();
    ctx.clock.set('2026-11-25T10:00:00Z');
    await addStandardMembers(ctx);
    await addMember(ctx, DEPUTY, ['RESPONSIBLE_OFFICER'], 'lancashire-constabulary');
    await putAction(ctx, { id: 'a1', agencyId: 'lancashire-constabulary', responsibleOfficerId: PEOPLE.policeRep.aadObjectId, currentTargetDate: '2026-11-24' });
    bot = createBotHarness(ctx);
  });

  it("an officer's digest lists their overdue action, opens the full list, and offers snooze and hand over to same-agency deputies only", async () => {
    const card = (await reminderCards()).get(overdueKey);
    expect(cardText(card)).toMatch(/Reminders for Pat Police[\s\S]*Your actions \(1\)[\s\S]*A1[\s\S]*1 working day overdue \(target 24 Nov 2026\)/);
    expect(JSON.stringify(card)).toContain('"value":"my actions"');
    expect(JSON.stringify(card)).toContain('"value":"OVERDUE|a1"');
    expect(JSON.stringify(card)).toContain(`"value":"${DEPUTY.aadObjectId}"`);
    expect(JSON.stringify(card)).not.toContain(PEOPLE.healthRep.aadObjectId);
  });

  it('snoozes for the officer within the limit from the digest form, and the reminder stays quiet until then', async () => {
    await reminderCards();
    const done = await bot.execute(executeActivity(PEOPLE.policeRep, 'reminder.snooze', { kind: 'digest', reminder: 'OVERDUE|a1', until: '2026-12-07' }));
    expect(cardText(done)).toMatch(/Snoozed[\s\S]*before 2026-12-07/);
    ctx.clock.set('2026-12-02T10:00:00Z'); // the next overdue repeat falls due here, but is held
    await queueDueReminders(ctx, { render: createDigestRenderer(), routing: {} });
    const digests = await listAll<OutboxMessage>(ctx.store, KIND.outbox, ctx.partnershipId);
    const officer = digests.find((message) => message.idempotencyKey === `DIGEST|member:${PEOPLE.policeRep.aadObjectId}|2026-12-02`);
    expect(officer).toBeUndefined();
    // Escalations are never snoozed: the PAI hears about it (10 working days overdue on 2026-12-08; here the agency lead rung is the officer himself).
    ctx.clock.set('2026-12-08T10:00:00Z');
    await queueDueReminders(ctx, { render: createDigestRenderer(), routing: {} });
    const keys = (await listAll<OutboxMessage>(ctx.store, KIND.outbox, ctx.partnershipId)).map((message) => message.idempotencyKey);
    expect(keys).toContain('DIGEST|pai:pai|2026-12-08');
  });

  const refusals: [string, (typeof PEOPLE)[keyof typeof PEOPLE], Record<string, unknown>, RegExp][] = [
    ['someone from another agency', PEOPLE.healthRep, { policy: 'OVERDUE', subjectId: 'a1', until: '2026-12-01' }, /Only the responsible officer/],
    ['an unregistered user', PEOPLE.stranger, { policy: 'OVERDUE', subjectId: 'a1', until: '2026-12-01' }, /Only the responsible officer/],
    ['a date beyond the limit', PEOPLE.policeRep, { policy: 'OVERDUE', subjectId: 'a1', until: '2026-12-10' }, /until 2026-12-09 at the latest/],
    ['a date that is not a date', PEOPLE.policeRep, { policy: 'OVERDUE', subjectId: 'a1', until: 'next week' }, /Snooze to a date after today/],
    ['an escalation', PEOPLE.policeRep, { policy: 'ESCALATION', subjectId: 'a1', until: '2026-12-01' }, /cannot be snoozed/],
    ['a forged policy', PEOPLE.policeRep, { policy: 'DISMISS', subjectId: 'a1', until: '2026-12-01' }, /not one the bot knows/],
    ['missing card data', PEOPLE.policeRep, { policy: 'OVERDUE' }, /card's data is not valid/],
  ];
  it.each(refusals)('refuses a snooze by %s with an error card and writes nothing', async (_name, person, data, message) => {
    const card = await bot.execute(executeActivity(person, 'reminder.snooze', data));
    expect(cardText(card)).toMatch(message);
    expect(await snoozes()).toEqual([]);
  });

  it('hands an action to a deputy in the same agency, and refuses anyone else', async () => {
    const other = await bot.execute(executeActivity(PEOPLE.policeRep, 'reminder.handover', { actionId: 'a1', deputyId: PEOPLE.healthRep.aadObjectId }));
    expect(cardText(other)).toMatch(/Choose a deputy from the action's own agency/);
    const notYours = await bot.execute(executeActivity(PEOPLE.healthRep, 'reminder.handover', { actionId: 'a1', deputyId: DEPUTY.aadObjectId }));
    expect(cardText(notYours)).toMatch(/Only the responsible officer/);
    expect((await ctx.store.get<Action>(KIND.action, ctx.partnershipId, 'a1'))?.responsibleOfficerId).toBe(PEOPLE.policeRep.aadObjectId);

    const done = await bot.execute(executeActivity(PEOPLE.policeRep, 'reminder.handover', { actionId: 'a1', deputyId: DEPUTY.aadObjectId }));
    expect(cardText(done)).toMatch(/Dee Deputy is now the responsible officer/);
    expect((await ctx.store.get<Action>(KIND.action, ctx.partnershipId, 'a1'))?.responsibleOfficerId).toBe(DEPUTY.aadObjectId);
  });

  describe('12-month assurance', () => {
    const requestId = `r1--m-${PEOPLE.policeRep.aadObjectId}`;
    const request = () => ctx.store.get<AssuranceRequest>(KIND.assuranceRequest, ctx.partnershipId, requestId);

    beforeEach(async () => {
      await putReview(ctx, { id: 'r1', reference: 'LSCP-RR-2025-07', assuranceDue: '2026-11-25' });
      await putAction(ctx, { id: 'a2', reviewId: 'r1', agencyId: 'lancashire-constabulary', responsibleOfficerId: PEOPLE.policeRep.aadObjectId, currentTargetDate: '2026-06-30', status: 'CLOSED' });
    });

    it('asks per action for completion and impact, opens the request, and takes the answer from the officer', async () => {
      const card = (await reminderCards()).get(overdueKey);
      expect(cardText(card)).toMatch(/12-month assurance for LSCP-RR-2025-07[\s\S]*snoozed but not dismissed/);
      expect(JSON.stringify(card)).toMatch(/"id":"completion_a2"[\s\S]*"id":"impact_a2"/);
      expect(await request()).toMatchObject({ actionIds: ['a2'], requestedOn: '2026-11-25' });
      const reviewStatus = async () => (await ctx.store.get<Review>(KIND.review, ctx.partnershipId, 'r1'))?.status;
      expect(await reviewStatus()).toBe('ASSURANCE_12M_REQUESTED');

      const incomplete = await bot.execute(executeActivity(PEOPLE.policeRep, 'assurance.respond', { ...buttonData(card, 'assurance.respond'), completion_a2: 'Audit done' }));
      expect(cardText(incomplete)).toMatch(/say what was done and what changed in practice/);
      expect((await request())?.respondedOn).toBeUndefined();
      const stranger = await bot.execute(executeActivity(PEOPLE.healthRep, 'assurance.respond', { requestId, completion_a2: 'x', impact_a2: 'y' }));
      expect(cardText(stranger)).toMatch(/Only the responsible officer/);

      const answered = await bot.execute(executeActivity(PEOPLE.policeRep, 'assurance.respond', {
        requestId, completion_a2: 'Supervision audit of 30 cases completed', impact_a2: 'Neglect named in 80% of supervision records',
      }));
      expect(cardText(answered)).toMatch(/Assurance received/);
      expect(await reviewStatus()).toBe('ASSURANCE_RECEIVED');
      expect(await request()).toMatchObject({ respondedBy: PEOPLE.policeRep.aadObjectId, responses: [{ actionId: 'a2', impactStatement: 'Neglect named in 80% of supervision records' }] });

      const [tracker] = await bot.send(messageActivity(PEOPLE.chair, 'assurance evaluate'));
      expect(cardText(tracker.card)).toMatch(/1 answered and waiting[\s\S]*LSCP-RR-2025-07: Pat Police[\s\S]*impact: Neglect named/);
      expect(buttonData(tracker.card, 'assurance.evaluate')).toEqual({ requestId });
      const [officerTracker] = await bot.send(messageActivity(PEOPLE.policeRep, 'assurance evaluate'));
      expect(cardText(officerTracker.card)).toMatch(/Only the PAI chair or the business unit/);
      const noRoute = await bot.execute(executeActivity(PEOPLE.chair, 'assurance.evaluate', { requestId, evaluation: 'NOT_ASSURED' }));
      expect(cardText(noRoute)).toMatch(/Say how the PAI will follow this up/);
      const notPai = await bot.execute(executeActivity(PEOPLE.policeRep, 'assurance.evaluate', { requestId, evaluation: 'ASSURED' }));
      expect(cardText(notPai)).toMatch(/Only the PAI chair or the business unit/);
      expect((await request())?.evaluation).toBeUndefined();
      const saved = await bot.execute(executeActivity(PEOPLE.chair, 'assurance.evaluate', { requestId, evaluation: 'ASSURED' }));
      expect(cardText(saved)).toMatch(/Recorded as ASSURED/);
      expect(await request()).toMatchObject({ evaluation: 'ASSURED', evaluatedBy: PEOPLE.chair.aadObjectId });
      const [empty] = await bot.send(messageActivity(PEOPLE.chair, 'assurance evaluate'));
      expect(cardText(empty.card)).toMatch(/No 12-month requests are open/);
    });

    it('can be snoozed within its own, longer limit, but has no way to be dismissed', async () => {
      const card = (await reminderCards()).get(overdueKey);
      expect(JSON.stringify(card)).not.toMatch(/"verb":"[^"]*dismiss/i);
      expect(JSON.stringify(card)).toContain(`"value":"ASSURANCE_12M|${requestId}"`);
      const tooLong = await bot.execute(executeActivity(PEOPLE.policeRep, 'reminder.snooze', { reminder: `ASSURANCE_12M|${requestId}`, until: '2027-01-05' }));
      expect(cardText(tooLong)).toMatch(/until 2026-12-23 at the latest/);
      const ok = await bot.execute(executeActivity(PEOPLE.policeRep, 'reminder.snooze', { reminder: `ASSURANCE_12M|${requestId}`, until: '2026-12-23' }));
      expect(cardText(ok)).toMatch(/Snoozed/);
    });
  });

  it('meeting add for the business unit, meetings for everyone registered', async () => {
    const [added] = await bot.send(messageActivity(PEOPLE.lsbu, 'meeting add 2026-12-10'));
    expect(added.text).toMatch(/Recorded: PAI subgroup meeting on 2026-12-10\. The PAI channel will get a digest 3 working days before/);
    const [again] = await bot.send(messageActivity(PEOPLE.lsbu, 'meeting add 10/12/2026'));
    expect(cardText(again.card)).toMatch(/already recorded on 2026-12-10/);
    const [past] = await bot.send(messageActivity(PEOPLE.lsbu, 'meeting add 2026-11-01'));
    expect(cardText(past.card)).toMatch(/That date has passed/);
    const [bad] = await bot.send(messageActivity(PEOPLE.lsbu, 'meeting add soon'));
    expect(cardText(bad.card)).toMatch(/Give the meeting date/);
    const [refused] = await bot.send(messageActivity(PEOPLE.policeRep, 'meeting add 2026-12-17'));
    expect(cardText(refused.card)).toMatch(/Only the business unit/);
    expect(await listAll(ctx.store, KIND.meeting, ctx.partnershipId)).toHaveLength(1);
    const [listed] = await bot.send(messageActivity(PEOPLE.policeRep, 'meetings'));
    expect(listed.text).toMatch(/2026-12-10: PAI subgroup meeting/);
  });

  it('sends the PAI digest to the channel linked with "link pai channel"', async () => {
    const channel = { scope: 'channel' as const, conversationId: '19:pai-meeting@thread.tacv2' };
    await bot.send(installationActivity(PEOPLE.lsbu, 'add', channel));
    await bot.send(messageActivity(PEOPLE.chair, 'link pai channel', channel));
    await putMeeting(ctx, '2026-11-30');
    await queueDueReminders(ctx, { render: createDigestRenderer(), routing: {} });
    const digest = (await listAll<OutboxMessage>(ctx.store, KIND.outbox, ctx.partnershipId)).find((message) => message.idempotencyKey === 'DIGEST|pai:pai|2026-11-25');
    expect(digest).toMatchObject({ status: 'pending', conversationRecordId: conversationRecordId(channel.conversationId) });
  });

  it('delivery report for admins and the business unit only', async () => {
    await reminderCards();
    const [report] = await bot.send(messageActivity(PEOPLE.admin, 'delivery report'));
    expect(cardText(report.card)).toMatch(/Delivery report[\s\S]*0 sent[\s\S]*1 failed[\s\S]*Daily digest · Lancashire Constabulary\n0 sent · 0 pending · 1 failed · 0 gone/);
    const [refused] = await bot.send(messageActivity(PEOPLE.policeRep, 'delivery report'));
    expect(cardText(refused.card)).toMatch(/Only the business unit/);
  });
});
