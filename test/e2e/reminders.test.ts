import { KIND } from '../../src/app/kernel/kinds';
import { acquireLease, releaseLease } from '../../src/app/reminders/lease';
import { TICK_LEASE } from '../../src/app/reminders/run-reminder-tick';
import type { OutboxMessage } from '../../src/app/reminders/outbox';
import { conversationRecordId, ConversationRecord } from '../../src/app/directory/record-installation';
import { listAll } from '../../src/ports/document-store';
import { installationActivity, messageActivity, PEOPLE } from '../support/activities';
import { E2eApp, startE2eApp } from '../support/e2e-app';
import { FakeConnector } from '../support/fake-connector';
import { putAction, putMeeting } from '../support/reminder-fixtures';
import { addMember, addStandardMembers } from '../support/test-context';

const SECRET = 'a-long-shared-jobs-secret';
const OFFICER = { aadObjectId: '00000000-0000-4000-8000-000000000009', name: 'Olly Officer' };
const PAI_CHANNEL = '19:pai@thread.tacv2';
const POLICE_CHANNEL = '19:police@thread.tacv2';
const chatOf = (person: { aadObjectId: string }) => `a:personal-${person.aadObjectId}`;

describe('e2e: the reminder tick over HTTP, through the outbox, to a FakeConnector', () => {
  let app: E2eApp;
  let connector: FakeConnector;

  const outbox = () => listAll<OutboxMessage>(app.store, KIND.outbox, app.ctx.partnershipId);

  beforeAll(async () => {
    connector = await FakeConnector.start();
    app = await startE2eApp({ JOBS_SECRET: SECRET, PAI_CHANNEL_CONVERSATION_ID: PAI_CHANNEL });
    app.clock.set('2026-11-25T10:00:00Z'); // a Wednesday, inside the send window
    await addStandardMembers(app.ctx);
    await addMember(app.ctx, OFFICER, ['RESPONSIBLE_OFFICER'], 'lancashire-constabulary');
    for (const person of [PEOPLE.admin, PEOPLE.lsbu, PEOPLE.policeRep, PEOPLE.healthRep, OFFICER]) {
      await app.postOk(installationActivity(person, 'add', { serviceUrl: connector.url }));
    }
    await app.postOk(installationActivity(PEOPLE.lsbu, 'add', { scope: 'channel', conversationId: PAI_CHANNEL, serviceUrl: connector.url }));
    await app.postOk(installationActivity(PEOPLE.lsbu, 'add', { scope: 'channel', conversationId: POLICE_CHANNEL, serviceUrl: connector.url }));
    await app.postOk(messageActivity(PEOPLE.lsbu, 'link agency Lancashire Constabulary', { scope: 'channel', conversationId: POLICE_CHANNEL, serviceUrl: connector.url }));
    await putAction(app.ctx, { id: 'due-soon', agencyId: 'lancashire-constabulary', responsibleOfficerId: OFFICER.aadObjectId, currentTargetDate: '2026-11-27' });
    await putAction(app.ctx, { id: 'overdue', agencyId: 'lthtr', responsibleOfficerId: PEOPLE.healthRep.aadObjectId, currentTargetDate: '2026-11-24' });
    await putAction(app.ctx, { id: 'not-yet', agencyId: 'lancashire-constabulary', responsibleOfficerId: OFFICER.aadObjectId, currentTargetDate: '2027-03-31' });
    await putMeeting(app.ctx, '2026-11-30'); // digest 3 working days before: today
  });
  afterAll(async () => {
    await app.stop();
    await connector.stop();
  });

  it('refuses a tick without the shared secret, or with a wrong one, and keeps the endpoint off without JOBS_SECRET', async () => {
    expect((await app.tick(undefined)).status).toBe(401);
    expect((await app.tick('not-the-secret-at-all')).status).toBe(401);
    expect(await outbox()).toHaveLength(0);
    const unconfigured = await startE2eApp();
    try {
      expect((await unconfigured.tick(SECRET)).status).toBe(404);
    } finally {
      await unconfigured.stop();
    }
  });

  it('answers 409 and sends nothing while another instance holds the tick lease', async () => {
    connector.reset();
    const lease = await acquireLease(app.ctx, TICK_LEASE, 'another-instance', 60_000);
    const refused = await app.tick(SECRET);
    expect(refused).toEqual({ status: 409, body: { status: 'skipped', reason: 'LEASE_HELD' } });
    expect(connector.sentActivities()).toHaveLength(0);
    await releaseLease(app.ctx, lease!);
  });

  it('a tick answers 202 at once and sends one digest per recipient, each with its key; a second tick the same day sends nothing', async () => {
    connector.reset();
    const { started, final } = await app.tickToEnd(SECRET);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'started', tickId: expect.any(String) });
    expect(final).toMatchObject({ state: 'done', recipients: 3, queued: 3, sent: 3, pending: 0, failed: 0 });
    const sent = connector.sentActivities();
    expect(sent.map((call) => call.conversationId).sort()).toEqual([PAI_CHANNEL, chatOf(OFFICER), chatOf(PEOPLE.healthRep)].sort());
    expect([...connector.deliveriesByKey().keys()].sort()).toEqual([
      `DIGEST|member:${OFFICER.aadObjectId}|2026-11-25`,
      `DIGEST|member:${PEOPLE.healthRep.aadObjectId}|2026-11-25`,
      'DIGEST|pai:pai|2026-11-25',
    ].sort());
    expect(JSON.stringify(sent.find((call) => call.conversationId === chatOf(PEOPLE.healthRep))?.body)).toContain('1 working day overdue');

    connector.reset();
    const second = await app.tickToEnd(SECRET);
    expect(second.final).toMatchObject({ state: 'done', queued: 0, sent: 0 });
    expect(connector.sentActivities()).toHaveLength(0);
  });

  it('a status request for an unknown tick is 404, and needs the secret', async () => {
    expect((await app.tickStatus(SECRET, 'no-such-tick')).status).toBe(404);
    expect((await app.tickStatus('not-the-secret-at-all', 'no-such-tick')).status).toBe(401);
  });

  it('with 429, 500 and 403 on chosen calls, every message is delivered or accounted for', async () => {
    app.clock.set('2026-11-26T10:00:00Z');
    const createdAt = '2026-11-26T09:00:00.000Z'; // new since yesterday's digests
    await putAction(app.ctx, { id: 'throttled', agencyId: 'lancashire-constabulary', responsibleOfficerId: PEOPLE.policeRep.aadObjectId, currentTargetDate: '2026-11-25', createdAt });
    await putAction(app.ctx, { id: 'flaky', agencyId: 'lthtr', responsibleOfficerId: PEOPLE.healthRep.aadObjectId, currentTargetDate: '2026-12-01', createdAt });
    await putAction(app.ctx, { id: 'removed', agencyId: 'lancashire-constabulary', responsibleOfficerId: OFFICER.aadObjectId, currentTargetDate: '2026-11-25', createdAt });
    connector.reset();
    connector.failNext({ status: 429, retryAfterInSeconds: 1, pathIncludes: chatOf(PEOPLE.policeRep) });
    connector.failNext({ status: 500, pathIncludes: chatOf(PEOPLE.healthRep) }, 2);
    connector.failNext({ status: 403, code: 'BotNotInConversationRoster', pathIncludes: chatOf(OFFICER) });

    const tick = await app.tickToEnd(SECRET);
    expect(tick.final).toMatchObject({ state: 'done', queued: 3, gone: 1, failed: 0 });

    const failures = connector.calls.filter((call) => call.status >= 400).map((call) => `${call.status} ${call.conversationId}`);
    expect(failures.sort()).toEqual([`429 ${chatOf(PEOPLE.policeRep)}`, `500 ${chatOf(PEOPLE.healthRep)}`, `500 ${chatOf(PEOPLE.healthRep)}`, `403 ${chatOf(OFFICER)}`].sort());
    const delivered = connector.sentActivities().map((call) => call.conversationId).sort();
    expect(delivered).toEqual([chatOf(PEOPLE.policeRep), chatOf(PEOPLE.healthRep), POLICE_CHANNEL, chatOf(PEOPLE.admin)].sort());
    const fallback = connector.sentActivities().find((call) => call.conversationId === POLICE_CHANNEL);
    expect(String(fallback?.body?.text)).toMatch(/Forwarded here: the bot could not reach Olly Officer/);
    const notice = connector.sentActivities().find((call) => call.conversationId === chatOf(PEOPLE.admin));
    expect(String(notice?.body?.text)).toMatch(/can no longer post to the personal chat with Olly Officer \(BotNotInConversationRoster\)/);

    const messages = await outbox();
    const byId = new Map(messages.map((message) => [message.id, message]));
    for (const message of messages) {
      if (message.status === 'gone') expect(message.reroutedTo?.every((id) => byId.get(id)?.status === 'sent')).toBe(true);
      else expect(message.status).toBe('sent');
    }
    const officerChat = await app.store.get<ConversationRecord>(KIND.conversation, app.ctx.partnershipId, conversationRecordId(chatOf(OFFICER)));
    expect(officerChat?.status).toBe('gone');

    connector.reset();
    await app.tickToEnd(SECRET);
    expect(connector.sentActivities()).toHaveLength(0);
  });
});
