import type { Action } from '../../domain/actions/action';
import type { Agency } from '../../domain/directory/agency';
import type { AssuranceRequest } from '../../domain/reviews/assurance-request';
import type { IsoDate } from '../../domain/calendar';
import type { Meeting } from '../../domain/reviews/meeting';
import type { Member } from '../../domain/directory/member';
import type { ReminderSettings } from '../../domain/reminders/reminder-policy';
import type { Review } from '../../domain/reviews/review';
import type { HolidayCalendar } from '../../ports/holiday-calendar';

/** Everything the digests read, loaded once per tick. */
export interface ReminderData {
  today: IsoDate;
  settings: ReminderSettings;
  holidays: HolidayCalendar;
  actions: Map<string, Action>;
  reviews: Map<string, Review>;
  members: Map<string, Member>;
  agencies: Map<string, Agency>;
  meetings: Map<string, Meeting>;
  requests: Map<string, AssuranceRequest>;
  auditTitles: Map<string, string>;
}
