import { KIND } from '../../src/app/kernel/kinds';
import type { OutboxMessage } from '../../src/app/reminders/outbox';
import { listAll } from '../../src/ports/document-store';
import { executeActivity, installationActivity, messageActivity, PEOPLE, type Person } from '../support/activities';
import { cardText } from '../support/bot-harness';
import { invokeCard, useLocalApp } from '../support/e2e-app';
import { addStandardMembers } from '../support/test-context';

const SECRET = 'a-long-shared-jobs-secret';
const POLICE_CHANNEL = '19:police@thread.tacv2';

describe('e2e: a piece of scrutiny over HTTP, its audit cards and concern notices sent by the tick through the outbox', () => {
  const local = useLocalApp({ JOBS_SECRET: SECRET }, async (app, connector) => {
    app.clock.set('2026-11-30T10:00:00Z'); // a Monday, inside the send window
    await addStandardMembers(app.ctx);
    for (const person of [PEOPLE.lsbu, PEOPLE.policeRep, PEOPLE.healthRep]) await app.postOk(installationActivity(person, 'add', { serviceUrl: connector.url }));
    await app.postOk(installationActivity(PEOPLE.lsbu, 'add', { scope: 'channel', conversationId: POLICE_CHANNEL, serviceUrl: connector.url }));
    await app.postOk(messageActivity(PEOPLE.lsbu, 'link agency Lancashire Constabulary', { scope: 'channel', conversationId: POLICE_CHANNEL, serviceUrl: connector.url }));
  });
  const outbox = () => listAll<OutboxMessage>(local.app.store, KIND.outbox, local.app.ctx.partnershipId);
  const press = async (person: Person, verb: string, data: Record<string, unknown>) => invokeCard(await local.app.postOk(executeActivity(person, verb, data, { serviceUrl: local.connector.url })));

  it('proposes, agrees and audits a piece; the bot queues and the tick sends, once', async () => {
    const created = await press(PEOPLE.chair, 'scrutiny.create', { period: '2026/27', title: 'Neglect in under-fives', tools: 'CASE_FILE_AUDIT', lead: PEOPLE.lsbu.aadObjectId, agencies: 'lancashire-constabulary,lthtr', evidence_due: '2027-01-15', report_due: '2027-02-26' });
    expect(cardText(created)).toContain('SCR-2026-1 proposed');
    expect(cardText(await press(PEOPLE.lsbu, 'scrutiny.stage', { pieceId: 'scr-2026-1', stage: 'PROPOSED', to: 'AGREED' }))).toContain('Moved to Agreed');
    local.connector.reset();
    expect(cardText(await press(PEOPLE.lsbu, 'scrutiny.cases', { pieceId: 'scr-2026-1', caseCodes: 'C1' }))).toContain('2 case audit cards queued');
    expect(local.connector.sentActivities()).toHaveLength(0); // nothing is sent from the turn
    const grade = { pieceId: 'scr-2026-1', caseCode: 'C1', agencyId: 'lancashire-constabulary' };
    expect(cardText(await press(PEOPLE.policeRep, 'scrutiny.concern', { ...grade, concern: 'Sibling not seen for six weeks' }))).toContain('2 people are being told now');
    expect(local.connector.sentActivities()).toHaveLength(0);

    expect((await local.app.tickToEnd(SECRET)).started.status).toBe(202);
    const sent = local.connector.deliveriesByKey();
    expect(sent.get('SCRUTINY_CASE_AUDIT|scr-2026-1|C1|agency:lancashire-constabulary')).toBe(1);
    // Health has no linked channel and its rep's chat is not the agency's: the card falls back to the business unit.
    expect([...sent.keys()].filter((key) => key.startsWith('SCRUTINY_CASE_AUDIT|scr-2026-1|C1|agency:lthtr'))).toHaveLength(1);
    expect([...sent.keys()].filter((key) => key.startsWith('SCRUTINY_CONCERN|')).map((key) => key.split('|')[2]).sort()).toEqual([`member:${PEOPLE.lsbu.aadObjectId}`, `member:${PEOPLE.policeRep.aadObjectId}`].sort());
    const policeCard = local.connector.sentActivities().find((call) => call.conversationId === POLICE_CHANNEL);
    expect(JSON.stringify(policeCard?.body)).toContain('Case file audit: case C1');
    expect((await outbox()).every((message) => message.status === 'sent')).toBe(true);

    local.connector.reset();
    await local.app.tickToEnd(SECRET);
    expect(local.connector.sentActivities()).toHaveLength(0);
  });
});
