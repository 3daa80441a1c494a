import { actionIdOf } from '../../src/app/actions/actions';
import { KIND } from '../../src/app/kernel/kinds';
import { executeActivity, messageActivity, PEOPLE } from '../support/activities';
import { buttonData, cardText, createBotHarness } from '../support/bot-harness';
import { putAction } from '../support/reminder-fixtures';
import { addStandardMembers, createTestContext, TestContext } from '../support/test-context';
import { cardBytes } from '../../src/cards/render';

describe('bot: history shows what each update said', () => {
  let ctx: TestContext;
  let bot: ReturnType<typeof createBotHarness>;

  beforeEach(async () => {
    ctx = await createTestContext();
    ctx.clock.set('2026-11-25T10:00:00Z');
    await addStandardMembers(ctx);
    await putAction(ctx, { id: actionIdOf('LSCP-RR-2026-01/A1'), ref: 'LSCP-RR-2026-01/A1', agencyId: 'lancashire-constabulary', responsibleOfficerId: PEOPLE.policeRep.aadObjectId, currentTargetDate: '2027-01-31' });
    bot = createBotHarness(ctx);
  });

  async function update(fields: Record<string, string>): Promise<void> {
    const [opened] = await bot.send(messageActivity(PEOPLE.policeRep, 'action LSCP-RR-2026-01/A1'));
    await bot.execute(executeActivity(PEOPLE.policeRep, 'action.update', { ...buttonData(opened.card, 'action.update'), ...fields }));
    ctx.clock.advance(60_000);
  }

  it('lists the note, status change, evidence link and description, completion, impact and extension request, with who and when', async () => {
    await update({ note: 'Training booked for all response teams', status: 'IN_PROGRESS', evidenceUrl: 'https://lancashire.sharepoint.com/sites/lscp/plan.docx', evidenceDescription: 'Training plan' });
    await update({ newTargetDate: '2027-03-31', extensionReason: 'Trainer availability in the new year' });
    await update({ completionEvidence: 'All response officers trained', impactStatement: 'Referrals now describe the child\'s lived experience' });
    const [trail] = await bot.send(messageActivity(PEOPLE.chair, 'history LSCP-RR-2026-01/A1'));
    const text = cardText(trail.card);
    expect(text).toMatch(/Pat Police · update[\s\S]*Completion evidence:\*\* All response officers trained[\s\S]*Impact on practice:\*\* Referrals now describe/);
    expect(text).toMatch(/Extension requested to:\*\* 2027-03-31[\s\S]*Extension reason:\*\* Trainer availability/);
    expect(text).toMatch(/Progress note:\*\* Training booked[\s\S]*Status asked for:\*\* IN_PROGRESS[\s\S]*Evidence:\*\* Training plan[\s\S]*Evidence link:\*\* https:\/\/lancashire.sharepoint.com/);
    expect(text).toContain('2026-11-25 10:00 UTC');
    expect(text).not.toContain('no field changes');
  });

  it('keeps the card under 28 KB with older entries behind "more"', async () => {
    const long = 'The partnership audit found the briefing in use across every locality team. '.repeat(12);
    for (let index = 0; index < 20; index += 1) await update({ note: `${index}: ${long}` });
    const [first] = await bot.send(messageActivity(PEOPLE.chair, 'history LSCP-RR-2026-01/A1'));
    expect(cardBytes(first.card as object)).toBeLessThan(28 * 1024);
    const more = /"value":"(history LSCP-RR-2026-01\/A1 from \d+)"/.exec(JSON.stringify(first.card))?.[1];
    expect(more).toBeDefined();
    expect(cardText(first.card)).toMatch(/and \d+ earlier entries/);
    const [older] = await bot.send(messageActivity(PEOPLE.chair, more as string));
    expect(cardText(older.card)).toMatch(/0: The partnership audit/);
    expect(await ctx.store.list(KIND.audit, ctx.partnershipId)).toBeDefined();
  });
});
