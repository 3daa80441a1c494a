import type { IsoDate } from '../../domain/calendar';
import type { AppContext } from '../kernel/app-context';
import type { ReminderData } from './reminder-views';

/** Reads what the policies look at: one partnership's records (thousands at most), once per tick. */
export async function loadReminderData(ctx: AppContext, today: IsoDate) {
  const [actions, reviews, members, agencies, meetings, requests, snoozes] = await Promise.all([
    ctx.stores.actions.all(),
    ctx.stores.reviews.all(),
    ctx.stores.members.all(),
    ctx.stores.agencies.all(),
    ctx.stores.meetings.all(),
    ctx.stores.assuranceRequests.all(),
    ctx.stores.reminderSnoozes.all(),
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
