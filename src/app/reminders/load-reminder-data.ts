import type { Action } from '../../domain/actions/action';
import type { Agency } from '../../domain/directory/agency';
import type { AssuranceRequest } from '../../domain/reviews/assurance-request';
import type { IsoDate } from '../../domain/calendar';
import type { Meeting } from '../../domain/reviews/meeting';
import type { Member } from '../../domain/directory/member';
import type { ReminderSnooze } from '../../domain/reminders/reminder-policy';
import type { Review } from '../../domain/reviews/review';
import { listAll } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { KIND } from '../kernel/kinds';
import type { ReminderData } from './reminder-views';

/** Reads what the policies look at: one partnership's records (thousands at most), once per tick. */
export async function loadReminderData(ctx: AppContext, today: IsoDate) {
  const [actions, reviews, members, agencies, meetings, requests, snoozes] = await Promise.all([
    listAll<Action>(ctx.store, KIND.action, ctx.partnershipId),
    listAll<Review>(ctx.store, KIND.review, ctx.partnershipId),
    listAll<Member>(ctx.store, KIND.member, ctx.partnershipId),
    listAll<Agency>(ctx.store, KIND.agency, ctx.partnershipId),
    listAll<Meeting>(ctx.store, KIND.meeting, ctx.partnershipId),
    listAll<AssuranceRequest>(ctx.store, KIND.assuranceRequest, ctx.partnershipId),
    listAll<ReminderSnooze>(ctx.store, KIND.reminderSnooze, ctx.partnershipId),
  ]);
  const data: ReminderData = {
    today,
    settings: ctx.settings.reminders,
    holidays: ctx.holidays,
    actions: new Map(actions.map((item) => [item.id, item])),
    reviews: new Map(reviews.map((item) => [item.id, item])),
    members: new Map(members.map((item) => [item.id, item])),
    agencies: new Map(agencies.map((item) => [item.id, item])),
    meetings: new Map(meetings.map((item) => [item.id, item])),
    requests: new Map(requests.map((item) => [item.id, item])),
    auditTitles: new Map(),
  };
  return { data, actions, reviews, members, agencies, meetings, requests, snoozes };
}
