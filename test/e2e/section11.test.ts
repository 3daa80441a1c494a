import { KIND } from '../../src/app/kernel/kinds';
import type { OutboxMessage } from '../../src/app/reminders/outbox';
import type { S11Return } from '../../src/domain/section11/return';
import { listAll } from '../../src/ports/document-store';
import { executeActivity, installationActivity, messageActivity, PEOPLE } from '../support/activities';
import { cardText, findButtonData } from '../support/bot-harness';
import { invokeCard, useLocalApp } from '../support/e2e-app';
import { addStandardMembers } from '../support/test-context';

const SECRET = 'e2e-section11-secret-0123456789abcdef';
const POLICE_CHANNEL = '19:police-s11@thread.tacv2';
const RETURN_ID = 's11-2026-27--lancashire-constabulary';

describe('e2e: a Section 11 cycle over HTTP, with the invitation delivered through the outbox', () => {
  const local = useLocalApp({ JOBS_SECRET: SECRET }, async (app, connector) => {
    app.clock.set('2026-11-25T10:00:00Z');
    await addStandardMembers(app.ctx);
    await app.postOk(installationActivity(PEOPLE.lsbu, 'add', { scope: 'channel', conversationId: POLICE_CHANNEL, serviceUrl: connector.url }));
    await app.postOk(messageActivity(PEOPLE.lsbu, 'link agency Lancashire Constabulary', { scope: 'channel', conversationId: POLICE_CHANNEL, serviceUrl: connector.url }));
  });

  it('opens the cycle, sends the police channel its invitation once, and the rep saves and submits from the cards', async () => {
    local.connector.reset();
    await local.app.postOk(messageActivity(PEOPLE.lsbu, 's11 open 2026/27 due 2027-01-29', { serviceUrl: local.connector.url }));
    expect(local.connector.sentActivities().map((call) => call.body?.text).join('\n')).toMatch(/is open for \d+ agencies/);
    local.connector.reset();
    expect((await local.app.tickToEnd(SECRET)).started.status).toBe(202);
    await local.app.tickToEnd(SECRET);
    const invitations = local.connector.sentActivities().filter((call) => call.conversationId === POLICE_CHANNEL && JSON.stringify(call.body).includes('your return is open'));
    expect(invitations).toHaveLength(1);
    const sent = (await listAll<OutboxMessage>(local.app.store, KIND.outbox, local.app.ctx.partnershipId)).filter((message) => message.policy === 'S11_INVITATION');
    expect(sent.map((message) => message.status)).toEqual(['sent']);

    // The invitation's button opens the return for a rep of the agency.
    const invitationCard = (invitations[0].body?.attachments as { content: Record<string, unknown> }[])[0].content;
    const open = findButtonData(invitationCard, 's11.return') as Record<string, unknown>;
    const ret = invokeCard(await local.app.postOk(executeActivity(PEOPLE.policeRep, 's11.return', open, { serviceUrl: local.connector.url })));
    expect(cardText(ret)).toContain('Section 11 return: Lancashire Constabulary');
    for (const standard of ['1', '2', '3', '4', '5', '6', '7', '8']) {
      const card = invokeCard(await local.app.postOk(executeActivity(PEOPLE.policeRep, 's11.standard', { returnId: RETURN_ID, standard }, { serviceUrl: local.connector.url })));
      const saved = invokeCard(await local.app.postOk(executeActivity(PEOPLE.policeRep, 's11.save', { ...findButtonData(card, 's11.save'), selfRating: 'FULLY_MET', evidence: 'Board minutes' }, { serviceUrl: local.connector.url })));
      expect(cardText(saved)).toContain('Draft saved.');
    }
    const full = invokeCard(await local.app.postOk(executeActivity(PEOPLE.policeRep, 's11.return', { returnId: RETURN_ID }, { serviceUrl: local.connector.url })));
    const submitted = invokeCard(await local.app.postOk(executeActivity(PEOPLE.policeRep, 's11.submit', { ...findButtonData(full, 's11.submit'), signOffName: 'Chief Supt Ward', signOffRole: 'Head of Public Protection' }, { serviceUrl: local.connector.url })));
    expect(cardText(submitted)).toContain('Submitted.');
    expect((await local.app.ctx.store.get<S11Return>(KIND.s11Return, local.app.ctx.partnershipId, RETURN_ID))?.status).toBe('SUBMITTED');

    // The health rep cannot read or write the police return.
    const forged = await local.app.postOk(executeActivity(PEOPLE.healthRep, 's11.return', { returnId: RETURN_ID }, { serviceUrl: local.connector.url }));
    expect(cardText(invokeCard(forged))).toMatch(/Not allowed/);

    local.connector.reset();
    await local.app.postOk(messageActivity(PEOPLE.chair, 's11 summary', { serviceUrl: local.connector.url }));
    const summary = local.connector.sentCards()[0];
    expect(cardText(summary)).toMatch(/1 of \d+ agencies returned/);
  });
});
