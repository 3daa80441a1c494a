import { KIND } from '../../src/app/kernel/kinds';
import type { OutboxMessage } from '../../src/app/reminders/outbox';
import { queueDueReminders } from '../../src/app/reminders/run-reminder-tick';
import { createDigestRenderer } from '../../src/cards/digest-card';
import type { Action } from '../../src/domain/actions/action';
import type { AssuranceRequest } from '../../src/domain/reviews/assurance-request';
import { listAll } from '../../src/ports/document-store';
import { executeActivity, messageActivity, PEOPLE, Person } from '../support/activities';
import { buttonData, cardText, createBotHarness } from '../support/bot-harness';
import { putAction, putReview } from '../support/reminder-fixtures';
import { REVIEW_REF, seedReviewWithActions } from '../support/review-fixtures';
import { addMember, createTestContext, TestContext } from '../support/test-context';

/** A responsible officer in the police who holds no action here: a colleague of the police rep, who holds A1 and A2. */
const COLLEAGUE = { aadObjectId: '00000000-0000-4000-8000-0000000000c1', name: 'Cal Colleague' };
const VIEWER = { aadObjectId: '00000000-0000-4000-8000-0000000000c2', name: 'Vi Viewer' };
const actionId = (ref: string) => `${REVIEW_REF}/${ref}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');

/** Every record the bot keeps except audit entries and installs, as one string: a refusal must leave it unchanged. */
async function storeState(ctx: TestContext): Promise<string> {
  const kinds = Object.values(KIND).filter((kind) => kind !== KIND.audit && kind !== KIND.conversation);
  const all = await Promise.all(kinds.map(async (kind) => [kind, await listAll(ctx.store, kind, ctx.partnershipId)] as const));
  return JSON.stringify(all);
}

describe('bot: security findings of issue 9', () => {
  let ctx: TestContext;
  let bot: ReturnType<typeof createBotHarness>;

  beforeEach(async () => {
    ctx = await createTestContext();
    await seedReviewWithActions(ctx);
    await addMember(ctx, COLLEAGUE, ['RESPONSIBLE_OFFICER'], 'lancashire-constabulary');
    await addMember(ctx, VIEWER, ['VIEWER'], 'lancashire-constabulary');
    bot = createBotHarness(ctx);
  });

  async function updateData(person: Person, ref: string): Promise<Record<string, unknown>> {
    const [reply] = await bot.send(messageActivity(person, `action ${ref}`));
    return buttonData(reply.card, 'action.update');
  }
  const statusOf = async (ref: string) => (await ctx.store.get<Action>(KIND.action, ctx.partnershipId, actionId(ref)))?.status;

  describe('item 1: PAI decisions are refused on action.update whatever the spelling', () => {
    it.each(['impact evidenced', 'Impact-Evidenced', 'IMPACT_EVIDENCED', ' impact   evidenced '])(
      'an agency rep who sends status %p after evidence and impact is refused, and the action stays submitted',
      async (status) => {
        const submitted = await bot.execute(executeActivity(PEOPLE.policeRep, 'action.update', {
          ...(await updateData(PEOPLE.policeRep, 'A1')),
          completionEvidence: 'Training delivered to all 40 staff; attendance register held by L&D',
          impactStatement: 'Audit of 20 cases shows timely sharing in 19',
          status: 'evidence submitted',
        }));
        expect(cardText(submitted)).not.toMatch(/Not allowed/);
        expect(await statusOf('A1')).toBe('EVIDENCE_SUBMITTED');
        const before = await storeState(ctx);
        const refused = await bot.execute(executeActivity(PEOPLE.policeRep, 'action.update', { ...(await updateData(PEOPLE.policeRep, 'A1')), status }));
        expect(cardText(refused)).toMatch(/Not allowed[\s\S]*Only the PAI chair or the business unit/);
        expect(await statusOf('A1')).toBe('EVIDENCE_SUBMITTED');
        expect(await storeState(ctx)).toBe(before);
      },
    );

    it.each(['AGREED', 'agreed', 'Agreed'])('an agency rep cannot agree a proposed action with status %p', async (status) => {
      const before = await storeState(ctx);
      const refused = await bot.execute(executeActivity(PEOPLE.healthRep, 'action.update', { ...(await updateData(PEOPLE.healthRep, 'A4')), status }));
      expect(cardText(refused)).toMatch(/Not allowed/);
      expect(await statusOf('A4')).toBe('PROPOSED');
      expect(await storeState(ctx)).toBe(before);
    });

    it.each(['closed', 'Withdrawn', 'superseded'])('the action\'s own officer cannot send %p either', async (status) => {
      const refused = await bot.execute(executeActivity(PEOPLE.policeRep, 'action.update', { ...(await updateData(PEOPLE.policeRep, 'A1')), status, note: 'done' }));
      expect(cardText(refused)).toMatch(/Not allowed/);
      expect(await statusOf('A1')).toBe('IN_PROGRESS');
    });

    it('still lets the editor make their own moves', async () => {
      const saved = await bot.execute(executeActivity(PEOPLE.policeRep, 'action.update', { ...(await updateData(PEOPLE.policeRep, 'A2')), status: 'in progress' }));
      expect(cardText(saved)).not.toMatch(/Not allowed/);
      expect(await statusOf('A2')).toBe('IN_PROGRESS');
    });
  });

  describe("item 2: a responsible officer acts only on their own actions", () => {
    it("cannot update a colleague's action, and sees it read-only", async () => {
      const [reply] = await bot.send(messageActivity(COLLEAGUE, 'action A1'));
      expect(JSON.stringify(reply.card)).not.toContain('"verb":"action.update"');
      const forged = await updateData(PEOPLE.policeRep, 'A1');
      const before = await storeState(ctx);
      const refused = await bot.execute(executeActivity(COLLEAGUE, 'action.update', { ...forged, note: 'Taking this over' }));
      expect(cardText(refused)).toMatch(/Not allowed/);
      expect(await storeState(ctx)).toBe(before);
    });

    it("cannot snooze a colleague's reminders or hand their action to themself", async () => {
      const before = await storeState(ctx);
      const snooze = await bot.execute(executeActivity(COLLEAGUE, 'reminder.snooze', { policy: 'OVERDUE', subjectId: actionId('A2'), until: '2026-12-01' }));
      const handover = await bot.execute(executeActivity(COLLEAGUE, 'reminder.handover', { actionId: actionId('A1'), deputyId: COLLEAGUE.aadObjectId }));
      for (const card of [snooze, handover]) expect(cardText(card)).toMatch(/Not allowed/);
      expect(await storeState(ctx)).toBe(before);
      expect((await ctx.store.get<Action>(KIND.action, ctx.partnershipId, actionId('A1')))?.responsibleOfficerId).toBe(PEOPLE.policeRep.aadObjectId);
    });

    it("cannot answer a colleague's 12-month request", async () => {
      ctx.clock.set('2026-11-25T10:00:00Z');
      await putReview(ctx, { id: 'r1', reference: 'LSCP-RR-2025-07', assuranceDue: '2026-11-25' });
      await putAction(ctx, { id: 'a9', reviewId: 'r1', agencyId: 'lancashire-constabulary', responsibleOfficerId: PEOPLE.policeRep.aadObjectId, currentTargetDate: '2026-06-30', status: 'CLOSED' });
      await queueDueReminders(ctx, { render: createDigestRenderer(), routing: {} });
      const requestId = `r1--m-${PEOPLE.policeRep.aadObjectId}`;
      expect(await ctx.store.get(KIND.assuranceRequest, ctx.partnershipId, requestId)).toBeDefined();
      const refused = await bot.execute(executeActivity(COLLEAGUE, 'assurance.respond', { requestId, completion_a9: 'Done', impact_a9: 'Better' }));
      expect(cardText(refused)).toMatch(/Not allowed/);
      expect((await ctx.store.get<AssuranceRequest>(KIND.assuranceRequest, ctx.partnershipId, requestId))?.respondedOn).toBeUndefined();
    });

    it('an agency rep still acts for the whole agency', async () => {
      const saved = await bot.execute(executeActivity(PEOPLE.policeRep, 'reminder.handover', { actionId: actionId('A2'), deputyId: COLLEAGUE.aadObjectId }));
      expect(cardText(saved)).toMatch(/Cal Colleague is now the responsible officer/);
    });
  });

  describe('item 3: evidence links pass the personal-data guard', () => {
    it.each([
      'https://tenant.sharepoint.com/sites/LSCP/Child Jayden Smith DOB 14-03-2019',
      'https://tenant.sharepoint.com/sites/LSCP/Child%20Jayden%20Smith.docx',
      'https://tenant.sharepoint.com/sites/LSCP/report.docx?nhs=9434765919',
    ])('action.update refuses the link %p without echoing it', async (url) => {
      const before = await storeState(ctx);
      const refused = await bot.execute(executeActivity(PEOPLE.policeRep, 'action.update', { ...(await updateData(PEOPLE.policeRep, 'A1')), evidenceUrl: url, evidenceDescription: 'Briefing slides' }));
      expect(cardText(refused)).toMatch(/Evidence link: This looks like it contains/);
      expect(JSON.stringify(refused)).not.toMatch(/Jayden|9434765919/);
      expect(await storeState(ctx)).toBe(before);
    });

    it('assurance.respond refuses a link with personal data in evidenceUrl_<id>', async () => {
      ctx.clock.set('2026-11-25T10:00:00Z');
      await putReview(ctx, { id: 'r1', reference: 'LSCP-RR-2025-07', assuranceDue: '2026-11-25' });
      await putAction(ctx, { id: 'a9', reviewId: 'r1', agencyId: 'lancashire-constabulary', responsibleOfficerId: PEOPLE.policeRep.aadObjectId, currentTargetDate: '2026-06-30', status: 'CLOSED' });
      await queueDueReminders(ctx, { render: createDigestRenderer(), routing: {} });
      const requestId = `r1--m-${PEOPLE.policeRep.aadObjectId}`;
      const refused = await bot.execute(executeActivity(PEOPLE.policeRep, 'assurance.respond', {
        requestId, completion_a9: 'Audit done', impact_a9: 'Practice improved', evidenceUrl_a9: 'https://tenant.sharepoint.com/sites/LSCP/Mother%20Sarah%20Jones%20DOB%2001.02.1990',
      }));
      expect(cardText(refused)).toMatch(/Evidence link: This looks like it contains/);
      expect((await ctx.store.get<AssuranceRequest>(KIND.assuranceRequest, ctx.partnershipId, requestId))?.respondedOn).toBeUndefined();
    });
  });

  describe('item 5: identifiers pass the guard', () => {
    it.each([
      ['a reference with an NHS number', { reference: 'RR-9434765919', pseudonym: 'Child A' }],
      ['a reference with a name', { reference: 'JAYDEN-SMITH-2019', pseudonym: 'Child A' }],
      ['a pseudonym of initials', { reference: 'LSCP-RR-2026-40', pseudonym: 'Child JS' }],
    ])('review.create refuses %s and stores nothing', async (_name, fields) => {
      const before = await storeState(ctx);
      const refused = await bot.execute(executeActivity(PEOPLE.lsbu, 'review.create', { ...fields, type: 'RAPID_REVIEW', sin_date: '2026-11-02' }));
      expect(cardText(refused)).toMatch(/That did not work|personal|pseudonym/);
      expect(JSON.stringify(refused)).not.toMatch(/9434765919|JAYDEN|Child JS/);
      expect(await storeState(ctx)).toBe(before);
    });

    it('action.create refuses a ref that is a date', async () => {
      const [form] = await bot.send(messageActivity(PEOPLE.lsbu, `add action ${REVIEW_REF}`));
      const before = await storeState(ctx);
      const refused = await bot.execute(executeActivity(PEOPLE.lsbu, 'action.create', {
        ...buttonData(form.card, 'action.create'), ref: '14.03.2019', agency: 'lancashire-constabulary', responsible_officer_email: 'pat@lancashire.gov.uk',
        description: 'Brief staff', success_measure: 'All staff briefed', target_date: '2027-02-28',
      }));
      expect(cardText(refused)).toMatch(/date of birth/);
      expect(JSON.stringify(refused)).not.toContain('14.03.2019');
      expect(await storeState(ctx)).toBe(before);
    });
  });

  describe('item 6: lookups that fail answer without repeating the text', () => {
    it.each([
      ['review Jane Smith', /No review has that reference/],
      ['action Child Jayden Smith', /No action has that ref/],
      ['actions Child Jayden Smith NHS 943 476 5919', /No agency has that name/],
      ['dip sample 2 Child Jayden Smith NHS 943 476 5919', /No agency has that name/],
      ['history Jane Smith', /No (review|action) has that/],
    ])('%p', async (text, answer) => {
      const person = text.startsWith('dip') ? PEOPLE.chair : PEOPLE.policeRep;
      const replies = await bot.send(messageActivity(person, text));
      const all = JSON.stringify(replies);
      expect(cardText(replies[0].card) || replies[0].text).toMatch(answer);
      expect(all).not.toMatch(/Jane|Jayden|Smith|943 476 5919/);
    });

    it('a misspelt command gets "did you mean", naming the command and not the text', async () => {
      const [reply] = await bot.send(messageActivity(PEOPLE.chair, 'overdeu Jayden'));
      expect(reply.text).toMatch(/Did you mean \*\*overdue\*\*\?/);
      expect(reply.text).not.toContain('Jayden');
      const [none] = await bot.send(messageActivity(PEOPLE.chair, 'completely unrelated words'));
      expect(none.text).not.toMatch(/Did you mean/);
    });

    it('suggests only commands the user may run', async () => {
      const [reply] = await bot.send(messageActivity(VIEWER, 'sing off'));
      expect(reply.text).not.toMatch(/sign off/);
    });
  });

  describe('item 10: rights before cost', () => {
    it('refuses an unregistered overdue request before matching any agency name, however long', async () => {
      const listed: string[] = [];
      const list = ctx.store.list.bind(ctx.store);
      ctx.store.list = ((kind: string, ...rest: unknown[]) => {
        listed.push(kind);
        return (list as (...args: unknown[]) => unknown)(kind, ...rest);
      }) as typeof ctx.store.list;
      const [reply] = await bot.send(messageActivity(PEOPLE.stranger, `overdue ${'Lancashire '.repeat(15)}`));
      expect(cardText(reply.card)).toMatch(/Not allowed/);
      expect(listed).not.toContain(KIND.agency);
    });

    it('refuses over-long command arguments unread', async () => {
      const [reply] = await bot.send(messageActivity(PEOPLE.chair, `overdue ${'x'.repeat(20_000)}`));
      expect(cardText(reply.card)).toMatch(/longer than any reference, name or period/);
    });

    it.each([
      ['link agency Lancashire Constabulary', VIEWER],
      ['link agency Lancashire Constabulary', PEOPLE.policeRep],
      ['link pai channel', PEOPLE.policeRep],
      ['link pai channel', PEOPLE.stranger],
    ])('%p by someone without the role writes nothing, not even the conversation', async (text, person) => {
      const [reply] = await bot.send(messageActivity(person, text, { scope: 'channel' }));
      expect(cardText(reply.card)).toMatch(/Not allowed/);
      expect(await listAll(ctx.store, KIND.conversation, ctx.partnershipId)).toEqual([]);
    });
  });

  it('keeps the outbox untouched by any refusal above', async () => {
    expect(await listAll<OutboxMessage>(ctx.store, KIND.outbox, ctx.partnershipId)).toEqual([]);
  });
});
