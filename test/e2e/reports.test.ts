import { KIND } from '../../src/app/kernel/kinds';
import type { OutboxMessage } from '../../src/app/reminders/outbox';
import { listAll } from '../../src/ports/document-store';
import { cardBytes, MAX_CARD_BYTES } from '../../src/cards/render';
import { ACTIONS, NOW, seedReportsDataset } from '../fixtures/reports-dataset';
import { executeActivity, installationActivity, messageActivity, PEOPLE } from '../support/activities';
import { cardText } from '../support/bot-harness';
import { invokeCard, useLocalApp } from '../support/e2e-app';
import { rebuildReportSummaries } from '../../src/app/reports/report-summaries';

describe('e2e: reports over HTTP', () => {
  const local = useLocalApp({}, async (app) => {
    app.clock.set(NOW);
    await seedReportsDataset(app.store, app.ctx.partnershipId);
  });

  it('answers "quarterly themes Q2" with the report card, and refuses an agency rep', async () => {
    local.connector.reset();
    await local.app.postOk(messageActivity(PEOPLE.chair, 'quarterly themes Q2', { serviceUrl: local.connector.url }));
    const [card] = local.connector.sentCards();
    expect(cardText(card)).toMatch(/Quarterly review theme report, Q2 2026\/27/);
    expect(cardText(card)).toContain('Lancashire Teaching Hospitals NHS Foundation Trust');
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    // The reply goes to the chat it came from, as a reply to the message.
    expect(local.connector.sentActivities()[0].path).toMatch(/^\/v3\/conversations\/[^/]+\/activities\/[^/]+$/);

    local.connector.reset();
    await local.app.postOk(messageActivity(PEOPLE.policeRep, 'quarterly themes Q2', { serviceUrl: local.connector.url }));
    expect(cardText(local.connector.sentCards()[0])).toMatch(/Not allowed/);
  });

  it('reuses a computed report until data is written, and shows when its figures were read', async () => {
    local.connector.reset();
    await local.app.postOk(messageActivity(PEOPLE.chair, 'overdue', { serviceUrl: local.connector.url }));
    expect(cardText(local.connector.sentCards()[0])).toContain('3 overdue');
    local.app.clock.set('2026-11-20T12:01:00.000Z');
    local.connector.reset();
    await local.app.postOk(messageActivity(PEOPLE.chair, 'overdue', { serviceUrl: local.connector.url }));
    // Same figures, read at 12:00 (UK time is GMT in November).
    expect(cardText(local.connector.sentCards()[0])).toMatch(/As at 20 Nov 2026, 12:00/);
    await local.app.store.upsert(KIND.action, local.app.ctx.partnershipId, { ...ACTIONS[0], id: 'late-one', ref: 'LSCP-RR-2025-01/A9' });
    local.connector.reset();
    await local.app.postOk(messageActivity(PEOPLE.chair, 'overdue', { serviceUrl: local.connector.url }));
    expect(cardText(local.connector.sentCards()[0])).toContain('4 overdue');
    expect(cardText(local.connector.sentCards()[0])).toMatch(/As at 20 Nov 2026, 12:01/);
    await local.app.store.delete(KIND.action, local.app.ctx.partnershipId, 'late-one');
    local.app.clock.set(NOW);
  });

  it('shares the card to the PAI channel through the connector, in a group meeting chat', async () => {
    const meetingChat = { scope: 'groupChat' as const, conversationId: '19:meeting-pai@thread.v2', serviceUrl: local.connector.url };
    await local.app.postOk(installationActivity(PEOPLE.chair, 'add', meetingChat));
    await local.app.postOk(messageActivity(PEOPLE.chair, 'link pai channel', meetingChat));
    local.connector.reset();
    const body = await local.app.postOk(executeActivity(PEOPLE.chair, 'report.share', { report: 'quarterly-themes', args: 'Q2', start: 0 }, { serviceUrl: local.connector.url }));
    expect(cardText((body as { value: unknown }).value)).toMatch(/Shared to the PAI channel/);
    await local.app.delivery.idle();
    const shared = local.connector.sentActivities().find((call) => call.conversationId === '19:meeting-pai@thread.v2');
    expect(shared).toBeDefined();
    expect(JSON.stringify(shared?.body)).toContain('Shared by Priya Chair');
  });

  it('sends a shared report through the outbox: a failed delivery shows in the delivery report', async () => {
    local.connector.reset();
    local.connector.failNext({ status: 400, code: 'BadArgument', pathIncludes: '19:meeting-pai@thread.v2' });
    const body = await local.app.postOk(executeActivity(PEOPLE.chair, 'report.share', { report: 'status', args: '', start: 0 }, { serviceUrl: local.connector.url }));
    expect(cardText((body as { value: unknown }).value)).toMatch(/Shared to the PAI channel/);
    await local.app.delivery.idle();
    expect(local.connector.sentActivities().filter((call) => call.conversationId === '19:meeting-pai@thread.v2')).toHaveLength(0);
    const shares = await listAll<OutboxMessage>(local.app.store, KIND.outbox, local.app.ctx.partnershipId, { where: { policy: 'REPORT_SHARE' } });
    expect(shares.map((message) => [message.status, message.lastError ?? ''])).toEqual(expect.arrayContaining([['sent', ''], ['dead', 'BadArgument']]));
    local.connector.reset();
    await local.app.postOk(messageActivity(PEOPLE.lsbu, 'delivery report', { serviceUrl: local.connector.url }));
    expect(cardText(local.connector.sentCards()[0])).toMatch(/Shared report · Partnership\n1 sent · 0 pending · 1 failed · 0 gone/);
  });
});

describe('e2e: quarterly themes from the stored summaries, kept current by a sign-off in chat', () => {
  const SECRET = 'e2e-summaries-secret-0123456789';
  const local = useLocalApp({ JOBS_SECRET: SECRET }, async (app) => {
    app.clock.set(NOW);
    await seedReportsDataset(app.store, app.ctx.partnershipId);
  });

  const quarterlyText = async () => {
    // A computed report is reused until a write it reads; summaries are not such a write, so start each ask afresh.
    local.app.reportCache.invalidate();
    local.connector.reset();
    await local.app.postOk(messageActivity(PEOPLE.chair, 'quarterly themes', { serviceUrl: local.connector.url }));
    return cardText(local.connector.sentCards()[0]);
  };

  it('answers the same from the tick-built summaries as from every action, and after a sign-off as a recount does', async () => {
    const counted = await quarterlyText();
    expect(await local.app.store.get(KIND.reportSummary, local.app.ctx.partnershipId, 'registry')).toBeUndefined();
    const { final } = await local.app.tickToEnd(SECRET);
    expect(final.state).toBe('done');
    expect(await local.app.store.get(KIND.reportSummary, local.app.ctx.partnershipId, 'registry')).toBeDefined();
    expect(await quarterlyText()).toBe(counted);

    // The chair signs off A6 (evidence submitted) from its card: the summaries change in the same commit.
    local.connector.reset();
    await local.app.postOk(messageActivity(PEOPLE.chair, 'action LSCP-RR-2025-05/A1', { serviceUrl: local.connector.url }));
    const card = JSON.stringify(local.connector.sentCards()[0]);
    const close = JSON.parse((card.match(/"verb":"action\.close","(?:style":"\w+",")?data":(\{[^}]*\})/) as RegExpMatchArray)[1]) as Record<string, unknown>;
    const closed = invokeCard(await local.app.postOk(executeActivity(PEOPLE.chair, 'action.close', { ...close, meetingDate: '2026-11-20', closeWithoutImpact: 'true' }, { serviceUrl: local.connector.url })));
    expect(cardText(closed)).toMatch(/Saved[\s\S]*Closed/);
    const kept = await quarterlyText();
    expect(kept).not.toBe(counted);
    expect(kept).toMatch(/1 closed/);

    // Counting everything again gives the same card.
    await rebuildReportSummaries(local.app.ctx);
    expect(await quarterlyText()).toBe(kept);
  });
});
