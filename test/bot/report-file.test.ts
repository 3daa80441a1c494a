import { reportToXlsx } from '../../src/adapters/reports/xlsx-writer';
import { Activity, TestAdapter, TurnContext } from 'botbuilder';
import { KIND } from '../../src/app/kernel/kinds';
import { createBotApp } from '../../src/bot/teams/create-bot-app';
import { CardRenderer } from '../../src/cards/render';
import { ACTIONS, MEMBERS, NOW, REVIEWS } from '../fixtures/reports-dataset';
import { executeActivity, messageActivity, PEOPLE } from '../support/activities';
import { cardText } from '../support/bot-harness';
import { createTestContext, TestContext } from '../support/test-context';

/** Teams' fileConsent/invoke after the user presses Allow or Decline on the bot's file offer. */
function consentActivity(person: { aadObjectId: string; name: string }, action: 'accept' | 'decline', context: unknown) {
  const base = messageActivity(person, '');
  return {
    ...base,
    type: 'invoke',
    name: 'fileConsent/invoke',
    text: undefined,
    value: {
      type: 'fileUpload', action, context,
      ...(action === 'accept' ? { uploadInfo: { name: 'overdue-actions-by-agency.xlsx', uploadUrl: 'https://upload.example.invalid/session/1', contentUrl: 'https://tenant.sharepoint.example/overdue.xlsx', uniqueId: 'file-1', fileType: 'xlsx' } } : {}),
    },
  };
}

describe('bot: report as an Excel file through Teams file consent (personal chat)', () => {
  let ctx: TestContext;
  const uploads: { url: string; bytes: Buffer }[] = [];
  let adapter: TestAdapter;

  beforeEach(async () => {
    ctx = await createTestContext();
    ctx.clock.set(NOW);
    for (const [kind, docs] of [[KIND.member, MEMBERS], [KIND.review, REVIEWS], [KIND.action, ACTIONS]] as const) {
      await Promise.all(docs.map((doc) => ctx.store.upsert(kind, ctx.partnershipId, doc)));
    }
    uploads.length = 0;
    const app = createBotApp({ ctx, cards: new CardRenderer(), deliver: () => undefined, reportWorkbook: reportToXlsx, uploadFile: async (url, bytes) => void uploads.push({ url, bytes }) });
    adapter = new TestAdapter(async (context: TurnContext) => {
      await app.run(context);
    });
  });

  async function run(activity: object): Promise<Partial<Activity>[]> {
    await adapter.processActivity(activity as Partial<Activity>);
    const replies: Partial<Activity>[] = [];
    while (adapter.activeQueue.length > 0) replies.push(adapter.activeQueue.shift() as Partial<Activity>);
    return replies;
  }

  it('offers the file from a report card in personal chat only', async () => {
    const [personal] = await run(messageActivity(PEOPLE.chair, 'overdue'));
    expect(JSON.stringify(personal.attachments)).toContain('"verb":"report.file"');
    const [channel] = await run(messageActivity(PEOPLE.chair, 'overdue', { scope: 'channel' }));
    expect(JSON.stringify(channel.attachments)).not.toContain('"verb":"report.file"');
  });

  it('sends a consent card with the size, uploads the workbook on accept and posts the file card', async () => {
    const replies = await run(executeActivity(PEOPLE.chair, 'report.file', { report: 'overdue', args: '' }));
    const offer = replies.find((reply) => reply.attachments?.[0]?.contentType === 'application/vnd.microsoft.teams.card.file.consent');
    expect(offer?.attachments?.[0]).toMatchObject({ name: 'overdue-actions-by-agency.xlsx', content: { sizeInBytes: expect.any(Number), acceptContext: { report: 'overdue', args: '' } } });
    const invoke = replies.find((reply) => reply.type === 'invokeResponse');
    expect(cardText((invoke?.value as { body: { value: unknown } }).body.value)).toMatch(/Accept the file offer below/);

    const accepted = await run(consentActivity(PEOPLE.chair, 'accept', { report: 'overdue', args: '' }));
    expect(uploads).toHaveLength(1);
    expect(uploads[0].url).toBe('https://upload.example.invalid/session/1');
    expect(uploads[0].bytes.subarray(0, 2).toString()).toBe('PK');
    expect(accepted.find((reply) => reply.attachments?.[0]?.contentType === 'application/vnd.microsoft.teams.card.file.info')?.attachments?.[0]).toMatchObject({ contentUrl: 'https://tenant.sharepoint.example/overdue.xlsx', content: { uniqueId: 'file-1', fileType: 'xlsx' } });
    expect(accepted.find((reply) => reply.type === 'invokeResponse')?.value).toEqual({ status: 200 });
  });

  it('says nothing was saved on decline, and refuses a user without report rights even with a forged accept', async () => {
    const declined = await run(consentActivity(PEOPLE.chair, 'decline', { report: 'overdue', args: '' }));
    expect(declined.find((reply) => reply.type === 'message')?.text).toMatch(/No file was saved/);
    const forged = await run(consentActivity(PEOPLE.stranger, 'accept', { report: 'status', args: '' }));
    expect(uploads).toHaveLength(0);
    expect(cardText(forged.find((reply) => reply.type === 'message')?.attachments?.[0]?.content)).toMatch(/Not allowed/);
  });
});
