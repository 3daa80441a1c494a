import { KIND } from '../../src/app/kernel/kinds';
import type { OutboxMessage } from '../../src/app/reminders/outbox';
import { listAll } from '../../src/ports/document-store';
import { cardBytes, MAX_CARD_BYTES } from '../../src/cards/render';
import { ACTIONS, NOW, seedReportsDataset } from '../fixtures/reports-dataset';
import { executeActivity, installationActivity, messageActivity, PEOPLE } from '../support/activities';
import { cardText } from '../support/bot-harness';
import { E2eApp, startE2eApp } from '../support/e2e-app';
import { FakeConnector } from '../support/fake-connector';

describe('e2e: reports over HTTP', () => {
  let app: E2eApp;
  let connector: FakeConnector;

  beforeAll(async () => {
    connector = await FakeConnector.start();
    app = await startE2eApp();
    app.clock.set(NOW);
    await seedReportsDataset(app.store, app.ctx.partnershipId);
  });
  afterAll(async () => {
    await app.stop();
    await connector.stop();
  });


  it('answers "quarterly themes Q2" with the report card, and refuses an agency rep', async () => {
    connector.reset();
    await app.postOk(messageActivity(PEOPLE.chair, 'quarterly themes Q2', { serviceUrl: connector.url }));
    const [card] = connector.sentCards();
    expect(cardText(card)).toMatch(/Quarterly review theme report, Q2 2026\/27/);
    expect(cardText(card)).toContain('Lancashire Teaching Hospitals NHS Foundation Trust');
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    // The reply goes to the chat it came from, as a reply to the message.
    expect(connector.sentActivities()[0].path).toMatch(/^\/v3\/conversations\/[^/]+\/activities\/[^/]+$/);

    connector.reset();
    await app.postOk(messageActivity(PEOPLE.policeRep, 'quarterly themes Q2', { serviceUrl: connector.url }));
    expect(cardText(connector.sentCards()[0])).toMatch(/Not allowed/);
  });

  it('reuses a computed report until data is written, and shows when its figures were read', async () => {
    connector.reset();
    await app.postOk(messageActivity(PEOPLE.chair, 'overdue', { serviceUrl: connector.url }));
    expect(cardText(connector.sentCards()[0])).toContain('3 overdue');
    app.clock.set('2026-11-20T12:01:00.000Z');
    connector.reset();
    await app.postOk(messageActivity(PEOPLE.chair, 'overdue', { serviceUrl: connector.url }));
    // Same figures, read at 12:00 (UK time is GMT in November).
    expect(cardText(connector.sentCards()[0])).toMatch(/As at 20 Nov 2026, 12:00/);
    await app.store.upsert(KIND.action, app.ctx.partnershipId, { ...ACTIONS[0], id: 'late-one', ref: 'LSCP-RR-2025-01/A9' });
    connector.reset();
    await app.postOk(messageActivity(PEOPLE.chair, 'overdue', { serviceUrl: connector.url }));
    expect(cardText(connector.sentCards()[0])).toContain('4 overdue');
    expect(cardText(connector.sentCards()[0])).toMatch(/As at 20 Nov 2026, 12:01/);
    await app.store.delete(KIND.action, app.ctx.partnershipId, 'late-one');
    app.clock.set(NOW);
  });

  it('shares the card to the PAI channel through the connector, in a group meeting chat', async () => {
    const meetingChat = { scope: 'groupChat' as const, conversationId: '19:meeting-pai@thread.v2', serviceUrl: connector.url };
    await app.postOk(installationActivity(PEOPLE.chair, 'add', meetingChat));
    await app.postOk(messageActivity(PEOPLE.chair, 'link pai channel', meetingChat));
    connector.reset();
    const body = await app.postOk(executeActivity(PEOPLE.chair, 'report.share', { report: 'quarterly-themes', args: 'Q2', start: 0 }, { serviceUrl: connector.url }));
    expect(cardText((body as { value: unknown }).value)).toMatch(/Shared to the PAI channel/);
    await app.delivery.idle();
    const shared = connector.sentActivities().find((call) => call.conversationId === '19:meeting-pai@thread.v2');
    expect(shared).toBeDefined();
    expect(JSON.stringify(shared?.body)).toContain('Shared by Priya Chair');
  });

  it('sends a shared report through the outbox: a failed delivery shows in the delivery report', async () => {
    connector.reset();
    connector.failNext({ status: 400, code: 'BadArgument', pathIncludes: '19:meeting-pai@thread.v2' });
    const body = await app.postOk(executeActivity(PEOPLE.chair, 'report.share', { report: 'status', args: '', start: 0 }, { serviceUrl: connector.url }));
    expect(cardText((body as { value: unknown }).value)).toMatch(/Shared to the PAI channel/);
    await app.delivery.idle();
    expect(connector.sentActivities().filter((call) => call.conversationId === '19:meeting-pai@thread.v2')).toHaveLength(0);
    const shares = await listAll<OutboxMessage>(app.store, KIND.outbox, app.ctx.partnershipId, { where: { policy: 'REPORT_SHARE' } });
    expect(shares.map((message) => [message.status, message.lastError ?? ''])).toEqual(expect.arrayContaining([['sent', ''], ['dead', 'BadArgument']]));
    connector.reset();
    await app.postOk(messageActivity(PEOPLE.lsbu, 'delivery report', { serviceUrl: connector.url }));
    expect(cardText(connector.sentCards()[0])).toMatch(/Shared report · Partnership\n1 sent · 0 pending · 1 failed · 0 gone/);
  });
});
