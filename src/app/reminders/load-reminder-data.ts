import type { Action } from '../../domain/action';
import type { Agency } from '../../domain/agency';
import type { AssuranceRequest } from '../../domain/assurance-request';
import type { IsoDate } from '../../domain/calendar';
import type { Meeting } from '../../domain/meeting';
import type { Member } from '../../domain/member';
import type { ReminderSnooze } from '../../domain/reminder-policy';
import type { Review } from '../../domain/review';
import { listAll } from '../../ports/document-store';
import type { AppContext } from '../app-context';
import { KIND } from '../kinds';
import type { ReminderData } from '../reminder-views';

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
