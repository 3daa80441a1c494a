import { identifyUser } from '../../src/app/directory/identify-user';
import { KIND } from '../../src/app/kernel/kinds';
import { importRecommendations } from '../../src/app/reviews/recommendations';
import type { PostedCardRecord } from '../../src/app/actions/post-actions';
import type { OutboxMessage } from '../../src/app/reminders/outbox';
import type { Action } from '../../src/domain/actions/action';
import type { Review } from '../../src/domain/reviews/review';
import { listAll } from '../../src/ports/document-store';
import { executeActivity, installationActivity, messageActivity, PEOPLE, Person, submitActivity } from '../support/activities';
import { buttonData, cardText, createBotHarness } from '../support/bot-harness';
import { REVIEW_REF, seedReviewWithActions } from '../support/review-fixtures';
import { addMember, createTestContext, TestContext } from '../support/test-context';

function hasButton(card: Record<string, unknown> | undefined, verb: string): boolean {
  return JSON.stringify(card ?? {}).includes(`"verb":"${verb}"`);
}

describe('bot: review action plans', () => {
  let ctx: TestContext;
  let bot: ReturnType<typeof createBotHarness>;
  const A1 = `${REVIEW_REF}/A1`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');

  beforeEach(async () => {
    ctx = await createTestContext();
    await seedReviewWithActions(ctx);
    bot = createBotHarness(ctx);
  });

  async function actionCardFor(person: Person, ref = 'A1') {
    const [reply] = await bot.send(messageActivity(person, `action ${ref}`));
    return reply.card as Record<string, unknown>;
  }

  it('offers the new review form to the business unit only', async () => {
    const [form] = await bot.send(messageActivity(PEOPLE.lsbu, 'new review'));
    expect(hasButton(form.card, 'review.create')).toBe(true);
    const [refused] = await bot.send(messageActivity(PEOPLE.policeRep, 'new review'));
    expect(cardText(refused.card)).toMatch(/Not allowed/);
  });

  it('creates a review from the card, and returns the form with the reason when a field is wrong', async () => {
    const card = await bot.execute(executeActivity(PEOPLE.lsbu, 'review.create', { reference: 'LSCP-RR-2026-09', type: 'RAPID_REVIEW', pseudonym: 'Baby J', sin_date: '2026-11-02', themes: 'neglect,safe-sleep-sudi' }));
    expect(cardText(card)).toContain('Review created');
    const review = await ctx.store.get<Review>(KIND.review, ctx.partnershipId, 'lscp-rr-2026-09');
    expect(review).toMatchObject({ pseudonym: 'Baby J', status: 'RR_IN_PROGRESS', rrDue: '2026-11-23', themes: ['neglect', 'safe-sleep-sudi'] });

    const refused = await bot.execute(executeActivity(PEOPLE.lsbu, 'review.create', { reference: 'LSCP-RR-2026-10', type: 'RAPID_REVIEW', pseudonym: 'Jayden Smith' }));
    expect(cardText(refused)).toMatch(/pseudonym is a label, not a name/);
    expect(JSON.stringify(refused)).toContain('LSCP-RR-2026-10');
    expect(await ctx.store.get(KIND.review, ctx.partnershipId, 'lscp-rr-2026-10')).toBeUndefined();
  });

  it('adds an action from the card and lists it on the review', async () => {
    const [form] = await bot.send(messageActivity(PEOPLE.lsbu, `add action ${REVIEW_REF}`));
    const data = buttonData(form.card as Record<string, unknown>, 'action.create');
    const card = await bot.execute(executeActivity(PEOPLE.lsbu, 'action.create', {
      ...data,
      ref: 'A5',
      scope: 'PARTNERSHIP',
      agency: 'lsc-icb',
      responsible_officer_email: 'pat@lancashire.gov.uk',
      description: 'Publish a seven-minute briefing on the review learning',
      success_measure: 'Briefing published and shared with all partner agencies',
      target_date: '2027-02-28',
    }));
    expect(cardText(card)).toContain(`Action ${REVIEW_REF}/A5 added`);
    const [plan] = await bot.send(messageActivity(PEOPLE.chair, `review ${REVIEW_REF}`));
    expect(cardText(plan.card)).toContain(`${REVIEW_REF}/A5`);
  });

  it('lists a review\'s recommendations with the actions that answer them, and links a new action from the form', async () => {
    const lsbu = await identifyUser(ctx, PEOPLE.lsbu.aadObjectId, PEOPLE.lsbu.name);
    await importRecommendations(ctx, lsbu, [
      { review_reference: REVIEW_REF, number: '1', text: 'Share information about risk with children\'s social care on the day it is known', themes: 'Information sharing' },
      { review_reference: REVIEW_REF, number: 'R2', text: 'Check practitioners recognise neglect', themes: '' },
    ]);
    const [form] = await bot.send(messageActivity(PEOPLE.lsbu, `add action ${REVIEW_REF}`));
    expect(JSON.stringify(form.card)).toContain('R2. Check practitioners recognise neglect');
    const data = buttonData(form.card as Record<string, unknown>, 'action.create');
    const added = await bot.execute(executeActivity(PEOPLE.lsbu, 'action.create', {
      ...data, ref: 'A6', agency: 'lancashire-constabulary', responsible_officer_email: 'pat@lancashire.gov.uk', recommendation: '2',
      description: 'Brief response officers on neglect indicators', success_measure: 'Dip sample shows indicators recorded', target_date: '2027-02-28',
    }));
    expect(cardText(added)).toContain(`Action ${REVIEW_REF}/A6 added`);
    const [plan] = await bot.send(messageActivity(PEOPLE.healthRep, `review ${REVIEW_REF}`));
    const text = cardText(plan.card);
    expect(text).toContain('Recommendations');
    expect(text).toMatch(/R1\.\*\* Share information about risk[^\n]*no action yet/);
    expect(text).toMatch(/R2\.\*\* Check practitioners recognise neglect[^\n]*actions A6/);

    const refused = await bot.execute(executeActivity(PEOPLE.lsbu, 'action.create', {
      ...data, ref: 'A7', agency: 'lancashire-constabulary', responsible_officer_email: 'pat@lancashire.gov.uk', recommendation: '9',
      description: 'Another action', success_measure: 'Done', target_date: '2027-02-28',
    }));
    expect(cardText(refused)).toMatch(/recommendation the review has no recommendation 9/);
    expect(await ctx.store.get(KIND.action, ctx.partnershipId, A1.replace(/a1$/, 'a7'))).toBeUndefined();
  });

  it('lists my actions, an agency\'s actions, and shows each user the controls their role allows', async () => {
    const [mine] = await bot.send(messageActivity(PEOPLE.policeRep, 'my actions'));
    expect(cardText(mine.card)).toMatch(/A1[\s\S]*|A2/);
    expect(cardText(mine.card)).not.toContain('/A3');
    const [which] = await bot.send(messageActivity(PEOPLE.chair, 'actions'));
    expect(cardText(which.card)).toContain('Say which one: "actions ‹agency›"');
    const [health] = await bot.send(messageActivity(PEOPLE.chair, 'actions LTHTR'));
    expect(cardText(health.card)).toContain('/A3');

    expect(hasButton(await actionCardFor(PEOPLE.policeRep), 'action.update')).toBe(true);
    expect(hasButton(await actionCardFor(PEOPLE.chair), 'action.withdraw')).toBe(true);
    const readOnly = await actionCardFor(PEOPLE.healthRep);
    expect(hasButton(readOnly, 'action.update')).toBe(false);
    expect(hasButton(readOnly, 'action.withdraw')).toBe(false);
    expect(cardText(readOnly)).toMatch(/Green – on track|Amber – at risk|Red – off track/);
  });

  it('shows a PAI chair who is also their agency\'s rep both the update form and the assurance controls', async () => {
    const chairAndRep = { aadObjectId: '00000000-0000-4000-8000-0000000000c1', name: 'Casey Chair-and-Rep' };
    await addMember(ctx, chairAndRep, ['PAI_CHAIR', 'AGENCY_REP'], 'lancashire-constabulary');
    const card = await actionCardFor(chairAndRep);
    expect(hasButton(card, 'action.update')).toBe(true);
    expect(hasButton(card, 'action.withdraw')).toBe(true);
    const onlyChair = await actionCardFor(PEOPLE.chair);
    expect(hasButton(onlyChair, 'action.update')).toBe(false);
  });

  it('saves an update from the card: note, evidence link, status; the card refreshes with who and when', async () => {
    const data = buttonData(await actionCardFor(PEOPLE.policeRep), 'action.update');
    const card = await bot.execute(executeActivity(PEOPLE.policeRep, 'action.update', {
      ...data,
      note: 'Training delivered to two response teams',
      evidenceUrl: 'https://lancashire.sharepoint.com/sites/lscp/evidence/training-log.xlsx',
      evidenceDescription: 'Attendance log for the sessions',
      status: 'COMPLETED_AWAITING_EVIDENCE',
    }));
    const text = cardText(card);
    expect(text).toContain('Saved');
    expect(text).toContain('Completed, awaiting evidence');
    expect(text).toContain('Pat Police');
    expect(text).toContain('Training delivered to two response teams');
    const action = await ctx.store.get<Action>(KIND.action, ctx.partnershipId, A1);
    expect(action).toMatchObject({ status: 'COMPLETED_AWAITING_EVIDENCE', evidence: [expect.objectContaining({ description: 'Attendance log for the sessions' })] });
    expect(await listAll(ctx.store, KIND.progress, ctx.partnershipId, { where: { actionId: A1 } })).toHaveLength(1);
  });

  it('refuses an update from another agency with an error card and changes nothing', async () => {
    const data = buttonData(await actionCardFor(PEOPLE.policeRep), 'action.update');
    const before = await ctx.store.get<Action>(KIND.action, ctx.partnershipId, A1);
    const card = await bot.execute(executeActivity(PEOPLE.healthRep, 'action.update', { ...data, note: 'Trying to update police work' }));
    expect(cardText(card)).toMatch(/Not allowed/);
    expect(await ctx.store.get<Action>(KIND.action, ctx.partnershipId, A1)).toEqual(before);
  });

  it('applies the same submission once (double click or Teams retry)', async () => {
    const data = buttonData(await actionCardFor(PEOPLE.policeRep), 'action.update');
    const press = executeActivity(PEOPLE.policeRep, 'action.update', { ...data, note: 'Pressed twice' });
    await bot.execute(press);
    const second = await bot.execute({ ...press, id: 'retry' });
    expect(cardText(second)).toMatch(/already saved/);
    expect(await listAll(ctx.store, KIND.progress, ctx.partnershipId, { where: { actionId: A1 } })).toHaveLength(1);
  });

  it('shows the second of two concurrent editors the current state and their own text', async () => {
    const officerData = buttonData(await actionCardFor(PEOPLE.policeRep), 'action.update');
    await bot.execute(executeActivity(PEOPLE.policeRep, 'action.update', { ...officerData, note: 'First writer wins' }));
    const stale = { ...officerData, submissionId: '6c1f6f8e-2b0a-4c5e-9f1d-0a1b2c3d4e5f' };
    const card = await bot.execute(executeActivity(PEOPLE.policeRep, 'action.update', { ...stale, note: 'My words must not be lost' }));
    const text = cardText(card);
    expect(text).toMatch(/Not saved: Pat Police at \d\d:\d\d UTC changed this action/);
    expect(JSON.stringify(card)).toContain('My words must not be lost');
    expect(text).toContain('First writer wins');
    const action = await ctx.store.get<Action>(KIND.action, ctx.partnershipId, A1);
    expect(action?.lastUpdate?.note).toBe('First writer wins');
  });

  it('refuses personal data in a note without echoing it or storing anything', async () => {
    const data = buttonData(await actionCardFor(PEOPLE.policeRep), 'action.update');
    const before = await ctx.store.get<Action>(KIND.action, ctx.partnershipId, A1);
    const card = await bot.execute(executeActivity(PEOPLE.policeRep, 'action.update', { ...data, note: 'Spoke to Mother Sarah about the plan' }));
    expect(cardText(card)).toMatch(/Not saved: Progress note: .*name/i);
    expect(cardText(card)).not.toContain('Sarah');
    expect(await ctx.store.get<Action>(KIND.action, ctx.partnershipId, A1)).toEqual(before);
    expect(JSON.stringify(ctx.logger.lines)).not.toContain('Sarah');
  });

  it('refuses a forged action id, a stale etag on an unknown action and malformed card data', async () => {
    const forged = await bot.execute(executeActivity(PEOPLE.policeRep, 'action.update', { actionId: 'no-such-action', etag: 'x', submissionId: '6c1f6f8e-2b0a-4c5e-9f1d-0a1b2c3d4e5f', note: 'x' }));
    expect(cardText(forged)).toMatch(/Not found/);
    const malformed = await bot.execute(executeActivity(PEOPLE.policeRep, 'action.update', { actionId: A1, etag: 'x', submissionId: 'not-a-uuid' }));
    expect(cardText(malformed)).toMatch(/card's data is not valid \(submissionId\)/);
  });

  it('takes an action through evidence, PAI assurance and sign-off, and shows it in history', async () => {
    // A minute after the seeded creation, so the history's order does not rest on a tie.
    ctx.clock.advance(60_000);
    const officer = buttonData(await actionCardFor(PEOPLE.policeRep), 'action.update');
    await bot.execute(executeActivity(PEOPLE.policeRep, 'action.update', {
      ...officer,
      completionEvidence: 'All response officers trained; dip sample of 10 cases shows referrals within 24 hours',
      impactStatement: 'Referrals to children\'s social care now include the child\'s lived experience',
    }));
    ctx.clock.advance(60_000);
    const [queue] = await bot.send(messageActivity(PEOPLE.chair, 'sign off'));
    expect(cardText(queue.card)).toContain(`${REVIEW_REF}/A1`);
    const assure = buttonData(await actionCardFor(PEOPLE.chair), 'action.assure');
    expect(cardText(await bot.execute(executeActivity(PEOPLE.chair, 'action.assure', assure)))).toContain('Impact evidenced');
    ctx.clock.advance(60_000);
    const close = buttonData(await actionCardFor(PEOPLE.chair), 'action.close');
    const closed = await bot.execute(executeActivity(PEOPLE.chair, 'action.close', { ...close, meetingDate: '2026-11-25' }));
    expect(cardText(closed)).toContain('Closed');
    const action = await ctx.store.get<Action>(KIND.action, ctx.partnershipId, A1);
    expect(action).toMatchObject({ status: 'CLOSED', closedBy: PEOPLE.chair.aadObjectId, closedAtMeetingId: 'meeting-2026-11-25', closedWithoutImpact: false });
    const [trail] = await bot.send(messageActivity(PEOPLE.chair, `history ${REVIEW_REF}/A1`));
    const text = cardText(trail.card);
    expect(text).toMatch(/close[\s\S]*assure[\s\S]*update[\s\S]*create/);
    expect(text).toContain('status: IMPACT_EVIDENCED -> CLOSED');
  });

  it('lets an agency rep not sign off, even by forging the verb', async () => {
    const assure = buttonData(await actionCardFor(PEOPLE.chair), 'action.withdraw');
    const card = await bot.execute(executeActivity(PEOPLE.policeRep, 'action.withdraw', { ...assure, rationale: 'Not needed' }));
    expect(cardText(card)).toMatch(/Not allowed/);
    expect((await ctx.store.get<Action>(KIND.action, ctx.partnershipId, A1))?.status).toBe('IN_PROGRESS');
  });

  it('accepts the same verbs by Action.Submit from older clients', async () => {
    const data = buttonData(await actionCardFor(PEOPLE.policeRep), 'action.update');
    const [reply] = await bot.send(submitActivity(PEOPLE.policeRep, 'action.update', { ...data, note: 'Sent from an older client' }));
    expect(cardText(reply.card)).toContain('Saved');
  });

  it('posts one card per agency to linked channels and a personal card to each officer with the bot', async () => {
    await bot.send(installationActivity(PEOPLE.policeRep, 'add'));
    await bot.send(messageActivity(PEOPLE.lsbu, 'link agency Lancashire Constabulary', { scope: 'channel', conversationId: '19:police@thread.tacv2' }));
    const [summary] = await bot.send(messageActivity(PEOPLE.lsbu, `post actions ${REVIEW_REF}`));
    expect(summary.text).toMatch(/Posted 1 agency card\(s\) and 1 personal card\(s\)/);
    expect(summary.text).toMatch(/Not reached: Lancashire Teaching Hospitals NHS Foundation Trust \(no channel linked/);
    expect(summary.text).toMatch(/Not reached: Hana Health \(has not installed the bot/);
    await bot.delivered();
    expect(bot.proactive).toHaveLength(2);
    // Each card went through the outbox: queued, sent by the drain with its key, and its delivery recorded.
    const outbox = await listAll<OutboxMessage>(ctx.store, KIND.outbox, ctx.partnershipId);
    expect(outbox.map((message) => [message.policy, message.status])).toEqual([['ACTION_POST', 'sent'], ['ACTION_POST', 'sent']]);
    expect(new Set(outbox.map((message) => message.idempotencyKey))).toEqual(new Set(bot.proactive.map((post) => post.idempotencyKey)));
    // The posted-card records keep the activity id from the delivery result, so the cards can be refreshed later.
    const posted = await listAll<PostedCardRecord>(ctx.store, KIND.postedCard, ctx.partnershipId);
    expect(posted.map((record) => record.activityId).sort()).toEqual(outbox.map((message) => message.activityId).sort());
    expect(posted.map((record) => record.activityId).sort()).toEqual(['proactive-1', 'proactive-2']);
    const channelCard = bot.proactive.find((post) => (post.reference.conversation as { id: string }).id === '19:police@thread.tacv2');
    const text = cardText((channelCard?.activity.attachments as { content: unknown }[])[0].content);
    expect(text).toContain(`${REVIEW_REF}/A1`);
    expect(text).toContain(`${REVIEW_REF}/A2`);
    expect(text).not.toContain('/A3');
    expect((await ctx.store.get<Review>(KIND.review, ctx.partnershipId, 'lscp-rr-2026-01'))?.status).toBe('ACTIONS_LIVE');
  });
});
