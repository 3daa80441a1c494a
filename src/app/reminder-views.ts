import type { Action } from '../domain/action';
import type { Agency } from '../domain/agency';
import type { AssuranceRequest } from '../domain/assurance-request';
import type { IsoDate } from '../domain/calendar';
import type { Meeting } from '../domain/meeting';
import type { Member } from '../domain/member';
import type { ReminderSettings } from '../domain/reminder-policy';
import type { Review } from '../domain/review';
import type { HolidayCalendar } from '../ports/holiday-calendar';

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
