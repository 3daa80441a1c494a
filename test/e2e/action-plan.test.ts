import { identifyUser } from '../../src/app/directory/identify-user';
import { importActions } from '../../src/app/imports/import-actions';
import { importReviews } from '../../src/app/imports/import-reviews';
import { KIND } from '../../src/app/kernel/kinds';
import type { PostedCardRecord } from '../../src/app/actions/post-actions';
import type { OutboxMessage } from '../../src/app/reminders/outbox';
import type { Action } from '../../src/domain/actions/action';
import { listAll } from '../../src/ports/document-store';
import { executeActivity, installationActivity, messageActivity, PEOPLE } from '../support/activities';
import { cardText } from '../support/bot-harness';
import { invokeCard, useLocalApp } from '../support/e2e-app';
import { addMember, addStandardMembers } from '../support/test-context';

const CSC_REP = { aadObjectId: '00000000-0000-4000-8000-000000000008', name: 'Cara Social-Care' };
const REF = 'LSCP-RR-2026-05';
const CHANNELS = { police: '19:police@thread.tacv2', health: '19:health@thread.tacv2', csc: '19:csc@thread.tacv2' };

function buttonData(card: Record<string, unknown>, verb: string): Record<string, unknown> {
  const match = JSON.stringify(card).match(new RegExp(`"verb":"${verb.replace('.', '\\.')}","(?:style":"\\w+",")?data":(\\{[^}]*\\})`));
  if (!match) throw new Error(`no ${verb} button:\n${cardText(card)}`);
  return JSON.parse(match[1]) as Record<string, unknown>;
}

describe('e2e: an action plan from import to PAI sign-off, over HTTP', () => {
  const local = useLocalApp({}, async (app) => {
    await addStandardMembers(app.ctx);
    await addMember(app.ctx, CSC_REP, ['AGENCY_REP', 'RESPONSIBLE_OFFICER'], 'lcc-csc');
    const lsbu = await identifyUser(app.ctx, PEOPLE.lsbu.aadObjectId, PEOPLE.lsbu.name);
    await importReviews(app.ctx, lsbu, [{ reference: REF, type: 'RAPID_REVIEW', pseudonym: 'Child C', sin_date: '2026-05-01', rr_submitted_on: '2026-05-20', decision: 'NO_FURTHER_REVIEW', decision_date: '2026-06-10', published_on: '', completed_on: '2026-06-10', themes: 'Neglect' }]);
    const row = (ref: string, agency: string, email: string) => ({
      review_reference: REF, ref, scope: 'SINGLE_AGENCY', agency, responsible_officer_email: email, themes: '',
      description: `Embed the neglect toolkit in supervision (${ref})`, success_measure: 'Supervision audit shows toolkit use', target_date: '2027-03-31', status: 'IN_PROGRESS',
    });
    await importActions(app.ctx, lsbu, [
      row('A1', 'Police', 'pat@lancashire.gov.uk'), row('A2', 'Police', 'pat@lancashire.gov.uk'),
      row('A3', 'LTHTR', 'hana@lancashire.gov.uk'), row('A4', 'LTHTR', 'hana@lancashire.gov.uk'),
      row('A5', "Children's Social Care", 'cara@lancashire.gov.uk'), row('A6', "Children's Social Care", 'cara@lancashire.gov.uk'),
    ]);
  });

  const openCard = async (person: { aadObjectId: string; name: string }, ref: string) => {
    local.connector.reset();
    await local.app.postOk(messageActivity(person, `action ${REF}/${ref}`, { serviceUrl: local.connector.url }));
    return local.connector.sentCards()[0];
  };

  it('links three agency channels, posts one card per agency and one per installed officer', async () => {
    for (const [agency, conversationId] of [['Lancashire Constabulary', CHANNELS.police], ['LTHTR', CHANNELS.health], ["Children's Social Care", CHANNELS.csc]]) {
      await local.app.postOk(installationActivity(PEOPLE.lsbu, 'add', { scope: 'channel', conversationId, serviceUrl: local.connector.url }));
      await local.app.postOk(messageActivity(PEOPLE.lsbu, `link agency ${agency}`, { scope: 'channel', conversationId, serviceUrl: local.connector.url }));
    }
    await local.app.postOk(installationActivity(PEOPLE.policeRep, 'add', { serviceUrl: local.connector.url }));
    local.connector.reset();
    // Teams throttles the first post to the police channel: the outbox sender waits and sends it again.
    local.connector.failNext({ status: 429, retryAfterInSeconds: 1, pathIncludes: CHANNELS.police });
    await local.app.postOk(messageActivity(PEOPLE.lsbu, `post actions ${REF}`, { serviceUrl: local.connector.url }));
    await local.app.delivery.idle();
    const outbox = await listAll<OutboxMessage>(local.app.store, KIND.outbox, local.app.ctx.partnershipId, { where: { policy: 'ACTION_POST' } });
    expect(outbox.map((message) => message.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(outbox.map((message) => message.attempts).sort()).toEqual([1, 1, 1, 2]);
    // Each posted card keeps the activity id the connector gave it.
    const posted = await listAll<PostedCardRecord>(local.app.store, KIND.postedCard, local.app.ctx.partnershipId);
    expect(posted.map((record) => record.activityId).sort()).toEqual(outbox.map((message) => message.activityId).sort());
    expect(posted.every((record) => record.activityId)).toBe(true);
    const proactive = local.connector.sentActivities().filter((call) => call.body?.attachments);
    const byConversation = new Map(proactive.map((call) => [call.conversationId, cardText((call.body?.attachments as { content: unknown }[])[0].content)]));
    expect(byConversation.get(CHANNELS.police)).toMatch(/A1[\s\S]*A2/);
    expect(byConversation.get(CHANNELS.police)).not.toMatch(/\/A3|\/A5/);
    expect(byConversation.get(CHANNELS.health)).toMatch(/A3[\s\S]*A4/);
    expect(byConversation.get(CHANNELS.csc)).toMatch(/A5[\s\S]*A6/);
    expect(byConversation.get(`a:personal-${PEOPLE.policeRep.aadObjectId}`)).toMatch(/Your actions from/);
    expect(proactive).toHaveLength(4);
    const reply = local.connector.sentActivities().find((call) => typeof call.body?.text === 'string' && (call.body.text as string).startsWith('Posted'));
    expect(reply?.body?.text).toMatch(/Posted 3 agency card\(s\) and 1 personal card\(s\)[\s\S]*Not reached: Hana Health/);
  });

  it('two agencies update from their cards; a concurrent edit is refused with the current state', async () => {
    const police = buttonData(await openCard(PEOPLE.policeRep, 'A1'), 'action.update');
    const saved = invokeCard(await local.app.postOk(executeActivity(PEOPLE.policeRep, 'action.update', { ...police, note: 'Toolkit added to supervision template' }, { serviceUrl: local.connector.url })));
    expect(cardText(saved)).toMatch(/Saved[\s\S]*Toolkit added to supervision template/);

    const health = buttonData(await openCard(PEOPLE.healthRep, 'A3'), 'action.update');
    const healthSaved = invokeCard(await local.app.postOk(executeActivity(PEOPLE.healthRep, 'action.update', { ...health, status: 'COMPLETED_AWAITING_EVIDENCE', note: 'Supervision audit under way' }, { serviceUrl: local.connector.url })));
    expect(cardText(healthSaved)).toContain('Completed, awaiting evidence');

    const first = buttonData(await openCard(CSC_REP, 'A5'), 'action.update');
    const second = { ...first, submissionId: '0b6d3f5e-8a1c-4e2f-9b7d-6c5a4e3f2d1c' };
    invokeCard(await local.app.postOk(executeActivity(CSC_REP, 'action.update', { ...first, note: 'Team manager briefing done' }, { serviceUrl: local.connector.url })));
    const conflict = invokeCard(await local.app.postOk(executeActivity(CSC_REP, 'action.update', { ...second, note: 'Written in a second window' }, { serviceUrl: local.connector.url })));
    expect(cardText(conflict)).toMatch(/Not saved: Cara Social-Care at .* changed this action/);
    expect(JSON.stringify(conflict)).toContain('Written in a second window');
    const stored = await local.app.ctx.store.get<Action>(KIND.action, local.app.ctx.partnershipId, 'lscp-rr-2026-05-a5');
    expect(stored?.lastUpdate?.note).toBe('Team manager briefing done');
  });

  it('the chair signs off an action after its evidence and impact are in', async () => {
    const police = buttonData(await openCard(PEOPLE.policeRep, 'A2'), 'action.update');
    invokeCard(await local.app.postOk(executeActivity(PEOPLE.policeRep, 'action.update', {
      ...police, completionEvidence: 'Supervision audit of 30 cases completed', impactStatement: 'Neglect is named in 80% of supervision records, up from 35%',
    }, { serviceUrl: local.connector.url })));
    const close = buttonData(await openCard(PEOPLE.chair, 'A2'), 'action.close');
    const closed = invokeCard(await local.app.postOk(executeActivity(PEOPLE.chair, 'action.close', { ...close, meetingDate: '2026-11-25' }, { serviceUrl: local.connector.url })));
    expect(cardText(closed)).toMatch(/Saved[\s\S]*Closed/);
    const stored = await local.app.ctx.store.get<Action>(KIND.action, local.app.ctx.partnershipId, 'lscp-rr-2026-05-a2');
    expect(stored).toMatchObject({ status: 'CLOSED', closedBy: PEOPLE.chair.aadObjectId, closedWithoutImpact: false });
  });
});
