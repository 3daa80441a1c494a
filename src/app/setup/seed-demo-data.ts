import {
  Action, addEvidence, agreeAction, changeStatus, closeAction, extendTarget, proposeAction, recordCompletion, recordUpdate,
} from '../../domain/actions/action';
import { addDays, londonDateOf } from '../../domain/calendar';
import { Meeting, MEETING_TYPE_LABELS, meetingIdOf } from '../../domain/reviews/meeting';
import type { Member } from '../../domain/directory/member';
import type { Role } from '../../domain/roles';
import type { Review } from '../../domain/reviews/review';
import { MAX_OPERATIONS_PER_COMMIT, WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { actionIdOf, fullActionRef } from '../actions/actions';
import { readReviewFields } from '../reviews/reviews';
import { listAgencies, listThemes } from '../directory/agencies';
import { section11DemoOperations } from '../section11/demo-data';
import { demoScrutiny } from '../scrutiny/demo-data';

/** A demo person: fictional, with a made-up AAD object id. */
interface DemoPerson {
  id: string;
  name: string;
  email: string;
  agencyId?: string;
  roles: Role[];
}

const DEMO_PEOPLE: DemoPerson[] = [
  { id: 'd0000000-0000-4000-8000-000000000001', name: 'Demo PAI Chair', email: 'demo.chair@lancashire.gov.uk', roles: ['PAI_CHAIR'] },
  { id: 'd0000000-0000-4000-8000-000000000002', name: 'Demo Business Unit Officer', email: 'demo.lsbu@lancashire.gov.uk', roles: ['LSBU_OFFICER'] },
  { id: 'd0000000-0000-4000-8000-000000000003', name: 'Demo Police Lead', email: 'demo.police@lancashire.police.uk', agencyId: 'lancashire-constabulary', roles: ['AGENCY_REP', 'RESPONSIBLE_OFFICER'] },
  { id: 'd0000000-0000-4000-8000-000000000004', name: 'Demo Health Lead', email: 'demo.health@nhs.net', agencyId: 'lthtr', roles: ['AGENCY_REP', 'RESPONSIBLE_OFFICER'] },
  { id: 'd0000000-0000-4000-8000-000000000005', name: 'Demo Social Care Lead', email: 'demo.csc@lancashire.gov.uk', agencyId: 'lcc-csc', roles: ['AGENCY_REP', 'RESPONSIBLE_OFFICER'] },
  { id: 'd0000000-0000-4000-8000-000000000006', name: 'Demo ICB Lead', email: 'demo.icb@nhs.net', agencyId: 'lsc-icb', roles: ['RESPONSIBLE_OFFICER'] },
];

/**
 * Fills an empty store with a demo partnership: pseudonymous reviews ("Child A"), Lancashire agencies and actions
 * in every state, dated around today so RAG and overdue show. Does nothing when any review exists.
 * `operators` are the people who try the demo (e.g. the Agents Playground user): they get every role.
 */
export async function seedDemoData(ctx: AppContext, operators: { id: string; name: string }[] = []): Promise<{ seeded: boolean }> {
  if ((await ctx.stores.reviews.list({ pageSize: 1 })).items.length > 0) return { seeded: false };
  const now = ctx.clock.now().toISOString();
  const today = londonDateOf(ctx.clock.now());
  const day = (offset: number) => addDays(today, offset);
  const operations: WriteOperation[] = [];

  const everyone: DemoPerson[] = [
    ...DEMO_PEOPLE,
    ...operators.map((operator) => ({ id: operator.id.toLowerCase(), name: operator.name, email: 'demo.operator@lancashire.gov.uk', agencyId: 'lancashire-constabulary', roles: ['ADMIN', 'LSBU_OFFICER', 'PAI_CHAIR', 'AGENCY_REP', 'RESPONSIBLE_OFFICER'] as Role[] })),
  ];
  for (const person of everyone) {
    const member: Member = { ...person, active: true, createdAt: now, createdBy: 'demo', updatedAt: now, updatedBy: 'demo' };
    operations.push(ctx.stores.members.op.upsert(member));
  }

  const themes = await listThemes(ctx);
  const reviewRows = [
    { reference: 'DEMO-RR-2025-03', type: 'RAPID_REVIEW', pseudonym: 'Child A', sin_date: day(-420), rr_submitted_on: day(-400), decision: 'NO_FURTHER_REVIEW', decision_date: day(-380), completed_on: day(-370), themes: 'Neglect;Information sharing;Voice / lived experience of the child' },
    { reference: 'DEMO-LCSPR-2025-01', type: 'LCSPR', pseudonym: 'Baby J', sin_date: day(-300), rr_submitted_on: day(-280), decision: 'LCSPR', decision_date: day(-260), published_on: day(-60), completed_on: day(-60), themes: 'Safe sleep / SUDI;Parental mental health;Fathers / men in the household' },
    { reference: 'DEMO-RR-2026-02', type: 'RAPID_REVIEW', pseudonym: 'Sibling group K', sin_date: day(-20), themes: 'Domestic abuse;Child criminal exploitation / county lines' },
  ];
  const reviews: Review[] = [];
  for (const row of reviewRows) {
    const { review } = readReviewFields(ctx, row, themes, 'demo');
    if (!review) throw new Error(`demo review ${row.reference} is invalid`);
    if (review.reference !== 'DEMO-RR-2026-02') review.status = 'ACTIONS_LIVE';
    reviews.push(review);
    operations.push(ctx.stores.reviews.op.upsert(review));
  }

  const [childA, babyJ] = reviews;
  const police = DEMO_PEOPLE[2];
  const health = DEMO_PEOPLE[3];
  const csc = DEMO_PEOPLE[4];
  const icb = DEMO_PEOPLE[5];
  const context = (by: string) => ({ by, on: now });
  const make = (review: Review, ref: string, officer: DemoPerson, description: string, successMeasure: string, target: string, agreedDaysAgo: number): Action => {
    const proposed = proposeAction(
      {
        id: actionIdOf(fullActionRef(review.reference, ref)),
        ref: fullActionRef(review.reference, ref),
        reviewId: review.id,
        sourceType: 'REVIEW',
        scope: 'SINGLE_AGENCY',
        agencyId: officer.agencyId as string,
        responsibleOfficerId: officer.id,
        themes: review.themes.slice(0, 2),
        description,
        successMeasure,
        targetDate: target,
      },
      context('demo'),
    );
    return { ...agreeAction(proposed, context('demo')), agreedOn: day(-agreedDaysAgo) };
  };
  const update = (action: Action, who: DemoPerson, note: string, daysAgo: number) =>
    recordUpdate(action, { byName: who.name, note }, { by: who.id, on: `${day(-daysAgo)}T10:00:00.000Z` });

  const actions: Action[] = [
    { ...proposeAction({ id: actionIdOf(fullActionRef(childA.reference, 'A1')), ref: fullActionRef(childA.reference, 'A1'), reviewId: childA.id, sourceType: 'REVIEW', scope: 'PARTNERSHIP', agencyId: 'lcc-csc', responsibleOfficerId: csc.id, themes: childA.themes.slice(0, 1), description: 'Agree a partnership neglect strategy refresh, using the Graded Care Profile 2 across agencies', successMeasure: 'Strategy signed off by the three statutory partners', targetDate: day(120) }, context('demo')) },
    make(childA, 'A2', police, 'Brief all response officers on recognising neglect when attending domestic incidents', 'Briefing delivered to 95% of response officers; dip sample of 20 referrals shows neglect indicators recorded', day(75), 60),
    update(changeStatus(make(childA, 'A3', health, 'Add a prompt for the voice of the child to health visiting contact records', 'Audit of 30 records shows the child\'s lived experience recorded', day(20), 200), 'IN_PROGRESS', context(health.id)), health, 'Prompt designed; testing with two teams', 100),
    update(changeStatus(make(childA, 'A4', csc, 'Review the escalation policy so practitioners know how to resolve professional differences', 'Revised policy published and briefed; escalations logged and reviewed quarterly', day(-12), 300), 'IN_PROGRESS', context(csc.id)), csc, 'Draft policy out for consultation', 40),
    changeStatus(changeStatus(make(childA, 'A5', police, 'Make information sharing with children\'s social care part of the daily risk meeting', 'Daily meeting minutes show children\'s social care attendance on 90% of days', day(-30), 330), 'IN_PROGRESS', context(police.id)), 'COMPLETED_AWAITING_EVIDENCE', context(police.id)),
    recordCompletion(changeStatus(make(childA, 'A6', csc, 'Include the lived experience of the child in every multi-agency strategy discussion record', 'Audit of 25 strategy discussions shows the child\'s views recorded', day(10), 150), 'IN_PROGRESS', context(csc.id)), 'Strategy discussion template changed; audit of 25 records completed', undefined, context(csc.id)),
    changeStatus(recordCompletion(changeStatus(make(babyJ, 'B1', health, 'Deliver safe sleep advice at every contact with parents of babies under one, including fathers', 'Audit shows safe sleep advice recorded for both parents in 90% of contacts', day(40), 50), 'IN_PROGRESS', context(health.id)), 'Safe sleep training delivered to all maternity and health visiting staff', 'Audit of 40 records shows advice given to fathers in 85% of contacts, up from 30%', context(health.id)), 'IMPACT_EVIDENCED', context(DEMO_PEOPLE[0].id)),
    closeAction(recordCompletion(changeStatus(make(babyJ, 'B2', icb, 'Commission a perinatal mental health pathway review', 'Pathway review reported to the ICB board', day(-10), 240), 'IN_PROGRESS', context(icb.id)), 'Review reported to the ICB quality committee', 'GP referrals to perinatal mental health services now include partner screening', context(icb.id)), { by: DEMO_PEOPLE[0].id, on: now, meetingId: `meeting-${day(-14)}`, allowWithoutImpact: false }),
    changeStatus(make(babyJ, 'B3', csc, 'Create a local practice guide on working with fathers and men in the household', 'Guide published', day(90), 100), 'WITHDRAWN', { ...context(DEMO_PEOPLE[1].id), rationale: 'Replaced by the national practice guide on working with fathers' }),
    changeStatus(make(babyJ, 'B4', police, 'Share police call-out history with health visitors before new-birth visits', 'Process in place and used for every new-birth visit', day(60), 90), 'SUPERSEDED', { ...context(DEMO_PEOPLE[1].id), rationale: 'Covered by the new multi-agency information-sharing agreement' }),
  ];
  // One extension, to show the original and current targets.
  actions[3] = extendTarget(actions[3], day(45), 'Consultation extended to include schools', context(csc.id));
  actions[4] = addEvidence(actions[4], { url: 'https://example.sharepoint.com/sites/lscp/evidence/daily-risk-meeting-log.xlsx', description: 'Attendance log, three months' }, context(police.id));
  for (const action of actions) operations.push(ctx.stores.actions.op.upsert(action));

  // The last PAI meeting (where B2 was signed off) and the next one, so status and the pre-meeting digest have dates.
  for (const date of [day(-14), day(12)]) {
    const meeting: Meeting = { id: meetingIdOf(date, 'PAI'), date, type: 'PAI', title: MEETING_TYPE_LABELS.PAI, createdAt: now, createdBy: 'demo' };
    operations.push(ctx.stores.meetings.op.upsert(meeting));
  }

  // Section 11 (issue 11): last year's closed cycle and an open cycle with a return in every stage.
  const agencies = await listAgencies(ctx);
  const members = everyone.map((person): Member => ({ ...person, active: true, createdAt: now, createdBy: 'demo', updatedAt: now, updatedBy: 'demo' }));
  operations.push(...section11DemoOperations(ctx.stores, { today, now, agencies, members }));
  // Scrutiny (issue 12): a programme of three pieces in different stages, by case codes only.
  operations.push(
    ...demoScrutiny(ctx, today, now, day, themes, {
      chair: DEMO_PEOPLE[0].id,
      businessUnit: DEMO_PEOPLE[1].id,
      police: { id: police.id, agencyId: police.agencyId as string },
      health: { id: health.id, agencyId: health.agencyId as string },
      socialCare: { id: csc.id, agencyId: csc.agencyId as string },
    }, ctx.settings.scrutiny.auditDomains),
  );

  for (let start = 0; start < operations.length; start += MAX_OPERATIONS_PER_COMMIT) {
    await ctx.stores.commit(operations.slice(start, start + MAX_OPERATIONS_PER_COMMIT));
  }
  ctx.logger.info({ reviews: reviews.length, actions: actions.length, members: everyone.length }, 'seeded demo data');
  return { seeded: true };
}
