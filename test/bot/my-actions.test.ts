import { CARA, NOW, seedReportsDataset } from '../fixtures/reports-dataset';
import { executeActivity, messageActivity, PEOPLE } from '../support/activities';
import { cardText, createBotHarness, findButtonData } from '../support/bot-harness';
import { addMember, createTestContext, TestContext } from '../support/test-context';

/** Issue 14: `my actions` says which actions are yours and which your agency's, and every Red or Amber says why. */
describe('bot: my actions', () => {
  let ctx: TestContext;
  let bot: ReturnType<typeof createBotHarness>;
  const colin = { aadObjectId: '00000000-0000-4000-8000-0000000000c5', name: 'Colin Care-Rep' };

  beforeEach(async () => {
    ctx = await createTestContext();
    ctx.clock.set(NOW);
    await seedReportsDataset(ctx.store, ctx.partnershipId);
    await addMember(ctx, colin, ['AGENCY_REP'], 'lcc-csc');
    bot = createBotHarness(ctx);
  });

  it('titles a responsible officer\'s list as theirs, marks each "Yours", and gives a Red its reason', async () => {
    const [reply] = await bot.send(messageActivity(CARA, 'my actions'));
    const text = cardText(reply.card);
    expect(text).toMatch(/^Your actions\n1 open action, most urgent first/);
    expect(text).toContain('Yours\n**LSCP-LCSPR-2025-03/A1**');
    expect(text).toContain('Why: Not started 128 days after being agreed');
    expect(text).toContain('Agreed · target 31 Jan 2027 · no update yet');
    expect(text).not.toContain('LSCP-RR-2025-06/A2');
  });

  it("lists an agency rep's own actions apart from their agency's, each with its officer", async () => {
    const [reply] = await bot.send(messageActivity(colin, 'my actions'));
    const text = cardText(reply.card);
    expect(text).toMatch(/^Your actions and Lancashire County Council Children's Social Care's\nNone yours, then 2 of your agency's; most urgent first/);
    expect(text).not.toMatch(/\bYours\b/);
    expect(text).toContain("Your agency's · Cara Care\n**LSCP-LCSPR-2025-03/A1**");
    expect(text).toContain("Your agency's · no officer named\n**LSCP-RR-2025-06/A2**");
    expect(text).toContain('Why: No update yet, 92 days since it was recorded');
  });

  it('opens an action from the sign-off list in place, and Back returns to the list', async () => {
    const [list] = await bot.send(messageActivity(PEOPLE.chair, 'sign off'));
    const open = findButtonData(list.card, 'action.refresh') as Record<string, unknown>;
    expect(open).toMatchObject({ actionId: 'lscp-rr-2025-05-a1', back: 'sign-off' });
    const action = await bot.execute(executeActivity(PEOPLE.chair, 'action.refresh', open));
    expect(cardText(action)).toContain('LSCP-RR-2025-05/A1');
    const back = findButtonData(action, 'action.list') as Record<string, unknown>;
    expect(back).toEqual({ list: 'sign-off' });
    const again = await bot.execute(executeActivity(PEOPLE.chair, 'action.list', back));
    expect(cardText(again)).toMatch(/^Waiting for PAI sign-off/);
    // Teams' own refresh (no list named) gives the card without Back.
    expect(findButtonData(await bot.execute(executeActivity(PEOPLE.chair, 'action.refresh', { actionId: 'lscp-rr-2025-05-a1' })), 'action.list')).toBeUndefined();
  });
});
