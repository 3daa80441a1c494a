import { KIND } from '../../src/app/kernel/kinds';
import { conversationRecordId, ConversationRecord } from '../../src/app/directory/record-installation';
import type { Agency } from '../../src/domain/directory/agency';
import { botMembershipActivity, installationActivity, messageActivity, PEOPLE } from '../support/activities';
import { cardText, createBotHarness } from '../support/bot-harness';
import { addStandardMembers, createTestContext, TestContext } from '../support/test-context';

describe('bot: foundation commands', () => {
  let ctx: TestContext;
  let bot: ReturnType<typeof createBotHarness>;

  beforeEach(async () => {
    ctx = await createTestContext();
    await addStandardMembers(ctx);
    bot = createBotHarness(ctx);
  });

  it('help lists only the commands the role allows', async () => {
    const [reply] = await bot.send(messageActivity(PEOPLE.policeRep, 'help'));
    const text = cardText(reply.card);
    expect(text).toContain('whoami');
    expect(text).not.toContain('link agency');
    const [adminReply] = await bot.send(messageActivity(PEOPLE.admin, 'HELP'));
    // Angle brackets would read as an HTML tag in Teams and vanish: placeholders show in angle quotes.
    expect(cardText(adminReply.card)).toContain('link agency ‹name›');
    expect(JSON.stringify(adminReply.card)).not.toMatch(/<name>|<reference>/);
  });

  it('help tells an unregistered user how to get access', async () => {
    const [reply] = await bot.send(messageActivity(PEOPLE.stranger, 'help'));
    expect(cardText(reply.card)).toMatch(/not registered/);
  });

  it('whoami shows the agency and roles from the store', async () => {
    const [reply] = await bot.send(messageActivity(PEOPLE.policeRep, 'whoami'));
    const text = cardText(reply.card);
    expect(text).toContain('Lancashire Constabulary');
    expect(text).toContain('Agency representative');
    expect(text).toContain('Responsible officer');
  });

  it('treats a bootstrap admin as an admin before they are registered', async () => {
    const [reply] = await bot.send(messageActivity(PEOPLE.admin, 'whoami'));
    expect(cardText(reply.card)).toContain('Administrator');
  });

  it('answers unknown text with a pointer to help', async () => {
    const [reply] = await bot.send(messageActivity(PEOPLE.policeRep, 'make me a sandwich'));
    expect(reply.text).toMatch(/help/);
  });

  it('records the conversation on install and forgets it on uninstall, in every scope', async () => {
    for (const scope of ['personal', 'groupChat', 'channel'] as const) {
      await bot.send(installationActivity(PEOPLE.lsbu, 'add', { scope }));
    }
    const records = (await ctx.store.list<ConversationRecord>(KIND.conversation, ctx.partnershipId)).items;
    expect(records.map((record) => record.scope).sort()).toEqual(['channel', 'groupChat', 'personal']);
    const channel = records.find((record) => record.scope === 'channel') as ConversationRecord;
    expect(channel).toMatchObject({ tenantId: expect.any(String), teamId: expect.any(String), channelId: expect.any(String), status: 'active' });
    expect((channel.reference as { serviceUrl: string }).serviceUrl).toMatch(/^https:/);
    const personal = records.find((record) => record.scope === 'personal') as ConversationRecord;
    expect(personal.userAadObjectId).toBe(PEOPLE.lsbu.aadObjectId);

    await bot.send(installationActivity(PEOPLE.lsbu, 'remove', { scope: 'groupChat' }));
    const left = (await ctx.store.list<ConversationRecord>(KIND.conversation, ctx.partnershipId)).items;
    expect(left.map((record) => record.scope).sort()).toEqual(['channel', 'personal']);
  });

  it('records the bot being added to a team via conversationUpdate and greets with help', async () => {
    const replies = await bot.send(botMembershipActivity(PEOPLE.lsbu, 'added', { scope: 'channel' }));
    expect(cardText(replies[0].card)).toContain('Assurance Bot');
    const id = conversationRecordId('19:police-channel@thread.tacv2');
    expect(await ctx.store.get(KIND.conversation, ctx.partnershipId, id)).toBeDefined();
    await bot.send(botMembershipActivity(PEOPLE.lsbu, 'removed', { scope: 'channel' }));
    expect(await ctx.store.get(KIND.conversation, ctx.partnershipId, id)).toBeUndefined();
  });

  it('links a channel to an agency for the business unit, matching the agency name loosely', async () => {
    const [reply] = await bot.send(messageActivity(PEOPLE.lsbu, 'link agency lancashire constabulary', { scope: 'channel' }));
    expect(reply.text).toContain('Lancashire Constabulary');
    const agency = await ctx.store.get<Agency>(KIND.agency, ctx.partnershipId, 'lancashire-constabulary');
    expect(agency?.channelConversationId).toBe(conversationRecordId('19:police-channel@thread.tacv2'));
    const audit = (await ctx.store.list(KIND.audit, ctx.partnershipId, { where: { operation: 'link-channel' } })).items;
    expect(audit).toHaveLength(1);
  });

  it('refuses link agency to an agency rep and changes nothing', async () => {
    const [reply] = await bot.send(messageActivity(PEOPLE.policeRep, 'link agency Police', { scope: 'channel' }));
    expect(cardText(reply.card)).toMatch(/Not allowed/);
    const agency = await ctx.store.get<Agency>(KIND.agency, ctx.partnershipId, 'lancashire-constabulary');
    expect(agency?.channelConversationId).toBeUndefined();
  });

  it('refuses link agency outside a channel, and suggests names for an unknown agency', async () => {
    const [personal] = await bot.send(messageActivity(PEOPLE.lsbu, 'link agency Police'));
    expect(cardText(personal.card)).toMatch(/team channel/);
    const [unknown] = await bot.send(messageActivity(PEOPLE.lsbu, 'link agency Lancashire Constabularly', { scope: 'channel' }));
    expect(cardText(unknown.card)).toMatch(/Did you mean: Lancashire Constabulary/);
  });
});
