import { KIND } from '../../src/app/kernel/kinds';
import type { OutboxMessage } from '../../src/app/reminders/outbox';
import type { Action } from '../../src/domain/actions/action';
import type { Agency } from '../../src/domain/directory/agency';
import type { S11Return } from '../../src/domain/section11/return';
import { listAll } from '../../src/ports/document-store';
import { executeActivity, messageActivity, PEOPLE, type Person } from '../support/activities';
import { buttonData, cardText, createBotHarness, findButtonData } from '../support/bot-harness';
import { addMember, addStandardMembers, createTestContext, type TestContext } from '../support/test-context';
import { importS11Returns } from '../../src/app/section11/import-returns';

const POLICE = 'lancashire-constabulary';
const RETURN_ID = `s11-2026-27--${POLICE}`;
const viewer = { aadObjectId: '00000000-0000-4000-8000-0000000000aa', name: 'Vic Viewer' };

describe('bot: Section 11 audits', () => {
  let ctx: TestContext;
  let bot: ReturnType<typeof createBotHarness>;

  beforeEach(async () => {
    ctx = await createTestContext();
    await addStandardMembers(ctx);
    await addMember(ctx, viewer, ['VIEWER']);
    const police = (await ctx.store.get<Agency>(KIND.agency, ctx.partnershipId, POLICE)) as Agency & { etag: string };
    await ctx.store.update(KIND.agency, ctx.partnershipId, { ...police, channelConversationId: 'conv-police' }, { ifMatch: police.etag });
    bot = createBotHarness(ctx);
  });

  const stored = () => ctx.store.get<S11Return>(KIND.s11Return, ctx.partnershipId, RETURN_ID);
  const outbox = async (policy: string) => (await listAll<OutboxMessage>(ctx.store, KIND.outbox, ctx.partnershipId)).filter((message) => message.policy === policy);
  const press = (person: Person, verb: string, data: Record<string, unknown>) => bot.execute(executeActivity(person, verb, data));
  const standardCard = (person: Person, standard: string) => press(person, 's11.standard', { returnId: RETURN_ID, standard });
  async function open(): Promise<void> {
    const [reply] = await bot.send(messageActivity(PEOPLE.lsbu, 's11 open 2026/27 due 2027-01-29'));
    expect(reply.text).toMatch(/Section 11 cycle 2026\/27 is open for \d+ agencies, due 29 Jan 2027\. Invitations queued to 1 agency channel/);
  }
  async function saveAll(): Promise<void> {
    for (const standard of ['1', '2', '3', '4', '5', '6', '7', '8']) {
      const card = await standardCard(PEOPLE.policeRep, standard);
      const saved = await press(PEOPLE.policeRep, 's11.save', { ...buttonData(card, 's11.save'), selfRating: standard === '4' ? 'not_applicable' : 'FULLY_MET', evidence: standard === '4' ? '' : 'Board minutes, March', evidenceLinks: '', areasForImprovement: '' });
      expect(cardText(saved)).toContain('Draft saved.');
    }
  }
  async function submit(): Promise<void> {
    const card = await press(PEOPLE.policeRep, 's11.return', { returnId: RETURN_ID });
    const done = await press(PEOPLE.policeRep, 's11.submit', { ...buttonData(card, 's11.submit'), signOffName: 'Chief Supt Ward', signOffRole: 'Head of Public Protection' });
    expect(cardText(done)).toContain('Submitted.');
  }

  it('opens a cycle once, for the business unit only, with one invitation per agency channel through the outbox', async () => {
    const [refused] = await bot.send(messageActivity(PEOPLE.policeRep, 's11 open 2026/27 due 2027-01-29'));
    expect(cardText(refused.card)).toMatch(/Not allowed/);
    const [bad] = await bot.send(messageActivity(PEOPLE.lsbu, 's11 open 2026/27 due 2027-02-30'));
    expect(cardText(bad.card)).toMatch(/not a date/);
    await open();
    const [again] = await bot.send(messageActivity(PEOPLE.lsbu, 's11 open 2026/27 due 2027-01-29'));
    expect(again.text).toMatch(/already open/);
    const invitations = await outbox('S11_INVITATION');
    expect(invitations).toHaveLength(1);
    expect(invitations[0]).toMatchObject({ agencyId: POLICE, conversationRecordId: 'conv-police', status: 'pending' });
    expect(JSON.stringify(invitations[0].payload)).toContain('"verb":"s11.return"');
  });

  it('a rep drafts and submits their own return; others cannot write it; a stale card is refused with the current state', async () => {
    await open();
    const [mine] = await bot.send(messageActivity(PEOPLE.policeRep, 's11 return'));
    expect(cardText(mine.card)).toContain('Section 11 return: Lancashire Constabulary');
    expect(cardText(mine.card)).toContain('Standard 8: Information sharing');
    const first = await standardCard(PEOPLE.policeRep, '1');
    const data = buttonData(first, 's11.save');

    // Forged roles: the health rep and the chair press the police card's button; nothing is written.
    for (const person of [PEOPLE.healthRep, PEOPLE.chair]) {
      const refused = await press(person, 's11.save', { ...data, selfRating: 'NOT_MET', evidence: 'x' });
      expect(cardText(refused)).toMatch(/Not allowed|own agency/);
    }
    expect(await stored()).toBeUndefined();
    const [other] = await bot.send(messageActivity(PEOPLE.healthRep, 's11 return police'));
    expect(cardText(other.card)).toMatch(/Not allowed/);

    // Personal data is refused and not echoed.
    const guarded = await press(PEOPLE.policeRep, 's11.save', { ...data, selfRating: 'FULLY_MET', evidence: 'Seen by DOB 01/02/2015 at SW1A 1AA' });
    expect(cardText(guarded)).toMatch(/Not saved: Evidence/);
    expect(JSON.stringify(guarded)).not.toContain('SW1A');
    expect(await stored()).toBeUndefined();

    const saved = await press(PEOPLE.policeRep, 's11.save', { ...data, selfRating: 'mostly met', evidence: 'Board minutes', evidenceLinks: 'https://contoso.sharepoint.com/s11/minutes.docx', areasForImprovement: 'Training records', actionDescription: 'Publish the safeguarding statement', actionTargetDate: '2027-03-31', actionOfficerEmail: 'Pat@lancashire.gov.uk' });
    expect(cardText(saved)).toContain('Draft saved.');
    expect((await stored())?.answers['1']).toMatchObject({ selfRating: 'MOSTLY_MET', evidenceLinks: ['https://contoso.sharepoint.com/s11/minutes.docx'], improvementActions: [{ officerEmail: 'pat@lancashire.gov.uk' }] });

    // The first card's etag is now stale.
    const stale = await press(PEOPLE.policeRep, 's11.save', { ...data, submissionId: '6f1c1a52-0d6b-4a39-8d5f-4f0c3f1f0a11', selfRating: 'NOT_MET', evidence: 'x' });
    expect(cardText(stale)).toMatch(/changed since your card/);
    expect(cardText(stale)).toContain('Mostly met');
    expect((await stored())?.answers['1'].selfRating).toBe('MOSTLY_MET');

    const bad = await press(PEOPLE.policeRep, 's11.save', { ...buttonData(saved, 's11.save'), evidenceLinks: 'http://insecure.example/x' });
    expect(cardText(bad)).toMatch(/Not saved: .*https/);

    // Submit is offered only when every standard is rated with evidence.
    const early = await press(PEOPLE.policeRep, 's11.return', { returnId: RETURN_ID });
    expect(findButtonData(early, 's11.submit')).toBeUndefined();
    expect(cardText(early)).toMatch(/Before you can submit: standard 2 not rated/);
    await saveAll();
    await submit();
    const after = await stored();
    expect(after).toMatchObject({ status: 'SUBMITTED', signedOffBy: { name: 'Chief Supt Ward', role: 'Head of Public Protection' } });
    const locked = await standardCard(PEOPLE.policeRep, '2');
    expect(findButtonData(locked, 's11.save')).toBeUndefined();
    const forced = await press(PEOPLE.policeRep, 's11.save', { ...data, etag: 'x', submissionId: '7f1c1a52-0d6b-4a39-8d5f-4f0c3f1f0a11', selfRating: 'NOT_MET' });
    expect(cardText(forced)).toMatch(/changed since your card|read-only/);
    const audits = await listAll<{ subjectId: string; operation: string }>(ctx.store, KIND.audit, ctx.partnershipId);
    expect(audits.filter((entry) => entry.subjectId === RETURN_ID).map((entry) => entry.operation)).toEqual(expect.arrayContaining(['s11-save', 's11-submit']));
  });

  it('moderation with a query answered by the agency, then feedback turns improvement actions into SECTION_11 actions', async () => {
    await open();
    await saveAll();
    const one = await standardCard(PEOPLE.policeRep, '8');
    await press(PEOPLE.policeRep, 's11.save', { ...buttonData(one, 's11.save'), actionDescription: 'Refresh information-sharing guidance', actionTargetDate: '2027-03-31', actionOfficerEmail: 'pat@lancashire.gov.uk' });
    await submit();

    const [moderate] = await bot.send(messageActivity(PEOPLE.chair, 's11 moderate police'));
    expect(cardText(moderate.card)).toMatch(/Open each standard/);
    const [notChair] = await bot.send(messageActivity(PEOPLE.healthRep, 's11 moderate police'));
    expect(cardText(notChair.card)).toMatch(/Not allowed/);

    const five = await standardCard(PEOPLE.chair, '5');
    const forged = await press(PEOPLE.healthRep, 's11.moderate', { ...buttonData(five, 's11.moderate'), moderatedRating: 'NOT_MET' });
    expect(cardText(forged)).toMatch(/Not allowed/);
    const queried = await press(PEOPLE.chair, 's11.moderate', { ...buttonData(five, 's11.moderate'), mode: 'query', query: 'What share of staff completed level 3 training?' });
    expect(cardText(queried)).toContain('Query sent to the agency.');
    expect((await stored())?.status).toBe('QUERIED');

    const toAnswer = await standardCard(PEOPLE.policeRep, '5');
    expect(cardText(toAnswer)).toContain('PAI query: What share of staff completed level 3 training?');
    const answered = await press(PEOPLE.policeRep, 's11.answer', { ...buttonData(toAnswer, 's11.answer'), reply: '92% at level 3', replyRating: 'MOSTLY_MET', replyLinks: '' });
    expect(cardText(answered)).toContain('Answer sent to the PAI.');
    expect((await stored())?.status).toBe('SUBMITTED');

    for (const standard of ['1', '2', '3', '4', '5', '6', '7', '8']) {
      const card = await standardCard(PEOPLE.chair, standard);
      const rated = await press(PEOPLE.chair, 's11.moderate', { ...buttonData(card, 's11.moderate'), mode: 'rate', moderatedRating: standard === '4' ? 'NOT_APPLICABLE' : standard === '8' ? 'PARTIALLY_MET' : 'FULLY_MET', moderationNote: '' });
      expect(cardText(rated)).toContain('Moderated rating saved.');
    }
    expect((await stored())?.status).toBe('MODERATED');

    const [feedback] = await bot.send(messageActivity(PEOPLE.chair, 's11 feedback police'));
    const sent = await press(PEOPLE.chair, 's11.feedback', { ...buttonData(feedback.card, 's11.feedback'), strengths: 'Strong senior commitment', areasForDevelopment: 'Information sharing guidance' });
    expect(cardText(sent)).toContain('Feedback sent to the agency.');
    expect((await stored())?.status).toBe('FEEDBACK_SENT');
    expect(await outbox('S11_FEEDBACK')).toHaveLength(1);

    const actions = await listAll<Action>(ctx.store, KIND.action, ctx.partnershipId, { where: { sourceType: 'SECTION_11' } });
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ ref: 'S11-2026/27-Police-8.1', agencyId: POLICE, origin: { cycle: '2026/27', standard: '8' }, status: 'AGREED', responsibleOfficerId: PEOPLE.policeRep.aadObjectId });
    expect(actions[0].reviewId).toBeUndefined();
    const [mine] = await bot.send(messageActivity(PEOPLE.policeRep, 'my actions'));
    expect(cardText(mine.card)).toContain('Section 11 2026/27, standard 8');
    const [card] = await bot.send(messageActivity(PEOPLE.policeRep, 'action S11-2026/27-Police-8.1'));
    expect(cardText(card.card)).toContain('Section 11 2026/27, standard 8');

    // Summary: viewers read it; drill into the agency and back.
    const [summary] = await bot.send(messageActivity(viewer, 's11 summary'));
    expect(cardText(summary.card)).toContain('1 of');
    expect(cardText(summary.card)).toMatch(/Standard 8: Information sharing\nSelf 100% · Moderated 0%/);
    const drill = await press(viewer, 's11.summary', { cycle: '2026/27', view: 'agency', id: POLICE });
    expect(cardText(drill)).toMatch(/Self: Fully met · Moderated: Partially met/);
    const back = ((drill.actions ?? []) as { title: string; data: Record<string, unknown> }[]).find((action) => action.title === 'Back');
    expect(back?.data).toEqual({ cycle: '2026/27', view: 'overview', id: '' });
    expect(cardText(await press(viewer, 's11.summary', back?.data ?? {}))).toContain('By agency');
    const standard = await press(viewer, 's11.summary', buttonData(drill, 's11.summary'));
    expect(cardText(standard)).toMatch(/Standard 1: Senior management commitment[\s\S]*Lancashire Constabulary/);
  });

  it('"same as last cycle" copies last year’s answer from an imported cycle', async () => {
    await importS11Returns(ctx, { aadObjectId: 'cli', name: 'cli', roles: ['LSBU_OFFICER'] }, [
      { agency: 'Police', standard: '5', self_rating: 'partially met', evidence: 'Training matrix', areas_for_improvement: 'Level 3 refresher', moderated_rating: 'NOT_MET', moderation_note: '', submitted_on: '2026-01-15' },
    ], '2025/26');
    await open();
    const five = await standardCard(PEOPLE.policeRep, '5');
    const copied = await press(PEOPLE.policeRep, 's11.copy', buttonData(five, 's11.copy'));
    expect(cardText(copied)).toMatch(/Copied last cycle's answer/);
    expect((await stored())?.answers['5']).toMatchObject({ selfRating: 'PARTIALLY_MET', evidence: 'Training matrix', copiedFromPrevious: true });
    const six = await standardCard(PEOPLE.policeRep, '6');
    expect(findButtonData(six, 's11.copy')).toBeUndefined();
  });

  it('stages move one at a time for the business unit; drafting stops when returns close', async () => {
    await open();
    const card = await standardCard(PEOPLE.policeRep, '1');
    const [stage] = await bot.send(messageActivity(PEOPLE.lsbu, 's11 stage returns_closed'));
    expect(stage.text).toContain('Returns closed');
    const [skip] = await bot.send(messageActivity(PEOPLE.lsbu, 's11 stage closed'));
    expect(cardText(skip.card)).toMatch(/next stage/);
    const [forged] = await bot.send(messageActivity(PEOPLE.chair, 's11 stage moderation'));
    expect(cardText(forged.card)).toMatch(/Not allowed/);
    const late = await press(PEOPLE.policeRep, 's11.save', { ...buttonData(card, 's11.save'), selfRating: 'FULLY_MET', evidence: 'x' });
    expect(cardText(late)).toMatch(/no longer open/);
  });
});
