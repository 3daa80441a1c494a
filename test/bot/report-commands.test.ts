import { ReportCache } from '../../src/app/reports/report-cache';
import { KIND } from '../../src/app/kernel/kinds';
import type { OutboxMessage } from '../../src/app/reminders/outbox';
import type { DipSample } from '../../src/domain/reports/dip-sample';
import { listAll } from '../../src/ports/document-store';
import { NOW, seedReportsDataset } from '../fixtures/reports-dataset';
import { executeActivity, installationActivity, messageActivity, PEOPLE } from '../support/activities';
import { cardText, createBotHarness, findButtonData } from '../support/bot-harness';
import { createTestContext, TestContext } from '../support/test-context';

type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

describe('bot: report commands', () => {
  let ctx: TestContext;
  let bot: ReturnType<typeof createBotHarness>;

  beforeEach(async () => {
    ctx = await createTestContext();
    ctx.clock.set(NOW);
    await seedReportsDataset(ctx.store, ctx.partnershipId);
    bot = createBotHarness(ctx);
  });

  async function ask(person: Person, text: string) {
    const replies = await bot.send(messageActivity(person, text));
    expect(replies).toHaveLength(1);
    return replies[0];
  }

  // Who may run what: chair, business unit and admin run every report; agency reps only their own overdue list.
  const table: [string, RegExp, Person[], Person[]][] = [
    ['quarterly themes Q2 2026/27', /Quarterly review theme report, Q2 2026\/27/, [PEOPLE.chair, PEOPLE.lsbu, PEOPLE.admin], [PEOPLE.policeRep, PEOPLE.stranger]],
    ['status', /Action status for the PAI meeting/, [PEOPLE.chair, PEOPLE.lsbu, PEOPLE.admin], [PEOPLE.healthRep, PEOPLE.stranger]],
    ['status LSCP-RR-2025-06', /Action status: LSCP-RR-2025-06 \(Child F\)/, [PEOPLE.chair], [PEOPLE.policeRep]],
    ['overdue', /Overdue actions by agency/, [PEOPLE.chair, PEOPLE.lsbu, PEOPLE.admin], [PEOPLE.stranger]],
    ['overdue lthtr', /Overdue actions: Lancashire Teaching Hospitals/, [PEOPLE.chair, PEOPLE.healthRep], [PEOPLE.policeRep]],
    ['assurance', /12-month assurance tracker/, [PEOPLE.chair, PEOPLE.lsbu, PEOPLE.admin], [PEOPLE.policeRep, PEOPLE.stranger]],
    ['yearly report 2026/27', /Yearly report data pack, 2026\/27/, [PEOPLE.chair, PEOPLE.lsbu, PEOPLE.admin], [PEOPLE.healthRep]],
    ['dip samples', /Dip samples/, [PEOPLE.chair, PEOPLE.lsbu, PEOPLE.admin], [PEOPLE.policeRep]],
    ['dip sample 3', /Dip sample of 3 actions: All agencies/, [PEOPLE.chair, PEOPLE.lsbu], [PEOPLE.admin, PEOPLE.policeRep, PEOPLE.stranger]],
  ];

  describe.each(table)('"%s"', (text, title, allowed, refused) => {
    it.each(allowed.map((person) => [person.name, person]))('answers %s with the report card', async (_name, person) => {
      const reply = await ask(person, text);
      expect(cardText(reply.card)).toMatch(title);
      expect(cardText(reply.card)).toMatch(/As at 20 Nov 2026/);
    });
    it.each(refused.map((person) => [person.name, person]))('refuses %s with a "Not allowed" card and stores nothing', async (_name, person) => {
      const reply = await ask(person, text);
      expect(cardText(reply.card)).toMatch(/Not allowed/);
      expect(await listAll(ctx.store, KIND.dipSample, ctx.partnershipId)).toHaveLength(0);
    });
  });

  it('answers the agency-by-theme view for Section 11 actions and for every source', async () => {
    const section11 = cardText((await ask(PEOPLE.chair, 'quarterly themes Q2 2026/27 section 11')).card);
    expect(section11).toMatch(/Quarterly theme report, Q2 2026\/27: actions from Section 11 audits/);
    expect(section11).toMatch(/Actions from Section 11 audits/);
    expect(section11).toMatch(/1 in all: 1 open/);
    expect(section11).toMatch(/Lancashire Constabulary/);
    const all = cardText((await ask(PEOPLE.chair, 'quarterly themes Q2 2026/27 all')).card);
    expect(all).toMatch(/actions from every source/);
  });

  it("gives an agency rep their own agency's overdue actions without naming it", async () => {
    const reply = await ask(PEOPLE.policeRep, 'overdue');
    const text = cardText(reply.card);
    expect(text).toMatch(/Overdue actions: Lancashire Constabulary/);
    expect(text).toContain('S11-2026/P1');
    expect(text).not.toContain('LSCP-RR-2025-06/A1');
    expect(findButtonData(reply.card, 'report.share')).toBeUndefined();
  });

  it('answers an unknown period, review or agency with a suggestion, never a stack trace', async () => {
    expect(cardText((await ask(PEOPLE.chair, 'quarterly themes Q7')).card)).toMatch(/Did you mean Q3 2026\/27/);
    expect(cardText((await ask(PEOPLE.chair, 'quarterly themes lst quarter')).card)).toMatch(/Did you mean Q2 2026\/27/);
    expect(cardText((await ask(PEOPLE.chair, 'yearly report Q2')).card)).toMatch(/Did you mean 2026\/27/);
    expect(cardText((await ask(PEOPLE.chair, 'overdue Lancashire Constabulory')).card)).toMatch(/Did you mean: Lancashire Constabulary/);
    expect(cardText((await ask(PEOPLE.chair, 'status LSCP-XX-1')).card)).toMatch(/No review has that reference/);
    expect(cardText((await ask(PEOPLE.lsbu, 'dip sample lots')).card)).toMatch(/Say how many actions to sample/);
  });

  it('stores a dip sample with its seed, lists it, and redraws the same selection from the seed', async () => {
    const first = await ask(PEOPLE.lsbu, 'dip sample 2 police');
    const [stored] = await listAll<DipSample>(ctx.store, KIND.dipSample, ctx.partnershipId);
    expect(stored).toMatchObject({ requested: 2, agencyId: 'lancashire-constabulary', populationSize: 4, createdBy: PEOPLE.lsbu.aadObjectId });
    expect(cardText(first.card)).toContain(`seed ${stored.seed}`);
    ctx.clock.set('2026-11-20T12:10:00.000Z');
    await ask(PEOPLE.chair, `dip sample 2 police seed ${stored.seed}`);
    const samples = await listAll<DipSample>(ctx.store, KIND.dipSample, ctx.partnershipId);
    expect(samples).toHaveLength(2);
    expect(samples[0].actionIds).toEqual(samples[1].actionIds);
    const listed = cardText((await ask(PEOPLE.chair, 'dip samples')).card);
    expect(listed).toContain(String(stored.seed));
    expect(listed).toContain(stored.actionRefs[0]);
  });

  it('shares a report to the linked PAI channel, and says how to link one first', async () => {
    const card = (await ask(PEOPLE.chair, 'quarterly themes last quarter')).card;
    const share = findButtonData(card, 'report.share') as Record<string, unknown>;
    expect(share).toMatchObject({ report: 'quarterly-themes', args: 'last quarter' });
    expect(cardText(await bot.execute(executeActivity(PEOPLE.chair, 'report.share', share)))).toMatch(/link pai channel/);

    const channel = { scope: 'channel' as const, conversationId: '19:pai-channel@thread.tacv2' };
    await bot.send(installationActivity(PEOPLE.lsbu, 'add', channel));
    expect((await bot.send(messageActivity(PEOPLE.policeRep, 'link pai channel', channel)))[0].card).toBeDefined();
    expect((await bot.send(messageActivity(PEOPLE.lsbu, 'link pai channel', channel)))[0].text).toMatch(/now the PAI channel/);

    const answered = await bot.execute(executeActivity(PEOPLE.chair, 'report.share', share));
    expect(cardText(answered)).toMatch(/Shared to the PAI channel/);
    await bot.delivered();
    expect(bot.proactive).toHaveLength(1);
    // Sent through the outbox, with the delivery recorded for the delivery report.
    const [message] = await listAll<OutboxMessage>(ctx.store, KIND.outbox, ctx.partnershipId);
    expect(message).toMatchObject({ policy: 'REPORT_SHARE', status: 'sent', activityId: 'proactive-1', idempotencyKey: bot.proactive[0].idempotencyKey });
    expect((bot.proactive[0].reference.conversation as { id: string }).id).toBe('19:pai-channel@thread.tacv2');
    const posted = (bot.proactive[0].activity.attachments as { content: unknown }[])[0].content;
    expect(cardText(posted)).toMatch(/Quarterly review theme report, Q2 2026\/27/);
    expect(cardText(posted)).toMatch(/Shared by Priya Chair/);
    expect(findButtonData(posted, 'report.share')).toBeUndefined();

    // A card forwarded to an agency rep cannot be used to share or to see more than their role allows.
    expect(cardText(await bot.execute(executeActivity(PEOPLE.policeRep, 'report.share', share)))).toMatch(/Not allowed/);
    expect(cardText(await bot.execute(executeActivity(PEOPLE.policeRep, 'report.more', { ...share, start: 3 })))).toMatch(/Not allowed/);
  });

  it('opens a list and a review in place, with Back, every page from the snapshot of the first (one "as at")', async () => {
    bot = createBotHarness(ctx, { reportCache: new ReportCache(ctx.clock) });
    const first = (await ask(PEOPLE.chair, 'status')).card as Record<string, unknown>;
    const buttons = () => JSON.stringify(first);
    expect(buttons()).toContain('"title":"All 5: Needing attention, worst first"');
    const all = findButtonData(first, 'report.more') as Record<string, unknown>;
    expect(all).toMatchObject({ report: 'status', view: 'attention', snapshot: NOW });
    // Ten minutes later (past the report cache's five) and after the figures changed, the pages still read the snapshot.
    ctx.clock.advance(10 * 60_000);
    await ctx.store.upsert(KIND.meeting, ctx.partnershipId, { id: 'meeting-2026-11-20', date: '2026-11-20', type: 'PAI' });
    const page = await bot.execute(executeActivity(PEOPLE.chair, 'report.more', all));
    const text = cardText(page);
    expect(text).toContain('Needing attention, worst first');
    expect(text).toContain('LSCP-LCSPR-2025-03/A2');
    expect(text).toMatch(/As at 20 Nov 2026, 12:00/);
    expect(text).not.toMatch(/The figures were read again/);
    const back = findButtonData(page, 'report.more') as Record<string, unknown>;
    expect(back).toMatchObject({ view: '', start: 0 });
    const again = cardText(await bot.execute(executeActivity(PEOPLE.chair, 'report.more', back)));
    expect(again).toContain('By review (open one for its actions)');
    expect(again).toMatch(/As at 20 Nov 2026, 12:00/);

    // A review drill-down, and a snapshot this process no longer has: read again, and the card says so.
    const review = await bot.execute(executeActivity(PEOPLE.chair, 'report.more', { report: 'status', args: '', view: 'review:lscp-rr-2025-06', snapshot: '2026-11-19T09:00:00.000Z' }));
    expect(cardText(review)).toContain('LSCP-RR-2025-06 (Child F): open actions');
    expect(cardText(review)).toMatch(/The figures were read again: they now stand as at 20 Nov 2026, 12:10/);
  });

  it('lets the chair record the PAI decision for a theme from the quarterly card, and refuses others', async () => {
    const card = (await ask(PEOPLE.chair, 'quarterly themes Q2 2026/27')).card;
    const form = findButtonData(card, 'theme.decide') as Record<string, unknown>;
    expect(form).toMatchObject({ period: 'Q2 2026/27' });
    expect(JSON.stringify(card)).toContain('"title":"Dip sample single-agency plans","value":"DIP_SAMPLE_SINGLE_AGENCY_PLANS"');
    const answered = await bot.execute(executeActivity(PEOPLE.chair, 'theme.decide', { ...form, themeId: 'neglect', route: 'NEW_AUDIT', owner: 'PAI audit group', due: '2027-01-31' }));
    expect(cardText(answered)).toMatch(/Decision recorded for Neglect: New multi-agency audit/);
    expect(cardText(answered)).toMatch(/Neglect\nNew multi-agency audit · owner PAI audit group · due 31 Jan 2027/);
    const later = cardText((await ask(PEOPLE.lsbu, 'quarterly themes Q2 2026/27')).card);
    expect(later).toMatch(/Neglect\nNew multi-agency audit/);

    expect(cardText(await bot.execute(executeActivity(PEOPLE.policeRep, 'theme.decide', { ...form, themeId: 'neglect', route: 'ASSURED_NO_FURTHER_ACTION' })))).toMatch(/Not allowed/);
    expect(cardText(await bot.execute(executeActivity(PEOPLE.chair, 'theme.decide', { ...form, themeId: 'neglect', route: 'ASSURED_NO_FURTHER_ACTION', note: 'Spoke to Child Tom Smith mother' })))).toMatch(/That did not work/);
    expect(cardText(await bot.execute(executeActivity(PEOPLE.chair, 'theme.decide', { ...form, themeId: 'neglect' })))).toMatch(/Choose what the PAI decided/);
    expect(findButtonData((await ask(PEOPLE.admin, 'quarterly themes Q2 2026/27')).card, 'theme.decide')).toBeUndefined();
  });
});
