import { KIND } from '../../src/app/kernel/kinds';
import type { OutboxMessage } from '../../src/app/reminders/outbox';
import type { Action } from '../../src/domain/actions/action';
import type { CaseAudit, ImmediateConcern } from '../../src/domain/scrutiny/case-audit';
import type { ScrutinyPiece } from '../../src/domain/scrutiny/piece';
import { listAll } from '../../src/ports/document-store';
import { executeActivity, messageActivity, PEOPLE, type Person } from '../support/activities';
import { buttonData, cardText, createBotHarness, findButtonData } from '../support/bot-harness';
import { addMember, addStandardMembers, createTestContext, TestContext } from '../support/test-context';

const POLICE = 'lancashire-constabulary';
const HEALTH = 'lthtr';
const VIEWER = { aadObjectId: '00000000-0000-4000-8000-00000000000e', name: 'Vic Viewer' };
const DOMAINS = ['VOICE_OF_THE_CHILD', 'ASSESSMENT', 'PLANNING_AND_INTERVENTION', 'JOINT_WORKING', 'MANAGEMENT_OVERSIGHT', 'IMPACT'];
const allGrades = (grade: string) => Object.fromEntries(DOMAINS.map((domain) => [`grade_${domain}`, grade]));

describe('bot: the scrutiny programme', () => {
  let ctx: TestContext;
  let bot: ReturnType<typeof createBotHarness>;
  const pieces = () => listAll<ScrutinyPiece>(ctx.store, KIND.scrutinyPiece, ctx.partnershipId);
  const outbox = () => listAll<OutboxMessage>(ctx.store, KIND.outbox, ctx.partnershipId);
  const press = (person: Person, verb: string, data: Record<string, unknown>) => bot.execute(executeActivity(person, verb, data));
  const say = async (person: Person, text: string) => (await bot.send(messageActivity(person, text)))[0];

  async function createPiece(by: Person = PEOPLE.lsbu) {
    return press(by, 'scrutiny.create', {
      period: '2026/27', title: 'Neglect in under-fives', themes: 'neglect', tools: 'CASE_FILE_AUDIT,PRACTITIONER_FEEDBACK,SELF_EVALUATION',
      lead: PEOPLE.lsbu.aadObjectId, agencies: `${POLICE},${HEALTH}`, evidence_due: '2027-01-15', report_due: '2027-02-26',
    });
  }
  async function piece(): Promise<ScrutinyPiece> {
    return (await pieces())[0];
  }
  async function move(to: string, by: Person = PEOPLE.lsbu) {
    const current = await piece();
    return press(by, 'scrutiny.stage', { pieceId: current.id, stage: current.stage, to });
  }

  beforeEach(async () => {
    ctx = await createTestContext();
    ctx.clock.set('2026-11-30T10:00:00Z');
    await addStandardMembers(ctx);
    await addMember(ctx, VIEWER, ['VIEWER']);
    bot = createBotHarness(ctx);
  });

  it('scrutiny new offers the form (themes from the quarterly report) to the chair and business unit only', async () => {
    const card = await say(PEOPLE.chair, 'scrutiny new');
    expect(cardText(card.card)).toContain('New piece of scrutiny');
    expect(JSON.stringify(card.card)).toContain('"verb":"scrutiny.create"');
    for (const person of [PEOPLE.policeRep, VIEWER]) expect(cardText((await say(person, 'scrutiny new')).card)).toMatch(/Not allowed|Only the PAI chair/);
  });

  it('creates a piece with the next ref, shows the programme against the target of three, and refuses forged or personal data', async () => {
    expect(cardText(await createPiece())).toContain('SCR-2026-1 proposed for 2026/27');
    expect(cardText(await createPiece(PEOPLE.policeRep))).toMatch(/Only the PAI chair/);
    const personal = await press(PEOPLE.lsbu, 'scrutiny.create', { period: '2026/27', title: 'Audit of NHS 943 476 5919', tools: 'CASE_FILE_AUDIT', lead: PEOPLE.lsbu.aadObjectId, agencies: POLICE, evidence_due: '2027-01-15', report_due: '2027-02-26' });
    expect(cardText(personal)).not.toContain('943 476 5919');
    expect(cardText(personal)).toMatch(/Title/);
    const forged = await press(PEOPLE.lsbu, 'scrutiny.create', { period: '2026/27', title: 'x', tools: 'SURVEY', lead: PEOPLE.stranger.aadObjectId, agencies: 'nowhere', evidence_due: 'soon', report_due: '2027-02-26' });
    expect(cardText(forged)).toMatch(/tools[\s\S]*lead[\s\S]*agencies[\s\S]*evidence due/);
    expect((await pieces()).map((item) => item.ref)).toEqual(['SCR-2026-1']);

    const programme = await say(VIEWER, 'scrutiny');
    expect(cardText(programme.card)).toMatch(/Scrutiny programme 2026\/27[\s\S]*1 of 3 pieces: 2 short of the target[\s\S]*SCR-2026-1[\s\S]*Proposed/);
    expect(cardText((await say(VIEWER, 'scrutiny 2025/26')).card)).toContain('0 of 3 pieces');
    expect(cardText((await say(PEOPLE.stranger, 'scrutiny')).card)).toMatch(/not registered/);
    const opened = await say(VIEWER, 'scrutiny scr-2026-1');
    expect(cardText(opened.card)).toMatch(/SCR-2026-1 · Neglect in under-fives[\s\S]*Proposed/);
    expect(findButtonData(opened.card, 'scrutiny.stage')).toBeUndefined(); // viewers read only
    expect(cardText((await say(VIEWER, 'scrutiny SCR-2026-9')).card)).toMatch(/No piece of scrutiny has that ref/);
  });

  it('runs a piece end to end: cases through the outbox, grades, a concern blocking close, triangulated findings, agreed actions', async () => {
    await createPiece();
    expect(cardText(await move('AGREED', PEOPLE.healthRep))).toMatch(/Only the piece's lead/);
    expect(cardText(await press(PEOPLE.lsbu, 'scrutiny.stage', { pieceId: 'scr-2026-1', stage: 'EVIDENCE', to: 'TRIANGULATION' }))).toMatch(/out of date: SCR-2026-1 is now at Proposed/);
    expect(cardText(await move('EVIDENCE'))).toMatch(/one stage at a time/);
    expect(cardText(await move('AGREED'))).toContain('Moved to Agreed');

    // Case codes only: names and identifiers are refused before anything is queued.
    for (const codes of ['Jo Bloggs', 'C-1234567', 'C1 JB']) {
      expect(cardText(await press(PEOPLE.lsbu, 'scrutiny.cases', { pieceId: 'scr-2026-1', caseCodes: codes }))).toMatch(/case code is C and a number|Case codes/);
    }
    expect(cardText(await press(PEOPLE.policeRep, 'scrutiny.cases', { pieceId: 'scr-2026-1', caseCodes: 'C1' }))).toMatch(/Only the piece's lead/);
    expect(await outbox()).toEqual([]);
    expect(cardText(await press(PEOPLE.lsbu, 'scrutiny.cases', { pieceId: 'scr-2026-1', caseCodes: 'C1, c2' }))).toContain('Added C1, C2: 4 case audit cards queued');
    const cards = (await outbox()).filter((message) => message.policy === 'SCRUTINY_CASE_AUDIT');
    expect(cards.map((message) => message.idempotencyKey).sort()).toEqual([
      `SCRUTINY_CASE_AUDIT|scr-2026-1|C1|agency:${POLICE}`, `SCRUTINY_CASE_AUDIT|scr-2026-1|C1|agency:${HEALTH}`,
      `SCRUTINY_CASE_AUDIT|scr-2026-1|C2|agency:${POLICE}`, `SCRUTINY_CASE_AUDIT|scr-2026-1|C2|agency:${HEALTH}`,
    ].sort());
    const policeCard = (cards.find((message) => message.idempotencyKey.includes(`C1|agency:${POLICE}`))?.payload.attachments as { content: object }[])[0].content;
    expect(cardText(policeCard)).toContain('Case file audit: case C1');
    expect(JSON.stringify(policeCard)).toMatch(/"label":"Voice of the child"[\s\S]*"label":"Impact"/);

    expect(cardText(await move('EVIDENCE'))).toContain('Each agency has been sent its self-evaluation card');
    expect((await outbox()).filter((message) => message.policy === 'SCRUTINY_SELF_EVALUATION')).toHaveLength(2);

    // An agency grades only its own cases, every domain.
    const grade = buttonData(policeCard, 'scrutiny.grade');
    expect(cardText(await press(PEOPLE.healthRep, 'scrutiny.grade', { ...grade, ...allGrades('GOOD') }))).toMatch(/Only a representative of a taking-part agency/);
    expect(cardText(await press(PEOPLE.policeRep, 'scrutiny.grade', { ...grade, grade_IMPACT: 'GOOD' }))).toMatch(/Grade every domain/);
    expect(cardText(await press(PEOPLE.policeRep, 'scrutiny.grade', { ...grade, ...allGrades('BRILLIANT') }))).toMatch(/A grade is Outstanding/);
    expect(cardText(await press(PEOPLE.policeRep, 'scrutiny.grade', { ...grade, caseCode: 'C9', ...allGrades('GOOD') }))).toMatch(/not in this audit/);
    expect(cardText(await press(PEOPLE.policeRep, 'scrutiny.grade', { ...grade, ...allGrades('GOOD'), grade_IMPACT: 'INADEQUATE', goodPractice: 'Clear chronology' }))).toContain('Grades for case C1 saved');
    expect(await listAll<CaseAudit>(ctx.store, KIND.scrutinyCaseAudit, ctx.partnershipId)).toEqual([expect.objectContaining({ caseCode: 'C1', agencyId: POLICE, goodPractice: 'Clear chronology' })]);

    // An immediate concern: stored, and the lead and the agency's reps are told through the outbox today.
    const concern = await press(PEOPLE.policeRep, 'scrutiny.concern', { ...grade, concern: 'Sibling still living with the person of concern' });
    expect(cardText(concern)).toContain('2 people are being told now');
    const notices = (await outbox()).filter((message) => message.policy === 'SCRUTINY_CONCERN');
    expect(notices.map((message) => message.recipient.id).sort()).toEqual([PEOPLE.lsbu.aadObjectId, PEOPLE.policeRep.aadObjectId].sort());
    expect(notices.every((message) => message.notBefore === '2026-11-30T10:00:00.000Z')).toBe(true);
    expect(cardText(await press(PEOPLE.healthRep, 'scrutiny.concern', { ...grade, concern: 'x' }))).toMatch(/Only the agency auditing the case/);

    // Self-evaluation, feedback, then findings citing evidence of two kinds.
    const self = await press(PEOPLE.healthRep, 'scrutiny.selfeval.open', { pieceId: 'scr-2026-1', agencyId: HEALTH });
    expect(cardText(self)).toContain('Self-evaluation: Lancashire Teaching Hospitals');
    expect(cardText(await press(PEOPLE.healthRep, 'scrutiny.selfeval', { pieceId: 'scr-2026-1', agencyId: HEALTH, strengths: 'Good', areasForDevelopment: 'Fathers', evidenceLinks: 'http://insecure.example' }))).toMatch(/https link/);
    expect(cardText(await press(PEOPLE.healthRep, 'scrutiny.selfeval', { pieceId: 'scr-2026-1', agencyId: HEALTH, strengths: 'Safe sleep advice given', areasForDevelopment: 'Fathers not seen', evidenceLinks: 'https://example.sharepoint.com/audit.xlsx Records audit' }))).toContain('Self-evaluation saved');
    expect(cardText(await press(PEOPLE.lsbu, 'scrutiny.feedback', { pieceId: 'scr-2026-1', source: 'CHILD_FEEDBACK', respondents: '3', summary: 'x' }))).toMatch(/does not use feedback from children/);
    expect(cardText(await press(PEOPLE.lsbu, 'scrutiny.feedback', { pieceId: 'scr-2026-1', source: 'PRACTITIONER_FEEDBACK', respondents: 12, summary: 'Practitioners unsure how to escalate' }))).toContain('Feedback F1 recorded');
    expect(cardText(await move('TRIANGULATION'))).toContain('Moved to Triangulation');
    expect(cardText(await press(PEOPLE.lsbu, 'scrutiny.finding', { pieceId: 'scr-2026-1', kind: 'RISK', text: 'x', evidence: 'CASE_FILE_AUDIT:C2' }))).toMatch(/only cite evidence recorded/);
    const withFindings = await press(PEOPLE.lsbu, 'scrutiny.finding', { pieceId: 'scr-2026-1', kind: 'AREA_FOR_DEVELOPMENT', text: 'Impact on the child not evidenced', evidence: 'CASE_FILE_AUDIT:C1,PRACTITIONER_FEEDBACK:F1' });
    expect(cardText(withFindings)).toMatch(/F1 · Area for development · Triangulated \(2 kinds of evidence\)/);
    expect(cardText(await press(PEOPLE.lsbu, 'scrutiny.finding', { pieceId: 'scr-2026-1', kind: 'AREA_FOR_DEVELOPMENT', text: 'Impact on the child not evidenced', evidence: 'CASE_FILE_AUDIT:C1' }))).toMatch(/already recorded/);
    expect(cardText(await press(PEOPLE.lsbu, 'scrutiny.finding', { pieceId: 'scr-2026-1', kind: 'STRENGTH', text: 'Safe sleep advice', evidence: `SELF_EVALUATION:${HEALTH}` }))).toMatch(/F2 · Strength · Observation \(one kind of evidence\)/);
    expect(cardText(withFindings)).toMatch(/Voice of the child[\s\S]*100%/);

    // A recommendation, agreed into SCRUTINY actions in the review actions' lifecycle.
    expect(cardText(await press(PEOPLE.lsbu, 'scrutiny.recommendation', { pieceId: 'scr-2026-1', text: 'Record impact', findings: '1', owners: VIEWER.aadObjectId, successMeasure: 'Audit', targetDate: '2027-06-30' }))).toMatch(/who can hold an action/);
    expect(cardText(await press(PEOPLE.lsbu, 'scrutiny.recommendation', { pieceId: 'scr-2026-1', text: 'Record the impact on the child in supervision', findings: '1', owners: PEOPLE.policeRep.aadObjectId, successMeasure: 'Re-audit shows impact recorded in 80% of cases', targetDate: '2027-06-30' }))).toContain('Recommendation R1 added');
    expect(cardText(await move('REPORT'))).toContain('Moved to Report');
    const agreedCard = await press(PEOPLE.chair, 'scrutiny.agree', { pieceId: 'scr-2026-1', number: '1' });
    expect(cardText(agreedCard)).toContain('R1 agreed: SCR-2026-1/R1-1 created');
    expect(cardText(await press(PEOPLE.chair, 'scrutiny.agree', { pieceId: 'scr-2026-1', number: '1' }))).toMatch(/was agreed on 2026-11-30/);
    const actions = await listAll<Action>(ctx.store, KIND.action, ctx.partnershipId);
    expect(actions).toEqual([expect.objectContaining({ ref: 'SCR-2026-1/R1-1', sourceType: 'SCRUTINY', status: 'AGREED', agencyId: POLICE, origin: { pieceRef: 'SCR-2026-1', recommendationRef: 'R1' } })]);
    expect(actions[0].reviewId).toBeUndefined();
    expect(cardText((await say(PEOPLE.policeRep, 'action SCR-2026-1/R1-1')).card)).toContain('Scrutiny SCR-2026-1, recommendation 1');

    // Closing waits for the concern to be recorded as dealt with.
    for (const stage of ['ACTION_PLAN', 'MONITORING']) expect(cardText(await move(stage))).toContain('Moved to');
    expect(cardText(await move('CLOSED'))).toMatch(/cannot close: 1 immediate concern is not yet recorded as dealt with/);
    const [open] = await listAll<ImmediateConcern>(ctx.store, KIND.scrutinyConcern, ctx.partnershipId);
    expect(cardText(await press(PEOPLE.policeRep, 'scrutiny.concern.resolve', { pieceId: 'scr-2026-1', concernId: open.id, note: 'Referred' }))).toMatch(/Only the piece's lead/);
    expect(cardText(await press(PEOPLE.chair, 'scrutiny.concern.resolve', { pieceId: 'scr-2026-1', concernId: open.id, note: 'Referred to children’s social care the same day; strategy discussion held' }))).toContain('recorded as dealt with');
    expect(cardText(await move('CLOSED'))).toContain('Moved to Closed');
    const audit = await listAll<{ subjectKind: string; operation: string }>(ctx.store, KIND.audit, ctx.partnershipId);
    expect(audit.filter((entry) => entry.subjectKind === KIND.scrutinyPiece).map((entry) => entry.operation)).toEqual(expect.arrayContaining(['create', 'stage', 'cases', 'feedback', 'finding', 'recommendation', 'agree-recommendation']));
    expect(audit.filter((entry) => entry.subjectKind === KIND.scrutinyConcern).map((entry) => entry.operation).sort()).toEqual(['dealt-with', 'raise']);
  });

  it('refuses card data that is missing or forged', async () => {
    await createPiece();
    expect(cardText(await press(PEOPLE.lsbu, 'scrutiny.stage', { pieceId: 'scr-2026-1' }))).toMatch(/card's data is not valid/);
    expect(cardText(await press(PEOPLE.lsbu, 'scrutiny.open', { ref: 'SCR-2099-1' }))).toMatch(/No piece of scrutiny/);
    expect(cardText(await press(PEOPLE.policeRep, 'scrutiny.audit.open', { pieceId: 'scr-2026-1', caseCode: 'C1', agencyId: HEALTH }))).toMatch(/Only a representative/);
    expect(cardText(await press(PEOPLE.policeRep, 'scrutiny.inspection', { pieceId: 'scr-2026-1', title: 'JTAI', url: 'https://x.example', summary: 's' }))).toMatch(/Only the piece's lead/);
    expect(cardText(await press(PEOPLE.lsbu, 'scrutiny.inspection', { pieceId: 'scr-2026-1', title: 'JTAI', url: 'https://x.example', summary: 's' }))).toMatch(/does not use inspection or audit review/);
    expect(cardText(await press(PEOPLE.lsbu, 'scrutiny.agree', { pieceId: 'scr-2026-1', number: 'one' }))).toMatch(/card's data is not valid/);
  });
});
